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
export const MAX_USD_CENTS = 10n ** 15n - 1n;

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

/**
 * How each interface language writes a number for people: the decimal mark, and the marks that
 * group thousands. Spaces (U+0020, the no-break space U+00A0 and the narrow no-break space U+202F,
 * which Intl writes) group in both; the comma groups in English and is the decimal mark in Russian.
 */
const NUMBER_STYLES = {
  en: { decimal: ".", group: /^[,\u0020\u00a0\u202f]$/ },
  ru: { decimal: ",", group: /^[\u0020\u00a0\u202f]$/ },
} as const;

export type NumberLanguage = keyof typeof NUMBER_STYLES;

/** What a person typed, read as a language writes it; a refusal names its message code (messages/en.ts). */
export type ReadDecimal =
  | { ok: true; value: string }
  | { ok: false; code: "number.form" | "number.decimal_mark" | "number.grouping" };

const SPACE = /[\u0020\u00a0\u202f]/;

/**
 * A non-negative number as a person writes it in the language ("48 000 000,50" in Russian,
 * "48,000,000.50" in English) → the API's decimal string ("48000000.50"); "" for an empty entry.
 * Only what the language's pattern reads unambiguously is read: in Russian a point is refused
 * (`number.decimal_mark`), in English a comma must group thousands in threes ("479,35" is refused,
 * `number.grouping`), and groups of other sizes or mixed group marks are refused in both. Digits
 * are copied, never computed, so no figure passes through a float. Limits (digits, decimals, the
 * largest amount) are the reader's of the decimal string (`parse`, `isRate`).
 */
export function readDecimal(input: string, lang: NumberLanguage): ReadDecimal {
  const style = NUMBER_STYLES[lang];
  const text = input.replace(/^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g, "");
  if (text === "") return { ok: true, value: "" };
  const at = text.indexOf(style.decimal);
  const whole = at < 0 ? text : text.slice(0, at);
  const fraction = at < 0 ? undefined : text.slice(at + 1);
  if (whole === "") return { ok: false, code: "number.form" };
  if (fraction !== undefined && !/^\d+$/.test(fraction)) {
    if (lang === "ru" && fraction.includes(".")) return { ok: false, code: "number.decimal_mark" };
    return { ok: false, code: "number.form" };
  }
  if (/^\d+$/.test(whole)) return { ok: true, value: fraction === undefined ? whole : `${whole}.${fraction}` };
  // The whole part has marks: each must group (one kind throughout), in threes after the first group.
  const marks = [...whole.replace(/\d/g, "")];
  if (marks.some((m) => !style.group.test(m))) {
    if (lang === "ru" && marks.includes(".")) return { ok: false, code: "number.decimal_mark" };
    return { ok: false, code: "number.form" };
  }
  const kinds = new Set(marks.map((m) => (SPACE.test(m) ? " " : m)));
  const groups = whole.split(/[,\u0020\u00a0\u202f]/);
  if (kinds.size > 1 || !/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) {
    return { ok: false, code: "number.grouping" };
  }
  const digits = groups.join("");
  return { ok: true, value: fraction === undefined ? digits : `${digits}.${fraction}` };
}
