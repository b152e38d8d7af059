/**
 * The weekly HR digest of rotation alerts (90, 60, 30 and 0 days before a secondment's last day):
 * one email per HR user per ISO week, in the user's language (English unless the user's record
 * says Russian, set by an admin where users are edited), sent exactly once under a repeated or a concurrent run, over a real SMTP exchange
 * (smtp-server on a local port) and read back with mailparser. DynamoDB Local.
 */
import "@tracker/core/mail";
import { Mail } from "@tracker/core/mail";
import { Actor, MemberState, Notice, User } from "@tracker/core";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";

process.env.MAIL_FROM = "CICA Secretariat <hr@secretariat.example.org>";

/** Monday 2 March 2026: ISO week 2026-W10, to Sunday 8 March. */
const MONDAY = "2026-03-02";
let hr: string;
let refuse: string | undefined;
const received: ParsedMail[] = [];
let server: SMTPServer;
let transport: Mail.Transport;

async function ok(res: { status: number; text: string; json: any }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${res.text}`);
  return res.json;
}

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, callback) {
      if (address.address === refuse) return callback(new Error("550 Mailbox unavailable"));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        received.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  transport = Mail.smtp(`smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`);

  await asSystem(() => MemberState.seed(seedStates()));
  hr = (await userWith(["hr"], "hr.one@example.org")).cookie;
  await userWith(["hr", "viewer"], "hr.two@example.org");
  // An admin sets the second HR user's language to Russian, where users are edited.
  const admin = (await userWith(["admin"])).cookie;
  const two = (await call("GET", "/api/users", { cookie: admin })).json.items.find((u: any) => u.email === "hr.two@example.org");
  expect(two.language).toBe("en");
  const changed = await call("PATCH", "/api/users/hr.two@example.org", { cookie: admin, body: { language: "ru", version: two.version } });
  expect(changed.status, changed.text).toBe(200);
  expect(changed.json).toMatchObject({ language: "ru", version: two.version + 1 });
  const bad = await call("PATCH", "/api/users/hr.two@example.org", { cookie: admin, body: { language: "fr", version: two.version + 1 } });
  expect(bad.status).toBe(400);
  expect(bad.json.error.issues.map((i: any) => i.path)).toEqual(["language"]);
  await userWith(["finance"], "finance@example.org");
  await userWith(["hr"], "hr.gone@example.org");
  const gone = (await asSystem(() => User.list({}))).find((u) => u.email === "hr.gone@example.org")!;
  await asSystem(() => User.update({ email: gone.email, disabled: true, version: gone.version }));

  let n = 0;
  const second = async (personName: string, sendingState: string, startOn: string, endOn: string) => {
    const post = await ok(await call("POST", "/api/posts", { cookie: hr, body: { number: `D-${++n}`, title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "secondment" } }));
    return ok(await call("POST", "/api/secondments", { cookie: hr, body: { personName, sendingState, postId: post.id, startOn, endOn } }));
  };
  await second("Aidos Serikbayev", "KZ", "2024-06-01", "2026-05-31"); // 90 days before: Monday 2 March
  await second("Li Wei", "CN", "2024-05-01", "2026-04-05"); // 30 days before: Friday 6 March
  await second("Elif Kaya", "TR", "2025-03-09", "2026-03-08"); // its last day: Sunday 8 March
  await second("Kim Min-jun", "KR", "2024-05-02", "2026-05-01"); // 60 days before: Monday 2 March
  await second("Omar Al-Thani", "QA", "2024-06-16", "2026-06-15"); // 90 days before: 17 March, not this week
  await second("Rustam Karimov", "TJ", "2024-06-08", "2026-06-08"); // 90 days before: Tuesday 10 March, next week
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const run = (today: string) => asSystem(() => Notice.run({ today, transport }));

describe("the weekly HR digest", () => {
  it("knows ISO weeks, across a year's turn", () => {
    expect(Notice.isoWeek(MONDAY)).toEqual({ id: "2026-W10", monday: "2026-03-02", sunday: "2026-03-08" });
    expect(Notice.isoWeek("2027-01-01")).toEqual({ id: "2026-W53", monday: "2026-12-28", sunday: "2027-01-03" });
    expect(Notice.isoWeek("2025-12-29").id).toBe("2026-W01");
  });

  it("goes once to each HR user who may sign in, the week's alerts under their thresholds, each in the user's language", async () => {
    const first = await run(MONDAY);
    expect(first.failed).toEqual([]);
    expect(first.sent.map((s) => s.email).sort()).toEqual(["hr.one@example.org", "hr.two@example.org"]);
    expect(received.map(to).sort()).toEqual(["hr.one@example.org", "hr.two@example.org"]);
    const mail = received.find((m) => to(m) === "hr.one@example.org")!;
    expect(mail.subject).toBe("Rotation alerts, week 2026-W10");
    expect(mail.headers.get("content-language")).toBe("en");
    expect(mail.headers.get("x-rotation-week")).toBe("2026-W10");
    expect(mail.text).toBe(
      [
        "Secondments reaching a rotation alert in week 2026-W10 (4 in all):",
        "",
        "90 days before the last day:",
        "- Aidos Serikbayev (Kazakhstan), post D-1: last day 2026-05-31",
        "",
        "60 days before the last day:",
        "- Kim Min-jun (Republic of Korea), post D-4: last day 2026-05-01",
        "",
        "30 days before the last day:",
        "- Li Wei (China), post D-2: last day 2026-04-05",
        "",
        "Last day:",
        "- Elif Kaya (Türkiye), post D-3: last day 2026-03-08",
        "",
        "The staff matrix and the dashboard show the same alerts.",
        "",
      ].join("\n"),
    );
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).not.toMatch(/[а-яё]/i);
    const ru = received.find((m) => to(m) === "hr.two@example.org")!;
    expect(ru.subject).toBe("Ротация: оповещения, неделя 2026-W10");
    expect(ru.headers.get("content-language")).toBe("ru");
    expect(first.sent.map((s) => [s.email, s.lang]).sort()).toEqual([["hr.one@example.org", "en"], ["hr.two@example.org", "ru"]]);
    expect(ru.text).toBe(
      [
        "Прикомандирования, по которым на неделе 2026-W10 наступает срок оповещения (всего 4):",
        "",
        "За 90 дней до последнего дня:",
        "- Aidos Serikbayev (Казахстан), должность D-1: последний день 2026-05-31",
        "",
        "За 60 дней до последнего дня:",
        "- Kim Min-jun (Республика Корея), должность D-4: последний день 2026-05-01",
        "",
        "За 30 дней до последнего дня:",
        "- Li Wei (Китай), должность D-2: последний день 2026-04-05",
        "",
        "Последний день:",
        "- Elif Kaya (Турция), должность D-3: последний день 2026-03-08",
        "",
        "Те же оповещения — в штатном расписании и на главной странице.",
        "",
      ].join("\n"),
    );
    expect(ru.html).toContain('<html lang="ru">');
    expect(ru.html).not.toContain("Rotation alerts");
  });

  it("is not sent again that week by a repeated run, nor on another day of the week", async () => {
    const again = await run(MONDAY);
    expect(again.sent).toEqual([]);
    expect(again.skipped.filter((s) => s.kind === "hr_digest").map((s) => [s.email, s.reason]).sort()).toEqual([
      ["hr.one@example.org", "already_sent"],
      ["hr.two@example.org", "already_sent"],
    ]);
    expect((await run("2026-03-08")).sent).toEqual([]);
    expect(received).toHaveLength(2);
  });

  it("goes once a week under concurrent runs; a refused recipient is retried by the next run", async () => {
    refuse = "hr.two@example.org";
    const runs = await Promise.all([run("2026-03-10"), run("2026-03-10"), run("2026-03-11")]);
    expect(runs.flatMap((r) => r.sent).map((s) => [s.key, s.email])).toEqual([["2026-W11", "hr.one@example.org"]]);
    expect(runs.flatMap((r) => r.failed).map((f) => f.email)).toContain("hr.two@example.org");
    expect(received.slice(2).map((m) => [to(m), m.subject])).toEqual([["hr.one@example.org", "Rotation alerts, week 2026-W11"]]);
    expect(received[2]!.text).toContain("- Rustam Karimov (Tajikistan), post D-6: last day 2026-06-08");
    refuse = undefined;
    const retry = await run("2026-03-12");
    expect(retry.sent.map((s) => s.email)).toEqual(["hr.two@example.org"]);
    expect(received.map(to)).toHaveLength(4);
    // The retried digest is still in its recipient's language.
    expect(received[3]!.subject).toBe("Ротация: оповещения, неделя 2026-W11");
    expect(received[3]!.text).toContain("- Rustam Karimov (Таджикистан), должность D-6: последний день 2026-06-08");
    expect((await run("2026-03-12")).sent).toEqual([]);
  });

  it("is not sent in a week without alerts", async () => {
    const quiet = await run("2026-04-20");
    expect(quiet.sent).toEqual([]);
    expect(quiet.skipped).toContainEqual({ kind: "hr_digest", key: "2026-W17", reason: "no_alerts" });
  });

  it("is run by the schedule or an admin, not by an HR user", async () => {
    await expect(Actor.provide({ type: "user", email: "hr.one@example.org", name: "HR", roles: ["hr"] }, () => Notice.run({ today: MONDAY, transport }))).rejects.toThrow(/admin/);
  });
});
