/**
 * Tour rules, zod-free: how long one secondment (a tour) may run, by its post's category (and
 * grade, where a grade has its own limit), and how long one person may serve in all. Limits are
 * whole calendar months. A tour of 60 months from 2022-02-01 may run to 2027-01-31 inclusive.
 *
 * The cumulative limit counts the person's other secondments day for day: the tour may run to
 * the day its own limit of C months would reach, less the days served (or planned) elsewhere.
 */
import { addDays, daysInclusive } from "../post/dates";
import type { Category } from "../post/schema";

export interface Limits {
  /** Maximum tour length in months, by post category. */
  categories: Record<Category, number>;
  /** A grade with its own maximum (a grade within a category), before the category's. */
  grades: { category: Category; grade: string; maxTourMonths: number }[];
  /** Maximum service of one person across secondments, in months. */
  cumulativeMonths: number;
}

/**
 * The defaults, after the OSCE's 4/5/7 years by grade and 10 years in all: the Executive
 * Director and the Deputies 4 years, Senior Officers and professional staff 5, experts,
 * administrative and support staff 7; 10 years cumulative.
 */
export const DEFAULTS: Limits = {
  categories: { executive: 48, senior_officer: 60, professional: 60, expert: 84, administrative: 84, support: 84 },
  grades: [],
  cumulativeMonths: 120,
};

/** The date `months` calendar months after `date` (a day past the month's end is its last day: 01-31 + 1 = 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The longest tour for a post: its grade's own limit if one is set, else its category's. */
export function maxTourMonths(limits: Limits, category: Category, grade?: string): number {
  const g = grade?.trim().toLowerCase();
  const own = g ? limits.grades.find((x) => x.category === category && x.grade.trim().toLowerCase() === g) : undefined;
  return own?.maxTourMonths ?? limits.categories[category];
}

/** The last day a tour of `months` months from `startOn` may run to (inclusive). */
export function tourEndsBy(startOn: string, months: number): string {
  return addDays(addMonths(startOn, months), -1);
}

/** The last day this tour may run to under the cumulative limit, the person's other service (days) counted. */
export function cumulativeEndsBy(startOn: string, cumulativeMonths: number, otherDays: number): string {
  return addDays(tourEndsBy(startOn, cumulativeMonths), -otherDays);
}

/** Days in post of secondments: to their last day (planned), and up to `today` (served). */
export function service(tours: { startOn: string; lastOn: string }[], today: string): { servedDays: number; plannedDays: number } {
  let servedDays = 0;
  let plannedDays = 0;
  for (const t of tours) {
    plannedDays += daysInclusive(t.startOn, t.lastOn);
    servedDays += daysInclusive(t.startOn, t.lastOn < today ? t.lastOn : today);
  }
  return { servedDays, plannedDays };
}

export const LIMITS = ["tour", "cumulative"] as const;
export type Limit = (typeof LIMITS)[number];

export function isLimit(x: string): x is Limit {
  return (LIMITS as readonly string[]).includes(x);
}

/** The limits a last day goes beyond (none: within both). */
export function beyond(lastOn: string, ends: { tourEndsBy: string; cumulativeEndsBy: string }): Limit[] {
  const out: Limit[] = [];
  if (lastOn > ends.tourEndsBy) out.push("tour");
  if (lastOn > ends.cumulativeEndsBy) out.push("cumulative");
  return out;
}
