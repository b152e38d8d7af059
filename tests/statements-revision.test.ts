/**
 * Re-issue after a correction: a statement sent keeps what it stated; a late payment with an
 * earlier value date lists it as affected with the figures then and now; the revision ("Rev. 1",
 * its own reference and Message-ID) goes out once per recipient, and the original stays in the
 * history. The mails are read back from a real outbox, the PDF parsed back.
 */
import { Clock, Contribution, MemberState } from "@tracker/core";
import { split } from "@tracker/core/contribution/excess";
import { justEndedAt } from "@tracker/core/statement/periods";
import { simpleParser, type ParsedMail } from "mailparser";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pdfText, plain } from "./support/pdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";

const outbox = mkdtempSync(join(tmpdir(), "revision-outbox-"));
process.env.MAIL_OUTBOX = outbox;
process.env.MAIL_FROM = "CICA Secretariat <statements@secretariat.example.org>";

async function mails(): Promise<ParsedMail[]> {
  const files = readdirSync(outbox).filter((f) => f.endsWith(".eml")).sort();
  return Promise.all(files.map((f) => simpleParser(readFileSync(join(outbox, f)))));
}
const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address;
const at = (iso: string) => Clock.set(() => Date.parse(iso));

let finance: string;
let viewer: string;
let pledge: string;
let original: Array<{ email: string; messageId: string }> = [];

