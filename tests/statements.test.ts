/**
 * Statements by email: built once with nodemailer's composer, written to a
 * real outbox folder or sent over a real SMTP exchange (smtp-server on
 * loopback), read back with mailparser.
 */
import { Clock, Contribution, MemberState, Summary } from "@tracker/core";
import { Mail } from "@tracker/core/mail";
import { SummaryDeliveryEntity } from "@tracker/core/summary/summary.entity";
import { simpleParser, type ParsedMail } from "mailparser";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";

const outbox = mkdtempSync(join(tmpdir(), "outbox-"));
process.env.MAIL_OUTBOX = outbox;
process.env.MAIL_FROM = "CICA Secretariat <statements@secretariat.example.org>";

const HOSTILE = `<script>alert("x")</script> & "Friends"`;
let finance: string;

const emls = () => readdirSync(outbox).filter((f) => f.endsWith(".eml")).sort();
/** The messages, with Intl's no-break spaces made plain so the text reads as written below. */
async function parsed(): Promise<ParsedMail[]> {
  const mails = await Promise.all(emls().map((f) => simpleParser(readFileSync(join(outbox, f)))));
  for (const m of mails) m.text = m.text?.replace(/[\u00a0\u202f]/g, " ");
  return mails;
}
const run = (input: Summary.RunInput, options: Summary.RunOptions = {}) => asSystem(() => Summary.run(input, options));

async function setContacts(code: string, contacts: MemberState.Contact[]) {
  const s = (await MemberState.find(code))!;
  await MemberState.update({ code, name: s.name, status: s.status, contacts, version: s.version });
}

beforeAll(async () => {
  await asSystem(async () => {
    await MemberState.seed(seedStates());
    await setContacts("KZ", [
      { name: "Фокальная точка", email: "kz.ru@example.org", language: "ru" },
      { name: "Focal point", email: "kz.en@example.org", language: "en" },
    ]);
    await setContacts("TR", [{ name: "TR focal", email: "tr@example.org", language: "en" }]);
    await setContacts("RU", [{ name: "RU focal", email: "ru@example.org", language: "ru" }]);
    await MemberState.create({ code: "XA", name: { en: HOSTILE, ru: HOSTILE }, status: "member", contacts: [{ name: HOSTILE, email: "xa@example.org", language: "en" }] });
    const c = (x: Partial<Contribution.CreateInput>) =>
      Contribution.create({ stateCode: "KZ", kind: "cash", status: "received", amount: "23012500.00", currency: "KZT", exchangeRate: "460.25", date: "2022-02-15", purpose: "regular_budget", ...x } as Contribution.CreateInput);
    await c({}); // 50,000.00 USD
    await c({ kind: "in_kind", amount: "4602500.00", description: "Hall & <b>interpretation</b>", date: "2022-10-12" }); // 10,000.00 USD
    await c({ amount: "8600000.00", exchangeRate: "430", date: "2021-03-10" }); // 2021: 20,000.00 USD
    await c({ stateCode: "TR", status: "pledged", amount: "150000.00", currency: "TRY", exchangeRate: "15", date: "2022-05-01" }); // 10,000.00 USD pledged
    await c({ stateCode: "XA", amount: "100", currency: "USD", exchangeRate: undefined, date: "2022-06-01", reference: HOSTILE });
  });
  finance = (await userWith(["finance"])).cookie;
});

afterEach(() => Clock.reset());

