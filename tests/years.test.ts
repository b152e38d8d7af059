/**
 * Which fiscal years hold data (GET /api/reports/years): read from the years' totals items with one
 * Query, so the pages open on the latest year with data up to the current one, not on an empty year.
 */
import { Clock, Contribution, MemberState, Totals } from "@tracker/core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";

let viewer: string;

const make = (date: string) =>
  asSystem(() =>
    Contribution.create({ stateCode: "KZ", kind: "cash", status: "received", amount: "10.00", currency: "USD", date, purpose: "regular_budget" }),
  );

const years = async () => {
  const res = await call("GET", "/api/reports/years", { cookie: viewer });
  expect(res.status).toBe(200);
  return res.json as { years: number[]; defaultYear: number };
};

beforeAll(async () => {
  await asSystem(() => MemberState.create({ code: "KZ", name: { en: "Kazakhstan", ru: "Казахстан" }, status: "member" }));
  viewer = (await userWith(["viewer"])).cookie;
});

afterEach(() => Clock.reset());

describe("the fiscal years with data", () => {
  it("is the current year when nothing is recorded, and needs a session", async () => {
    expect(await years()).toEqual({ years: [], defaultYear: Number(Clock.today().slice(0, 4)) });
    expect((await call("GET", "/api/reports/years")).status).toBe(401);
  });

  it("lists the years with records in force, oldest first, and opens on the latest up to the current year", async () => {
    await make("2022-05-01");
    await make("2019-12-31");
    const voided = await make("2020-03-01");
    await asSystem(() => Contribution.voidIt({ id: voided.id, reason: "recorded twice", version: voided.version }));
    await make("2023-01-10");
    // 2020 holds only a voided record: nothing in force, so no data to open on.
    expect(await years()).toEqual({ years: [2019, 2022, 2023], defaultYear: Math.min(2023, Number(Clock.today().slice(0, 4))) });

    // As seen on a day in 2022, the 2023 records (entered later) are not the year to open on.
    Clock.set(() => Date.parse("2022-07-01T12:00:00Z"));
    expect((await years()).defaultYear).toBe(2022);
    Clock.set(() => Date.parse("2021-07-01T12:00:00Z"));
    expect((await years()).defaultYear).toBe(2019);
  });

  it("chooses among the years as the rule says", () => {
    expect(Totals.defaultYear([], 2026)).toBe(2026);
    expect(Totals.defaultYear([2021, 2022], 2026)).toBe(2022);
    expect(Totals.defaultYear([2027], 2026)).toBe(2026);
    expect(Totals.defaultYear([2020, 2027], 2026)).toBe(2020);
  });
});
