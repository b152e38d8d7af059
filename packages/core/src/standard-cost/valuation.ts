/**
 * What a secondment is worth, zod-free and dependency-free so the web shows the same figures.
 *
 * The standard-cost table gives, per category and grade, what a month of a post costs, in USD cents,
 * by component (salary, allowances, insurance, travel), from an effective date on. Each secondment
 * says who bears each component: the sending state or the Secretariat.
 *
 * For a period [from, to] and a secondment served from `startOn` to `lastOn` (both inclusive):
 * - the days served are the days of both ranges;
 * - each calendar month is valued on its own: every served day of the month is worth the monthly
 *   cost in force that day ÷ the days of that month (28 to 31), so a full month is worth the month's
 *   cost whatever its length, and a mid-month change of the table values each part at its own rate;
 * - a month's standard cost = Σ (monthly total in force × days at it) ÷ days in the month, and its
 *   Secretariat cost = Σ (the components the Secretariat bears × days) ÷ days in the month, each
 *   rounded half-even to the cent once per month; its in-kind value = standard − Secretariat, so the
 *   three always add up exactly;
 * - the period's figures are the sums of its months; months served = Σ served days ÷ days in the
 *   month, kept exact and given rounded half-even to two decimals;
 * - a served day with no row in force (before the first effective date) is worth nothing and is
 *   counted in `uncoveredDays`, so a missing row is visible, never guessed.
 */
import { daysInclusive } from "../post/dates";

export const COMPONENTS = ["salary", "allowances", "insurance", "travel"] as const;
export type Component = (typeof COMPONENTS)[number];

export const BEARERS = ["sending_state", "secretariat"] as const;
export type Bearer = (typeof BEARERS)[number];
export type Bearers = Record<Component, Bearer>;

/** What a secondment recorded without its bearers assumes: the sending state bears every cost. */
export const DEFAULT_BEARERS: Bearers = { salary: "sending_state", allowances: "sending_state", insurance: "sending_state", travel: "sending_state" };

/** A row of the table as the arithmetic needs it: from when, and the monthly cents by component. */
export interface Rate {
  effectiveOn: string;
  cents: Record<Component, number>;
}

export interface MonthValue {
  /** YYYY-MM */
  month: string;
  days: number;
  daysInMonth: number;
  uncoveredDays: number;
  standardCents: number;
  secretariatCents: number;
  inKindCents: number;
}

export interface Valuation {
  /** The days of the period served (both ends counted). */
  days: number;
  /** Months served, two decimals ("3.50"). */
  months: string;
  /** Months served as an exact fraction (numerator, denominator). */
  monthsExact: [bigint, bigint];
  uncoveredDays: number;
  standardCents: number;
  secretariatCents: number;
  inKindCents: number;
  byMonth: MonthValue[];
}

export function totalCents(cents: Record<Component, number>): number {
  return COMPONENTS.reduce((n, c) => n + cents[c], 0);
}

/** The cents of the components the Secretariat bears. */
export function secretariatCents(cents: Record<Component, number>, bearers: Bearers): number {
  return COMPONENTS.reduce((n, c) => n + (bearers[c] === "secretariat" ? cents[c] : 0), 0);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function divHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n - q * d;
  const twice = 2n * r;
  if (twice < d) return q;
  if (twice > d) return q + 1n;
  return q % 2n === 0n ? q : q + 1n;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** An exact fraction as a decimal string with two decimals, half-even. */
export function fractionText(n: bigint, d: bigint, decimals = 2): string {
  const scaled = divHalfEven(n * 10n ** BigInt(decimals), d);
  const s = scaled.toString().padStart(decimals + 1, "0");
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

/** The row in force on a day: the latest effective date on or before it (rates sorted by date). */
export function inForce(rates: readonly Rate[], day: string): Rate | undefined {
  let found: Rate | undefined;
  for (const r of rates) {
    if (r.effectiveOn <= day) found = r;
    else break;
  }
  return found;
}

/** The value of a secondment served from `startOn` to `lastOn` within the period [from, to]. */
export function value(
  served: { startOn: string; lastOn: string },
  period: { from: string; to: string },
  table: readonly Rate[],
  bearers: Bearers,
): Valuation {
  const rates = [...table].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn));
  const start = served.startOn > period.from ? served.startOn : period.from;
  const end = served.lastOn < period.to ? served.lastOn : period.to;
  const out: Valuation = { days: 0, months: "0.00", monthsExact: [0n, 1n], uncoveredDays: 0, standardCents: 0, secretariatCents: 0, inKindCents: 0, byMonth: [] };
  if (start > end) return out;
  let [num, den] = [0n, 1n];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  while (`${y}-${pad(m)}` <= end.slice(0, 7)) {
    const dim = daysInMonth(y, m);
    const first = `${y}-${pad(m)}-01`;
    const last = `${y}-${pad(m)}-${pad(dim)}`;
    const a = start > first ? start : first;
    const b = end < last ? end : last;
    let standard = 0n;
    let secretariat = 0n;
    let uncovered = 0;
    for (let d = Number(a.slice(8, 10)); d <= Number(b.slice(8, 10)); d++) {
      const r = inForce(rates, `${y}-${pad(m)}-${pad(d)}`);
      if (!r) {
        uncovered++;
        continue;
      }
      standard += BigInt(totalCents(r.cents));
      secretariat += BigInt(secretariatCents(r.cents, bearers));
    }
    const days = daysInclusive(a, b);
    const month: MonthValue = {
      month: `${y}-${pad(m)}`,
      days,
      daysInMonth: dim,
      uncoveredDays: uncovered,
      standardCents: Number(divHalfEven(standard, BigInt(dim))),
      secretariatCents: Number(divHalfEven(secretariat, BigInt(dim))),
      inKindCents: 0,
    };
    month.inKindCents = month.standardCents - month.secretariatCents;
    out.byMonth.push(month);
    out.days += days;
    out.uncoveredDays += uncovered;
    out.standardCents += month.standardCents;
    out.secretariatCents += month.secretariatCents;
    out.inKindCents += month.inKindCents;
    [num, den] = [num * BigInt(dim) + BigInt(days) * den, den * BigInt(dim)];
    const g = gcd(num, den);
    [num, den] = [num / g, den / g];
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  out.monthsExact = [num, den];
  out.months = fractionText(num, den);
  return out;
}
