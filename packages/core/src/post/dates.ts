/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD, UTC). Periods in the staffing
 * modules are inclusive: a secondment from 2026-01-01 to 2026-12-31 covers both
 * days, and the next incumbent may start on 2027-01-01.
 */
export const FOREVER = "9999-12-31";

const DAY_MS = 86_400_000;

function ms(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return new Date(ms(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted; 0 when `to` is before `from`. */
export function daysInclusive(from: string, to: string): number {
  return to < from ? 0 : Math.round((ms(to) - ms(from)) / DAY_MS) + 1;
}

/** Two inclusive periods share at least one day (an absent end is open-ended). */
export function overlaps(aStart: string, aEnd: string | undefined, bStart: string, bEnd: string | undefined): boolean {
  return aStart <= (bEnd ?? FOREVER) && bStart <= (aEnd ?? FOREVER);
}

/** Days of the inclusive period [start, end] that fall in a calendar year. */
export function daysInYear(start: string, end: string, year: number): number {
  const from = start > `${year}-01-01` ? start : `${year}-01-01`;
  const to = end < `${year}-12-31` ? end : `${year}-12-31`;
  return daysInclusive(from, to);
}
