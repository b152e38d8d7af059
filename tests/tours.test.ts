/**
 * Tour rules: the longest tour by post category (or grade) and the longest service of one person
 * in all, kept by HR (defaults after the OSCE's 4/5/7 years and 10 in all); each secondment shows
 * the extensions used and its person's service; an extension beyond a limit is refused (409 naming
 * the limit) unless an override names the decision, which is stored and audited. Through the HTTP
 * API on DynamoDB Local; the clock set to 2 March 2026.
 */
import { Clock, MemberState, TourRules } from "@tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";

const TODAY = "2026-03-02";
let hr: string;
let viewer: string;
let serial = 0;

async function post(category: string, grade?: string) {
  const body = { number: `TR-${++serial}`, title: { en: "Post", ru: "Должность" }, category, funding: "secondment", ...(grade ? { grade } : {}) };
  const res = await call("POST", "/api/posts", { cookie: hr, body });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.json.id as string;
}

async function second(postId: string, startOn: string, endOn: string, over: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/secondments", { cookie: hr, body: { personName: "Aidos Serikbayev", sendingState: "KZ", postId, startOn, endOn, ...over } });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.json as { id: string; version: number };
}

const get = async (id: string) => (await call("GET", `/api/secondments/${id}`, { cookie: viewer })).json;
const extend = (id: string, body: Record<string, unknown>) => call("POST", `/api/secondments/${id}/extend`, { cookie: hr, body });

beforeAll(async () => {
  await asSystem(() => MemberState.seed(seedStates()));
  hr = (await userWith(["hr"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
  const base = Date.parse(`${TODAY}T09:00:00Z`);
  const realStart = Date.now();
  Clock.set(() => base + (Date.now() - realStart));
});

afterAll(() => Clock.reset());

describe("the arithmetic of months", () => {
  it("counts calendar months, a day past a month's end being its last day", () => {
    expect(TourRules.Rules.addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(TourRules.Rules.addMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(TourRules.Rules.addMonths("2022-11-15", 14)).toBe("2024-01-15");
    expect(TourRules.Rules.tourEndsBy("2022-02-01", 60)).toBe("2027-01-31");
    expect(TourRules.Rules.cumulativeEndsBy("2023-01-01", 120, 1461)).toBe("2028-12-31");
  });
});

describe("a secondment under the default rules", () => {
  it("shows the defaults as version 0", async () => {
    const r = await call("GET", "/api/tour-rules", { cookie: viewer });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      categories: { executive: 48, senior_officer: 60, professional: 60, expert: 84, administrative: 84, support: 84 },
      grades: [],
      cumulativeMonths: 120,
      version: 0,
    });
  });

  it("shows the extensions used and the service accumulated, and refuses an extension beyond the tour without an override", async () => {
    const s = await second(await post("senior_officer"), "2024-01-01", "2026-12-31");
    expect((await get(s.id)).tour).toEqual({
      extensionsUsed: 0,
      maxTourMonths: 60,
      tourEndsBy: "2028-12-31",
      cumulativeMonths: 120,
      cumulativeEndsBy: "2033-12-31",
      secondments: 1,
      servedDays: 792, // 2024-01-01 to 2026-03-02: 366 + 365 + 61
      plannedDays: 1096, // to 2026-12-31: 366 + 365 + 365
      beyond: [],
    });
    // Up to the limit's last day: allowed.
    const ok = await extend(s.id, { endOn: "2028-12-31", decisionRef: "HR/2026/1", version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.json.tour).toMatchObject({ extensionsUsed: 1, plannedDays: 1827, beyond: [] });
    // One day past it: 409 naming the limit, nothing written.
    const refused = await extend(s.id, { endOn: "2029-01-01", version: 2 });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "secondment.beyond_tour_limit", params: { months: 60, date: "2028-12-31", endOn: "2029-01-01" } });
    expect(refused.json.error.message).toBe(
      "A tour on this post lasts at most 60 months, to 2028-12-31; an extension to 2029-01-01 needs an override with the decision's reference.",
    );
    expect(await get(s.id)).toMatchObject({ version: 2, endOn: "2028-12-31", tour: { extensionsUsed: 1 } });
    // An override without its decision is bad input, naming the field.
    const bare = await extend(s.id, { endOn: "2029-06-30", override: {}, version: 2 });
    expect(bare.status).toBe(400);
    expect(bare.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["override.decisionRef"]);
    // With the override: stored on the extension, and in the trail.
    const over = await extend(s.id, { endOn: "2029-06-30", override: { decisionRef: "SOC/2026/7" }, version: 2 });
    expect(over.status).toBe(200);
    expect(over.json.extensions[1]).toMatchObject({ endOn: "2029-06-30", previousEndOn: "2028-12-31", override: { decisionRef: "SOC/2026/7", limits: ["tour"] } });
    expect(over.json.tour).toMatchObject({ extensionsUsed: 2, beyond: ["tour"], plannedDays: 2008 });
    const trail = await call("GET", `/api/audit?entity=secondment&id=${s.id}`, { cookie: hr });
    const event = trail.json.items.find((e: { action: string; changes: unknown }) => e.action === "extend" && JSON.stringify(e.changes).includes("SOC/2026/7"));
    expect(event).toBeDefined();
  });

  it("counts the person's other secondments against the cumulative limit, and refuses beyond it naming that limit", async () => {
    const earlier = await post("expert");
    const now = await post("expert");
    // The same person (name as typed differently), an earlier tour of 1,461 days.
    await second(earlier, "2016-01-01", "2019-12-31", { personName: "NURLAN  abenov" });
    // Another person of the same name: another nationality, not counted.
    await second(await post("expert"), "2010-01-01", "2015-12-31", { personName: "Nurlan Abenov", nationality: "RU" });
    const s = await second(now, "2023-01-01", "2026-12-31", { personName: "Nurlan Abenov" });
    expect((await get(s.id)).tour).toEqual({
      extensionsUsed: 0,
      maxTourMonths: 84,
      tourEndsBy: "2029-12-31",
      cumulativeMonths: 120,
      cumulativeEndsBy: "2028-12-31", // 2032-12-31 less the 1,461 days served before
      secondments: 2,
      servedDays: 2618, // 1,461 + 1,157 (2023-01-01 to 2026-03-02)
      plannedDays: 2922, // 1,461 + 1,461
      beyond: [],
    });
    const refused = await extend(s.id, { endOn: "2029-01-01", version: 1 });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: "secondment.beyond_cumulative_limit",
      params: { person: "Nurlan Abenov", months: 120, served: 1461, date: "2028-12-31", endOn: "2029-01-01" },
    });
    const over = await extend(s.id, { endOn: "2030-01-01", override: { decisionRef: "SOC/2026/9" }, version: 1 });
    expect(over.status).toBe(200);
    expect(over.json.extensions[0].override).toEqual({ decisionRef: "SOC/2026/9", limits: ["tour", "cumulative"] });
  });
});

