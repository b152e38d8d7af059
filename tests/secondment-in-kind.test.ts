/**
 * The seconded personnel's value in the in-kind totals, through HTTP on DynamoDB Local (this file has
 * its own table): recognised, it counts in the dashboard's and the statements' in-kind totals, always
 * on a line of its own; disclosed, it is shown beside and counted nowhere. A statement counts only
 * the months served up to its date. Today is 1 March 2023.
 *
 * The figures, by hand: an expert post of grade E-1 costs 4,300.00 a month (salary 3,000.00,
 * allowances 1,000.00, insurance 200.00, travel 100.00); the Secretariat bears the allowances.
 * - Kazakhstan seconds from 16 July 2022: July is 16 days of 31, standard 430,000 × 16 / 31 =
 *   221,935.48 → 221,935 cents, Secretariat 100,000 × 16 / 31 = 51,612.90 → 51,613: in kind
 *   1,703.22; each full month 3,300.00. Q3 2022: 1,703.22 + 2 × 3,300.00 = 8,303.22; the year
 *   2022: 1,703.22 + 5 × 3,300.00 = 18,203.22. 2023 to 1 March: 2 × 3,300.00 + (13,871 − 3,226
 *   cents) = 6,706.45.
 * - The Russian Federation seconds from 1 October to 31 December 2022 and bears every cost:
 *   3 × 4,300.00 = 12,900.00; it recorded no contribution.
 * - Kazakhstan recorded 5,000.00 in cash (1 February 2022) and 12,000.00 in kind (10 May 2022).
 */
import "@tracker/core/mail";
import { Clock, MemberState, Summary } from "@tracker/core";
import { simpleParser, type ParsedMail } from "mailparser";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pdfText, plain } from "./support/pdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app, asSystem, call, userWith } from "./support/api";

const outbox = mkdtempSync(join(tmpdir(), "seconded-outbox-"));
process.env.MAIL_OUTBOX = outbox;

let hr: string;
let finance: string;
let admin: string;



async function created(cookie: string, path: string, body: unknown) {
  const res = await call("POST", path, { cookie, body });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.json;
}

async function setBasis(secondmentValue: "disclosed" | "recognised") {
  const { version: _v, createdAt: _c, createdBy: _cb, updatedAt: _u, updatedBy: _ub, version, ...profile } = (await call("GET", "/api/organisation", { cookie: admin })).json;
  const res = await call("PUT", "/api/organisation", { cookie: admin, body: { ...profile, secondmentValue, version } });
  expect(res.status, res.text).toBe(200);
}

