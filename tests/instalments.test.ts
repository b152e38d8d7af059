/**
 * Pledge instalments on DynamoDB Local: a schedule adding up to the pledge (else 400 naming the
 * field), payments settling the earliest open instalment first, the difference moved to the next
 * instalment or the schedule changed as the user chooses, the overdue instalments listed for the
 * dashboard and the state's page, and a payer named apart from the state.
 */
import { Clock, MemberState } from "@tracker/core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";

let finance: string;
let viewer: string;

const SCHEDULE = [
  { dueOn: "2023-03-31", amount: "30000.00" },
  { dueOn: "2023-06-30", amount: "30000.00" },
  { dueOn: "2023-09-30", amount: "40000.00" },
];
const pledgeBody = (over: Record<string, unknown> = {}) => ({
  stateCode: "KZ", kind: "cash", status: "pledged", amount: "100000.00", currency: "USD", date: "2023-01-15",
  purpose: "regular_budget", instalments: SCHEDULE, ...over,
});

async function post(body: Record<string, unknown>) {
  const res = await call("POST", "/api/contributions", { cookie: finance, body });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.json;
}
const pay = (pledgeId: string, amount: string, over: Record<string, unknown> = {}) =>
  post({ stateCode: "KZ", kind: "cash", status: "received", amount, currency: "USD", date: "2023-04-10", purpose: "regular_budget", pledgeId, ...over });
const get = async (id: string) => (await call("GET", `/api/contributions/${id}`, { cookie: viewer })).json;
const plan = (c: { instalments: Array<{ dueOn: string; amount: string; paid: string; settled: boolean }> }) =>
  c.instalments.map((i) => `${i.dueOn} ${i.amount} paid ${i.paid}${i.settled ? " settled" : ""}`);

