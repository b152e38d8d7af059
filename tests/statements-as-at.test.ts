/**
 * Statements true as at their date: pledges outstanding from the payments dated up to the
 * period's end, arrears of earlier years until paid or closed, numbered lines a ministry can
 * match, overpayment refused, and who gets a statement and an invitation.
 */
import { Contribution, MemberState, Post, Secondment, Statement, Summary } from "@tracker/core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";

process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "as-at-outbox-"));

let finance: string;
const ids: Record<string, string> = {};

const usd = (over: Partial<Contribution.CreateInput>) =>
  Contribution.create({ stateCode: "MN", kind: "cash", status: "received", amount: "1.00", currency: "USD", date: "2001-01-01", purpose: "regular_budget", ...over } as Contribution.CreateInput);
/** The text of a preview, with Intl's no-break spaces made plain. */
async function preview(state: string, period: string, lang: "en" | "ru" = "en") {
  const res = await call("GET", `/api/summaries/preview?state=${state}&period=${period}&lang=${lang}`, { cookie: finance });
  if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
  return (res.json.text as string).replace(/[\u00a0\u202f]/g, " ");
}

beforeAll(async () => {
  await asSystem(async () => {
    const member = (code: string, en: string, ru: string, joinedOn?: string) =>
      MemberState.create({ code, name: { en, ru }, status: "member", ...(joinedOn ? { joinedOn } : {}), contacts: [{ name: code, email: `${code.toLowerCase()}@example.org`, language: "en" }] });
    await member("MN", "Mongolia", "Монголия");
    await member("KW", "Kuwait", "Кувейт", "2022-10-13");
    await member("RU", "Russia", "Россия");
    await member("KR", "Korea", "Корея");
    await member("VN", "Viet Nam", "Вьетнам");
    // Mongolia: a pledge of 2000 never paid; a pledge of 10,000 in February 2001, paid 4,000 in June 2001 and 6,000 in February 2002.
    ids.old = (await usd({ status: "pledged", amount: "2500.00", date: "2000-05-10", reference: "MN-2000" })).id;
    ids.pledge = (await usd({ status: "pledged", amount: "10000.00", date: "2001-02-01", reference: "MN-P-2001" })).id;
    ids.june = (await usd({ amount: "4000.00", date: "2001-06-15", pledgeId: ids.pledge, reference: "PO-2001-7" })).id;
    ids.feb = (await usd({ amount: "6000.00", date: "2002-02-20", pledgeId: ids.pledge, reference: "PO-2002-1" })).id;
    // Korea paid in 2022; Russia seconds a Deputy Executive Director; Viet Nam has given nothing.
    await usd({ stateCode: "KR", amount: "5000.00", date: "2022-06-21" });
    const post = await Post.create({ number: "DED-01", title: { en: "Deputy Executive Director", ru: "Заместитель исполнительного директора" }, category: "executive", funding: "secondment" });
    await Secondment.create({ postId: post.id, personName: "Ivan Petrov", sendingState: "RU", startOn: "2021-09-01", endOn: "2026-08-31" });
  });
  finance = (await userWith(["finance"])).cookie;
});

describe("every figure as at the period's end", () => {
  it("the pledge paid 4,000 in June 2001 and 6,000 in February 2002: 6,000.00 outstanding in 2001, 10,000.00 in Q1 2001", async () => {
    const year = await preview("MN", "2001");
    expect(year).toContain("Pledges of the year outstanding: USD 6,000.00");
    expect(year).toContain("Financial contributions received: USD 4,000.00");
    expect(year).toContain("Pledges made: USD 10,000.00");
    const q1 = await preview("MN", "2001-Q1");
    expect(q1).toContain("Pledges of the year outstanding: USD 10,000.00");
    expect(q1).toContain("Financial contributions received: USD 0.00");
    // Later statements see the February payment; the past ones do not change.
    const q1of2002 = await preview("MN", "2002-Q1");
    expect(q1of2002).toContain("Payment of pledge P-2001-0001 of 1 February 2001; balance of the pledge after it: USD 0.00");
    expect(await preview("MN", "2001")).toBe(year);
  });

  it("the year says 'as at 31 December'; a quarter shows its movements and the year to date", async () => {
    const year = await preview("MN", "2001");
    expect(year).toContain("Contributions recorded in the fiscal year 2001");
    expect(year).toContain("Fiscal year 2001, as at 31 December 2001 (USD)");
    expect(year).not.toContain("to date");
    expect(year).not.toContain("Movements in");
    const q3 = await preview("MN", "2001-Q3");
    expect(q3).toContain("Contributions recorded in Q3 2001");
    expect(q3).toContain("No contribution was recorded in Q3 2001.");
    expect(q3).toContain("Movements in Q3 2001 (USD)\n  Financial contributions received: USD 0.00");
    expect(q3).toContain("Fiscal year 2001 to date, as at 30 September 2001 (USD)\n  Financial contributions received: USD 4,000.00");
    const q2 = await preview("MN", "2001-Q2");
    expect(q2).toContain("Movements in Q2 2001 (USD)\n  Financial contributions received: USD 4,000.00\n  Contributions in kind: USD 0.00\n  Pledges made: USD 0.00");
  });

  it("each line shows the receipt number, the value date, the amount, the rate, the USD equivalent, the state's reference and the pledge's balance", async () => {
    const q2 = await preview("MN", "2001-Q2");
    expect(q2).toContain(
      "- R-2001-0001, 15 June 2001: financial, received; regular budget; USD 4,000.00 at 1 per USD = USD 4,000.00; your ref. PO-2001-7\n" +
        "  Payment of pledge P-2001-0001 of 1 February 2001; balance of the pledge after it: USD 6,000.00",
    );
    const ru = await preview("MN", "2001-Q2", "ru");
    expect(ru).toContain("- R-2001-0001, 15 июня 2001 г.: денежный, поступил; регулярный бюджет; 4 000,00 USD по курсу 1 за 1 долл. США = 4 000,00 USD; ваша ссылка PO-2001-7");
    expect(ru).toContain("остаток по нему после оплаты: 6 000,00 USD");
  });
});

