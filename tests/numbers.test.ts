/**
 * Numbers and dates as people type them in each interface language, read into the API's forms
 * (decimal strings, ISO dates) exactly, and what does not fit the language's pattern refused.
 */
import { describe, expect, it } from "vitest";
import { readDecimal } from "../packages/core/src/money-units";
import { dateInput, readDate } from "../packages/web/src/dates";
import { numberInput } from "../packages/web/src/money";

const ok = (value: string) => ({ ok: true, value });
const no = (code: string) => ({ ok: false, code });

describe("readDecimal", () => {
  it("reads Russian: spaces (also no-break and narrow no-break) group thousands, the comma is the decimal mark", () => {
    expect(readDecimal("48 000 000,50", "ru")).toEqual(ok("48000000.50"));
    expect(readDecimal("48\u00a0000\u00a0000,50", "ru")).toEqual(ok("48000000.50"));
    expect(readDecimal("48\u202f000\u202f000,50", "ru")).toEqual(ok("48000000.50"));
    expect(readDecimal("479,35", "ru")).toEqual(ok("479.35"));
    expect(readDecimal(" 1250000 ", "ru")).toEqual(ok("1250000"));
    expect(readDecimal("1,234", "ru")).toEqual(ok("1.234"));
    expect(readDecimal("0,0012345678", "ru")).toEqual(ok("0.0012345678"));
    expect(readDecimal("9 999 999 999 999,99", "ru")).toEqual(ok("9999999999999.99"));
    expect(readDecimal("", "ru")).toEqual(ok(""));
  });

  it("reads English: commas (or spaces) group thousands, the point is the decimal mark", () => {
    expect(readDecimal("48,000,000.50", "en")).toEqual(ok("48000000.50"));
    expect(readDecimal("479.35", "en")).toEqual(ok("479.35"));
    expect(readDecimal("1,234", "en")).toEqual(ok("1234"));
    expect(readDecimal("48 000 000.50", "en")).toEqual(ok("48000000.50"));
    expect(readDecimal("1250000.00", "en")).toEqual(ok("1250000.00"));
  });

  it("refuses what the language's pattern does not read unambiguously", () => {
    // A point in Russian: a decimal point or a German group mark? Neither is guessed.
    expect(readDecimal("479.35", "ru")).toEqual(no("number.decimal_mark"));
    expect(readDecimal("1.234", "ru")).toEqual(no("number.decimal_mark"));
    expect(readDecimal("48,000,000.50", "ru")).toEqual(no("number.decimal_mark"));
    expect(readDecimal("48,000,000", "ru")).toEqual(no("number.form"));
    // A comma in English groups thousands in threes; "479,35" is not an English number.
    expect(readDecimal("479,35", "en")).toEqual(no("number.grouping"));
    expect(readDecimal("1,23,456", "en")).toEqual(no("number.grouping"));
    expect(readDecimal("48 000 00,5", "ru")).toEqual(no("number.grouping"));
    expect(readDecimal("48,000 000", "en")).toEqual(no("number.grouping"));
    expect(readDecimal("1.234.567", "en")).toEqual(no("number.form"));
    for (const bad of ["-5", "1e5", "12abc", ",5", "5,", "1,,5", "+3"]) expect(readDecimal(bad, "ru").ok, bad).toBe(false);
    for (const bad of ["-5", "1e5", "12abc", ".5", "5.", "1..5", "0x10"]) expect(readDecimal(bad, "en").ok, bad).toBe(false);
  });

  it("round-trips the field's display of an API value in each language", () => {
    for (const value of ["48000000.50", "479.35", "1234.5", "0.0012345678", "65000000", "9999999999999.99"]) {
      expect(readDecimal(numberInput(value, "ru-RU"), "ru")).toEqual(ok(value));
      expect(readDecimal(numberInput(value, "en-GB"), "en")).toEqual(ok(value));
    }
    expect(numberInput("48000000.50", "ru-RU")).toBe("48\u00a0000\u00a0000,50");
    expect(numberInput("479.35", "ru-RU")).toBe("479,35");
    expect(numberInput("48000000.50", "en-GB")).toBe("48,000,000.50");
  });
});

describe("readDate", () => {
  it("reads dd.mm.yyyy in Russian, yyyy-mm-dd in both, and d Mon yyyy in English", () => {
    expect(readDate("05.03.2022", "ru")).toEqual(ok("2022-03-05"));
    expect(readDate("5.3.2022", "ru")).toEqual(ok("2022-03-05"));
    expect(readDate("2022-03-05", "ru")).toEqual(ok("2022-03-05"));
    expect(readDate("2022-03-05", "en")).toEqual(ok("2022-03-05"));
    expect(readDate("5 Mar 2022", "en")).toEqual(ok("2022-03-05"));
    expect(readDate("5 March 2022", "en")).toEqual(ok("2022-03-05"));
    expect(readDate("29.02.2024", "ru")).toEqual(ok("2024-02-29"));
    expect(readDate("  ", "en")).toEqual(ok(""));
  });

  it("refuses dates that readers read differently, and days that do not exist", () => {
    expect(readDate("03/05/2022", "en")).toEqual(no("date.entry_form"));
    expect(readDate("05.03.2022", "en")).toEqual(no("date.entry_form"));
    expect(readDate("05.03.22", "ru")).toEqual(no("date.entry_form"));
    expect(readDate("5 Mar 2022", "ru")).toEqual(no("date.entry_form"));
    expect(readDate("5 Marc 2022", "en")).toEqual(no("date.entry_form"));
    expect(readDate("31.02.2022", "ru")).toEqual(no("date.entry_day"));
    expect(readDate("2023-02-29", "en")).toEqual(no("date.entry_day"));
  });

  it("shows an ISO date as the language's field writes it", () => {
    expect(dateInput("2022-03-05", "ru")).toBe("05.03.2022");
    expect(dateInput("2022-03-05", "en")).toBe("2022-03-05");
    expect(readDate(dateInput("2022-12-31", "ru"), "ru")).toEqual(ok("2022-12-31"));
  });
});
