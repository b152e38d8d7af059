import { Budget, MemberState } from "@tracker/core";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";

let finance: string;
let viewer: string;
let hr: string;

const cash = (over: Record<string, unknown> = {}) => ({
  stateCode: "KZ",
  kind: "cash",
  status: "received",
  amount: "46025000.00",
  currency: "KZT",
  exchangeRate: "460.25",
  date: "2022-03-15",
  purpose: "regular_budget",
  ...over,
});

async function record(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await call("POST", "/api/contributions", { cookie: finance, body, headers });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.json;
}

async function list(query: string) {
  return (await call("GET", `/api/contributions?${query}`, { cookie: viewer })).json.items as Array<Record<string, any>>;
}

beforeAll(async () => {
  await asSystem(() => MemberState.seed(seedStates()));
  finance = (await userWith(["finance"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
  hr = (await userWith(["hr"])).cookie;
});

describe("recording a contribution", () => {
  it("stores the amount, the rate and the USD equivalent; amounts go out as decimal strings", async () => {
    const c = await record(cash({ year: undefined, reference: "Payment order 17" }));
    expect(c).toMatchObject({
      stateCode: "KZ", amount: "46025000.00", currency: "KZT", exchangeRate: "460.25", amountUsd: "100000.00",
      fiscalYear: 2022, voided: false, version: 1, reference: "Payment order 17",
    });
    expect((await call("GET", `/api/contributions/${c.id}`, { cookie: viewer })).json).toEqual(c);
  });

  it("needs no rate in USD, and converts at 1", async () => {
    const c = await record(cash({ stateCode: "QA", amount: "50000", currency: "USD", exchangeRate: undefined, date: "2019-06-01" }));
    expect(c).toMatchObject({ amount: "50000.00", exchangeRate: "1", amountUsd: "50000.00", fiscalYear: 2019 });
  });

  it.each([
    ["amount", { amount: "100.123" }],
    ["amount", { amount: "0" }],
    ["amount", { amount: "-5.00" }],
    ["amount", { amount: 100.5 }],
    ["amount", { currency: "JPY", amount: "100.5", exchangeRate: "140" }],
    ["currency", { currency: "XYZ" }],
    ["currency", { currency: "kzt" }],
    ["exchangeRate", { exchangeRate: undefined }],
    ["exchangeRate", { exchangeRate: "0" }],
    ["exchangeRate", { currency: "USD", exchangeRate: "2" }],
    ["date", { date: "2022-13-01" }],
    ["kind", { kind: "gift" }],
    ["status", { status: "promised" }],
    ["purpose", { purpose: "party" }],
    ["earmark", { purpose: "earmarked" }],
    ["description", { kind: "in_kind" }],
    ["stateCode", { stateCode: "ZZ" }],
    ["stateCode", { stateCode: "kz" }],
    ["colour", { colour: "red" }],
  ])("answers 400 naming %s, and records nothing", async (field, over) => {
    const before = (await list("year=2021")).length;
    const res = await call("POST", "/api/contributions", { cookie: finance, body: cash({ date: "2021-01-01", ...over }) });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect((await list("year=2021")).length).toBe(before);
  });

  it("is refused to roles other than finance, with nothing written", async () => {
    for (const cookie of [viewer, hr]) {
      const res = await call("POST", "/api/contributions", { cookie, body: cash({ date: "2021-02-02" }) });
      expect(res.status).toBe(403);
    }
    expect((await call("POST", "/api/contributions", { body: cash() })).status).toBe(401);
    expect((await list("year=2021")).length).toBe(0);
  });
});

describe("idempotent recording", () => {
  it("a repeat with the same key returns the first answer and records nothing", async () => {
    const headers = { "idempotency-key": "retry-key-0001" };
    const first = await call("POST", "/api/contributions", { cookie: finance, body: cash({ stateCode: "TR", date: "2020-01-01" }), headers });
    const again = await call("POST", "/api/contributions", { cookie: finance, body: cash({ stateCode: "TR", date: "2020-01-01" }), headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(await list("year=2020&state=TR")).toHaveLength(1);
  });

  it("the same key with a different body is 422", async () => {
    const headers = { "idempotency-key": "retry-key-0002" };
    await call("POST", "/api/contributions", { cookie: finance, body: cash({ stateCode: "TR", date: "2020-02-01" }), headers });
    const other = await call("POST", "/api/contributions", { cookie: finance, body: cash({ stateCode: "TR", date: "2020-02-01", amount: "1.00" }), headers });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe("idempotency.key_reused");
    expect(await list("year=2020&state=TR")).toHaveLength(2);
  });

  it("20 concurrent duplicates record exactly one", async () => {
    const headers = { "idempotency-key": "concurrent-key-0003" };
    const body = cash({ stateCode: "IL", amount: "370000.00", currency: "ILS", exchangeRate: "3.7", date: "2018-05-05" });
    const answers = await Promise.all(Array.from({ length: 20 }, () => call("POST", "/api/contributions", { cookie: finance, body, headers })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    expect(await list("year=2018&state=IL")).toHaveLength(1);
  });
});

describe("corrections", () => {
  it("PATCH with the version recomputes USD and year; a stale version is 409 and changes nothing", async () => {
    const c = await record(cash({ stateCode: "TJ", amount: "1000.00", currency: "TJS", exchangeRate: "10", date: "2017-04-01" }));
    const fixed = await call("PATCH", `/api/contributions/${c.id}`, { cookie: finance, body: { amount: "1100.00", date: "2016-12-31", version: 1 } });
    expect(fixed.status).toBe(200);
    expect(fixed.json).toMatchObject({ amount: "1100.00", amountUsd: "110.00", fiscalYear: 2016, version: 2 });
    const stale = await call("PATCH", `/api/contributions/${c.id}`, { cookie: finance, body: { amount: "9.00", version: 1 } });
    expect(stale.status).toBe(409);
    expect((await call("GET", `/api/contributions/${c.id}`, { cookie: viewer })).json).toMatchObject({ amount: "1100.00", version: 2 });
    expect(await list("year=2017&state=TJ")).toHaveLength(0);
    expect(await list("year=2016&state=TJ")).toHaveLength(1);
  });

  it("two edits with the same version: one 200, one 409", async () => {
    const c = await record(cash({ stateCode: "TJ", amount: "500.00", currency: "TJS", exchangeRate: "10", date: "2015-04-01" }));
    const [a, b] = await Promise.all([
      call("PATCH", `/api/contributions/${c.id}`, { cookie: finance, body: { amount: "501.00", version: 1 } }),
      call("PATCH", `/api/contributions/${c.id}`, { cookie: finance, body: { amount: "502.00", version: 1 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const now = (await call("GET", `/api/contributions/${c.id}`, { cookie: viewer })).json;
    expect(now.version).toBe(2);
    expect(now.amount).toBe((a.status === 200 ? a : b).json.amount);
  });

  it("a changed currency needs its rate", async () => {
    const c = await record(cash({ stateCode: "TJ", date: "2015-05-01" }));
    const res = await call("PATCH", `/api/contributions/${c.id}`, { cookie: finance, body: { currency: "EUR", version: 1 } });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].path).toBe("exchangeRate");
  });

  it("void keeps the record, marked, out of every total, and in the audit trail", async () => {
    const c = await record(cash({ stateCode: "KR", amount: "130000000", currency: "KRW", exchangeRate: "1300", date: "2014-02-02" }));
    const before = (await call("GET", "/api/reports/contributions?year=2014", { cookie: viewer })).json;
    expect(before.receivedUsd).toBe("100000.00");
    const noReason = await call("POST", `/api/contributions/${c.id}/void`, { cookie: finance, body: { version: 1 } });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.issues[0].path).toBe("reason");
    const voided = await call("POST", `/api/contributions/${c.id}/void`, { cookie: finance, body: { reason: "Recorded twice", version: 1 } });
    expect(voided.status).toBe(200);
    expect(voided.json).toMatchObject({ voided: true, voidReason: "Recorded twice", version: 2 });
    const after = (await call("GET", "/api/reports/contributions?year=2014", { cookie: viewer })).json;
    expect(after.receivedUsd).toBe("0.00");
    expect(after.byState).toEqual([]);
    expect((await list("year=2014"))[0]).toMatchObject({ id: c.id, voided: true });
    expect(await list("year=2014&includeVoided=false")).toEqual([]);
    const edit = await call("PATCH", `/api/contributions/${c.id}`, { cookie: finance, body: { amount: "1", version: 2 } });
    expect(edit.status).toBe(409);
    const trail = (await call("GET", `/api/audit?entity=contribution&id=${c.id}`, { cookie: finance })).json.items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(["void", "create"]);
    expect(trail[0].changes.voided).toEqual([false, true]);
  });
});

describe("pledges", () => {
  it("payments that reference a pledge reduce what is outstanding; the pledge can also be marked received", async () => {
    const pledge = await record(cash({ stateCode: "CN", status: "pledged", amount: "700000.00", currency: "CNY", exchangeRate: "7", date: "2013-03-01" }));
    expect(pledge).toMatchObject({ outstanding: "700000.00", outstandingUsd: "100000.00", open: true });
    const wrongCurrency = await call("POST", "/api/contributions", {
      cookie: finance, body: cash({ stateCode: "CN", currency: "USD", exchangeRate: undefined, amount: "1000", date: "2013-04-01", pledgeId: pledge.id }),
    });
    expect(wrongCurrency.status).toBe(400);
    expect(wrongCurrency.json.error.issues[0].path).toBe("currency");
    await record(cash({ stateCode: "CN", amount: "210000.00", currency: "CNY", exchangeRate: "7.1", date: "2013-06-01", pledgeId: pledge.id }));
    const after = (await call("GET", `/api/contributions/${pledge.id}`, { cookie: viewer })).json;
    expect(after).toMatchObject({ outstanding: "490000.00", outstandingUsd: "70000.00", version: 2 });
    const report = (await call("GET", "/api/reports/contributions?year=2013", { cookie: viewer })).json;
    expect(report).toMatchObject({ receivedUsd: "29577.46", pledgedOutstandingUsd: "70000.00" });
    const mark = await call("PATCH", `/api/contributions/${pledge.id}`, { cookie: finance, body: { status: "received", version: 2 } });
    expect(mark.status).toBe(409);

    const other = await record(cash({ stateCode: "CN", status: "pledged", amount: "100.00", currency: "USD", exchangeRate: undefined, date: "2013-07-01" }));
    const received = await call("PATCH", `/api/contributions/${other.id}`, { cookie: finance, body: { status: "received", date: "2013-08-01", version: 1 } });
    expect(received.status).toBe(200);
    expect(received.json.outstanding).toBeUndefined();
    expect(received.json.open).toBeUndefined();

    // Paid in full: nothing is still to come, so the pledge is no longer open; voided: not open either.
    const small = await record(cash({ stateCode: "CN", status: "pledged", amount: "50.00", currency: "USD", exchangeRate: undefined, date: "2013-07-02" }));
    await record(cash({ stateCode: "CN", amount: "50.00", currency: "USD", exchangeRate: undefined, date: "2013-07-03", pledgeId: small.id }));
    expect((await call("GET", `/api/contributions/${small.id}`, { cookie: viewer })).json).toMatchObject({ outstanding: "0.00", open: false });
    const voided = await call("POST", `/api/contributions/${pledge.id}/void`, { cookie: finance, body: { reason: "Entered twice", version: 2 } });
    expect(voided.status).toBe(200);
    expect(voided.json).toMatchObject({ outstanding: "0.00", open: false });
  });
});

describe("the year report", () => {
  it("matches a hand-computed year over mixed currencies, and the CSVs parse back to the same figures", async () => {
    const Y = "2012";
    await asSystem(() =>
      Budget.put({ year: 2012, status: "approved", decisionRef: "SOC/2011/12", lines: [{ code: "STAFF", name: "Staff", amountUsd: "300000.00" }, { code: "OPS", name: "Операции", amountUsd: "200000.50" }] }),
    );
    await record(cash({ stateCode: "KZ", amount: "23012500.00", currency: "KZT", exchangeRate: "460.25", date: `${Y}-01-10` })); // 50000.00
    await record(cash({ stateCode: "KR", amount: "13000000", currency: "KRW", exchangeRate: "1300", date: `${Y}-02-10` })); // 10000.00
    await record(cash({ stateCode: "KW", amount: "1000.000", currency: "KWD", exchangeRate: "0.3", date: `${Y}-03-10` })); // 3333.33
    await record(cash({ stateCode: "TR", kind: "in_kind", description: "Conference hall, 2 days, at the venue's price list", amount: "150000.00", currency: "TRY", exchangeRate: "15", date: `${Y}-04-10` })); // 10000.00
    await record(cash({ stateCode: "QA", status: "pledged", amount: "36500.00", currency: "QAR", exchangeRate: "3.65", date: `${Y}-05-10` })); // 10000.00 outstanding
    const v = await record(cash({ stateCode: "KZ", amount: "999.00", currency: "USD", exchangeRate: undefined, date: `${Y}-06-10` }));
    await call("POST", `/api/contributions/${v.id}/void`, { cookie: finance, body: { reason: "test", version: 1 } });

    const r = (await call("GET", `/api/reports/contributions?year=${Y}`, { cookie: viewer })).json;
    expect(r).toMatchObject({
      year: 2012,
      budgetUsd: "500000.50",
      budgetStatus: "approved",
      receivedUsd: "63333.33",
      inKindUsd: "10000.00",
      pledgedOutstandingUsd: "10000.00",
      gapUsd: "436667.17",
      contributors: 5,
    });
    expect(r.byState.find((s: { code: string }) => s.code === "KZ")).toMatchObject({ receivedUsd: "50000.00", count: 1, name: { ru: "Казахстан" } });
    // The report equals the sum of the stored cents of the listed contributions.
    const items = await list(`year=${Y}&includeVoided=false`);
    const cents = (s: string) => Math.round(Number(s) * 100);
    const receivedCents = items.filter((c) => c.kind === "cash" && c.status === "received").reduce((n, c) => n + cents(c.amountUsd), 0);
    expect(receivedCents).toBe(cents(r.receivedUsd));

    const reportCsv = await call("GET", `/api/reports/contributions.csv?year=${Y}`, { cookie: viewer });
    expect(reportCsv.headers.get("content-type")).toContain("text/csv");
    expect(reportCsv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(reportCsv.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.find((x) => x["State code"] === "KZ")).toMatchObject({ "Member state": "Kazakhstan", "Received, USD": "50000.00" });
    expect(rows.find((x) => x["Member state"] === "Total")).toMatchObject({ "Received, USD": r.receivedUsd, "In kind, USD": r.inKindUsd, "Pledged outstanding, USD": r.pledgedOutstandingUsd });
    expect(rows.find((x) => x["Member state"] === "Funding gap")!["Received, USD"]).toBe(r.gapUsd);
    const ru = parse((await call("GET", `/api/reports/contributions.csv?year=${Y}&lang=ru`, { cookie: viewer })).text, { bom: true, columns: true, delimiter: ";" }) as Array<Record<string, string>>;
    expect(ru.find((x) => x["Код государства"] === "KZ")).toMatchObject({ "Государство-член": "Казахстан", "Поступило, долл. США": "50000,00" });

    const listCsv = await call("GET", `/api/contributions.csv?year=${Y}`, { cookie: viewer });
    const lines = parse(listCsv.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    const api = await list(`year=${Y}`);
    expect(lines.map((l) => [l.id, l.amount, l.currency, l.amount_usd, l.voided])).toEqual(
      api.map((c) => [c.id, c.amount, c.currency, c.amountUsd, c.voided ? "yes" : "no"]),
    );
  });

  it("neutralises formulas in CSV text cells", async () => {
    await record(cash({ stateCode: "UZ", date: "2011-01-01", reference: "=HYPERLINK(\"http://x\")", description: "+cmd", kind: "in_kind" }));
    const text = (await call("GET", "/api/contributions.csv?year=2011", { cookie: viewer })).text;
    const [row] = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(row!.reference).toBe("'=HYPERLINK(\"http://x\")");
    expect(row!.description).toBe("'+cmd");
  });

  it("50 concurrent records for one state give 50 records and exact totals", async () => {
    const bodies = Array.from({ length: 50 }, (_, i) => cash({ stateCode: "MN", amount: `${i + 1}.01`, currency: "USD", exchangeRate: undefined, date: "2010-07-01" }));
    const answers = await Promise.all(bodies.map((body) => call("POST", "/api/contributions", { cookie: finance, body })));
    expect(answers.filter((a) => a.status !== 201).map((a) => a.text).slice(0, 2)).toEqual([]);
    const r = (await call("GET", "/api/reports/contributions?year=2010", { cookie: viewer })).json;
    // Σ (i + 1.01) for i = 0..49 = 1275 + 0.5 = 1275.50 + ... computed in cents:
    const expected = bodies.reduce((n, _b, i) => n + (i + 1) * 100 + 1, 0);
    expect(r.receivedUsd).toBe((expected / 100).toFixed(2));
    expect(r.byState[0]).toMatchObject({ code: "MN", count: 50 });
  });

  it("a state's history across years, and the budget's versions", async () => {
    const h = (await call("GET", "/api/reports/contributions/states/KZ", { cookie: viewer })).json;
    expect(h.years.map((y: { year: number }) => y.year)).toEqual(expect.arrayContaining([2022, 2012]));
    const b = await call("PUT", "/api/budgets/2012", { cookie: finance, body: { status: "approved", decisionRef: "SOC/2012/03", lines: [{ code: "STAFF", name: "Staff", amountUsd: "1.00" }], version: 1 } });
    expect(b.status).toBe(200);
    expect(b.json).toMatchObject({ version: 2, totalUsd: "1.00" });
    const stale = await call("PUT", "/api/budgets/2012", { cookie: finance, body: { status: "draft", lines: [{ code: "X", name: "X", amountUsd: "1.00" }], version: 1 } });
    expect(stale.status).toBe(409);
    const old = await call("GET", "/api/budgets/2012?version=1", { cookie: viewer });
    expect(old.json.totalUsd).toBe("500000.50");
    const trail = (await call("GET", "/api/audit?entity=budget&id=2012", { cookie: finance })).json.items;
    expect(trail[0]).toMatchObject({ action: "revise", changes: { totalUsd: ["500000.50", "1.00"] } });
    const bad = await call("PUT", "/api/budgets/2013", { cookie: finance, body: { status: "draft", lines: [{ code: "A", name: "A", amountUsd: "1.001" }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["lines.0.amountUsd"]);
    const twice = await call("PUT", "/api/budgets/2013", { cookie: finance, body: { status: "draft", lines: [{ code: "A", name: "A", amountUsd: "1" }, { code: "A", name: "B", amountUsd: "2" }] } });
    expect(twice.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["lines.1.code"]);
    expect((await call("GET", "/api/budgets/2013", { cookie: viewer })).status).toBe(404);
    expect((await call("PUT", "/api/budgets/2013", { cookie: viewer, body: { status: "draft", lines: [{ code: "A", name: "A", amountUsd: "1" }] } })).status).toBe(403);
  });
});
