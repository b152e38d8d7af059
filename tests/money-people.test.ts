/**
 * Money and people side by side, through HTTP on DynamoDB Local (this file has its own table): the
 * shares of the contributions and of the posts adding up to 100.00 % exactly (largest remainder on
 * basis points), the secondments' value disclosed beside or recognised in the shares, the seconded
 * person-months, the states that give neither, and the exports in both languages. Today is 1 March 2023.
 */
import { Clock, MemberState } from "@tracker/core";
import { basisPoints, percent } from "@tracker/core/report/shares";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app, asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";

let hr: string;
let finance: string;
let viewer: string;
let admin: string;

async function created(cookie: string, path: string, body: unknown) {
  const res = await call("POST", path, { cookie, body });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.json;
}
const usd = (stateCode: string, amount: string, kind = "cash") => ({
  stateCode, kind, status: "received", amount, currency: "USD", date: "2022-05-10", purpose: "regular_budget",
  ...(kind === "in_kind" ? { description: "Conference services" } : {}),
});
const report = async () => {
  const res = await call("GET", "/api/reports/money-people?year=2022", { cookie: viewer });
  expect(res.status, res.text).toBe(200);
  return res.json;
};
const setBasis = async (secondmentValue: "disclosed" | "recognised") => {
  const { version: _v, createdAt: _c, createdBy: _cb, updatedAt: _u, updatedBy: _ub, version, ...profile } = (await call("GET", "/api/organisation", { cookie: admin })).json;
  const res = await call("PUT", "/api/organisation", { cookie: admin, body: { ...profile, secondmentValue, version } });
  expect(res.status, res.text).toBe(200);
  expect(res.json.secondmentValue).toBe(secondmentValue);
};

