/**
 * Year-end close on DynamoDB Local: finance closes a year provisionally or finally, an admin
 * reopens a provisional close with a reason (audited), a final close never reopens; every write
 * dated in a closed year is refused with 409 close.year_closed, and a correction goes into an open
 * year as an adjustment pointing to the original.
 */
import { Contribution, MemberState } from "@tracker/core";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";

let finance: string;
let admin: string;
let viewer: string;

const body = (over: Record<string, unknown> = {}) => ({
  stateCode: "KZ", kind: "cash", status: "received", amount: "46025000.00", currency: "KZT", exchangeRate: "460.25",
  date: "2021-03-15", purpose: "regular_budget", ...over,
});

async function record(over: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/contributions", { cookie: finance, body: body(over) });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.json;
}

const closeYear = (year: number, status: "provisional" | "final", cookie = finance, reason?: string) =>
  call("POST", `/api/fiscal-years/${year}/close`, { cookie, body: { status, ...(reason ? { reason } : {}) } });
const reopen = (year: number, reason: unknown, cookie = admin) => call("POST", `/api/fiscal-years/${year}/reopen`, { cookie, body: { reason } });
const closed = (res: { status: number; json: any }, year: number, status: string) => {
  expect(res.status, JSON.stringify(res.json)).toBe(409);
  expect(res.json.error.code).toBe("close.year_closed");
  expect(res.json.error.params).toEqual({ year: String(year), status });
};

beforeAll(async () => {
  await asSystem(() =>
    MemberState.seed([
      { code: "KZ", en: "Kazakhstan", ru: "Казахстан", status: "member" },
      { code: "TR", en: "Türkiye", ru: "Турция", status: "member" },
    ]),
  );
  finance = (await userWith(["finance"])).cookie;
  admin = (await userWith(["admin"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
});

describe("closing a fiscal year", () => {
  it("is open until closed; finance closes it provisionally, then finally; the trail records both", async () => {
    expect((await call("GET", "/api/fiscal-years/2018/close", { cookie: viewer })).json).toEqual({ year: 2018, status: "open", version: 0 });
    const p = await closeYear(2018, "provisional", finance, "Draft accounts to the auditors");
    expect(p.status, p.text).toBe(200);
    expect(p.json).toMatchObject({ year: 2018, status: "provisional", reason: "Draft accounts to the auditors", closedBy: expect.stringMatching(/^finance-/), version: 1 });
    expect((await closeYear(2018, "provisional")).json.error).toMatchObject({ code: "close.already_closed", params: { year: "2018", status: "provisional" } });
    const f = await closeYear(2018, "final");
    expect(f.json).toMatchObject({ status: "final", version: 2 });
    expect((await call("GET", "/api/fiscal-years/2018/close", { cookie: viewer })).json).toMatchObject({ status: "final", version: 2 });
    const trail = (await call("GET", "/api/audit?entity=fiscalYear&id=2018", { cookie: admin })).json.items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(["close_final", "close_provisional"]);
    expect(trail[0].changes.status).toEqual(["provisional", "final"]);
  });

  it("only finance closes, only an admin reopens: 403 for the others, nothing written", async () => {
    expect((await closeYear(2017, "provisional", viewer)).status).toBe(403);
    expect((await closeYear(2017, "provisional", admin)).status).toBe(403);
    expect((await call("GET", "/api/fiscal-years/2017/close", { cookie: viewer })).json.status).toBe("open");
    expect((await closeYear(2017, "provisional")).status).toBe(200);
    expect((await reopen(2017, "Audit adjustments", finance)).status).toBe(403);
    expect((await call("GET", "/api/fiscal-years/2017/close", { cookie: viewer })).json.status).toBe("provisional");
  });

  it("an admin reopens a provisional close with a reason, which the trail keeps; without one, 400 naming it", async () => {
    await closeYear(2016, "provisional");
    const none = await reopen(2016, "  ");
    expect(none.status).toBe(400);
    expect(none.json.error.issues).toEqual([expect.objectContaining({ path: "reason", code: "close.reopen_reason" })]);
    const res = await reopen(2016, "The auditors found a receipt recorded twice");
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ status: "open", reopenReason: "The auditors found a receipt recorded twice", reopenedBy: expect.stringMatching(/^admin-/) });
    const [event] = (await call("GET", "/api/audit?entity=fiscalYear&id=2016", { cookie: admin })).json.items;
    expect(event).toMatchObject({ action: "reopen", changes: { status: ["provisional", "open"], reopenReason: [null, "The auditors found a receipt recorded twice"] } });
    // Open again: a record dated in it is taken.
    expect((await call("POST", "/api/contributions", { cookie: finance, body: body({ date: "2016-05-05", stateCode: "TR" }) })).status).toBe(201);
  });

  it("a final close never reopens, and an open year has nothing to reopen", async () => {
    await closeYear(2015, "final");
    const res = await reopen(2015, "Please");
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "close.final", params: { year: "2015" } });
    expect((await closeYear(2015, "provisional")).json.error.code).toBe("close.final");
    expect((await reopen(2014, "Nothing to reopen")).json.error).toMatchObject({ code: "close.not_closed" });
  });
});

