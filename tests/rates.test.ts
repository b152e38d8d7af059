/**
 * The exchange-rate register through HTTP on DynamoDB Local: rates entered and imported (CSV),
 * the rate in force on a day (latest effective date on or before it), and a new contribution
 * taking it by default, with its provenance stored; overrides need a reason; no rate is guessed.
 */
import { MemberState } from "@tracker/core";
import { ExchangeRateEntity } from "@tracker/core/rate/rate.entity";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";
import { snapshot } from "./support/db";

let finance: string;
let viewer: string;
let admin: string;

const put = (currency: string, date: string, body: Record<string, unknown>, cookie = finance) =>
  call("PUT", `/api/rates/${currency}/${date}`, { cookie, body });
const inForce = async (currency: string, date: string) => {
  const res = await call("GET", `/api/rates/in-force?currency=${currency}&date=${date}`, { cookie: viewer });
  expect(res.status, res.text).toBe(200);
  return res.json;
};
const contribution = (over: Record<string, unknown> = {}) => ({
  stateCode: "KZ",
  kind: "cash",
  status: "received",
  amount: "1000000.00",
  currency: "KZT",
  date: "2023-03-15",
  purpose: "regular_budget",
  ...over,
});
const importCsv = (csv: string, cookie = finance) => call("POST", "/api/rates/import", { cookie, body: { csv } });