beforeAll(async () => {
  await asSystem(() => MemberState.seed(seedStates()));
  hr = (await userWith(["hr"])).cookie;
  finance = (await userWith(["finance"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
  admin = (await userWith(["admin"])).cookie;
  const base = Date.parse("2023-03-01T09:00:00Z");
  const realStart = Date.now();
  Clock.set(() => base + (Date.now() - realStart));
  // 1,000.00 each from Kazakhstan (cash), China (cash) and Türkiye (in kind).
  await created(finance, "/api/contributions", usd("KZ", "1000.00"));
  await created(finance, "/api/contributions", usd("CN", "1000.00"));
  await created(finance, "/api/contributions", usd("TR", "1000.00", "in_kind"));
  // An expert seconded by Kazakhstan for the second half of 2022, at 2,000.00 a month, all borne by Kazakhstan.
  expect((await call("PUT", "/api/standard-costs", { cookie: hr, body: { category: "expert", effectiveOn: "2022-01-01", salaryUsd: "2000.00", allowancesUsd: "0", insuranceUsd: "0", travelUsd: "0" } })).status).toBe(200);
  const expert = await created(hr, "/api/posts", { number: "E-1", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "secondment" });
  await created(hr, "/api/secondments", { personName: "Aliya Nurpeis", sendingState: "KZ", postId: expert.id, startOn: "2022-07-01", endOn: "2022-12-31" });
  // An officer of Russian nationality appointed directly; a vacant post.
  await created(hr, "/api/posts", { number: "O-1", title: { en: "Officer", ru: "Сотрудник" }, category: "professional", funding: "regular_budget", incumbent: { name: "Oleg Ivanov", nationality: "RU", since: "2020-01-01" } });
  await created(hr, "/api/posts", { number: "O-2", title: { en: "Officer", ru: "Сотрудник" }, category: "professional", funding: "regular_budget" });
});

afterAll(() => Clock.reset());

describe("the largest remainder method", () => {
  it("gives the leftover points to the largest remainders, ties in code order, and always adds up to 10,000", () => {
    expect(Object.fromEntries(basisPoints(new Map([["TR", 1n], ["KZ", 1n], ["CN", 1n]])))).toEqual({ TR: 3333, KZ: 3333, CN: 3334 });
    expect(Object.fromEntries(basisPoints(new Map([["A", 2n], ["B", 1n]])))).toEqual({ A: 6667, B: 3333 });
    expect(Object.fromEntries(basisPoints(new Map([["A", 0n], ["B", 0n]])))).toEqual({ A: 0, B: 0 });
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let round = 0; round < 200; round++) {
      const parts = new Map(Array.from({ length: 1 + (next() % 28) }, (_, i) => [`S${i}`, BigInt(next() % 1_000_000_000)] as const));
      const points = [...basisPoints(parts).values()];
      if ([...parts.values()].some((v) => v > 0n)) expect(points.reduce((n, p) => n + p, 0)).toBe(10_000);
    }
    expect([percent(3334), percent(5), percent(10_000), percent(0)]).toEqual(["33.34", "0.05", "100.00", "0.00"]);
  });
});

describe("money and people, 2022", () => {
  it("with the secondments' value disclosed: shown beside, counted in no share", async () => {
    const r = await report();
    expect(r).toMatchObject({ year: 2022, asOf: "2022-12-31", basis: "disclosed", cashUsd: "2000.00", inKindUsd: "1000.00", secondmentValueUsd: "12000.00", countedUsd: "3000.00", filledPosts: 2, personMonths: "6.00" });
    expect(r.rows.map((x: any) => [x.code, x.countedUsd, x.secondmentValueUsd, x.contributionShare, x.posts, x.postShare, x.secondments, x.personMonths])).toEqual([
      // Three equal thirds: 3,333 points each and the one left over to CN, first in code order.
      ["KZ", "1000.00", "12000.00", "33.33", 1, "50.00", 1, "6.00"],
      ["CN", "1000.00", "0.00", "33.34", 0, "0.00", 0, "0.00"],
      ["TR", "1000.00", "0.00", "33.33", 0, "0.00", 0, "0.00"],
      ["RU", "0.00", "0.00", "0.00", 1, "50.00", 0, "0.00"],
    ]);
    const sum = (k: string) => r.rows.reduce((n: number, x: any) => n + Math.round(Number(x[k]) * 100), 0);
    expect([sum("contributionShare"), sum("postShare")]).toEqual([10_000, 10_000]);
    const members = seedStates().length;
    expect(r.neither.map((s: any) => s.code)).not.toEqual(expect.arrayContaining(["KZ"]));
    expect(r.neither.map((s: any) => s.code)).toContain("RU");
    expect(r.neither).toHaveLength(members - 3);
  });

  it("with the value recognised: counted in Kazakhstan's share, the shares still 100.00 exactly", async () => {
    await setBasis("recognised");
    const r = await report();
    expect(r).toMatchObject({ basis: "recognised", countedUsd: "15000.00", inKindUsd: "1000.00", secondmentValueUsd: "12000.00" });
    // 13,000 / 15,000 = 86.666…, 1,000 / 15,000 = 6.666… each: floors 8,666 + 666 + 666 = 9,998; equal remainders, so CN and KZ take one each.
    expect(r.rows.map((x: any) => [x.code, x.countedUsd, x.contributionShare])).toEqual([
      ["KZ", "13000.00", "86.67"],
      ["CN", "1000.00", "6.67"],
      ["TR", "1000.00", "6.66"],
      ["RU", "0.00", "0.00"],
    ]);
    await setBasis("disclosed");
  });

  it("exports CSV in English and Russian, and XLSX", async () => {
    const en = await call("GET", "/api/exports/reports/money-people?year=2022&format=csv&lang=en", { cookie: viewer });
    expect(en.status).toBe(200);
    const rows = parse(en.text, { bom: true, delimiter: ",", relax_column_count: true }) as string[][];
    expect(rows[0]).toEqual(["State code", expect.any(String), "Cash received, USD", "Recorded in kind, USD", "Secondments' value, USD", "Counted, USD", "Share of contributions, %", "Posts held by nationals", "Share of posts, %", "Secondments", "Seconded person-months"]);
    expect(rows[1]).toEqual(["KZ", "Kazakhstan", "1000.00", "0.00", "12000.00", "1000.00", "33.33", "1", "50.00", "1", "6.00"]);
    expect(rows.at(-1)![1]).toBe("Secondments' value disclosed, not counted");
    const ru = await call("GET", "/api/exports/reports/money-people?year=2022&format=csv&lang=ru", { cookie: viewer });
    const ruRows = parse(ru.text, { bom: true, delimiter: ";", relax_column_count: true }) as string[][];
    expect(ruRows[0]![2]).toBe("Поступило денежных средств, долл. США");
    expect(ruRows[1]!.slice(0, 1).concat(ruRows[1]!.slice(4, 7))).toEqual(["KZ", "12000,00", "1000,00", "33,33"]);
    const x = await app.request("http://localhost/api/exports/reports/money-people?year=2022&format=xlsx&lang=ru", { headers: { cookie: viewer } });
    expect(x.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await x.arrayBuffer());
    const ws = book.worksheets[0]!;
    expect(ws.name).toBe("Взносы и персонал 2022");
    expect(ws.getRow(2).getCell(1).value).toBe("KZ");
    expect(ws.getRow(2).getCell(5).value).toBe(12000);
  });
});