describe("writes dated in a closed year", () => {
  it("are refused with 409 close.year_closed: create, correct, void, pay, close a pledge, set the budget; nothing changes", async () => {
    const receipt = await record({ date: "2021-03-15" });
    const pledge = await record({ status: "pledged", amount: "100000.00", currency: "USD", exchangeRate: undefined, date: "2021-04-01" });
    const budget = await call("PUT", "/api/budgets/2021", { cookie: finance, body: { status: "draft", lines: [{ code: "A", name: "Staff", amountUsd: "500000.00" }] } });
    expect(budget.status).toBe(200);
    expect((await closeYear(2021, "provisional")).status).toBe(200);

    closed(await call("POST", "/api/contributions", { cookie: finance, body: body({ date: "2021-12-31", reference: "late" }) }), 2021, "provisional");
    closed(await call("PATCH", `/api/contributions/${receipt.id}`, { cookie: finance, body: { amount: "1.00", version: 1 } }), 2021, "provisional");
    // Moving a record of an open year into the closed one is refused too.
    const open = await record({ date: "2022-01-10" });
    closed(await call("PATCH", `/api/contributions/${open.id}`, { cookie: finance, body: { date: "2021-12-20", version: 1 } }), 2021, "provisional");
    closed(await call("POST", `/api/contributions/${receipt.id}/void`, { cookie: finance, body: { reason: "twice", version: 1 } }), 2021, "provisional");
    closed(
      await call("POST", "/api/contributions", { cookie: finance, body: body({ amount: "100.00", currency: "USD", exchangeRate: undefined, date: "2021-06-01", pledgeId: pledge.id }) }),
      2021,
      "provisional",
    );
    closed(await call("POST", `/api/contributions/${pledge.id}/close`, { cookie: finance, body: { date: "2021-12-01", reason: "withdrawn", version: 1 } }), 2021, "provisional");
    closed(
      await call("PUT", "/api/budgets/2021", { cookie: finance, body: { status: "draft", lines: [{ code: "A", name: "Staff", amountUsd: "1.00" }], version: 1 } }),
      2021,
      "provisional",
    );
    // The core refuses it too, whoever calls it (an import calls Contribution.create).
    await expect(asSystem(() => Contribution.create(body({ date: "2021-07-07", reference: "import row 2" }) as Contribution.CreateInput))).rejects.toMatchObject({
      code: "close.year_closed",
    });
    expect((await call("GET", `/api/contributions/${receipt.id}`, { cookie: viewer })).json).toMatchObject({ amount: "46025000.00", voided: false, version: 1 });
    expect((await call("GET", `/api/contributions/${open.id}`, { cookie: viewer })).json).toMatchObject({ date: "2022-01-10", version: 1 });
    const report = (await call("GET", "/api/reports/contributions?year=2021", { cookie: viewer })).json;
    expect(report).toMatchObject({ receivedUsd: "100000.00", pledgedOutstandingUsd: "100000.00", budgetUsd: "500000.00", close: "provisional" });

    // A payment dated in the open year still pays the closed year's pledge.
    const paid = await record({ amount: "40000.00", currency: "USD", exchangeRate: undefined, date: "2022-02-01", pledgeId: pledge.id });
    expect(paid.fiscalYear).toBe(2022);

    // Final: refused for good, with its status.
    await closeYear(2021, "final");
    closed(await call("POST", "/api/contributions", { cookie: finance, body: body({ date: "2021-11-11" }) }), 2021, "final");
  });

  it("a close written between a write's read and its transaction cancels the write", async () => {
    // The write's transaction checks the close item: a close that lands first refuses it.
    const { YearClose } = await import("@tracker/core");
    const checks = await YearClose.assertOpen(2013);
    expect(checks).toHaveLength(1);
    await closeYear(2013, "provisional");
    const { transact } = await import("@tracker/core/service");
    await expect(transact(checks)).rejects.toMatchObject({ code: "close.year_closed", params: { year: "2013", status: "closed" } });
  });
});