beforeAll(async () => {
  await asSystem(() => MemberState.seed(seedStates()));
  finance = (await userWith(["finance"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
  admin = (await userWith(["admin"])).cookie;
  expect((await put("KZT", "2023-03-01", { rate: "470.25", source: "nbk" })).status).toBe(200);
  expect((await put("KZT", "2023-04-01", { rate: "445.5000", source: "un_operational", note: "UN operational rate, April" })).status).toBe(200);
});

describe("the rate in force on a day", () => {
  it("is the rate of the latest effective date on or before the day: the day before, the day of, after, the next one", async () => {
    expect(await inForce("KZT", "2023-02-28")).toEqual({ currency: "KZT", date: "2023-02-28", found: false });
    expect(await inForce("KZT", "2023-03-01")).toEqual({ currency: "KZT", date: "2023-03-01", found: true, rate: "470.25", source: "nbk", effectiveDate: "2023-03-01" });
    expect(await inForce("KZT", "2023-03-31")).toMatchObject({ found: true, rate: "470.25", source: "nbk", effectiveDate: "2023-03-01" });
    expect(await inForce("KZT", "2023-04-01")).toMatchObject({ found: true, rate: "445.5", source: "un_operational", effectiveDate: "2023-04-01" });
    expect(await inForce("KZT", "2030-01-01")).toMatchObject({ found: true, rate: "445.5", effectiveDate: "2023-04-01" });
    expect(await inForce("RUB", "2023-03-15")).toEqual({ currency: "RUB", date: "2023-03-15", found: false });
  });

  it("is 1 for USD, which has no rate in the register", async () => {
    expect(await inForce("USD", "2023-03-15")).toEqual({ currency: "USD", date: "2023-03-15", found: true, rate: "1", source: "usd" });
    const res = await put("USD", "2023-03-01", { rate: "1", source: "manual" });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([expect.objectContaining({ path: "currency", code: "rate.usd_register" })]);
  });

  it("is read by one Query on the currency's partition: sort key ≤ the day, newest first, no filter", () => {
    const params = ExchangeRateEntity.query.primary({ currency: "KZT" }).lte({ effectiveDate: "2023-03-31" }).params({ order: "desc" }) as Record<string, unknown>;
    expect(params.KeyConditionExpression).toMatch(/#pk = :pk.* and #sk1 <= :sk1/);
    expect(params.ScanIndexForward).toBe(false);
    expect(params.FilterExpression).toBeUndefined();
  });

  it("answers 400 naming the field for a bad currency or date", async () => {
    const res = await call("GET", "/api/rates/in-force?currency=kzt&date=2023-02-30", { cookie: viewer });
    expect(res.status).toBe(400);
    expect([...new Set(res.json.error.issues.map((i: { path: string }) => i.path))].sort()).toEqual(["currency", "date"]);
  });
});

describe("entering a rate", () => {
  it("is audited; the same rate again writes nothing; a change needs the version read", async () => {
    const first = await put("CNY", "2023-01-01", { rate: "6.90", source: "un_operational" });
    expect(first.json).toMatchObject({ currency: "CNY", effectiveDate: "2023-01-01", rate: "6.9", source: "un_operational", version: 1 });
    const before = await snapshot();
    expect((await put("CNY", "2023-01-01", { rate: "6.9000", source: "un_operational" })).json.version).toBe(1);
    expect(await snapshot()).toBe(before);
    const stale = await put("CNY", "2023-01-01", { rate: "6.95", source: "bank_actual" });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: "rate.version_conflict", params: { currency: "CNY", date: "2023-01-01", version: 1 } });
    expect(await snapshot()).toBe(before);
    const changed = await put("CNY", "2023-01-01", { rate: "6.95", source: "bank_actual", version: 1 });
    expect(changed.json).toMatchObject({ rate: "6.95", source: "bank_actual", version: 2 });
    const trail = await call("GET", `/api/audit?entity=exchangeRate&id=${encodeURIComponent("CNY 2023-01-01")}`, { cookie: admin });
    expect(trail.status, trail.text).toBe(200);
    expect(trail.json.items.map((e: { action: string }) => e.action)).toEqual(["update", "create"]);
    expect(trail.json.items[0].changes).toMatchObject({ rate: ["6.9", "6.95"], source: ["un_operational", "bank_actual"] });
  });

  it("refuses a rate that is not a positive decimal string, naming the field, writing nothing", async () => {
    const before = await snapshot();
    const res = await put("CNY", "2023-02-01", { rate: "6,9", source: "ecb" });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual(
      expect.arrayContaining([["rate", "rate.form"], ["source", "field.invalid_option"]]),
    );
    expect(await snapshot()).toBe(before);
  });

  it("lists the register newest first, one currency's or all", async () => {
    const kzt = await call("GET", "/api/rates?currency=KZT", { cookie: viewer });
    expect(kzt.json.items.map((r: { effectiveDate: string; rate: string }) => [r.effectiveDate, r.rate])).toEqual([["2023-04-01", "445.5"], ["2023-03-01", "470.25"]]);
    const all = await call("GET", "/api/rates", { cookie: viewer });
    const dates = all.json.items.map((r: { effectiveDate: string }) => r.effectiveDate);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe("a new contribution's rate", () => {
  it("is, by default, the register's rate in force on its value date, stored with its source and effective date", async () => {
    const res = await call("POST", "/api/contributions", { cookie: finance, body: contribution() });
    expect(res.status, res.text).toBe(201);
    // 1,000,000.00 KZT / 470.25 = 2,126.5284… → 2,126.53 USD
    expect(res.json).toMatchObject({ exchangeRate: "470.25", rateSource: "nbk", rateDate: "2023-03-01", amountUsd: "2126.53" });
    expect(res.json.rateReason).toBeUndefined();
    const read = await call("GET", `/api/contributions/${res.json.id}`, { cookie: viewer });
    expect(read.json).toMatchObject({ exchangeRate: "470.25", rateSource: "nbk", rateDate: "2023-03-01", amountUsd: "2126.53" });
  });

  it("takes the next effective date's rate from that day on", async () => {
    const res = await call("POST", "/api/contributions", { cookie: finance, body: contribution({ date: "2023-04-01", amount: "891000.00" }) });
    // 891,000.00 / 445.5 = 2,000.00 USD exactly
    expect(res.json).toMatchObject({ exchangeRate: "445.5", rateSource: "un_operational", rateDate: "2023-04-01", amountUsd: "2000.00" });
  });

  it("sent equal to the register's is not an override: it keeps the register's source and date", async () => {
    const res = await call("POST", "/api/contributions", { cookie: finance, body: contribution({ amount: "500000.00", exchangeRate: "470.2500" }) });
    expect(res.status, res.text).toBe(201);
    // 500,000.00 / 470.25 = 1,063.2642… → 1,063.26
    expect(res.json).toMatchObject({ exchangeRate: "470.25", rateSource: "nbk", rateDate: "2023-03-01", amountUsd: "1063.26" });
  });

  it("overridden without a reason: 400 on rateReason naming the rate in force, nothing written", async () => {
    const before = await snapshot();
    const res = await call("POST", "/api/contributions", { cookie: finance, body: contribution({ amount: "480000.00", exchangeRate: "480" }) });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([
      {
        path: "rateReason",
        code: "rate.reason_required",
        params: { date: "2023-03-15", rate: "470.25", source: "nbk", effectiveDate: "2023-03-01" },
        message: "The register's rate in force on 2023-03-15 is 470.25 (National Bank of Kazakhstan, from 2023-03-01): say why this contribution takes another.",
      },
    ]);
    expect(await snapshot()).toBe(before);
  });

  it("overridden with a reason: the rate given, source manual, the reason stored", async () => {
    const res = await call("POST", "/api/contributions", {
      cookie: finance,
      body: contribution({ amount: "480000.00", exchangeRate: "480", rateReason: "The bank's advice of credit gives 480" }),
    });
    expect(res.status, res.text).toBe(201);
    // 480,000.00 / 480 = 1,000.00 USD
    expect(res.json).toMatchObject({ exchangeRate: "480", rateSource: "manual", rateReason: "The bank's advice of credit gives 480", amountUsd: "1000.00" });
    expect(res.json.rateDate).toBeUndefined();
  });

  it("with no rate in force and none given: 400 on exchangeRate saying so, nothing written", async () => {
    const before = await snapshot();
    const res = await call("POST", "/api/contributions", { cookie: finance, body: contribution({ date: "2023-02-15" }) });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([
      {
        path: "exchangeRate",
        code: "rate.none_in_force",
        params: { currency: "KZT", date: "2023-02-15" },
        message: "The register has no KZT rate in force on 2023-02-15: give the rate (KZT per 1 USD).",
      },
    ]);
    expect(await snapshot()).toBe(before);
  });

  it("with no rate in force and one given: taken as a manual rate, as clients sent before the register", async () => {
    const res = await call("POST", "/api/contributions", { cookie: finance, body: contribution({ date: "2023-02-15", amount: "460000.00", exchangeRate: "460" }) });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ exchangeRate: "460", rateSource: "manual", amountUsd: "1000.00" });
  });

  it("in USD is 1, source usd", async () => {
    const res = await call("POST", "/api/contributions", { cookie: finance, body: contribution({ currency: "USD", amount: "1234.56" }) });
    expect(res.json).toMatchObject({ exchangeRate: "1", rateSource: "usd", amountUsd: "1234.56" });
  });
});

describe("importing rates from CSV", () => {
  it("imports the sample of seed/ (the layout the README documents), and the same file again adds nothing", async () => {
    const csv = readFileSync(join(import.meta.dirname, "../seed/exchange-rates.csv"), "utf8");
    const first = await importCsv(csv);
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ rows: 12, created: 12, unchanged: 0 });
    expect(await inForce("KZT", "2022-03-15")).toMatchObject({ rate: "497.7", source: "nbk", effectiveDate: "2022-03-01" });
    expect(await inForce("TRY", "2022-12-31")).toMatchObject({ rate: "13.28", source: "bank_actual", effectiveDate: "2022-01-01" });
    const before = await snapshot();
    const again = await importCsv(csv);
    expect(again.json).toMatchObject({ rows: 12, created: 0, unchanged: 12, items: [], file: first.json.file });
    expect(await snapshot()).toBe(before);
    const trail = await call("GET", `/api/audit?entity=exchangeRate&id=${encodeURIComponent("KZT 2022-03-01")}`, { cookie: admin });
    expect(trail.json.items).toEqual([expect.objectContaining({ action: "import", changes: expect.objectContaining({ rate: [null, "497.7"], file: [null, first.json.file] }) })]);
  });

  it("with a bad row: 400 naming each row, column and reason, and nothing written", async () => {
    const before = await snapshot();
    const csv = [
      "currency,effective_date,rate,source",
      "AZN,2023-01-01,1.70,nbk",
      "AZN,2023-02-30,1.70,nbk",
      "UZS,2023-01-01,-11,central_bank",
      "AZN,2023-01-01,1.75,nbk",
      "KZT,2023-03-01,471,nbk",
      "usd,2023-01-01,1,manual",
    ].join("\r\n");
    const res = await importCsv(csv);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "rate.import_invalid", params: { rows: 5 } });
    expect(res.json.error.message).toBe("5 rows of the file are not valid; nothing was imported.");
    expect(res.json.error.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([
      ["rows.3.effective_date", "date.not_exists"],
      ["rows.4.rate", "rate.form"],
      ["rows.4.source", "rate.source_unknown"],
      ["rows.5.rate", "rate.csv_twice"],
      ["rows.6.rate", "rate.csv_differs"],
      ["rows.7.currency", "rate.usd_register"],
    ]);
    expect(res.json.error.issues[3].params).toEqual({ row: 5, column: "rate", other: 2, currency: "AZN", date: "2023-01-01" });
    expect(res.json.error.issues[4].params).toMatchObject({ row: 6, column: "rate", rate: "470.25", source: "nbk" });
    expect(await snapshot()).toBe(before);
    expect(await inForce("AZN", "2023-06-01")).toMatchObject({ found: false });
  });

  it("names a missing column, writing nothing", async () => {
    const res = await importCsv("currency,date,rate,source\nAZN,2023-01-01,1.7,nbk\n");
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([["rows.1.effective_date", "rate.csv_column"]]);
  });

  it("reads a file as a Russian Excel writes it: `;` between cells, a decimal comma, dates as 15.03.2022", async () => {
    const res = await importCsv("\uFEFFcurrency;effective_date;rate;source;note\r\nAZN;01.01.2023;1,7;nbk;\"Курс; образец\"\r\n");
    expect(res.status, res.text).toBe(200);
    expect(res.json.items).toEqual([expect.objectContaining({ currency: "AZN", effectiveDate: "2023-01-01", rate: "1.7", source: "nbk", note: "Курс; образец" })]);
  });
});

describe("roles", () => {
  it("a viewer gets 403 whatever the body, and nothing is written", async () => {
    const before = await snapshot();
    for (const body of [{ rate: "1", source: "nbk" }, { nonsense: true }, "not json"]) {
      const res = await call("PUT", "/api/rates/KZT/2023-05-01", { cookie: viewer, body });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("auth.forbidden");
    }
    for (const body of [{ csv: "currency,effective_date,rate,source\nKZT,2023-05-01,1,nbk" }, { csv: 3 }, []]) {
      const res = await call("POST", "/api/rates/import", { cookie: viewer, body });
      expect(res.status).toBe(403);
    }
    expect(await snapshot()).toBe(before);
  });
});
