/** Input hygiene: NFC names, unsafe characters refused naming the field, idempotency keys compared exactly. */
import { MemberState } from "@tracker/core";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { snapshot } from "./support/db";

let admin: string;
let finance: string;

beforeAll(async () => {
  admin = (await userWith(["admin"])).cookie;
  finance = (await userWith(["finance"])).cookie;
  await asSystem(() => MemberState.create({ code: "KZ", name: { en: "Kazakhstan", ru: "Казахстан" }, status: "member" }));
});

const paths = (res: { json: { error: { issues?: Array<{ path: string }> } } }) => res.json.error.issues?.map((i) => i.path);

describe("names and emails", () => {
  it.each([
    ["a right-to-left override", "Admin\u202Enimda"],
    ["a zero-width space", "Ad\u200Bmin"],
    ["a control character", "Ad\u0007min"],
    ["a bidi isolate", "\u2066Admin\u2069"],
  ])("a user name with %s is refused, naming the field, nothing written", async (_what, name) => {
    const email = `hygiene-${Math.random().toString(36).slice(2, 8)}@example.org`;
    const res = await call("POST", "/api/users", { cookie: admin, body: { email, name, roles: ["viewer"], password: "a long enough password" } });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(["name"]);
    const list = await call("GET", "/api/users", { cookie: admin });
    expect(list.json.items.map((u: { email: string }) => u.email)).not.toContain(email);
  });

  it("an email with a zero-width character is refused, naming the field", async () => {
    const res = await call("POST", "/api/users", {
      cookie: admin,
      body: { email: "adm\u200Bin@example.org", name: "Someone", roles: ["viewer"], password: "a long enough password" },
    });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(["email"]);
  });

  it("names are stored NFC-normalised", async () => {
    const email = `nfc-${Math.random().toString(36).slice(2, 8)}@example.org`;
    const decomposed = "Mu\u0308ller Ajdarbek\u0306ov";
    const res = await call("POST", "/api/users", { cookie: admin, body: { email, name: decomposed, roles: ["viewer"], password: "a long enough password" } });
    expect(res.status).toBe(201);
    expect(res.json.name).toBe("M\u00fcller Ajdarbek\u0306ov".normalize("NFC"));
    expect(res.json.name).not.toBe(decomposed);
  });

  it("a member state's name with a bidi override is refused, naming the field", async () => {
    const res = await call("POST", "/api/states", {
      cookie: admin,
      body: { code: "KW", name: { en: "Kuwait\u202E", ru: "Кувейт" }, status: "member" },
    });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(["name.en"]);
    expect((await call("GET", "/api/states/KW", { cookie: admin })).status).toBe(404);
  });
});

