import { Money } from "@tracker/core";
import { describe, expect, it } from "vitest";

describe("money", () => {
  it.each([
    ["USD", 2], ["EUR", 2], ["KZT", 2], ["CNY", 2], ["QAR", 2], ["KRW", 0], ["TRY", 2], ["ILS", 2], ["TJS", 2], ["RUB", 2],
    ["KWD", 3], ["JPY", 0], ["BHD", 3], ["VND", 0],
  ])("%s has %i decimals", (currency, digits) => {
    expect(Money.digits(currency)).toBe(digits);
    expect(Money.parse(digits ? `1.${"5".repeat(digits)}` : "15", currency).ok).toBe(true);
    expect(Money.parse(`1.${"5".repeat(digits + 1)}`, currency).ok).toBe(false);
  });

  it("parses decimal strings into exact minor units and formats them back", () => {
    expect(Money.parse("1250000.5", "KZT")).toEqual({ ok: true, minor: 125000050 });
    expect(Money.parse("1.230", "KWD")).toEqual({ ok: true, minor: 1230 });
    expect(Money.parse("1.10", "JPY").ok).toBe(false);
    expect(Money.parse("1.00", "JPY")).toEqual({ ok: true, minor: 1 });
    expect(Money.format(125000050, "KZT")).toBe("1250000.50");
    expect(Money.format(1230, "KWD")).toBe("1.230");
    expect(Money.format(7, "JPY")).toBe("7");
    expect(Money.formatCents(-5)).toBe("-0.05");
  });

  it.each(["0", "0.00", "-5", "1e6", "12,5", "", " ", "1.2.3", "abc"])("refuses %j", (amount) => {
    expect(Money.parse(amount, "USD").ok).toBe(false);
  });

  it("converts to USD cents rounding half to even", () => {
    expect(Money.toUsdCents(4602500000, "KZT", "460.25")).toBe(10000000); // 46,025,000.00 KZT = 100,000.00 USD
    expect(Money.toUsdCents(46025000, "KZT", "460.25")).toBe(100000);
    expect(Money.toUsdCents(5, "USD", "2")).toBe(2); // 2.5 → 2
    expect(Money.toUsdCents(15, "USD", "2")).toBe(8); // 7.5 → 8
    expect(Money.toUsdCents(25, "USD", "10")).toBe(2); // 2.5 → 2
    expect(Money.toUsdCents(35, "USD", "10")).toBe(4); // 3.5 → 4
    expect(Money.toUsdCents(1, "KWD", "0.307")).toBe(0); // 0.001 KWD = 0.33 cents → 0
    expect(Money.toUsdCents(1000, "KWD", "0.3")).toBe(333); // 1 KWD / 0.3 = 3.333… USD
    expect(Money.toUsdCents(150000000, "KRW", "1300")).toBe(11538462); // 115384.615… → .62
    expect(Money.toUsdCents(100, "JPY", "133.5")).toBe(75); // 0.749…
  });

  it("half-even division on negative numbers is symmetric", () => {
    expect(Money.divHalfEven(-5n, 2n)).toBe(-2n);
    expect(Money.divHalfEven(-15n, 2n)).toBe(-8n);
    expect(Money.divHalfEven(7n, 2n)).toBe(4n);
  });

  it("normalises rates and refuses bad ones", () => {
    expect(Money.Rate.parse("460.2500")).toBe("460.25");
    expect(Money.Rate.parse(0.92)).toBe("0.92");
    expect(Money.Rate.parse("007")).toBe("7");
    for (const bad of ["0", "-1", "1e3", "abc", "0.00"]) expect(Money.Rate.safeParse(bad).success).toBe(false);
  });

  it("knows ISO 4217 codes and refuses others", () => {
    expect(Money.isCurrency("TJS")).toBe(true);
    expect(Money.isCurrency("XYZ")).toBe(false);
  });
});

describe("the maximum amount", () => {
  it("is 15 digits in minor units, whatever the currency's digits", () => {
    expect(Money.maxAmount("USD")).toBe("9999999999999.99");
    expect(Money.maxAmount("JPY")).toBe("999999999999999");
    expect(Money.maxAmount("KWD")).toBe("999999999999.999");
    expect(Money.parse("9999999999999.99", "KZT")).toEqual({ ok: true, minor: 999999999999999 });
    expect(Money.parse("10000000000000", "KZT")).toEqual({ ok: false, code: "amount.too_large", params: { max: "9999999999999.99", currency: "KZT" } });
    expect(Money.parse("1000000000000.000", "KWD")).toEqual({ ok: false, code: "amount.too_large", params: { max: "999999999999.999", currency: "KWD" } });
  });

  it("bounds the USD equivalent too, naming the rate", () => {
    expect(Money.convert("9999999999999.99", "KZT", "1")).toEqual({ ok: true, minor: 999999999999999, usdCents: 999999999999999 });
    expect(Money.convert("1", "KZT", "0.0000000001")).toEqual({ ok: true, minor: 100, usdCents: 1000000000000 }); // 10,000,000,000.00 USD
    expect(Money.convert("1000", "KZT", "0.0000000001")).toEqual({ ok: false, path: "exchangeRate", code: "amount.usd_too_large", params: { max: "9999999999999.99" } });
    expect(Money.convert("0.01", "KZT", "999999999999.9999999999")).toEqual({ ok: true, minor: 1, usdCents: 0 });
    expect(Money.convert("12.345", "KZT", "1")).toMatchObject({ ok: false, path: "amount", code: "amount.decimals" });
  });

  it("a rate in the wrong form gets one issue, not also 'greater than zero'", () => {
    expect(Money.Rate.safeParse("999999999999999.99").error?.issues.map((i) => (i as { params?: { code?: string } }).params?.code)).toEqual(["rate.form"]);
  });
});