async function dashboard(year: number) {
  const res = await call("GET", `/api/reports/contributions?year=${year}`, { cookie: finance });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

async function preview(period: string, lang: "en" | "ru" = "en") {
  const res = await call("GET", `/api/summaries/preview?state=KZ&period=${period}&lang=${lang}`, { cookie: finance });
  expect(res.status, res.text).toBe(200);
  return { text: plain(res.json.text as string), html: plain(res.json.html as string) };
}

async function previewPdf(period: string, lang: "en" | "ru") {
  const res = await app.request(`http://localhost/api/summaries/preview.pdf?state=KZ&period=${period}&lang=${lang}`, { headers: { cookie: finance } });
  expect(res.status).toBe(200);
  return pdfText(new Uint8Array(await res.arrayBuffer()));
}

async function mailsOf(period: string): Promise<ParsedMail[]> {
  const files = readdirSync(outbox).filter((f) => f.endsWith(".eml") && f.includes(`${period}.KZ`)).sort();
  return Promise.all(files.map((f) => simpleParser(readFileSync(join(outbox, f)))));
}

beforeAll(async () => {
  await asSystem(async () => {
    await MemberState.create({
      code: "KZ", name: { en: "Kazakhstan", ru: "Казахстан" }, status: "member",
      contacts: [{ name: "KZ en", email: "kz.en@example.org", language: "en" }, { name: "KZ ru", email: "kz.ru@example.org", language: "ru" }],
    });
    await MemberState.create({ code: "RU", name: { en: "Russia", ru: "Россия" }, status: "member", contacts: [{ name: "RU", email: "ru@example.org", language: "ru" }] });
    await MemberState.create({ code: "MN", name: { en: "Mongolia", ru: "Монголия" }, status: "member", contacts: [{ name: "MN", email: "mn@example.org", language: "en" }] });
  });
  hr = (await userWith(["hr"])).cookie;
  finance = (await userWith(["finance"])).cookie;
  admin = (await userWith(["admin"])).cookie;
  const base = Date.parse("2023-03-01T09:00:00Z");
  const realStart = Date.now();
  Clock.set(() => base + (Date.now() - realStart));

  const ok = async (res: Promise<{ status: number; text: string }>) => expect((await res).status).toBe(200);
  await ok(call("PUT", "/api/standard-costs", {
    cookie: hr,
    body: { category: "expert", grade: "E-1", effectiveOn: "2022-01-01", salaryUsd: "3000.00", allowancesUsd: "1000.00", insuranceUsd: "200.00", travelUsd: "100.00" },
  }));
  const post = (number: string) => created(hr, "/api/posts", { number, title: { en: "Expert", ru: "Эксперт" }, category: "expert", grade: "E-1", funding: "secondment" });
  const [kzPost, ruPost] = [await post("E-01"), await post("E-02")];
  await created(hr, "/api/secondments", {
    personName: "Aliya Nurpeis", sendingState: "KZ", postId: kzPost.id, startOn: "2022-07-16", endOn: "2024-07-15",
    costBearers: { salary: "sending_state", allowances: "secretariat", insurance: "sending_state", travel: "sending_state" },
  });
  await created(hr, "/api/secondments", { personName: "Ivan Petrov", sendingState: "RU", postId: ruPost.id, startOn: "2022-10-01", endOn: "2022-12-31" });
  const money = (kind: string, amount: string, date: string) => ({
    stateCode: "KZ", kind, status: "received", amount, currency: "USD", date, purpose: "regular_budget",
    ...(kind === "in_kind" ? { description: "Conference services" } : {}),
  });
  await created(finance, "/api/contributions", money("cash", "5000.00", "2022-02-01"));
  await created(finance, "/api/contributions", money("in_kind", "12000.00", "2022-05-10"));
});

afterAll(() => Clock.reset());

describe("the dashboard's in-kind total", () => {
  it("disclosed: the secondments' value shown beside, not counted; the state that only seconded is no contributor", async () => {
    await setBasis("disclosed");
    const r = await dashboard(2022);
    expect(r).toMatchObject({
      secondmentBasis: "disclosed", asOf: "2022-12-31",
      receivedUsd: "5000.00", inKindUsd: "12000.00", secondmentValueUsd: "31103.22", inKindTotalUsd: "12000.00", gapUsd: "-5000.00", contributors: 1,
    });
    expect(r.byState.map((s: any) => [s.code, s.receivedUsd, s.inKindUsd, s.secondmentValueUsd, s.inKindTotalUsd])).toEqual([
      ["KZ", "5000.00", "12000.00", "18203.22", "12000.00"],
      ["RU", "0.00", "0.00", "12900.00", "0.00"],
    ]);
    expect(r.noContribution.map((s: any) => s.code).sort()).toEqual(["MN", "RU"]);
  });

  it("recognised: counted in the in-kind total, apart from the contributions in kind recorded", async () => {
    await setBasis("recognised");
    const r = await dashboard(2022);
    expect(r).toMatchObject({
      secondmentBasis: "recognised", receivedUsd: "5000.00", inKindUsd: "12000.00", secondmentValueUsd: "31103.22", inKindTotalUsd: "43103.22", contributors: 2,
    });
    expect(r.byState.map((s: any) => [s.code, s.inKindUsd, s.secondmentValueUsd, s.inKindTotalUsd])).toEqual([
      ["KZ", "12000.00", "18203.22", "30203.22"],
      ["RU", "0.00", "12900.00", "12900.00"],
    ]);
    expect(r.noContribution.map((s: any) => s.code)).toEqual(["MN"]);
  });

  it("the current year counts the days served up to today, not the rest of the year", async () => {
    await setBasis("recognised");
    const r = await dashboard(2023);
    expect(r).toMatchObject({ asOf: "2023-03-01", secondmentValueUsd: "6706.45", inKindUsd: "0.00", inKindTotalUsd: "6706.45" });
    const future = await dashboard(2024);
    expect(future).toMatchObject({ secondmentValueUsd: "0.00", inKindTotalUsd: "0.00" });
  });
});

describe("the statement's in-kind total", () => {
  it("recognised: the in-kind line includes the value and says of which, up to the period's end only (en and ru)", async () => {
    await setBasis("recognised");
    const q3 = (await preview("2022-Q3")).text;
    expect(q3).toContain(
      "Movements in Q3 2022 (USD)\n  Financial contributions received: USD 0.00\n  Contributions in kind: USD 8,303.22\n" +
        "  of which personnel seconded to the Secretariat, at standard cost: USD 8,303.22\n  Pledges made: USD 0.00",
    );
    expect(q3).toContain(
      "Fiscal year 2022 to date, as at 30 September 2022 (USD)\n  Financial contributions received: USD 5,000.00\n  Contributions in kind: USD 20,303.22\n" +
        "  of which personnel seconded to the Secretariat, at standard cost: USD 8,303.22\n",
    );
    const year = (await preview("2022")).text;
    expect(year).toContain("  Contributions in kind: USD 30,203.22\n  of which personnel seconded to the Secretariat, at standard cost: USD 18,203.22\n");
    // Before the secondment began: no value, no line.
    const q2 = (await preview("2022-Q2")).text;
    expect(q2).toContain("Fiscal year 2022 to date, as at 30 June 2022 (USD)\n  Financial contributions received: USD 5,000.00\n  Contributions in kind: USD 12,000.00\n  Pledges made");
    expect(q2).not.toContain("seconded to the Secretariat, at standard cost");
    const ru = (await preview("2022-Q3", "ru")).text;
    expect(ru).toContain("  Взносы в натуральной форме: 20 303,22 USD\n  в том числе персонал, прикомандированный в Секретариат, по нормативной стоимости: 8 303,22 USD\n");
  });

  it("disclosed: the in-kind line is the contributions recorded; the value on its own line, not included", async () => {
    await setBasis("disclosed");
    const { text, html } = await preview("2022-Q3");
    expect(text).toContain(
      "Fiscal year 2022 to date, as at 30 September 2022 (USD)\n  Financial contributions received: USD 5,000.00\n  Contributions in kind: USD 12,000.00\n  Pledges made: USD 0.00\n" +
        "  Pledges of the year outstanding: USD 0.00\n" +
        "  Personnel seconded to the Secretariat, at standard cost (for information; not included in the figures above): USD 8,303.22\n",
    );
    expect(text).not.toContain("of which personnel");
    expect(html).toContain("Personnel seconded to the Secretariat, at standard cost (for information; not included in the figures above)</td><td");
    expect(html).toContain(">USD 8,303.22</td>");
    const ru = (await preview("2022-Q3", "ru")).text;
    expect(ru).toContain("  Взносы в натуральной форме: 12 000,00 USD\n");
    expect(ru).toContain("  Персонал, прикомандированный в Секретариат, по нормативной стоимости (для сведения; в приведенные выше суммы не включен): 8 303,22 USD\n");
  });

  it("the PDF says the same, in both languages", async () => {
    await setBasis("recognised");
    const en = await previewPdf("2022-Q3", "en");
    expect(en).toContain("Contributions in kind USD 20,303.22");
    expect(en).toContain("of which personnel seconded to the Secretariat, at standard cost USD 8,303.22");
    const ru = await previewPdf("2022-Q3", "ru");
    // The Russian label wraps in its column: the figure sits on its first line.
    expect(ru).toContain("Взносы в натуральной форме 20 303,22 USD в том числе персонал, прикомандированный в Секретариат, по 8 303,22 USD нормативной стоимости");
    await setBasis("disclosed");
    const disclosed = await previewPdf("2022-Q3", "en");
    expect(disclosed).toContain("Contributions in kind USD 12,000.00");
    expect(disclosed).toContain("Pledges of the year outstanding USD 0.00 Personnel seconded to the Secretariat, at standard cost (for USD 8,303.22 information; not included in the figures above)");
    expect(disclosed).toContain("(an increase of USD 17,000.00)");
  });

  it("the statement sent by email: text, HTML and the attached PDF, each focal point in its language", async () => {
    await setBasis("recognised");
    const result = await asSystem(() => Summary.run({ period: "2022-Q4", states: ["KZ"] }));
    expect(result.sent.map((s) => s.email).sort()).toEqual(["kz.en@example.org", "kz.ru@example.org"]);
    const mails = await mailsOf("2022-Q4");
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      const lang = mail.headers.get("content-language") as "en" | "ru";
      const text = plain(mail.text!);
      const html = plain(mail.html as string);
      const pdf = await pdfText(mail.attachments[0]!.content);
      if (lang === "en") {
        // Q4: October to December, 3 × 3,300.00; the year to 31 December: 18,203.22.
        expect(text).toContain("Movements in Q4 2022 (USD)\n  Financial contributions received: USD 0.00\n  Contributions in kind: USD 9,900.00\n  of which personnel seconded to the Secretariat, at standard cost: USD 9,900.00\n");
        expect(text).toContain("  Contributions in kind: USD 30,203.22\n  of which personnel seconded to the Secretariat, at standard cost: USD 18,203.22\n");
        expect(html).toContain("of which personnel seconded to the Secretariat, at standard cost</td>");
        expect(html).toContain(">USD 18,203.22</td>");
        expect(pdf).toContain("Contributions in kind USD 30,203.22 of which personnel seconded to the Secretariat, at standard cost USD 18,203.22");
      } else {
        expect(text).toContain("  Взносы в натуральной форме: 30 203,22 USD\n  в том числе персонал, прикомандированный в Секретариат, по нормативной стоимости: 18 203,22 USD\n");
        expect(html).toContain(">18 203,22 USD</td>");
        expect(pdf).toContain("Взносы в натуральной форме 30 203,22 USD в том числе персонал, прикомандированный в Секретариат, по 18 203,22 USD нормативной стоимости");
      }
    }
  });
});