describe("the rules kept by HR", () => {
  const rules = (over: Record<string, unknown> = {}) => ({ ...structuredClone(TourRules.Rules.DEFAULTS), ...over });

  it("are refused to a viewer whatever the body, and bad input names the field, nothing written", async () => {
    expect((await call("PUT", "/api/tour-rules", { cookie: viewer, body: { nonsense: true } })).status).toBe(403);
    const twice = await call("PUT", "/api/tour-rules", {
      cookie: hr,
      body: rules({ grades: [{ category: "expert", grade: "P-5", maxTourMonths: 36 }, { category: "expert", grade: "p-5 ", maxTourMonths: 24 }], version: 0 }),
    });
    expect(twice.status).toBe(400);
    expect(twice.json.error.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([["grades.1.grade", "tour.grade_twice"]]);
    const zero = await call("PUT", "/api/tour-rules", { cookie: hr, body: rules({ cumulativeMonths: 0, version: 0 }) });
    expect(zero.status).toBe(400);
    expect(zero.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["cumulativeMonths"]);
    expect((await call("GET", "/api/tour-rules", { cookie: viewer })).json.version).toBe(0);
  });

  it("take effect on the next extension: a grade's own limit before its category's; audited; a stale version is 409", async () => {
    const saved = await call("PUT", "/api/tour-rules", {
      cookie: hr,
      body: rules({ grades: [{ category: "senior_officer", grade: "D-1", maxTourMonths: 36 }], version: 0 }),
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ version: 1, grades: [{ category: "senior_officer", grade: "D-1", maxTourMonths: 36 }] });
    expect((await call("PUT", "/api/tour-rules", { cookie: hr, body: rules({ version: 0 }) })).status).toBe(409);
    const s = await second(await post("senior_officer", "d-1"), "2025-01-01", "2026-12-31", { personName: "Li Wei", sendingState: "CN" });
    expect((await get(s.id)).tour).toMatchObject({ maxTourMonths: 36, tourEndsBy: "2027-12-31" });
    const refused = await extend(s.id, { endOn: "2028-01-01", version: 1 });
    expect(refused.json.error).toMatchObject({ code: "secondment.beyond_tour_limit", params: { months: 36, date: "2027-12-31" } });
    const trail = await call("GET", "/api/audit?entity=tourRules&id=rules", { cookie: hr });
    expect(trail.json.items.map((e: { action: string; actor: string }) => e.action)).toEqual(["create"]);
  });
});