describe("arrears carried forward", () => {
  it("lists each open pledge of an earlier year by year, two years back too, until it is paid", async () => {
    const jan = await preview("MN", "2002-01");
    expect(jan).toContain("Pledges of earlier years outstanding as at 31 January 2002");
    expect(jan).toContain("  Pledges of 2000: outstanding USD 2,500.00\n  - P-2000-0001 of 10 May 2000: pledged USD 2,500.00 (USD 2,500.00); received USD 0.00 (USD 0.00); outstanding USD 2,500.00 (USD 2,500.00)");
    expect(jan).toContain("  Pledges of 2001: outstanding USD 6,000.00\n  - P-2001-0001 of 1 February 2001: pledged USD 10,000.00 (USD 10,000.00); received USD 4,000.00 (USD 4,000.00); outstanding USD 6,000.00 (USD 6,000.00)");
    expect(jan).toContain("Total outstanding from earlier years: USD 8,500.00");
    // Paid in February: the 2001 pledge leaves the arrears; the 2000 one stays.
    const q1 = await preview("MN", "2002-Q1");
    expect(q1).not.toContain("Pledges of 2001:");
    expect(q1).toContain("Total outstanding from earlier years: USD 2,500.00");
  });

  it("a pledge closed with a date and a reason leaves the arrears from that date; earlier statements still show it", async () => {
    const before = await asSystem(() => Contribution.get({ id: ids.old! }));
    const closed = await call("POST", `/api/contributions/${ids.old}/close`, { cookie: finance, body: { date: "2002-06-30", reason: "Withdrawn by note verbale", version: before.version } });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json).toMatchObject({ closedOn: "2002-06-30", closeReason: "Withdrawn by note verbale", outstanding: "0.00", fulfilled: false });
    expect((await asSystem(() => Contribution.get({ id: ids.old! }))).outstandingUsd).toBe("0.00");
    expect(await preview("MN", "2002-Q1")).toContain("Total outstanding from earlier years: USD 2,500.00");
    const year = await preview("MN", "2002");
    expect(year).toContain("No pledge of an earlier year is outstanding.");
    const trail = (await call("GET", `/api/audit?entity=contribution&id=${ids.old}`, { cookie: finance })).json.items;
    expect(trail[0]).toMatchObject({ action: "close", changes: { closedOn: [null, "2002-06-30"] } });
    // Closed: no payment, no second closing.
    const pay = await call("POST", "/api/contributions", { cookie: finance, body: { stateCode: "MN", kind: "cash", status: "received", amount: "1.00", currency: "USD", date: "2002-07-01", purpose: "regular_budget", pledgeId: ids.old } });
    expect(pay.status).toBe(400);
    expect(pay.json.error.issues[0]).toMatchObject({ path: "pledgeId", code: "contribution.pledge_closed" });
    const again = await call("POST", `/api/contributions/${ids.old}/close`, { cookie: finance, body: { date: "2002-07-01", reason: "again", version: closed.json.version } });
    expect(again.status).toBe(409);
  });
});