beforeAll(async () => {
  await asSystem(() =>
    MemberState.seed([
      { code: "KZ", en: "Kazakhstan", ru: "Казахстан", status: "member" },
      { code: "UZ", en: "Uzbekistan", ru: "Узбекистан", status: "member" },
    ]),
  );
  finance = (await userWith(["finance"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
});

afterEach(() => Clock.reset());

describe("a pledge's schedule", () => {
  it("adds up to the pledge, else 400 naming instalments; due dates in order; only a pledge has one; nothing written", async () => {
    const sum = await call("POST", "/api/contributions", { cookie: finance, body: pledgeBody({ amount: "90000.00" }) });
    expect(sum.status).toBe(400);
    expect(sum.json.error.issues).toEqual([
      expect.objectContaining({ path: "instalments", code: "contribution.instalments_sum", params: { sum: "100000.00", amount: "90000.00", currency: "USD" } }),
    ]);
    const order = await call("POST", "/api/contributions", {
      cookie: finance,
      body: pledgeBody({ instalments: [SCHEDULE[1], SCHEDULE[0], SCHEDULE[2]] }),
    });
    expect(order.json.error.issues).toEqual([expect.objectContaining({ path: "instalments.1.dueOn", code: "contribution.instalments_order" })]);
    const receipt = await call("POST", "/api/contributions", { cookie: finance, body: pledgeBody({ status: "received" }) });
    expect(receipt.json.error.issues).toEqual([expect.objectContaining({ path: "instalments", code: "contribution.instalments_pledge_only" })]);
    const decimals = await call("POST", "/api/contributions", {
      cookie: finance,
      body: pledgeBody({ instalments: [{ dueOn: "2023-03-31", amount: "100000.001" }] }),
    });
    expect(decimals.json.error.issues).toEqual([expect.objectContaining({ path: "instalments.0.amount", code: "amount.decimals" })]);
    expect((await call("GET", "/api/contributions?year=2023&state=KZ", { cookie: viewer })).json.items).toEqual([]);
  });

  it("is settled in order: the earliest open instalment first; an exact payment settles it", async () => {
    const p = await post(pledgeBody());
    expect(plan(p)).toEqual(["2023-03-31 30000.00 paid 0.00", "2023-06-30 30000.00 paid 0.00", "2023-09-30 40000.00 paid 0.00"]);
    await pay(p.id, "30000.00");
    expect(plan(await get(p.id))).toEqual(["2023-03-31 30000.00 paid 30000.00 settled", "2023-06-30 30000.00 paid 0.00", "2023-09-30 40000.00 paid 0.00"]);
    await pay(p.id, "30000.00", { date: "2023-07-01" });
    const after = await get(p.id);
    expect(plan(after)).toEqual(["2023-03-31 30000.00 paid 30000.00 settled", "2023-06-30 30000.00 paid 30000.00 settled", "2023-09-30 40000.00 paid 0.00"]);
    expect(after).toMatchObject({ outstanding: "40000.00", outstandingUsd: "40000.00" });
  });

  it("moves the difference to the next instalment: a shortfall adds to it, an excess pays it", async () => {
    const p = await post(pledgeBody({ date: "2023-01-16" }));
    const short = await pay(p.id, "25000.00", { difference: "next" });
    expect(short.difference).toBe("next");
    expect(plan(await get(p.id))).toEqual(["2023-03-31 25000.00 paid 25000.00 settled", "2023-06-30 35000.00 paid 0.00", "2023-09-30 40000.00 paid 0.00"]);
    await pay(p.id, "50000.00", { date: "2023-06-01" });
    expect(plan(await get(p.id))).toEqual([
      "2023-03-31 25000.00 paid 25000.00 settled", "2023-06-30 35000.00 paid 35000.00 settled", "2023-09-30 40000.00 paid 15000.00",
    ]);
  });

  it("or changes the schedule: the instalment is settled at what was paid, the later ones rescaled to what is outstanding", async () => {
    const p = await post(pledgeBody({ date: "2023-01-17" }));
    await pay(p.id, "20000.00", { difference: "reschedule" });
    // 80,000 outstanding over 30,000 and 40,000: 34,285.71 and the rest, 45,714.29.
    const after = await get(p.id);
    expect(plan(after)).toEqual(["2023-03-31 20000.00 paid 20000.00 settled", "2023-06-30 34285.71 paid 0.00", "2023-09-30 45714.29 paid 0.00"]);
    expect(after.outstanding).toBe("80000.00");
    await pay(p.id, "50000.00", { difference: "reschedule", date: "2023-06-05" });
    expect(plan(await get(p.id))).toEqual([
      "2023-03-31 20000.00 paid 20000.00 settled", "2023-06-30 50000.00 paid 50000.00 settled", "2023-09-30 30000.00 paid 0.00",
    ]);
  });

  it("is settled again when a payment is voided or corrected", async () => {
    const p = await post(pledgeBody({ date: "2023-01-18" }));
    const first = await pay(p.id, "30000.00", { date: "2023-04-11" });
    const second = await pay(p.id, "10000.00", { date: "2023-05-01" });
    expect((await call("POST", `/api/contributions/${first.id}/void`, { cookie: finance, body: { reason: "returned by the bank", version: 1 } })).status).toBe(200);
    // The 10,000 left is now the first payment: short of the first instalment, the rest moved to the next.
    expect(plan(await get(p.id))).toEqual(["2023-03-31 10000.00 paid 10000.00 settled", "2023-06-30 50000.00 paid 0.00", "2023-09-30 40000.00 paid 0.00"]);
    const fixed = await call("PATCH", `/api/contributions/${second.id}`, { cookie: finance, body: { amount: "30000.00", version: 1 } });
    expect(fixed.status, fixed.text).toBe(200);
    expect(plan(await get(p.id))).toEqual(["2023-03-31 30000.00 paid 30000.00 settled", "2023-06-30 30000.00 paid 0.00", "2023-09-30 40000.00 paid 0.00"]);
  });
});

describe("overdue instalments", () => {
  it("are listed for the dashboard and the state's page: due before today, not settled, on an open pledge", async () => {
    Clock.set(() => Date.parse("2024-07-15T09:00:00Z"));
    const uz = await post(pledgeBody({
      stateCode: "UZ", amount: "9000000.00", currency: "UZS", exchangeRate: "12000", date: "2024-01-10",
      instalments: [{ dueOn: "2024-03-01", amount: "3000000.00" }, { dueOn: "2024-06-01", amount: "3000000.00" }, { dueOn: "2024-12-01", amount: "3000000.00" }],
    }));
    await post({ stateCode: "UZ", kind: "cash", status: "received", amount: "3000000.00", currency: "UZS", exchangeRate: "12000", date: "2024-03-05", purpose: "regular_budget", pledgeId: uz.id });
    const withdrawn = await post(pledgeBody({ date: "2024-01-20", instalments: [{ dueOn: "2024-02-01", amount: "100000.00" }] }));
    expect((await call("POST", `/api/contributions/${withdrawn.id}/close`, { cookie: finance, body: { date: "2024-05-01", reason: "withdrawn", version: 1 } })).status).toBe(200);

    const all = (await call("GET", "/api/contributions/overdue", { cookie: viewer })).json.items;
    const mine = all.filter((o: { pledgeId: string }) => [uz.id, withdrawn.id].includes(o.pledgeId));
    expect(mine).toEqual([
      { pledgeId: uz.id, number: uz.number, stateCode: "UZ", currency: "UZS", dueOn: "2024-06-01", amount: "3000000.00", open: "3000000.00", openUsd: "250.00", daysOverdue: 44 },
    ]);
    expect((await get(uz.id)).instalments.map((i: { overdue: boolean }) => i.overdue)).toEqual([false, true, false]);
    const state = (await call("GET", "/api/contributions/overdue?state=UZ", { cookie: viewer })).json.items;
    expect(state.map((o: { dueOn: string; stateCode: string }) => `${o.stateCode} ${o.dueOn}`)).toEqual(["UZ 2024-06-01"]);
    expect((await call("GET", "/api/contributions/overdue?state=KZ", { cookie: viewer })).json.items.filter((o: { pledgeId: string }) => o.pledgeId === withdrawn.id)).toEqual([]);
    // Paid: no longer overdue.
    await post({ stateCode: "UZ", kind: "cash", status: "received", amount: "3000000.00", currency: "UZS", exchangeRate: "12000", date: "2024-07-14", purpose: "regular_budget", pledgeId: uz.id });
    expect((await call("GET", "/api/contributions/overdue?state=UZ", { cookie: viewer })).json.items).toEqual([]);
    expect((await call("GET", "/api/contributions/overdue")).status).toBe(401);
  });
});

describe("the payer", () => {
  it("may be named apart from the pledging state, and is kept", async () => {
    const p = await post(pledgeBody({ date: "2023-02-01", instalments: undefined }));
    const paid = await pay(p.id, "1000.00", { payer: "Ministry of Finance of the Republic of Kazakhstan", date: "2023-02-02" });
    expect(paid).toMatchObject({ stateCode: "KZ", payer: "Ministry of Finance of the Republic of Kazakhstan", pledgeId: p.id });
    expect(await get(paid.id)).toMatchObject({ payer: "Ministry of Finance of the Republic of Kazakhstan" });
    const [event] = (await call("GET", `/api/audit?entity=contribution&id=${paid.id}`, { cookie: finance })).json.items;
    expect(event.changes.payer).toEqual([null, "Ministry of Finance of the Republic of Kazakhstan"]);
  });
});
