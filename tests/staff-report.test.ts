/**
 * The staffing report over a hand-built matrix (this file has its own table,
 * so the figures are exact). Today is 2 March 2026.
 */
import { Clock, MemberState } from "@tracker/core";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";

const TODAY = "2026-03-02";
let hr: string;
let viewer: string;
const ids: Record<string, string> = {};

async function post(number: string, over: Record<string, unknown>) {
  const res = await call("POST", "/api/posts", {
    cookie: hr,
    body: { number, title: { en: `Post ${number}`, ru: `Должность ${number}` }, category: "professional", funding: "secondment", ...over },
  });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  ids[number] = res.json.id;
  return res.json;
}

async function second(number: string, body: Record<string, unknown>) {
  const res = await call("POST", "/api/secondments", { cookie: hr, body: { postId: ids[number], ...body } });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.json;
}

beforeAll(async () => {
  await asSystem(() => MemberState.seed(seedStates()));
  hr = (await userWith(["hr"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
  const base = Date.parse(`${TODAY}T09:00:00Z`);
  const realStart = Date.now();
  Clock.set(() => base + (Date.now() - realStart));

  // The matrix on 2 March 2026:
  await post("P-01", { category: "executive", funding: "regular_budget", title: { en: "Executive Director", ru: "Исполнительный директор" },
    incumbent: { name: "Kairat Sarybay", nationality: "KZ", since: "2024-01-01" } }); // filled (KZ)
  await post("P-02", { category: "senior_officer" }); // filled by a TR secondment ending 30 April
  await post("P-03", { category: "professional" }); // vacant; two secondments in the past
  await post("P-04", { category: "expert", status: "frozen" });
  await post("P-05", { category: "administrative", funding: "regular_budget", status: "abolished" });
  await post("P-06", { category: "professional" }); // vacant today; a CN secondment from June
  await post("P-07", { category: "support", funding: "regular_budget", incumbent: { name: "Олег Иванов", nationality: "RU", since: "2023-05-01" } }); // filled (RU)

  await second("P-02", { personName: "Mehmet Yilmaz", sendingState: "TR", startOn: "2025-07-01", endOn: "2026-04-30" });
  await second("P-03", { personName: "Aliya Nurpeis", sendingState: "KZ", startOn: "2025-01-01", endOn: "2025-12-31" });
  await second("P-03", { personName: "Emre Demir", sendingState: "TR", startOn: "2026-01-01", endOn: "2026-01-31" });
  await second("P-06", { personName: "Li Wei", sendingState: "CN", startOn: "2026-06-01", endOn: "2028-05-31" });
});

afterAll(() => Clock.reset());

describe("the staffing report", () => {
  it("gives the hand-computed figures for the year", async () => {
    const res = await call("GET", "/api/reports/staffing", { cookie: viewer });
    expect(res.status).toBe(200);
    const r = res.json;
    expect(r).toMatchObject({
      year: 2026,
      asOf: TODAY,
      posts: { total: 7, byStatus: { vacant: 2, filled: 3, frozen: 1, abolished: 1 } },
      // 2 vacant of 7 − 1 frozen − 1 abolished = 5 open posts.
      vacancyRate: "40.0",
    });
    expect(r.posts.byCategory).toEqual([
      { category: "executive", total: 1, vacant: 0, filled: 1, frozen: 0, abolished: 0 },
      { category: "senior_officer", total: 1, vacant: 0, filled: 1, frozen: 0, abolished: 0 },
      { category: "professional", total: 2, vacant: 2, filled: 0, frozen: 0, abolished: 0 },
      { category: "expert", total: 1, vacant: 0, filled: 0, frozen: 1, abolished: 0 },
      { category: "administrative", total: 1, vacant: 0, filled: 0, frozen: 0, abolished: 1 },
      { category: "support", total: 1, vacant: 0, filled: 1, frozen: 0, abolished: 0 },
    ]);
    expect(r.staffByNationality.map((n: { code: string; count: number }) => [n.code, n.count])).toEqual([["KZ", 1], ["RU", 1], ["TR", 1]]);
    expect(r.staffByNationality[0].name).toEqual({ en: "Kazakhstan", ru: "Казахстан" });
    const without = r.statesWithoutNationals.map((s: { code: string }) => s.code);
    expect(without).toHaveLength(28 - 3);
    expect(without).toContain("CN"); // seconded from June: not on staff today
    expect(without).not.toEqual(expect.arrayContaining(["KZ"]));
    expect(without.filter((c: string) => ["KZ", "RU", "TR"].includes(c))).toEqual([]);
    // TR: 120 days (1 Jan–30 Apr) + 31 days (January) = 151 days; 151 / (365/12) = 4.96 → "5.0".
    // CN: 1 June–31 December = 214 days → 7.04 → "7.0". KZ: none in 2026.
    expect(r.secondmentsByState).toEqual([
      { code: "CN", name: expect.objectContaining({ en: "China" }), people: 1, secondments: 1, personMonths: "7.0" },
      { code: "TR", name: expect.objectContaining({ ru: "Турция" }), people: 2, secondments: 2, personMonths: "5.0" },
    ]);
    expect(r.personMonthsTotal).toBe("12.0"); // 151 + 214 = 365 days: one person-year
    expect(r.rotationAlerts.map((s: { personName: string; lastOn: string }) => [s.personName, s.lastOn])).toEqual([["Mehmet Yilmaz", "2026-04-30"]]);
  });

  it("gives a past year as of its 31 December, with that year's person-months", async () => {
    const r = (await call("GET", "/api/reports/staffing?year=2025", { cookie: viewer })).json;
    expect(r.asOf).toBe("2025-12-31");
    // On 31 Dec 2025: P-01, P-02 (TR), P-03 (KZ, last day), P-07 filled; P-06 vacant.
    expect(r.posts.byStatus).toEqual({ vacant: 1, filled: 4, frozen: 1, abolished: 1 });
    expect(r.vacancyRate).toBe("20.0");
    // KZ: 365 days → "12.0"; TR: 1 July–31 December = 184 days → 6.05 → "6.0".
    expect(r.secondmentsByState.map((s: { code: string; people: number; personMonths: string }) => [s.code, s.people, s.personMonths])).toEqual([
      ["KZ", 1, "12.0"],
      ["TR", 1, "6.0"],
    ]);
    expect((await call("GET", "/api/reports/staffing?year=1800", { cookie: viewer })).status).toBe(400);
  });

  it("exports the report and the matrix as CSV that parses back to the same figures", async () => {
    const r = (await call("GET", "/api/reports/staffing?year=2026", { cookie: viewer })).json;
    const res = await call("GET", "/api/reports/staffing.csv?year=2026", { cookie: viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(res.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    const value = (section: string, figure: string, code = "") => rows.find((x) => x.Section === section && x.Figure === figure && x.Code === code)?.Value;
    expect(value("Summary", "Vacancy rate, %")).toBe(r.vacancyRate);
    expect(value("Summary", "Posts")).toBe("7");
    expect(value("Posts by category", "Vacant", "professional")).toBe("2");
    expect(value("Secondments by sending state", "Person-months", "TR")).toBe("5.0");
    expect(value("Secondments by sending state", "People", "TR")).toBe("2");
    expect(rows.filter((x) => x.Section === "Member states with no national on staff")).toHaveLength(r.statesWithoutNationals.length);
    expect(rows.find((x) => x.Section === "Staff by nationality" && x.Code === "KZ")).toMatchObject({ Name: "Kazakhstan", Value: "1" });
    expect(rows.filter((x) => x.Section === "Rotation alerts").map((x) => x.Name)).toEqual(["Mehmet Yilmaz (Türkiye)"]);

    const matrix = await call("GET", "/api/posts.csv", { cookie: viewer });
    expect(matrix.text.charCodeAt(0)).toBe(0xfeff);
    const lines = parse(matrix.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(lines.map((l) => l.number)).toEqual(["P-01", "P-02", "P-03", "P-04", "P-05", "P-06", "P-07"]);
    expect(lines.map((l) => l.status)).toEqual(["filled", "filled", "vacant", "frozen", "abolished", "vacant", "filled"]);
    expect(lines[0]).toMatchObject({ title_ru: "Исполнительный директор", incumbent_nationality: "KZ", category: "executive" });
    expect(lines[1]).toMatchObject({ incumbent_name: "Mehmet Yilmaz", incumbent_until: "2026-04-30" });
    expect(lines[1]!.secondment_id).toBeTruthy();
    expect(lines[6]!.incumbent_name).toBe("Олег Иванов");
    const later = parse((await call("GET", "/api/posts.csv?asOf=2026-07-01", { cookie: viewer })).text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(later.map((l) => l.status)).toEqual(["filled", "vacant", "vacant", "frozen", "abolished", "filled", "filled"]);
  });
});
