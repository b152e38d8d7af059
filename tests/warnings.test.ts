/**
 * Warnings before mistakes, through the HTTP API on DynamoDB Local: a likely duplicate
 * contribution or recommendation is refused with a code unless confirmed, an unchanged save
 * writes nothing, an approval needs its decision reference, and a fill closes the other
 * candidates as not selected.
 */
import { Clock, MemberState } from "@tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";

let finance: string;
let hr: string;
let viewer: string;

beforeAll(async () => {
  await asSystem(() => MemberState.seed(seedStates()));
  finance = (await userWith(["finance"])).cookie;
  hr = (await userWith(["hr"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
  const base = Date.parse("2026-03-02T09:00:00Z");
  const realStart = Date.now();
  Clock.set(() => base + (Date.now() - realStart));
});

afterAll(() => Clock.reset());

const trail = async (entity: string, id: string) => (await call("GET", `/api/audit?entity=${entity}&id=${id}`, { cookie: entity === "vacancy" ? hr : finance })).json.items as Array<{ action: string; changes: Record<string, unknown> }>;
const paths = (res: { json: any }) => (res.json.error.issues ?? []).map((i: { path: string }) => i.path);

describe("a likely duplicate contribution", () => {
  const body = {
    stateCode: "KZ",
    kind: "cash",
    status: "received",
    amount: "23012500.00",
    currency: "KZT",
    exchangeRate: "460.25",
    date: "2019-05-14",
    purpose: "regular_budget",
    reference: "SWIFT 7781",
  };
  const yearTotal = async () => {
    const items = (await call("GET", "/api/contributions?year=2019&state=KZ&includeVoided=false", { cookie: viewer })).json.items as Array<{ amountUsd: string }>;
    return { count: items.length, usd: items.map((c) => c.amountUsd) };
  };

  it("is refused with 409 and a code naming the existing record, then recorded when confirmed", async () => {
    const first = await call("POST", "/api/contributions", { cookie: finance, body });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ amount: "23012500.00", amountUsd: "50000.00" });

    const again = await call("POST", "/api/contributions", { cookie: finance, body: { ...body, reference: "  swift 7781 " } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("contribution.likely_duplicate");
    expect(again.json.error.params).toEqual({ id: first.json.id, number: first.json.number, date: "2019-05-14", reference: "SWIFT 7781" });
    expect(await yearTotal()).toEqual({ count: 1, usd: ["50000.00"] });

    const confirmed = await call("POST", "/api/contributions", { cookie: finance, body: { ...body, confirmDuplicate: true } });
    expect(confirmed.status).toBe(201);
    expect(confirmed.json).toMatchObject({ amount: "23012500.00", amountUsd: "50000.00" });
    expect(confirmed.json.id).not.toBe(first.json.id);
    expect(await yearTotal()).toEqual({ count: 2, usd: ["50000.00", "50000.00"] });
    const year = (await call("GET", "/api/reports/contributions?year=2019", { cookie: viewer })).json;
    expect(year.byState.find((s: { code: string }) => s.code === "KZ")).toMatchObject({ receivedUsd: "100000.00" });
  });

  it("is not one when an amount, day, currency or reference differs, nor when the earlier one is voided", async () => {
    const base = { ...body, date: "2019-06-03", reference: "SWIFT 9001" };
    const first = await call("POST", "/api/contributions", { cookie: finance, body: base });
    expect(first.status).toBe(201);
    for (const over of [{ amount: "23012500.01" }, { date: "2019-06-04" }, { reference: "SWIFT 9002" }, { currency: "USD", exchangeRate: undefined, amount: "23012500.00" }]) {
      const res = await call("POST", "/api/contributions", { cookie: finance, body: { ...base, ...over } });
      expect(res.status, JSON.stringify(over)).toBe(201);
    }
    const other = { ...base, date: "2019-07-01", reference: "SWIFT 9100" };
    const a = await call("POST", "/api/contributions", { cookie: finance, body: other });
    const voided = await call("POST", `/api/contributions/${a.json.id}/void`, { cookie: finance, body: { reason: "Entered in error", version: 1 } });
    expect(voided.status).toBe(200);
    expect((await call("POST", "/api/contributions", { cookie: finance, body: other })).status).toBe(201);
  });
  it("answers a bad confirmDuplicate and an unreadable amount in one 400, naming both, and writes nothing", async () => {
    const before = await yearTotal();
    const res = await call("POST", "/api/contributions", { cookie: finance, body: { ...body, amount: "1,5", confirmDuplicate: "yes" } });
    expect(res.status).toBe(400);
    expect(paths(res).sort()).toEqual(["amount", "confirmDuplicate"]);
    expect(res.json.error.issues.map((i: { code: string }) => i.code).sort()).toEqual(["amount.form", "field.invalid_type"]);
    expect(await yearTotal()).toEqual(before);
  });
});

describe("a likely duplicate recommendation", () => {
  it("is refused with 409 naming the earlier one (name compared without case, accents or spacing), then recorded when confirmed", async () => {
    const post = await call("POST", "/api/posts", { cookie: hr, body: { number: "W-001", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "regular_budget" } });
    expect(post.status).toBe(201);
    const vacancy = await call("POST", "/api/vacancies", { cookie: hr, body: { postId: post.json.id, basis: "competitive", publishedOn: "2026-01-10", deadline: "2026-02-15" } });
    expect(vacancy.status).toBe(201);
    const path = `/api/vacancies/${vacancy.json.id}/recommendations`;
    const first = await call("POST", path, { cookie: hr, body: { stateCode: "KZ", candidateName: "Aigerim Nurlanovna", receivedOn: "2026-02-01" } });
    expect(first.status).toBe(201);
    const again = await call("POST", path, { cookie: hr, body: { stateCode: "KZ", candidateName: "  aigerim   NURLANÓVNA ", receivedOn: "2026-02-03" } });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({
      code: "recommendation.likely_duplicate",
      params: { id: first.json.id, state: "KZ", candidate: "Aigerim Nurlanovna", date: "2026-02-01" },
    });
    // Another state recommending the same name is not a duplicate.
    expect((await call("POST", path, { cookie: hr, body: { stateCode: "TJ", candidateName: "Aigerim Nurlanovna", receivedOn: "2026-02-03" } })).status).toBe(201);
    expect((await call("GET", `/api/vacancies/${vacancy.json.id}`, { cookie: viewer })).json.recommendations).toHaveLength(2);
    const confirmed = await call("POST", path, { cookie: hr, body: { stateCode: "KZ", candidateName: "Aigerim Nurlanovna", receivedOn: "2026-02-03", confirmDuplicate: true } });
    expect(confirmed.status).toBe(201);
    expect((await call("GET", `/api/vacancies/${vacancy.json.id}`, { cookie: viewer })).json.recommendations).toHaveLength(3);
  });
});

describe("an unchanged save", () => {
  const lines = [
    { code: "STAFF", name: "Staff costs", amountUsd: "300000.00" },
    { code: "OPS", name: "Операции", amountUsd: "150000.50" },
  ];

  it("of a budget writes no version and no audit event, and answers the budget as it is", async () => {
    const created = await call("PUT", "/api/budgets/2031", { cookie: finance, body: { status: "draft", lines, note: "First draft" } });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ version: 1, totalUsd: "450000.50" });
    const events = (await trail("budget", "2031")).length;
    // The body as read (total and stamps included), and the bare fields.
    for (const body of [created.json, { status: "draft", lines, note: "First draft", version: 1 }]) {
      const same = await call("PUT", "/api/budgets/2031", { cookie: finance, body });
      expect(same.status).toBe(200);
      expect(same.json).toEqual(created.json);
    }
    expect((await call("GET", "/api/budgets/2031/history", { cookie: viewer })).json.items).toHaveLength(1);
    expect(await trail("budget", "2031")).toHaveLength(events);
    const changed = await call("PUT", "/api/budgets/2031", { cookie: finance, body: { status: "draft", lines, note: "Second draft", version: 1 } });
    expect(changed.json).toMatchObject({ version: 2, totalUsd: "450000.50", note: "Second draft" });
    expect(await trail("budget", "2031")).toHaveLength(events + 1);
  });

  it("of a contribution writes no version and no audit event", async () => {
    const c = await call("POST", "/api/contributions", {
      cookie: finance,
      body: { stateCode: "MN", kind: "cash", status: "received", amount: "1500.25", currency: "USD", date: "2019-08-01", purpose: "regular_budget" },
    });
    expect(c.status).toBe(201);
    const events = (await trail("contribution", c.json.id)).length;
    const same = await call("PATCH", `/api/contributions/${c.json.id}`, { cookie: finance, body: c.json });
    expect(same.status).toBe(200);
    expect(same.json).toEqual(c.json);
    expect(await trail("contribution", c.json.id)).toHaveLength(events);
    const moved = await call("PATCH", `/api/contributions/${c.json.id}`, { cookie: finance, body: { amount: "1500.30", version: 1 } });
    expect(moved.json).toMatchObject({ version: 2, amountUsd: "1500.30" });
  });

  it("of the organisation's profile writes no version and no audit event", async () => {
    const admin = (await userWith(["admin"])).cookie;
    const events = async () => (await call("GET", "/api/audit?entity=organisation&id=profile", { cookie: admin })).json.items.length as number;
    const read = (await call("GET", "/api/organisation", { cookie: admin })).json;
    const { createdAt: _a, createdBy: _b, updatedAt: _c, updatedBy: _d, ...fields } = read;
    const first = await call("PUT", "/api/organisation", { cookie: admin, body: { ...fields, city: { en: "Astana", ru: "Астана" } } });
    expect(first.status, first.text).toBe(200);
    const before = await events();
    const again = await call("PUT", "/api/organisation", { cookie: admin, body: { ...fields, city: { en: "Astana", ru: "Астана" }, version: first.json.version } });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(await events()).toBe(before);
  });
});

describe("approving a budget", () => {
  it("without a decision reference is a 400 naming decisionRef, and writes nothing", async () => {
    const lines = [{ code: "STAFF", name: "Staff costs", amountUsd: "1.00" }];
    const draft = await call("PUT", "/api/budgets/2032", { cookie: finance, body: { status: "draft", lines } });
    expect(draft.status).toBe(200);
    const events = (await trail("budget", "2032")).length;
    for (const decisionRef of [undefined, "   "]) {
      const res = await call("PUT", "/api/budgets/2032", { cookie: finance, body: { status: "approved", lines, version: 1, ...(decisionRef !== undefined ? { decisionRef } : {}) } });
      expect(res.status).toBe(400);
      expect(paths(res)).toEqual(["decisionRef"]);
      expect(res.json.error.issues[0]).toMatchObject({ code: "budget.decision_ref_required", message: "Give the reference of the decision that approves the budget." });
    }
    // With a line of the wrong type beside it, both are named in the one answer.
    const both = await call("PUT", "/api/budgets/2032", {
      cookie: finance,
      body: { status: "approved", lines: [...lines, { code: "STAFF", name: "Staff again", amountUsd: 2 }], version: 1 },
    });
    expect(both.status).toBe(400);
    expect(paths(both).sort()).toEqual(["decisionRef", "lines.1.amountUsd", "lines.1.code"]);
    expect((await call("GET", "/api/budgets/2032/history", { cookie: viewer })).json.items).toHaveLength(1);
    expect(await trail("budget", "2032")).toHaveLength(events);
    const approved = await call("PUT", "/api/budgets/2032", { cookie: finance, body: { status: "approved", lines, version: 1, decisionRef: "SOC/2031/4" } });
    expect(approved.json).toMatchObject({ version: 2, status: "approved", decisionRef: "SOC/2031/4" });
  });
});

describe("filling a vacancy", () => {
  it("closes the other candidates still weighed as not selected, in the same write, each audited", async () => {
    const post = await call("POST", "/api/posts", { cookie: hr, body: { number: "W-002", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "regular_budget" } });
    const vacancy = (await call("POST", "/api/vacancies", { cookie: hr, body: { postId: post.json.id, basis: "competitive", publishedOn: "2026-01-10", deadline: "2026-02-15" } })).json;
    const path = `/api/vacancies/${vacancy.id}/recommendations`;
    const rec = async (stateCode: string, candidateName: string) => (await call("POST", path, { cookie: hr, body: { stateCode, candidateName, receivedOn: "2026-02-01" } })).json;
    const chosen = await rec("KZ", "Dana Akhmetova");
    const shortlisted = await rec("CN", "Li Wei");
    const received = await rec("TR", "Elif Kaya");
    const declined = await rec("QA", "Omar Al-Thani");
    for (const r of [chosen, shortlisted]) await call("PATCH", `${path}/${r.id}`, { cookie: hr, body: { status: "shortlisted" } });
    await call("PATCH", `${path}/${declined.id}`, { cookie: hr, body: { status: "not_selected" } });

    const filled = await call("POST", `/api/vacancies/${vacancy.id}/fill`, { cookie: hr, body: { recommendationId: chosen.id, startOn: "2026-04-01" } });
    expect(filled.status).toBe(200);
    const statuses = (recs: Array<{ id: string; status: string; version: number }>) => Object.fromEntries(recs.map((r) => [r.id, [r.status, r.version]]));
    const expected = { [chosen.id]: ["selected", 3], [shortlisted.id]: ["not_selected", 3], [received.id]: ["not_selected", 2], [declined.id]: ["not_selected", 2] };
    expect(statuses(filled.json.recommendations)).toEqual(expected);
    expect(statuses((await call("GET", `/api/vacancies/${vacancy.id}`, { cookie: viewer })).json.recommendations)).toEqual(expected);

    const events = await trail("vacancy", vacancy.id);
    const closings = events.filter((e) => e.action === "recommendation_not_selected");
    // One by hand before the fill, two by the fill.
    expect(closings).toHaveLength(3);
    expect(closings.map((e) => Object.keys(e.changes)[0]).sort()).toEqual([`recommendation ${declined.id}`, `recommendation ${received.id}`, `recommendation ${shortlisted.id}`].sort());
    expect(events.filter((e) => e.action === "fill")).toHaveLength(1);
  });
});