describe("idempotency keys", () => {
  it("are compared exactly: two keys that differ only in case are two requests", async () => {
    const body = (amount: string) => ({
      stateCode: "KZ", kind: "cash", status: "received", amount, currency: "USD", date: "2022-05-01", purpose: "regular_budget",
    });
    const a = await call("POST", "/api/contributions", { cookie: finance, body: body("100.00"), headers: { "idempotency-key": "Case-Key-0001" } });
    const b = await call("POST", "/api/contributions", { cookie: finance, body: body("200.00"), headers: { "idempotency-key": "case-key-0001" } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.id).not.toBe(a.json.id);
    // The same key again replays its own first answer.
    const again = await call("POST", "/api/contributions", { cookie: finance, body: body("100.00"), headers: { "idempotency-key": "Case-Key-0001" } });
    expect(again.json.id).toBe(a.json.id);
  });
});

describe("statements", () => {
  it("are sent only for a period that has ended; the current and future ones can be previewed or dry-run", async () => {
    const year = new Date().getUTCFullYear();
    for (const period of [String(year), String(year + 1), `${year + 1}-Q1`]) {
      const res = await call("POST", "/api/summaries/run", { cookie: finance, body: { period, states: ["KZ"] } });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("statement.period_not_ended");
      expect(paths(res)).toEqual(["period"]);
    }
    const dry = await call("POST", "/api/summaries/run", { cookie: finance, body: { period: String(year), states: ["KZ"], dryRun: true } });
    expect(dry.status).toBe(200);
    const past = await call("POST", "/api/summaries/run", { cookie: finance, body: { period: String(year - 1), states: ["KZ"], dryRun: true } });
    expect(past.status).toBe(200);
  });
});

describe("amounts", () => {
  const body = (amount: string, exchangeRate: string | undefined, currency = "KZT") => ({
    stateCode: "KZ", kind: "cash", status: "received", amount, currency, ...(exchangeRate ? { exchangeRate } : {}), date: "2022-05-02", purpose: "regular_budget",
  });
  const issues = (res: { json: { error: { issues?: Array<{ path: string; code: string; params: unknown }> } } }) =>
    res.json.error.issues?.map(({ path, code, params }) => ({ path, code, params }));

  it("a huge amount at a tiny rate, and the reverse, are a 400 naming the field, nothing written", async () => {
    const before = await snapshot();
    const huge = await call("POST", "/api/contributions", { cookie: finance, body: body("999999999999999.99", "0.000001") });
    expect(huge.status).toBe(400);
    expect(issues(huge)).toEqual([{ path: "amount", code: "amount.too_large", params: { max: "9999999999999.99", currency: "KZT" } }]);
    const reverse = await call("POST", "/api/contributions", { cookie: finance, body: body("0.000001", "999999999999999.99") });
    expect(reverse.status).toBe(400);
    expect(paths(reverse)?.sort()).toEqual(["amount", "exchangeRate"]);
    // The largest amount is fine on its own; at a tiny rate its USD equivalent is beyond the maximum.
    const tinyRate = await call("POST", "/api/contributions", { cookie: finance, body: body("9999999999999.99", "0.000001") });
    expect(tinyRate.status).toBe(400);
    expect(issues(tinyRate)).toEqual([{ path: "exchangeRate", code: "amount.usd_too_large", params: { max: "9999999999999.99" } }]);
    expect(await snapshot()).toBe(before);
  });

  it("the maximum itself is recorded exactly; one minor unit more is refused", async () => {
    const atMax = await call("POST", "/api/contributions", { cookie: finance, body: body("9999999999999.99", "1") });
    expect(atMax.status).toBe(201);
    expect([atMax.json.amount, atMax.json.amountUsd]).toEqual(["9999999999999.99", "9999999999999.99"]);
    const usd = await call("POST", "/api/contributions", { cookie: finance, body: body("10000000000000.00", undefined, "USD") });
    expect(issues(usd)).toEqual([{ path: "amount", code: "amount.too_large", params: { max: "9999999999999.99", currency: "USD" } }]);
    const yen = await call("POST", "/api/contributions", { cookie: finance, body: body("999999999999999", "150", "JPY") });
    expect([yen.status, yen.json.amountUsd]).toEqual([201, "6666666666666.66"]);
    const moreYen = await call("POST", "/api/contributions", { cookie: finance, body: body("1000000000000000", "150", "JPY") });
    expect(issues(moreYen)).toEqual([{ path: "amount", code: "amount.too_large", params: { max: "999999999999999", currency: "JPY" } }]);
    // Just above the USD maximum by the rate alone.
    const over = await call("POST", "/api/contributions", { cookie: finance, body: body("9999999999999.99", "0.9999999999") });
    expect(issues(over)).toEqual([{ path: "exchangeRate", code: "amount.usd_too_large", params: { max: "9999999999999.99" } }]);
  });

  it("a correction to a tiny rate is a 400 naming the rate, the record unchanged", async () => {
    const made = await call("POST", "/api/contributions", { cookie: finance, body: body("9007199254740.00", "460") });
    expect(made.status).toBe(201);
    const res = await call("PATCH", `/api/contributions/${made.json.id}`, { cookie: finance, body: { exchangeRate: "0.0000000001", version: made.json.version } });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(["exchangeRate"]);
    const after = await call("GET", `/api/contributions/${made.json.id}`, { cookie: finance });
    expect([after.json.exchangeRate, after.json.amountUsd, after.json.version]).toEqual(["460", made.json.amountUsd, made.json.version]);
  });
});