beforeAll(async () => {
  finance = (await userWith(["finance"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
  await asSystem(async () => {
    await MemberState.create({
      code: "UZ",
      name: { en: "Uzbekistan", ru: "Узбекистан" },
      status: "member",
      contacts: [
        { name: "UZ en", email: "uz.en@example.org", language: "en" },
        { name: "UZ ru", email: "uz.ru@example.org", language: "ru" },
      ],
    });
    const usd = (over: Partial<Contribution.CreateInput>) =>
      Contribution.create({ stateCode: "UZ", kind: "cash", status: "received", amount: "1.00", currency: "USD", date: "2003-01-01", purpose: "regular_budget", ...over } as Contribution.CreateInput);
    pledge = (await usd({ status: "pledged", amount: "10000.00", date: "2003-01-10", reference: "UZ-P-2003" })).id;
    await usd({ amount: "2500.00", date: "2003-02-14", pledgeId: pledge, reference: "PO-2003-1" });
  });
});
afterAll(() => Clock.reset());

describe("a revised statement after a late payment with an earlier value date", () => {
  it("the statement sent for Q1 2003 is not affected while nothing changed", async () => {
    at("2003-04-02T08:00:00Z");
    const run = await call("POST", "/api/summaries/run", { cookie: finance, body: { period: "2003-Q1", states: ["UZ"] } });
    expect(run.status, run.text).toBe(200);
    expect(run.json.sent.map((s: { email: string }) => s.email).sort()).toEqual(["uz.en@example.org", "uz.ru@example.org"]);
    original = run.json.sent;
    const affected = await call("GET", "/api/summaries/affected?period=2003-Q1", { cookie: finance });
    expect(affected.status, affected.text).toBe(200);
    expect(affected.json.items).toEqual([]);
  });

  it("lists the sent statement as affected by a payment of 1,500.00 dated 20 March, with the figures then and now", async () => {
    at("2003-04-20T09:00:00Z");
    await asSystem(() =>
      Contribution.create({ stateCode: "UZ", kind: "cash", status: "received", amount: "1500.00", currency: "USD", date: "2003-03-20", purpose: "regular_budget", pledgeId: pledge, reference: "PO-2003-2" } as Contribution.CreateInput),
    );
    const res = await call("GET", "/api/summaries/affected?period=2003-Q1", { cookie: finance });
    expect(res.status, res.text).toBe(200);
    const changes = [
      { figure: "movements.received", then: "2500.00", now: "4000.00" },
      { figure: "totals.received", then: "2500.00", now: "4000.00" },
      { figure: "totals.outstanding", then: "7500.00", now: "6000.00" },
    ];
    const item = (email: string, lang: string) => ({
      period: "2003-Q1",
      state: "UZ",
      stateName: { en: "Uzbekistan", ru: "Узбекистан" },
      email,
      lang,
      reference: "SEC/FIN/2003-Q1/UZ",
      revision: 0,
      sentAt: "2003-04-02T08:00:00.000Z",
      nextRevision: 1,
      changes,
      linesChanged: true,
      lines: { then: 2, now: 3 },
    });
    expect(res.json.items).toEqual([item("uz.en@example.org", "en"), item("uz.ru@example.org", "ru")]);
    // Without a period: every period a run sent statements for, the same list.
    expect((await call("GET", "/api/summaries/affected", { cookie: finance })).json.items).toEqual(res.json.items);
    expect((await call("GET", "/api/summaries/affected", { cookie: viewer })).status).toBe(403);
  });

  it("sends Rev. 1 once to each recipient, with its own reference and Message-ID; a second request sends nothing and says so", async () => {
    const before = (await mails()).length;
    const res = await call("POST", "/api/summaries/revisions", { cookie: finance, body: { period: "2003-Q1", state: "UZ", revision: 1 } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.reference).toBe("SEC/FIN/2003-Q1/UZ/Rev.1");
    expect(res.json.sent.map((s: { email: string; reference: string }) => [s.email, s.reference]).sort()).toEqual([
      ["uz.en@example.org", "SEC/FIN/2003-Q1/UZ/Rev.1"],
      ["uz.ru@example.org", "SEC/FIN/2003-Q1/UZ/Rev.1"],
    ]);
    for (const s of res.json.sent as Array<{ email: string; messageId: string }>) {
      const first = original.find((o) => o.email === s.email)!;
      expect(s.messageId).not.toBe(first.messageId);
      expect(s.messageId).toMatch(/^<statement\.2003-Q1\.UZ\.rev1\.[0-9a-f]{16}@secretariat\.example\.org>$/);
    }
    expect(res.json.failed).toEqual([]);

    const again = await call("POST", "/api/summaries/revisions", { cookie: finance, body: { period: "2003-Q1", state: "UZ", revision: 1 } });
    expect(again.status, again.text).toBe(200);
    expect(again.json.sent).toEqual([]);
    expect(again.json.skipped).toEqual([
      { state: "UZ", email: "uz.en@example.org", reason: "already_sent" },
      { state: "UZ", email: "uz.ru@example.org", reason: "already_sent" },
    ]);
    expect((await mails()).length).toBe(before + 2);
    // Nothing is affected any more; the next revision cannot be skipped to.
    expect((await call("GET", "/api/summaries/affected?period=2003-Q1", { cookie: finance })).json.items).toEqual([]);
    const skip = await call("POST", "/api/summaries/revisions", { cookie: finance, body: { period: "2003-Q1", state: "UZ", revision: 3 } });
    expect(skip.status).toBe(400);
    expect(skip.json.error.issues[0]).toMatchObject({ path: "revision", code: "statement.revision_next", params: { revision: 3, next: 2 } });
    // A revision with nothing new to say sends nothing.
    const idle = await call("POST", "/api/summaries/revisions", { cookie: finance, body: { period: "2003-Q1", state: "UZ", revision: 2 } });
    expect(idle.json.sent).toEqual([]);
    expect(idle.json.skipped.map((s: { reason: string }) => s.reason)).toEqual(["unchanged", "unchanged"]);
  });

  it("the revised mail and its PDF say Rev. 1, replace the note of 2 April 2003 and give the figures now", async () => {
    const all = await mails();
    const revised = all.filter((m) => (m.headers.get("x-statement-reference") as string).endsWith("/Rev.1"));
    expect(revised.map(to).sort()).toEqual(["uz.en@example.org", "uz.ru@example.org"]);
    const en = revised.find((m) => to(m) === "uz.en@example.org")!;
    const ru = revised.find((m) => to(m) === "uz.ru@example.org")!;
    expect(en.subject).toBe("Statement of voluntary contributions of Uzbekistan to the CICA budget, Q1 2003 (Ref. SEC/FIN/2003-Q1/UZ/Rev.1)");
    const enText = plain(en.text!);
    expect(enText).toContain("Ref. SEC/FIN/2003-Q1/UZ/Rev.1 (Rev. 1)");
    expect(enText).toContain("This note replaces note No. SEC/FIN/2003-Q1/UZ of 2 April 2003.");
    expect(enText).toContain("Financial contributions received: USD 4,000.00");
    expect(enText).toContain("Pledges of the year outstanding: USD 6,000.00");
    expect(plain(ru.text!)).toContain("Настоящая нота заменяет ноту № SEC/FIN/2003-Q1/UZ от 2 апреля 2003 г.");

    const [attachment] = en.attachments;
    expect(attachment!.filename).toBe("SEC-FIN-2003-Q1-UZ-Rev.1-en.pdf");
    const pdf = await pdfText(attachment!.content);
    expect(pdf).toContain("No. SEC/FIN/2003-Q1/UZ/Rev.1 Rev. 1");
    expect(pdf).toContain("This note replaces note No. SEC/FIN/2003-Q1/UZ of 2 April 2003.");
    expect(pdf).toContain("Financial contributions received USD 4,000.00");
    expect(pdf).toContain("Pledges of the year outstanding USD 6,000.00");
    expect(pdf).toContain("PO-2003-2");
    const ruPdf = await pdfText(ru.attachments[0]!.content);
    expect(ruPdf).toContain("Ред. 1");
  });

  it("keeps the original in the history beside its revision", async () => {
    const res = await call("GET", "/api/summaries/deliveries?period=2003-Q1", { cookie: finance });
    expect(res.status, res.text).toBe(200);
    const rows = (res.json.items as Array<{ email: string; reference: string; status: string; revision?: number; replaces?: string; sentAt: string }>)
      .map((d) => [d.email, d.reference, d.status, d.revision ?? 0, d.replaces ?? "", d.sentAt])
      .sort();
    expect(rows).toEqual([
      ["uz.en@example.org", "SEC/FIN/2003-Q1/UZ", "sent", 0, "", "2003-04-02T08:00:00.000Z"],
      ["uz.en@example.org", "SEC/FIN/2003-Q1/UZ/Rev.1", "sent", 1, "SEC/FIN/2003-Q1/UZ", "2003-04-20T09:00:00.000Z"],
      ["uz.ru@example.org", "SEC/FIN/2003-Q1/UZ", "sent", 0, "", "2003-04-02T08:00:00.000Z"],
      ["uz.ru@example.org", "SEC/FIN/2003-Q1/UZ/Rev.1", "sent", 1, "SEC/FIN/2003-Q1/UZ", "2003-04-20T09:00:00.000Z"],
    ]);
  });

  it("a void after Rev. 1 lists the statement again, then as revision 2 against Rev. 1", async () => {
    at("2003-05-05T09:00:00Z");
    const { items } = (await call("GET", "/api/contributions?year=2003&state=UZ", { cookie: finance })).json as { items: Array<{ id: string; reference?: string; version: number }> };
    const late = items.find((c) => c.reference === "PO-2003-2")!;
    const voided = await call("POST", `/api/contributions/${late.id}/void`, { cookie: finance, body: { reason: "Entered twice", version: late.version } });
    expect(voided.status, voided.text).toBe(200);
    const res = await call("GET", "/api/summaries/affected?period=2003-Q1", { cookie: finance });
    expect(res.json.items).toHaveLength(2);
    expect(res.json.items[0]).toMatchObject({
      reference: "SEC/FIN/2003-Q1/UZ/Rev.1",
      revision: 1,
      nextRevision: 2,
      changes: [
        { figure: "movements.received", then: "4000.00", now: "2500.00" },
        { figure: "totals.received", then: "4000.00", now: "2500.00" },
        { figure: "totals.outstanding", then: "6000.00", now: "7500.00" },
      ],
      lines: { then: 3, now: 2 },
    });
  });
});

describe("the rules the web takes from core", () => {
  it("the quarter just ended is by the UTC date, whatever the browser's zone", () => {
    // 1 April 2023, 04:30 UTC is still 31 March in New York: the quarter just ended is Q1 2023.
    expect(justEndedAt("quarter", new Date("2023-03-31T23:30:00-05:00")).id).toBe("2023-Q1");
    expect(justEndedAt("quarter", new Date("2023-03-31T23:30:00Z")).id).toBe("2022-Q4");
    expect(justEndedAt("year", new Date("2024-01-01T00:00:00Z")).id).toBe("2023");
  });

  it("an overpayment splits exactly, in minor units, into what pays the pledge and the excess", () => {
    expect(split("600000.00", "500000.00", "CNY")).toEqual({ pays: "500000.00", excess: "100000.00" });
    expect(split("0.30", "0.10", "USD")).toEqual({ pays: "0.10", excess: "0.20" });
    expect(split("1000", "999", "JPY")).toEqual({ pays: "999", excess: "1" });
    expect(split("12.345", "12", "KWD")).toEqual({ pays: "12.000", excess: "0.345" });
    expect(split("50.00", "0.00", "USD")).toEqual({ excess: "50.00" });
    expect(split("500.00", "500.00", "USD")).toBeUndefined();
    expect(split("abc", "1.00", "USD")).toBeUndefined();
  });
});