describe("statements for a period", () => {
  it("writes one message per focal point, in the contact's language, with the reference and the report's totals", async () => {
    const result = await run({ period: "2022", states: ["KZ", "TR", "RU", "QA"] });
    expect(result.sent.map((s) => s.email).sort()).toEqual(["kz.en@example.org", "kz.ru@example.org", "ru@example.org", "tr@example.org"]);
    expect(result.skipped).toEqual([{ state: "QA", reason: "no_contacts" }]);
    expect(result.failed).toEqual([]);

    const mails = await parsed();
    expect(mails).toHaveLength(4);
    const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address;
    const en = mails.find((m) => to(m) === "kz.en@example.org")!;
    const ru = mails.find((m) => to(m) === "kz.ru@example.org")!;
    expect(en.from!.value[0]!.address).toBe("statements@secretariat.example.org");
    expect(en.subject).toBe("Statement of voluntary contributions of Kazakhstan to the CICA budget, 2022 (Ref. SEC/FIN/2022/KZ)");
    expect(ru.subject).toBe("Выписка о добровольных взносах в бюджет СВМДА: Казахстан, 2022 г. (исх. SEC/FIN/2022/KZ)");
    expect(en.headers.get("content-language")).toBe("en");
    expect(ru.headers.get("content-language")).toBe("ru");
    expect(en.headers.get("x-statement-reference")).toBe("SEC/FIN/2022/KZ");

    // The totals are the contributions report's, formatted for each language.
    const report = (await call("GET", "/api/reports/contributions?year=2022", { cookie: finance })).json;
    const kz = report.byState.find((s: { code: string }) => s.code === "KZ");
    expect([kz.receivedUsd, kz.inKindUsd]).toEqual(["50000.00", "10000.00"]);
    expect(en.text).toContain("Financial contributions received: USD 50,000.00");
    expect(en.text).toContain("Contributions in kind: USD 10,000.00");
    expect(en.text).toContain("15 February 2022");
    expect(en.text).toContain("KZT 23,012,500.00");
    expect(en.text).toContain("fiscal year 2021 to 31 December 2021");
    expect(en.text).toContain("Financial contributions received: USD 20,000.00");
    expect(en.text).toContain("deep appreciation to the Republic of Kazakhstan");
    expect(ru.text).toContain("Поступившие денежные взносы: 50 000,00 USD");
    expect(ru.text).toContain("15 февраля 2022 г.");
    expect(ru.text).toContain("глубокую признательность Республике Казахстан");
    expect(ru.text).toMatch(/по состоянию на 31 декабря 2022 г\.\n/);
    expect(ru.text).not.toContain("г..");
    expect(ru.html).toContain('lang="ru"');

    const russia = mails.find((m) => to(m) === "ru@example.org")!;
    expect(russia.text).toContain("За 2022 финансовый год взносы не учитывались.");
    expect(russia.text).toContain("будет признателен за любой добровольный взнос в бюджет СВМДА");
    const turkey = mails.find((m) => to(m) === "tr@example.org")!;
    expect(turkey.text).toContain("Pledges of the year outstanding: USD 10,000.00");
  });

  it("escapes everything that came from data in the HTML", async () => {
    await run({ period: "2022", states: ["XA"] });
    const mail = (await parsed()).find((m) => m.subject?.includes("SEC/FIN/2022/XA"))!;
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Friends&quot;");
    expect(mail.text).toContain(HOSTILE);
    const kz = (await parsed()).find((m) => m.subject?.includes("SEC/FIN/2022/KZ"))!;
    expect(kz.html).toContain("Hall &amp; &lt;b&gt;interpretation&lt;/b&gt;");
  });

  it("reports each state's own outcome as it finishes, though several run at once", async () => {
    const lines: Array<[string, { sent: number; skipped: number; failed: number }]> = [];
    await run({ period: "2021", states: ["KZ", "TR", "RU", "QA"] }, { onState: (state, o) => lines.push([state, { ...o }]) });
    expect(Object.fromEntries(lines)).toEqual({
      KZ: { sent: 2, skipped: 0, failed: 0 },
      TR: { sent: 1, skipped: 0, failed: 0 },
      RU: { sent: 1, skipped: 0, failed: 0 },
      QA: { sent: 0, skipped: 1, failed: 0 },
    });
  });

  it("a second run sends nothing new", async () => {
    const before = emls().length;
    const again = await run({ period: "2022", states: ["KZ", "TR", "RU"] });
    expect(again.sent).toEqual([]);
    expect(again.skipped.map((s) => s.reason)).toEqual(["already_sent", "already_sent", "already_sent", "already_sent"]);
    expect(emls().length).toBe(before);
  });

  it("two runs at once send each recipient exactly once", async () => {
    const before = emls().length;
    const [a, b] = await Promise.all([run({ period: "2022-Q4", states: ["KZ", "TR"] }), run({ period: "2022-Q4", states: ["KZ", "TR"] })]);
    expect(a.sent.length + b.sent.length).toBe(3);
    expect(emls().length).toBe(before + 3);
    const deliveries = await asSystem(() => Summary.deliveries({ period: "2022-Q4" }));
    expect(deliveries.map((d) => [d.email, d.status, d.attempts])).toEqual([
      ["kz.en@example.org", "sent", 1],
      ["kz.ru@example.org", "sent", 1],
      ["tr@example.org", "sent", 1],
    ]);
  });

  it("a dry run lists what would be sent and sends nothing", async () => {
    const before = emls().length;
    const dry = await run({ period: "2022-11", states: ["KZ", "TR", "QA"], dryRun: true });
    expect(dry.sent.map((s) => s.email).sort()).toEqual(["kz.en@example.org", "kz.ru@example.org", "tr@example.org"]);
    expect(emls().length).toBe(before);
    expect(await asSystem(() => Summary.deliveries({ period: "2022-11" }))).toEqual([]);
  });
});

