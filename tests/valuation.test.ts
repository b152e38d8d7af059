/**
 * What a secondment is worth, through HTTP on DynamoDB Local (this file has its own table): HR's
 * standard-cost table, who bears each cost, and the value for a period, hand-computed to the cent
 * across a change of the table in the middle of July, a start in the middle of March and an
 * extension. Today is 1 June 2022.
 */
import { Clock, MemberState } from "@tracker/core";
import * as Valuation from "@tracker/core/standard-cost/valuation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";
import { snapshot } from "./support/db";

let hr: string;
let viewer: string;
let finance: string;
let postId: string;
let secondment: { id: string; version: number };

const row = (over: Record<string, unknown>) => ({ category: "expert", grade: "E-1", effectiveOn: "2022-01-01", salaryUsd: "3000.00", allowancesUsd: "1000.00", insuranceUsd: "200.00", travelUsd: "100.00", ...over });
const putRow = (body: Record<string, unknown>, cookie = hr) => call("PUT", "/api/standard-costs", { cookie, body });
const valueOf = async (query: string) => {
  const res = await call("GET", `/api/secondments/${secondment.id}/value?${query}`, { cookie: viewer });
  expect(res.status, res.text).toBe(200);
  return res.json;
};

beforeAll(async () => {
  await asSystem(() => MemberState.seed(seedStates()));
  hr = (await userWith(["hr"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
  finance = (await userWith(["finance"])).cookie;
  const base = Date.parse("2022-06-01T09:00:00Z");
  const realStart = Date.now();
  Clock.set(() => base + (Date.now() - realStart));
  const post = await call("POST", "/api/posts", {
    cookie: hr,
    body: { number: "E-07", title: { en: "Expert", ru: "Эксперт" }, category: "expert", grade: "E-1", funding: "secondment" },
  });
  expect(post.status, post.text).toBe(201);
  postId = post.json.id;
  // 4,300.00 a month from 1 January; 4,500.00 from 16 July (salary 3,100.00, allowances 1,100.00).
  expect((await putRow(row({}))).status).toBe(200);
  expect((await putRow(row({ effectiveOn: "2022-07-16", salaryUsd: "3100.00", allowancesUsd: "1100.00" }))).status).toBe(200);
  // A row for every grade of the category, which a post of grade E-1 does not take: its grade has rows.
  expect((await putRow(row({ grade: undefined, salaryUsd: "9000.00" }))).status).toBe(200);
  const s = await call("POST", "/api/secondments", {
    cookie: hr,
    body: {
      personName: "Aliya Nurpeis", sendingState: "KZ", postId, startOn: "2022-03-16", endOn: "2022-09-30",
      costBearers: { salary: "sending_state", allowances: "secretariat", insurance: "secretariat", travel: "sending_state" },
    },
  });
  expect(s.status, s.text).toBe(201);
  secondment = s.json;
});

afterAll(() => Clock.reset());

describe("the standard-cost table", () => {
  it("lists the rows by category, grade and date, with their total a month", async () => {
    const res = await call("GET", "/api/standard-costs", { cookie: viewer });
    expect(res.status).toBe(200);
    expect(res.json.items.map((r: any) => [r.category, r.grade, r.effectiveOn, r.totalUsd])).toEqual([
      ["expert", "*", "2022-01-01", "10300.00"],
      ["expert", "E-1", "2022-01-01", "4300.00"],
      ["expert", "E-1", "2022-07-16", "4500.00"],
    ]);
    expect(res.json.items[2]).toMatchObject({ salaryUsd: "3100.00", allowancesUsd: "1100.00", insuranceUsd: "200.00", travelUsd: "100.00", version: 1 });
  });

  it("changes a row with the version read; the same row again writes nothing; a stale version is a 409", async () => {
    const changed = await putRow(row({ grade: undefined, salaryUsd: "9100.00", version: 1 }));
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({ version: 2, totalUsd: "10400.00" });
    const before = await snapshot();
    expect((await putRow(row({ grade: undefined, salaryUsd: "9100.00", version: 2 }))).json.version).toBe(2);
    expect(await snapshot()).toBe(before);
    const stale = await putRow(row({ grade: undefined, salaryUsd: "9200.00", version: 1 }));
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("standardCost.version_conflict");
    expect(await snapshot()).toBe(before);
  });

  it("refuses bad rows naming the field, and any role but hr, writing nothing", async () => {
    const before = await snapshot();
    const bad = await putRow(row({ effectiveOn: "2022-02-30", salaryUsd: "12.345", travelUsd: "-1", category: "chief" }));
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: any) => i.path).sort()).toEqual(["category", "effectiveOn", "salaryUsd", "travelUsd"]);
    const zero = await putRow(row({ salaryUsd: "0", allowancesUsd: "0.00", insuranceUsd: "0", travelUsd: "0", effectiveOn: "2023-01-01" }));
    expect(zero.status).toBe(400);
    expect(zero.json.error.issues[0]).toMatchObject({ path: "salaryUsd", code: "standardCost.total_positive" });
    expect((await putRow(row({ effectiveOn: "2023-01-01" }), finance)).status).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it("keeps each write in the audit trail, by whom", async () => {
    const res = await call("GET", `/api/audit?entity=standardCost&id=${encodeURIComponent("expert * 2022-01-01")}`, { cookie: hr });
    expect(res.status, res.text).toBe(200);
    expect(res.json.items.map((e: any) => e.action)).toEqual(expect.arrayContaining(["create", "update"]));
    expect(res.json.items.every((e: any) => e.actor.startsWith("hr-"))).toBe(true);
  });
});

describe("what a secondment is worth", () => {
  it("from a mid-March start, across the table's change on 16 July, to its planned end on 30 September", async () => {
    const v = await valueOf("year=2022");
    expect(v).toMatchObject({
      from: "2022-01-01", to: "2022-12-31",
      days: 199, months: "6.52", uncoveredDays: 0,
      standardUsd: "28522.58", secretariatUsd: "8070.96", inKindUsd: "20451.62", basis: "disclosed",
    });
    expect(v.byMonth.map((m: any) => [m.month, m.days, m.daysInMonth, m.standardUsd, m.secretariatUsd, m.inKindUsd])).toEqual([
      // 16 of 31 days: 4,300.00 × 16 / 31 = 2,219.354… → 2,219.35; the Secretariat's 1,200.00 × 16 / 31 = 619.354… → 619.35.
      ["2022-03", 16, 31, "2219.35", "619.35", "1600.00"],
      ["2022-04", 30, 30, "4300.00", "1200.00", "3100.00"],
      ["2022-05", 31, 31, "4300.00", "1200.00", "3100.00"],
      ["2022-06", 30, 30, "4300.00", "1200.00", "3100.00"],
      // 15 days at 4,300.00 and 16 at 4,500.00: (64,500 + 72,000) / 31 = 4,403.225… → 4,403.23;
      // the Secretariat's (1,200.00 × 15 + 1,300.00 × 16) / 31 = 1,251.612… → 1,251.61.
      ["2022-07", 31, 31, "4403.23", "1251.61", "3151.62"],
      ["2022-08", 31, 31, "4500.00", "1300.00", "3200.00"],
      ["2022-09", 30, 30, "4500.00", "1300.00", "3200.00"],
    ]);
  });

  it("after an extension to 31 December, the three months more at 4,500.00 less 1,300.00", async () => {
    const ext = await call("POST", `/api/secondments/${secondment.id}/extend`, { cookie: hr, body: { endOn: "2022-12-31", decisionRef: "SG/2022/41", version: secondment.version } });
    expect(ext.status, ext.text).toBe(200);
    secondment = ext.json;
    const v = await valueOf("year=2022");
    expect(v).toMatchObject({ days: 291, months: "9.52", standardUsd: "42022.58", secretariatUsd: "11970.96", inKindUsd: "30051.62" });
    expect(v.byMonth).toHaveLength(10);
    // A period: July alone.
    expect(await valueOf("from=2022-07-01&to=2022-07-31")).toMatchObject({ days: 31, months: "1.00", standardUsd: "4403.23", secretariatUsd: "1251.61", inKindUsd: "3151.62" });
    // The year before: nothing served.
    expect(await valueOf("year=2021")).toMatchObject({ days: 0, months: "0.00", standardUsd: "0.00", inKindUsd: "0.00", byMonth: [] });
  });

  it("changes with who bears the costs: the Secretariat bearing none, the whole standard cost is in kind", async () => {
    const res = await call("PUT", `/api/secondments/${secondment.id}/cost-bearers`, {
      cookie: hr,
      body: { costBearers: { salary: "sending_state", allowances: "sending_state", insurance: "sending_state", travel: "sending_state" }, version: secondment.version },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.version).toBe(secondment.version + 1);
    secondment = res.json;
    expect(await valueOf("year=2022")).toMatchObject({ standardUsd: "42022.58", secretariatUsd: "0.00", inKindUsd: "42022.58" });
    const bad = await call("PUT", `/api/secondments/${secondment.id}/cost-bearers`, { cookie: hr, body: { costBearers: { salary: "state" }, version: secondment.version } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: any) => i.path).sort()).toEqual(["costBearers.allowances", "costBearers.insurance", "costBearers.salary", "costBearers.travel"]);
  });

  it("values the days before the table's first row at nothing, and counts them", () => {
    const rates = [{ effectiveOn: "2022-03-20", cents: { salary: 310000, allowances: 0, insurance: 0, travel: 0 } }];
    const v = Valuation.value({ startOn: "2022-03-16", lastOn: "2022-03-31" }, { from: "2022-01-01", to: "2022-12-31" }, rates, Valuation.DEFAULT_BEARERS);
    // 12 of 31 days at 3,100.00: 3,100.00 × 12 / 31 = 1,200.00.
    expect(v).toMatchObject({ days: 16, uncoveredDays: 4, standardCents: 120000, secretariatCents: 0, inKindCents: 120000, months: "0.52" });
    // February of a leap year: 29 days, each 1/29 of the month.
    const feb = Valuation.value({ startOn: "2024-02-15", lastOn: "2024-03-10" }, { from: "2024-01-01", to: "2024-12-31" }, rates, Valuation.DEFAULT_BEARERS);
    // 15/29 × 3,100.00 = 1,603.448… → 1,603.45; 10/31 × 3,100.00 = 1,000.00.
    expect(feb).toMatchObject({ days: 25, standardCents: 260345, months: "0.84" });
  });
});

describe("the posts' cost against the budget's staff line", () => {
  it("prices each open post for the year from the table, filled and vacant apart, against the STAFF line", async () => {
    const mk = async (number: string, category: string, grade?: string) =>
      expect((await call("POST", "/api/posts", { cookie: hr, body: { number, title: { en: "Post", ru: "Должность" }, category, funding: "regular_budget", ...(grade ? { grade } : {}) } })).status).toBe(201);
    await mk("E-08", "expert", "E-2"); // vacant; no row of its grade: the category's row, 10,400.00 a month
    await mk("O-01", "professional"); // vacant; no row at all
    const budget = await call("PUT", "/api/budgets/2022", {
      cookie: finance,
      body: { year: 2022, status: "draft", lines: [{ code: "STAFF", name: "Staff costs", amountUsd: "200000.00" }, { code: "OPS", name: "Operations", amountUsd: "50000.00" }] },
    });
    expect(budget.status, budget.text).toBe(200);
    const res = await call("GET", "/api/reports/staffing?year=2022", { cookie: viewer });
    expect(res.status, res.text).toBe(200);
    // E-07 (filled on 1 June): 6 × 4,300.00 + July 4,403.23 + 5 × 4,500.00 = 52,703.23; E-08: 12 × 10,400.00 = 124,800.00.
    expect(res.json.cost).toEqual({
      budgetLine: "STAFF", budgetLineUsd: "200000.00",
      filledUsd: "52703.23", vacantUsd: "124800.00", totalUsd: "177503.23", differenceUsd: "22496.77",
      filledPosts: 1, vacantPosts: 2, unpricedPosts: 1,
    });
  });

  it("each post answers its standard cost a month, the figure the staffing report's cost is made of", async () => {
    const list = await call("GET", "/api/posts", { cookie: viewer });
    expect(list.status, list.text).toBe(200);
    const byNumber = new Map(list.json.items.map((p: any) => [p.number, p]));
    // Today, 1 June: E-07 at its grade's row of 1 January; E-08 at its category's row; O-01 at none.
    expect((byNumber.get("E-07") as any).standardCost).toEqual({ monthlyUsd: "4300.00", effectiveOn: "2022-01-01", grade: "E-1" });
    expect((byNumber.get("E-08") as any).standardCost).toEqual({ monthlyUsd: "10400.00", effectiveOn: "2022-01-01", grade: "*" });
    expect((byNumber.get("O-01") as any).standardCost).toBeNull();
    const on = async (number: string, asOf: string) => {
      const res = await call("GET", `/api/posts/${(byNumber.get(number) as any).id}?asOf=${asOf}`, { cookie: viewer });
      expect(res.status, res.text).toBe(200);
      return res.json.standardCost;
    };
    expect(await on("E-07", "2022-07-15")).toEqual({ monthlyUsd: "4300.00", effectiveOn: "2022-01-01", grade: "E-1" });
    const after = await on("E-07", "2022-07-16");
    expect(after).toEqual({ monthlyUsd: "4500.00", effectiveOn: "2022-07-16", grade: "E-1" });
    expect(await on("O-01", "2022-07-16")).toBeNull();
    // The staffing report's figures, from the posts' own: E-08 12 months at 10,400.00 (vacant);
    // E-07 6 months at 4,300.00, July 15/31 at 4,300.00 and 16/31 at 4,500.00 (half-even to the
    // cent: 2,080.65 + 2,322.58 = 4,403.23), 5 months at 4,500.00 (filled).
    const cents = (x: string) => Number(x.replace(".", "")); // two decimals always: integer cents
    const e08 = cents((byNumber.get("E-08") as any).standardCost.monthlyUsd);
    const [before, from] = [cents("4300.00"), cents(after.monthlyUsd)];
    const july = Math.round((before * 15 + from * 16) / 31);
    const staffing = (await call("GET", "/api/reports/staffing?year=2022", { cookie: viewer })).json.cost;
    expect(cents(staffing.vacantUsd)).toBe(12 * e08);
    expect(cents(staffing.filledUsd)).toBe(6 * before + july + 5 * from);
    expect(staffing.unpricedPosts).toBe(1);
  });
});
