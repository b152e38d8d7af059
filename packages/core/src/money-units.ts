/**
 * Money arithmetic without a float and without a dependency: ISO 4217 digits,
 * decimal strings in and out, USD conversion rounded half to even. The server
 * (money.ts) and the web's live preview both use this one module.
 */

/** ISO 4217 minor units that differ from 2. */
const DIGITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0,
  XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Every currency the runtime's ICU knows (ISO 4217 codes in circulation). */
const KNOWN = new Set<string>(Intl.supportedValuesOf("currency"));

export function isCurrency(code: string): boolean {
  return KNOWN.has(code);
}

export function digits(currency: string): number {
  return DIGITS[currency] ?? 2;
}

/** A decimal string: digits, optionally a point and more digits. */
const DECIMAL = /^(\d{1,18})(?:\.(\d{1,12}))?$/;

/**
 * The largest amount a record holds: 15 digits in minor units (10^15 − 1), so that every figure
 * stays an exact integer in JavaScript and in DynamoDB's Number, with room for totals:
 * 9,999,999,999,999.99 USD or KZT, 999,999,999,999,999 JPY, 999,999,999,999.999 KWD.
 */
export const MAX_MINOR = 10n ** 15n - 1n;
/** The largest USD equivalent, in cents: 9,999,999,999,999.99 USD. */
export const MAX_USD_CENTS = MAX_MINOR;

/** The largest amount of a currency, as a decimal string ("9999999999999.99" for KZT). */
export function maxAmount(currency: string): string {
  return formatUnits(MAX_MINOR, digits(currency));
}

/** A refused amount names its message code (messages/en.ts) and parameters. */
export type Parsed =
  | { ok: true; minor: number }
  | { ok: false; code: "amount.form" | "amount.decimals" | "amount.positive" | "amount.too_large"; params: Record<string, string | number> };

/** "1250000.50" in KZT → 125000050. Rejects zero, negatives, too many decimals, floats in exponent form. */
export function parse(amount: string, currency: string): Parsed {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return { ok: false, code: "amount.form", params: {} };
  const d = digits(currency);
  const fraction = (m[2] ?? "").replace(/0+$/, "");
  if (fraction.length > d) {
    return { ok: false, code: "amount.decimals", params: { currency, digits: d } };
  }
  const minor = BigInt(m[1]!) * 10n ** BigInt(d) + BigInt((fraction || "0").padEnd(d, "0").slice(0, d) || "0");
  if (minor <= 0n) return { ok: false, code: "amount.positive", params: {} };
  if (minor > MAX_MINOR) return { ok: false, code: "amount.too_large", params: { max: maxAmount(currency), currency } };
  return { ok: true, minor: Number(minor) };
}

/** 125000050 minor units of KZT → "1250000.50". */
export function format(minor: number, currency: string): string {
  return formatUnits(BigInt(minor), digits(currency));
}

/** Cents → "1234.56" (negative allowed: a surplus is a negative gap). */
export function formatCents(cents: number): string {
  return formatUnits(BigInt(cents), 2);
}

export function formatUnits(units: bigint, d: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const s = abs.toString().padStart(d + 1, "0");
  const whole = d === 0 ? s : s.slice(0, -d);
  const frac = d === 0 ? "" : `.${s.slice(-d)}`;
  return `${negative ? "-" : ""}${whole}${frac}`;
}

/** A rate (units of a currency per 1 USD) as a decimal string: positive, at most 12 + 10 digits. */
export function isRate(value: string): boolean {
  return /^\d{1,12}(\.\d{1,10})?$/.test(value) && /[1-9]/.test(value);
}

/** Integer division rounded half to even. */
export function divHalfEven(n: bigint, d: bigint): bigint {
  if (d < 0n) return divHalfEven(-n, -d);
  const q = n / d;
  const r = n - q * d;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice < d) return q;
  const away = n < 0n ? q - 1n : q + 1n;
  if (twice > d) return away;
  return q % 2n === 0n ? q : away;
}

/**
 * USD cents of an amount at a rate (units of the currency per 1 USD):
 * amount / rate, rounded half-even to cents.
 */
export function toUsdCents(minor: number, currency: string, rate: string): number {
  return Number(usdCentsOf(minor, currency, rate));
}

function usdCentsOf(minor: number, currency: string, rate: string): bigint {
  const [whole, frac = ""] = rate.split(".");
  const rateScaled = BigInt(whole! + frac); // rate × 10^frac.length
  const numerator = BigInt(minor) * 100n * 10n ** BigInt(frac.length);
  const denominator = 10n ** BigInt(digits(currency)) * rateScaled;
  return divHalfEven(numerator, denominator);
}

/** An amount with its USD equivalent, or the field at fault with its message code and parameters. */
export type Converted =
  | { ok: true; minor: number; usdCents: number }
  | { ok: false; path: "amount" | "exchangeRate"; code: Extract<Parsed, { ok: false }>["code"] | "amount.usd_too_large"; params: Record<string, string | number> };

/**
 * Reads an amount and converts it at a well-formed rate: the amount within its maximum, and its USD
 * equivalent within MAX_USD_CENTS (a huge amount at a tiny rate names the rate, the usual mistake).
 */
export function convert(amount: string, currency: string, rate: string): Converted {
  const parsed = parse(amount, currency);
  if (!parsed.ok) return { ...parsed, path: "amount" };
  const usd = usdCentsOf(parsed.minor, currency, rate);
  if (usd > MAX_USD_CENTS)
    return { ok: false, path: currency === "USD" ? "amount" : "exchangeRate", code: "amount.usd_too_large", params: { max: formatUnits(MAX_USD_CENTS, 2) } };
  return { ok: true, minor: parsed.minor, usdCents: Number(usd) };
}

/** `part / whole` of `cents`, half-even (a share of a stored USD amount, never a re-conversion). */
export function share(cents: number, part: number, whole: number): number {
  if (whole === 0) return 0;
  return Number(divHalfEven(BigInt(cents) * BigInt(part), BigInt(whole)));
}

/** A USD amount as a decimal string → cents (budget lines). */
export function parseUsd(amount: string): Parsed {
  return parse(amount, "USD");
}