describe("a correction after the close", () => {
  it("goes into the open year as an adjustment that points to the original, shown on both", async () => {
    const original = await record({ stateCode: "TR", date: "2019-09-09", amount: "50000.00", currency: "USD", exchangeRate: undefined, reference: "SWIFT 19" });
    // While 2019 is open, the record itself is corrected, not adjusted.
    const early = await call("POST", "/api/contributions", { cookie: finance, body: body({ stateCode: "TR", date: "2022-03-03", amount: "500.00", currency: "USD", exchangeRate: undefined, adjusts: original.id }) });
    expect(early.status).toBe(400);
    expect(early.json.error.issues).toEqual([expect.objectContaining({ path: "adjusts", code: "contribution.adjusts_open_year", params: { year: "2019" } })]);
    await closeYear(2019, "final");
    const other = await call("POST", "/api/contributions", { cookie: finance, body: body({ date: "2022-03-03", amount: "500.00", currency: "USD", exchangeRate: undefined, adjusts: original.id }) });
    expect(other.json.error.issues).toEqual([expect.objectContaining({ path: "adjusts", code: "contribution.adjusts_state", params: { state: "TR" } })]);

    const adjustment = await record({
      stateCode: "TR", date: "2022-03-03", amount: "500.00", currency: "USD", exchangeRate: undefined, adjusts: original.id,
      description: "Bank charges of SWIFT 19 credited back",
    });
    expect(adjustment).toMatchObject({ adjusts: original.id, fiscalYear: 2022, amountUsd: "500.00" });
    const after = (await call("GET", `/api/contributions/${original.id}`, { cookie: viewer })).json;
    expect(after).toMatchObject({ adjustedBy: [adjustment.id], amount: "50000.00", amountUsd: "50000.00", fiscalYear: 2019 });
    // The closed year's figures stay; the adjustment counts in the open year.
    expect((await call("GET", "/api/reports/contributions?year=2019", { cookie: viewer })).json).toMatchObject({ receivedUsd: "50000.00", close: "final" });
    const y2022 = (await call("GET", "/api/reports/contributions?year=2022", { cookie: viewer })).json;
    expect(y2022.byState.find((r: { code: string }) => r.code === "TR")).toMatchObject({ receivedUsd: "500.00" });
    expect(y2022.close).toBe("open");
    const [event] = (await call("GET", `/api/audit?entity=contribution&id=${original.id}`, { cookie: admin })).json.items;
    expect(event).toMatchObject({ action: "adjusted", changes: { adjustedBy: [null, [adjustment.id]] } });
  });
});

describe("statements of a closed period", () => {
  it("say whether the period is closed finally or provisionally", async () => {
    await record({ date: "2012-05-05" });
    const open = (await call("GET", "/api/summaries/preview?state=KZ&period=2012&lang=en", { cookie: finance })).json;
    expect(open.close).toBe("open");
    expect(open.text).not.toContain("closed");
    await closeYear(2012, "provisional");
    const provisional = (await call("GET", "/api/summaries/preview?state=KZ&period=2012&lang=en", { cookie: finance })).json;
    expect(provisional.close).toBe("provisional");
    expect(provisional.text).toContain("The accounts of fiscal year 2012 are closed provisionally: figures may still be adjusted.");
    await closeYear(2012, "final");
    const ru = (await call("GET", "/api/summaries/preview?state=KZ&period=2012&lang=ru", { cookie: finance })).json;
    expect(ru.text).toContain("Счета 2012 финансового года закрыты окончательно.");
  });
});
