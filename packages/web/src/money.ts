/**
 * Money in the browser, never as floats: amounts and rates are decimal strings.
 * The arithmetic (currency digits, USD at a rate, half-even to cents) is the
 * server's own module; what is here reads what a person typed and formats for
 * display through Intl.NumberFormat, which formats a decimal string exactly.
 */
import { digits, formatCents, formatUnits, isRate, parse, readDecimal, toUsdCents, type NumberLanguage, type ReadDecimal } from "@tracker/core/money-units";

/** The currencies offered first in forms; any other three-letter code may be typed. */
export const COMMON_CURRENCIES = ["USD", "EUR", "KZT", "CNY", "QAR", "KRW", "TRY", "ILS", "TJS", "RUB", "KWD", "JPY"] as const;

/** ISO 4217 digits of a currency, as the server keeps them. */
export const currencyDigits = digits;

const DECIMAL = /^(\d{1,18})(?:\.(\d{1,12}))?$/;

/** What a person typed, tidied: surrounding and grouping spaces removed. Nothing else is guessed. */
function cleanDecimal(input: string): string {
  return input.replace(/[\s\u00a0\u202f]/g, "");
}

/**
 * An amount or rate as typed in the interface language → the API's decimal string ("48 000 000,50"
 * in Russian and "48,000,000.50" in English → "48000000.50"; "" when empty), or the code of what does
 * not fit the language's pattern. The one reader of typed numbers (core's `readDecimal`).
 */
export function readNumber(text: string, lang: NumberLanguage): ReadDecimal {
  return readDecimal(text, lang);
}

/** An API decimal string as the language writes it in a field ("48000000.50" → "48 000 000,50" in Russian), read back by `readNumber`. */
export function numberInput(value: string, locale: string): string {
  return /^\d+(\.\d+)?$/.test(value) ? formatDecimal(value, locale) : value;
}

/**
 * A non-negative decimal string as an integer scaled by 10^scale, or undefined
 * when it is not a decimal or has more significant decimals than `scale`.
 */
function toScaled(value: string, scale: number): bigint | undefined {
  const m = DECIMAL.exec(cleanDecimal(value));
  if (!m) return undefined;
  const fraction = (m[2] ?? "").replace(/0+$/, "");
  if (fraction.length > scale) return undefined;
  return BigInt(m[1]!) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, "0") || "0");
}

/** A signed decimal string ("-1234.56") in cents; undefined if it is not one with at most 2 decimals. */
export function centsOf(value: string): bigint | undefined {
  const v = cleanDecimal(value);
  const negative = v.startsWith("-");
  const cents = toScaled(negative ? v.slice(1) : v, 2);
  return cents === undefined ? undefined : negative ? -cents : cents;
}

/**
 * The USD equivalent of `amount` of `currency` at `rate` (units of the currency
 * per 1 USD), as a decimal string with cents: amount / rate, half-even. USD
 * needs no rate. Undefined when the amount or the rate cannot be read, or the
 * amount has more decimals than the currency allows.
 */
export function usdEquivalent(amount: string, currency: string, rate: string | undefined): string | undefined {
  const parsed = parse(cleanDecimal(amount), currency);
  if (!parsed.ok) return undefined;
  const r = currency === "USD" ? "1" : cleanDecimal(rate ?? "");
  if (!isRate(r)) return undefined;
  return formatCents(toUsdCents(parsed.minor, currency, r));
}

/** The sum of USD decimal strings, exactly (for a form's running total). Undefined if one cannot be read. */
export function sumUsd(values: string[]): string | undefined {
  let total = 0n;
  for (const v of values) {
    const c = centsOf(v);
    if (c === undefined) return undefined;
    total += c;
  }
  return formatUnits(total, 2);
}

/** The sum of amounts of one currency, exactly (a schedule's running total). Undefined if one cannot be read. */
export function sumAmounts(values: string[], currency: string): string | undefined {
  let total = 0n;
  for (const v of values) {
    const p = parse(cleanDecimal(v), currency);
    if (!p.ok) return undefined;
    total += BigInt(p.minor);
  }
  return formatUnits(total, digits(currency));
}

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(key, f);
  }
  return f;
}

/**
 * A decimal string as the language writes numbers ("46025000.00" → "46,025,000.00"
 * in English, "46 025 000,00" in Russian), keeping exactly its decimals. Intl formats
 * the string itself, so no digit passes through a float.
 */
export function formatDecimal(value: string, locale: string): string {
  const v = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(v)) return value;
  const digits = v.includes(".") ? v.length - v.indexOf(".") - 1 : 0;
  return numberFormat(locale, digits).format(v as `${number}`);
}

/** "46,025,000.00 KZT": the amount with its currency code after it. */
export function formatMoney(value: string, currency: string, locale: string): string {
  return `${formatDecimal(value, locale)}\u00a0${currency}`;
}

/** The sign of a decimal string: -1, 0 or 1. */
export function signOf(value: string): -1 | 0 | 1 {
  const v = value.trim();
  if (!/[1-9]/.test(v)) return 0;
  return v.startsWith("-") ? -1 : 1;
}

/** "-1234.56" → "1234.56". */
export function absDecimal(value: string): string {
  return value.trim().replace(/^-/, "");
}
