/**
 * Every currency: the ISO 4217 codes the runtime's ICU knows (Intl.supportedValuesOf), each with its
 * ISO minor-unit digits. The digits table (money-units.ts) is checked against ICU's own (CLDR)
 * digits; where ISO 4217 and CLDR's display digits differ, the ISO figure is stated here.
 */
import { MemberState, Money } from "@tracker/core";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";

/** ISO 4217 minor units where CLDR shows fewer digits on screen (ISO's figure is the one a record keeps). */
const ISO_NOT_CLDR: Record<string, number> = {
  AFN: 2, ALL: 2, COP: 2, HUF: 2, IDR: 2, IQD: 3, IRR: 2, KPW: 2, LAK: 2, LBP: 2, MGA: 2, MMK: 2, PKR: 2, SLL: 2, SOS: 2, SYP: 2, YER: 2,
};
const ALL = Intl.supportedValuesOf("currency");
const cldr = (c: string): number => new Intl.NumberFormat("en", { style: "currency", currency: c }).resolvedOptions().maximumFractionDigits ?? 2;

describe("the currencies", () => {
  it("are the full ISO list of the runtime, with the member states' AZN, UZS, INR and PKR", () => {
    expect(ALL.length).toBeGreaterThan(150);
    for (const c of ["AZN", "UZS", "INR", "PKR", "KZT", "RUB", "CNY", "TRY", "USD", "JPY", "KWD"]) expect(Money.isCurrency(c), c).toBe(true);
    expect(Money.isCurrency("XXX1")).toBe(false);
  });

  it.each(ALL)("%s has its ISO digits, and an amount with one more is refused", (c) => {
    const digits = ISO_NOT_CLDR[c] ?? cldr(c);
    expect(Money.digits(c)).toBe(digits);
    expect(Money.isCurrency(c)).toBe(true);
    expect(Money.parse(digits ? `1.${"5".repeat(digits)}` : "15", c)).toEqual({ ok: true, minor: digits ? Number(`1${"5".repeat(digits)}`) : 15 });
    expect(Money.parse(`1.${"5".repeat(digits + 1)}`, c).ok).toBe(false);
  });
});

describe("a contribution in a member state's currency", () => {
  let finance: string;
  beforeAll(async () => {
    await asSystem(() => MemberState.seed([{ code: "AZ", en: "Azerbaijan", ru: "Азербайджан", status: "member" }]));
    finance = (await userWith(["finance"])).cookie;
  });

  it.each([
    ["AZN", "1700.25", "1.7", "1000.15"],
    ["UZS", "12500000.50", "12500", "1000.00"],
    ["INR", "83000.99", "83", "1000.01"],
    ["PKR", "280000.00", "280", "1000.00"],
  ])("is taken in %s with its digits and its USD equivalent", async (currency, amount, exchangeRate, amountUsd) => {
    const res = await call("POST", "/api/contributions", {
      cookie: finance,
      body: { stateCode: "AZ", kind: "cash", status: "received", amount, currency, exchangeRate, date: "2023-05-05", purpose: "regular_budget", reference: currency },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ amount, currency, exchangeRate, amountUsd });
  });
});