describe("failures", () => {
  it("a recipient the mail server refuses does not stop the others; the next run retries and sends it, attempts kept", async () => {
    let refuse = true;
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onRcptTo(address, _session, callback) {
        if (refuse && address.address === "tr@example.org") return callback(new Error("550 Mailbox unavailable"));
        callback();
      },
      onData(stream, session, callback) {
        stream.resume();
        stream.on("end", () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.server.address() as { port: number }).port;
    const transport = Mail.smtp(`smtp://127.0.0.1:${port}`);
    try {
      const first = await run({ period: "2022-Q3", states: ["TR", "KZ"] }, { transport });
      expect(first.sent.map((s) => s.email).sort()).toEqual(["kz.en@example.org", "kz.ru@example.org"]);
      expect(first.failed).toMatchObject([{ state: "TR", email: "tr@example.org", attempts: 1 }]);
      expect(first.failed[0]!.error).toMatch(/550|Mailbox unavailable/);

      refuse = false;
      const second = await run({ period: "2022-Q3", states: ["TR", "KZ"] }, { transport });
      expect(second.sent.map((s) => s.email)).toEqual(["tr@example.org"]);
      expect(received.sort()).toEqual(["kz.en@example.org", "kz.ru@example.org", "tr@example.org"]);
      const tr = (await asSystem(() => Summary.deliveries({ period: "2022-Q3" }))).find((d) => d.email === "tr@example.org")!;
      expect(tr).toMatchObject({ status: "sent", attempts: 2 });
      expect(tr.lastError).toMatch(/550|Mailbox unavailable/);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("a claim that never finished is left alone until its lease expires, then retried", async () => {
    const start = Date.now();
    await SummaryDeliveryEntity.put({
      period: "2022-Q2", stateCode: "TR", recipient: "tr@example.org", lang: "en", status: "claimed", attempts: 1,
      leaseUntil: start + Summary.LEASE_MS, claimToken: "crashed-run", runId: "crashed", reference: "SEC/FIN/2022-Q2/TR",
      messageId: "<x@y>", updatedAt: new Date(start).toISOString(),
    }).go();
    const during = await run({ period: "2022-Q2", states: ["TR"] });
    expect(during.skipped).toEqual([{ state: "TR", email: "tr@example.org", reason: "in_progress" }]);
    Clock.set(() => start + Summary.LEASE_MS + 1000);
    const after = await run({ period: "2022-Q2", states: ["TR"] });
    expect(after.sent.map((s) => s.email)).toEqual(["tr@example.org"]);
    const d = (await asSystem(() => Summary.deliveries({ period: "2022-Q2" })))[0]!;
    expect(d).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("an unknown state is reported as skipped, and each run is stored with what it did", async () => {
    const r = await run({ period: "2022-Q1", states: ["ZZ"] });
    expect(r.skipped).toEqual([{ state: "ZZ", reason: "unknown_state" }]);
    const runs = (await call("GET", "/api/summaries/runs", { cookie: finance })).json.items;
    expect(runs.find((x: { runId: string }) => x.runId === r.runId)).toMatchObject({ period: "2022-Q1", skipped: [{ state: "ZZ" }] });
    expect(runs.length).toBeGreaterThanOrEqual(8);
  });
});

describe("Amazon SES v2", () => {
  it("sends the same MIME message through SendEmail (a local stand-in records the requests)", async () => {
    const requests: Array<{ url: string; body: { FromEmailAddress: string; Destination: { ToAddresses: string[] }; Content: { Raw: { Data: string } } } }> = [];
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      let data = "";
      req.on("data", (d) => (data += d));
      req.on("end", () => {
        requests.push({ url: req.url ?? "", body: JSON.parse(data) });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ MessageId: `ses-${requests.length}` }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const saved = { ...process.env };
    Object.assign(process.env, {
      SES_ENDPOINT: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
      AWS_REGION: "eu-central-1",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
    });
    try {
      const result = await run({ period: "2022-10", states: ["KZ"] }, { transport: Mail.ses() });
      expect(result.sent).toHaveLength(2);
      expect(requests.map((r) => r.url)).toEqual(["/v2/email/outbound-emails", "/v2/email/outbound-emails"]);
      const first = requests.find((r) => r.body.Destination.ToAddresses[0] === "kz.ru@example.org")!;
      expect(first.body.FromEmailAddress).toBe("CICA Secretariat <statements@secretariat.example.org>");
      const mail = await simpleParser(Buffer.from(first.body.Content.Raw.Data, "base64"));
      expect(mail.subject).toBe("Выписка о добровольных взносах в бюджет СВМДА: Казахстан, октябрь 2022 г. (исх. SEC/FIN/2022-10/KZ)");
      const deliveries = await asSystem(() => Summary.deliveries({ period: "2022-10" }));
      expect(deliveries.map((d) => d.status)).toEqual(["sent", "sent"]);
    } finally {
      process.env = saved;
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe("the API", () => {
  it("previews Kazakhstan's statement in Russian, with its recipients", async () => {
    const res = await call("GET", "/api/summaries/preview?state=KZ&period=2022-Q4&lang=ru", { cookie: finance });
    expect(res.status).toBe(200);
    expect(res.json.subject).toContain("SEC/FIN/2022-Q4/KZ");
    expect(res.json.html).toContain("Казахстан");
    expect(res.json.to).toEqual([
      { name: "Фокальная точка", email: "kz.ru@example.org", language: "ru" },
      { name: "Focal point", email: "kz.en@example.org", language: "en" },
    ]);
  });

  it("serves the statement's HTML alone for a frame: inline styles allowed, scripts not, framed only by the site", async () => {
    const res = await call("GET", "/api/summaries/preview.html?state=XA&period=2022&lang=en", { cookie: finance });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain("script-src");
    expect(res.text).not.toContain("<script>");
    expect(res.text).toContain("&lt;script&gt;");
  });

  it("runs a dry run, and refuses bad periods and other roles", async () => {
    const dry = await call("POST", "/api/summaries/run", { cookie: finance, body: { period: "2023", dryRun: true, states: ["KZ"] } });
    expect(dry.status).toBe(200);
    expect(dry.json.sent).toHaveLength(2);
    const bad = await call("POST", "/api/summaries/run", { cookie: finance, body: { period: "2023-Q5" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe("period");
    for (const role of ["hr", "viewer"] as const) {
      const { cookie } = await userWith([role]);
      expect((await call("POST", "/api/summaries/run", { cookie, body: { period: "2023", dryRun: true } })).status).toBe(403);
      expect((await call("GET", "/api/summaries/preview?state=KZ&period=2023", { cookie })).status).toBe(403);
    }
    const deliveries = await call("GET", "/api/summaries/deliveries?period=2022", { cookie: finance });
    expect(deliveries.json.items.length).toBeGreaterThanOrEqual(5);
  });
});

describe("the schedule", () => {
  it("runs at 06:00 UTC on the first day of each quarter, for the quarter just ended", () => {
    const c = Summary.Schedule.config({});
    expect(Summary.Schedule.cronExpression(c)).toBe("cron(0 6 1 1,4,7,10 ? *)");
    expect(Summary.Schedule.next(c, new Date("2026-11-28T12:00:00Z"))!.toISOString()).toBe("2027-01-01T06:00:00.000Z");
    expect(Summary.Schedule.next(c, new Date("2027-01-01T05:59:00Z"))!.toISOString()).toBe("2027-01-01T06:00:00.000Z");
    expect(Summary.Schedule.next(c, new Date("2027-01-01T06:00:00Z"))!.toISOString()).toBe("2027-04-01T06:00:00.000Z");
    const monthly = Summary.Schedule.config({ STATEMENT_PERIOD: "month", STATEMENT_HOUR_UTC: "7" });
    expect(Summary.Schedule.cronExpression(monthly)).toBe("cron(0 7 1 * ? *)");
    expect(Summary.Schedule.next(monthly, new Date("2026-12-15T00:00:00Z"))!.toISOString()).toBe("2027-01-01T07:00:00.000Z");
  });
});

