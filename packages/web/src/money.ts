/**
 * Money in the browser, never as floats: amounts and rates are decimal strings,
 * parsed into BigInt scaled integers; USD equivalents are divided exactly and
 * rounded half to even to cents (the same rule as the server). Display goes
 * through Intl.NumberFormat, which formats a decimal string exactly.
 */

/** ISO 4217 minor units that differ from 2 (as the server keeps them). */
const DIGITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0,
  XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** The currencies offered first in forms; any other three-letter code may be typed. */
export const COMMON_CURRENCIES = ["USD", "EUR", "KZT", "CNY", "QAR", "KRW", "TRY", "ILS", "TJS", "RUB", "KWD", "JPY"] as const;

export function currencyDigits(currency: string): number {
  return DIGITS[currency] ?? 2;
}

const DECIMAL = /^(\d{1,18})(?:\.(\d{1,12}))?$/;

/** What a person typed, tidied: surrounding and grouping spaces removed. Nothing else is guessed. */
export function cleanDecimal(input: string): string {
  return input.replace(/[\s\u00a0\u202f]/g, "");
}

/**
 * A non-negative decimal string as an integer scaled by 10^scale, or undefined
 * when it is not a decimal or has more significant decimals than `scale`.
 */
export function toScaled(value: string, scale: number): bigint | undefined {
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

/** Integer division rounded half to even. */
export function divHalfEven(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) return divHalfEven(-n, -d);
  const q = n / d;
  const r = n - q * d;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice < d) return q;
  const away = n < 0n ? q - 1n : q + 1n;
  if (twice > d) return away;
  return q % 2n === 0n ? q : away;
}

/** Integer units with `digits` decimals → "1234.56". */
export function unitsToString(units: bigint, digits: number): string {
  const negative = units < 0n;
  const s = (negative ? -units : units).toString().padStart(digits + 1, "0");
  const whole = digits === 0 ? s : s.slice(0, -digits);
  return `${negative ? "-" : ""}${whole}${digits === 0 ? "" : `.${s.slice(-digits)}`}`;
}

/** The rate as a scaled integer and its scale ("460.25" → 46025n, 2); undefined unless a positive decimal. */
function parseRate(rate: string): { scaled: bigint; scale: number } | undefined {
  const v = cleanDecimal(rate);
  const m = /^(\d{1,12})(?:\.(\d{1,10}))?$/.exec(v);
  if (!m) return undefined;
  const frac = m[2] ?? "";
  const scaled = BigInt(m[1]! + frac);
  return scaled > 0n ? { scaled, scale: frac.length } : undefined;
}

/**
 * The USD equivalent of `amount` of `currency` at `rate` (units of the currency
 * per 1 USD), as a decimal string with cents: amount / rate, half-even. USD
 * needs no rate. Undefined when the amount or the rate cannot be read, or the
 * amount has more decimals than the currency allows.
 */
export function usdEquivalent(amount: string, currency: string, rate: string | undefined): string | undefined {
  const digits = currencyDigits(currency);
  const minor = toScaled(amount, digits);
  if (minor === undefined || minor <= 0n) return undefined;
  if (currency === "USD") return unitsToString(divHalfEven(minor * 100n, 10n ** BigInt(digits)), 2);
  const r = parseRate(rate ?? "");
  if (!r) return undefined;
  // cents = minor / 10^digits / (scaled / 10^scale) × 100
  const numerator = minor * 100n * 10n ** BigInt(r.scale);
  const denominator = 10n ** BigInt(digits) * r.scaled;
  return unitsToString(divHalfEven(numerator, denominator), 2);
}

/** The sum of USD decimal strings, exactly (for a form's running total). Undefined if one cannot be read. */
export function sumUsd(values: string[]): string | undefined {
  let total = 0n;
  for (const v of values) {
    const c = centsOf(v);
    if (c === undefined) return undefined;
    total += c;
  }
  return unitsToString(total, 2);
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