describe("overpayment", () => {
  it("a payment above the outstanding amount is refused naming amount; a pledge paid in full is fulfilled and takes no more", async () => {
    const pledge = await call("POST", "/api/contributions", {
      cookie: finance,
      body: { stateCode: "VN", kind: "cash", status: "pledged", amount: "500000.00", currency: "CNY", exchangeRate: "7", date: "2023-03-01", purpose: "regular_budget" },
    });
    expect(pledge.json).toMatchObject({ number: "P-2023-0001", outstanding: "500000.00", fulfilled: false });
    const pay = (amount: string) =>
      call("POST", "/api/contributions", {
        cookie: finance,
        body: { stateCode: "VN", kind: "cash", status: "received", amount, currency: "CNY", exchangeRate: "7", date: "2023-04-01", purpose: "regular_budget", pledgeId: pledge.json.id },
      });
    const over = await pay("600000.00");
    expect(over.status).toBe(400);
    expect(over.json.error.code).toBe("contribution.overpayment");
    expect(over.json.error.issues).toEqual([expect.objectContaining({ path: "amount", code: "contribution.overpayment", params: { outstanding: "500000.00", currency: "CNY" } })]);
    expect(over.json.error.issues[0].message).toContain("500000.00 CNY still outstanding");
    const listed = (await call("GET", "/api/contributions?year=2023&state=VN", { cookie: finance })).json.items;
    expect(listed).toHaveLength(1);
    const full = await pay("500000.00");
    expect(full.status).toBe(201);
    expect(full.json.number).toBe("R-2023-0001");
    expect((await call("GET", `/api/contributions/${pledge.json.id}`, { cookie: finance })).json).toMatchObject({ outstanding: "0.00", outstandingUsd: "0.00", fulfilled: true });
    const more = await pay("0.01");
    expect(more.status).toBe(400);
    expect(more.json.error.issues[0].params).toEqual({ outstanding: "0.00", currency: "CNY" });
    // A correction of the payment upwards is refused the same way.
    const up = await call("PATCH", `/api/contributions/${full.json.id}`, { cookie: finance, body: { amount: "500000.01", version: full.json.version } });
    expect(up.status).toBe(400);
    expect(up.json.error.issues[0].path).toBe("amount");
  });
});

describe("who gets which letter", () => {
  it("a state admitted mid-year gets no statement for a period before its admission", async () => {
    const r = await asSystem(() => Summary.run({ period: "2022-Q2", states: ["KW"], dryRun: true }));
    expect(r.skipped).toEqual([{ state: "KW", reason: "not_a_member" }]);
    expect(r.sent).toEqual([]);
    const q4 = await asSystem(() => Summary.run({ period: "2022-Q4", states: ["KW"], dryRun: true }));
    expect(q4.sent.map((s) => s.state)).toEqual(["KW"]);
    const res = await call("GET", "/api/summaries/preview?state=KW&period=2022-Q3&lang=en", { cookie: finance });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("statement.not_a_member");
    const all = await asSystem(() => Summary.run({ period: "2022-Q1", dryRun: true }));
    expect(all.skipped).toContainEqual({ state: "KW", reason: "not_a_member" });
  });

  it("a state that seconds personnel is thanked for it, by name and post, and not invited", async () => {
    const text = await preview("RU", "2022-Q4");
    expect(text).toContain("The Secretariat wishes to express its appreciation to Russia for the personnel it has seconded to the Secretariat: Ivan Petrov, Deputy Executive Director.");
    expect(text).not.toContain("would welcome any voluntary contribution");
    expect(await preview("RU", "2022-Q4", "ru")).toContain("прикомандированный в Секретариат: Ivan Petrov, Заместитель исполнительного директора.");
  });

  it("a state that paid the year before is not invited at the end of Q1; one that gave nothing in two years is, neutrally", async () => {
    const kr = await preview("KR", "2023-Q1");
    expect(kr).not.toContain("would welcome any voluntary contribution");
    expect(kr).not.toContain("deep appreciation");
    expect(await preview("KR", "2024-Q1")).toContain("The Secretariat would welcome any voluntary contribution to the CICA budget that Korea may wish to consider");
    const vn = await preview("VN", "2022");
    expect(vn).toContain("would welcome any voluntary contribution");
    expect(vn).not.toContain("following the example");
  });
});

describe("numbers", () => {
  it("are sequential per fiscal year and series, and a voided record keeps its number", async () => {
    const a = await asSystem(() => usd({ stateCode: "KR", amount: "1.00", date: "2019-01-05" }));
    const b = await asSystem(() => usd({ stateCode: "KR", amount: "2.00", date: "2019-02-05" }));
    expect([a.number, b.number]).toEqual(["R-2019-0001", "R-2019-0002"]);
    await asSystem(() => Contribution.voidIt({ id: b.id, reason: "duplicate", version: 1 }));
    const c = await asSystem(() => usd({ stateCode: "KR", amount: "3.00", date: "2019-03-05" }));
    expect(c.number).toBe("R-2019-0003");
    expect((await asSystem(() => Contribution.get({ id: b.id }))).number).toBe("R-2019-0002");
  });
});

describe("the statement data", () => {
  it("reads only what is dated on or before the period's end", async () => {
    const state = (await MemberState.find("MN"))!;
    const d = await Statement.gather(state, "2001-Q1");
    expect(d.asOf).toBe("2001-03-31");
    expect(d.lines.map((l) => l.record.number)).toEqual(["P-2001-0001"]);
    expect(d.totals).toMatchObject({ receivedCents: 0, pledgedCents: 1_000_000, pledgedOutstandingCents: 1_000_000 });
    expect(d.arrears.map((y) => [y.year, y.outstandingCents])).toEqual([[2000, 250_000]]);
  });
});
