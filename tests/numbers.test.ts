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

type Lang = "en" | "ru";

/**
 * Each text as typed, read in `lang`: to the API value given as a string, or refused with the
 * code given as `no(code)`.
 */
function expectReads(read: (text: string, lang: Lang) => unknown, lang: Lang, cases: Record<string, string | ReturnType<typeof no>>) {
  for (const [text, want] of Object.entries(cases)) expect(read(text, lang), `${lang} ${JSON.stringify(text)}`).toEqual(typeof want === "string" ? ok(want) : want);
}

describe("readDecimal", () => {
  it("reads Russian: spaces (also no-break and narrow no-break) group thousands, the comma is the decimal mark", () => {
    expectReads(readDecimal, "ru", {
      "48 000 000,50": "48000000.50",
      "48\u00a0000\u00a0000,50": "48000000.50",
      "48\u202f000\u202f000,50": "48000000.50",
      "479,35": "479.35",
      " 1250000 ": "1250000",
      "1,234": "1.234",
      "0,0012345678": "0.0012345678",
      "9 999 999 999 999,99": "9999999999999.99",
      "": "",
    });
  });

  it("reads English: commas (or spaces) group thousands, the point is the decimal mark", () => {
    expectReads(readDecimal, "en", {
      "48,000,000.50": "48000000.50",
      "479.35": "479.35",
      "1,234": "1234",
      "48 000 000.50": "48000000.50",
      "1250000.00": "1250000.00",
    });
  });

  it("refuses what the language's pattern does not read unambiguously", () => {
    expectReads(readDecimal, "ru", {
      // A point in Russian: a decimal point or a German group mark? Neither is guessed.
      "479.35": no("number.decimal_mark"),
      "1.234": no("number.decimal_mark"),
      "48,000,000.50": no("number.decimal_mark"),
      "48,000,000": no("number.form"),
      "48 000 00,5": no("number.grouping"),
    });
    expectReads(readDecimal, "en", {
      // A comma in English groups thousands in threes; "479,35" is not an English number.
      "479,35": no("number.grouping"),
      "1,23,456": no("number.grouping"),
      "48,000 000": no("number.grouping"),
      "1.234.567": no("number.form"),
    });
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
    expectReads(readDate, "ru", { "05.03.2022": "2022-03-05", "5.3.2022": "2022-03-05", "2022-03-05": "2022-03-05", "29.02.2024": "2024-02-29" });
    expectReads(readDate, "en", { "2022-03-05": "2022-03-05", "5 Mar 2022": "2022-03-05", "5 March 2022": "2022-03-05", "  ": "" });
  });

  it("refuses dates that readers read differently, and days that do not exist", () => {
    expectReads(readDate, "en", {
      "03/05/2022": no("date.entry_form"),
      "05.03.2022": no("date.entry_form"),
      "5 Marc 2022": no("date.entry_form"),
      "2023-02-29": no("date.entry_day"),
    });
    expectReads(readDate, "ru", {
      "05.03.22": no("date.entry_form"),
      "5 Mar 2022": no("date.entry_form"),
      "31.02.2022": no("date.entry_day"),
    });
  });

  it("shows an ISO date as the language's field writes it", () => {
    expect(dateInput("2022-03-05", "ru")).toBe("05.03.2022");
    expect(dateInput("2022-03-05", "en")).toBe("2022-03-05");
    expect(readDate(dateInput("2022-12-31", "ru"), "ru")).toEqual(ok("2022-12-31"));
  });
});
