/**
 * The staffing report of a year: the matrix by category and status, the
 * vacancy rate, staff by nationality, member states with no national on
 * staff, secondments by sending state (people and person-months) and the
 * rotation alerts. Every figure comes from Queries on the posts' `all` index,
 * the secondments' byEnd index and the member states' index: no Scan.
 *
 * - The matrix (statuses, incumbents, titles) is taken as of a date: today for
 *   the current year, 31 December for a past year, 1 January for a future one.
 * - vacancyRate = vacant / (all − frozen − abolished) × 100, one decimal
 *   (half-even), as a string ("25.0"); "0.0" when no post is open.
 * - Person-months of a secondment in the year = its days within the year (both
 *   ends counted, up to its last day: the early end if recorded) / (365 / 12).
 *   A state's figure is the sum of its secondments' days, converted once and
 *   rounded half-even to one decimal ("12.0"). People = distinct persons
 *   (name and nationality) of the state's secondments that year.
 * - Rotation alerts: active secondments ending within 90 days from today.
 * - Cost against the budget: each post open on the matrix date (filled or vacant) carries its
 *   standard cost (StandardCost: the rows of its category and grade, else of its category) for the
 *   whole year, each month at the rows in force (standard-cost/valuation.ts, half-even to the cent
 *   once a month); filled and vacant posts are summed apart and set against the budget line whose
 *   code the organisation names (`staffBudgetLine`, default STAFF) in the year's budget in force.
 *   A post with no row in force for some day counts in `unpricedPosts`.
 */
export * as StaffingReport from "./staffing";

import * as z from "zod";
import { issue } from "../messages/zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { Csv } from "../csv";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Money } from "../money";
import { Post } from "../post";
import { IsoDate } from "../schema";
import { Secondment } from "../secondment";
import { Budget } from "../budget";
import { Organisation } from "../organisation";
import { StandardCost } from "../standard-cost";

export const YearInput = z.strictObject({
  year: z.coerce.number().int().min(1990, issue("year.range")).max(2100, issue("year.range")).optional(),
});

const Name = z.object({ en: z.string(), ru: z.string() });
const StatusCounts = z.object({ vacant: z.number(), filled: z.number(), frozen: z.number(), abolished: z.number() });

export const Report = z.object({
  year: z.number(),
  /** The date the matrix is taken on. */
  asOf: z.string(),
  posts: z.object({
    total: z.number(),
    byStatus: StatusCounts,
    byCategory: z.array(StatusCounts.extend({ category: z.enum(Post.CATEGORIES), total: z.number() })),
  }),
  /** Vacant posts as a share of the posts neither frozen nor abolished, in per cent with one decimal. */
  vacancyRate: z.string(),
  staffByNationality: z.array(z.object({ code: z.string(), name: Name.optional(), count: z.number() })),
  statesWithoutNationals: z.array(z.object({ code: z.string(), name: Name })),
  secondmentsByState: z.array(z.object({ code: z.string(), name: Name.optional(), people: z.number(), secondments: z.number(), personMonths: z.string() })),
  personMonthsTotal: z.string(),
  rotationAlerts: z.array(Secondment.Info),
  /** The posts' standard cost for the year against the budget's staff line. */
  cost: z.object({
    budgetLine: z.string(),
    /** The line's amount in the year's budget in force; absent when the budget has no such line. */
    budgetLineUsd: z.string().optional(),
    filledUsd: z.string(),
    vacantUsd: z.string(),
    totalUsd: z.string(),
    /** The line less the total: what the line leaves (negative: what it lacks). */
    differenceUsd: z.string().optional(),
    filledPosts: z.number(),
    vacantPosts: z.number(),
    /** Open posts with days of the year that no row of the table prices. */
    unpricedPosts: z.number(),
  }),
});
export type Report = z.infer<typeof Report>;

/** Person-months of a number of days: days / (365 / 12), half-even to one decimal. */
export function personMonths(days: number): string {
  return Money.formatUnits(Money.divHalfEven(BigInt(days) * 120n, 365n), 1);
}

export function vacancyRate(vacant: number, open: number): string {
  return open > 0 ? Money.formatUnits(Money.divHalfEven(BigInt(vacant) * 1000n, BigInt(open)), 1) : "0.0";
}

/** The date the matrix of a year is taken on. */
export function asOfFor(year: number, today: string = Clock.today()): string {
  const current = Number(today.slice(0, 4));
  return year < current ? `${year}-12-31` : year > current ? `${year}-01-01` : today;
}

export async function build(year: number): Promise<Report> {
  const today = Clock.today();
  const asOf = asOfFor(year, today);
  const [posts, secondments, states, alerts, budget, org] = await Promise.all([
    Post.listAll(),
    Secondment.inYear(year),
    MemberState.listAll(),
    Secondment.endingWithin(Secondment.DEFAULT_ALERT_DAYS, today),
    Budget.current(year),
    Organisation.current(),
  ]);
  const names = new Map(states.map((s) => [s.code, s.name]));
  const zero = () => ({ vacant: 0, filled: 0, frozen: 0, abolished: 0 });
  const byStatus = zero();
  const byCategory = new Map<Post.Category, ReturnType<typeof zero>>();
  const nationals = new Map<string, number>();
  for (const p of posts) {
    const info = Post.toInfo(p, asOf);
    byStatus[info.status]++;
    const c = byCategory.get(p.category) ?? zero();
    c[info.status]++;
    byCategory.set(p.category, c);
    if (info.incumbent) nationals.set(info.incumbent.nationality, (nationals.get(info.incumbent.nationality) ?? 0) + 1);
  }
  const bySender = new Map<string, { days: number; people: Set<string>; secondments: number }>();
  for (const s of secondments) {
    const days = Post.Dates.daysInYear(s.startOn, s.lastOn, year);
    if (days <= 0) continue;
    const t = bySender.get(s.sendingState) ?? { days: 0, people: new Set<string>(), secondments: 0 };
    t.days += days;
    t.secondments++;
    t.people.add(`${s.personName.trim().toLowerCase()}|${s.nationality}`);
    bySender.set(s.sendingState, t);
  }
  const withName = (code: string) => {
    const name = names.get(code);
    return name ? { code, name } : { code };
  };
  return {
    year,
    asOf,
    posts: {
      total: posts.length,
      byStatus,
      byCategory: Post.CATEGORIES.filter((c) => byCategory.has(c)).map((category) => {
        const c = byCategory.get(category)!;
        return { category, total: c.vacant + c.filled + c.frozen + c.abolished, ...c };
      }),
    },
    vacancyRate: vacancyRate(byStatus.vacant, byStatus.vacant + byStatus.filled),
    staffByNationality: [...nationals.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([code, count]) => ({ ...withName(code), count })),
    statesWithoutNationals: states
      .filter((s) => s.status === "member" && !nationals.has(s.code))
      .map((s) => ({ code: s.code, name: s.name })),
    secondmentsByState: [...bySender.entries()]
      .sort((a, b) => b[1].days - a[1].days || a[0].localeCompare(b[0]))
      .map(([code, t]) => ({ ...withName(code), people: t.people.size, secondments: t.secondments, personMonths: personMonths(t.days) })),
    personMonthsTotal: personMonths([...bySender.values()].reduce((n, t) => n + t.days, 0)),
    rotationAlerts: alerts,
    cost: await postsCost(posts, asOf, year, org.staffBudgetLine, budget?.lines.find((l) => l.code === org.staffBudgetLine)?.amountUsdCents),
  };
}

/** The standard cost of the year of the posts open on `asOf`, filled and vacant apart, against the budget line. */
async function postsCost(posts: Post.Stored[], asOf: string, year: number, budgetLine: string, lineCents: number | undefined): Promise<Report["cost"]> {
  const price = StandardCost.pricer();
  const whole = { from: `${year}-01-01`, to: `${year}-12-31` };
  const t = { filled: 0, vacant: 0, filledPosts: 0, vacantPosts: 0, unpriced: 0 };
  for (const p of posts) {
    const status = Post.statusOn(p, asOf);
    if (status !== "filled" && status !== "vacant") continue;
    const v = StandardCost.Valuation.value({ startOn: whole.from, lastOn: whole.to }, whole, await price(p.category, p.grade), StandardCost.DEFAULT_BEARERS);
    if (v.uncoveredDays > 0) t.unpriced++;
    t[status] += v.standardCents;
    t[status === "filled" ? "filledPosts" : "vacantPosts"]++;
  }
  const total = t.filled + t.vacant;
  return {
    budgetLine,
    ...(lineCents !== undefined ? { budgetLineUsd: Money.formatCents(lineCents), differenceUsd: Money.formatCents(lineCents - total) } : {}),
    filledUsd: Money.formatCents(t.filled),
    vacantUsd: Money.formatCents(t.vacant),
    totalUsd: Money.formatCents(total),
    filledPosts: t.filledPosts,
    vacantPosts: t.vacantPosts,
    unpricedPosts: t.unpriced,
  };
}

export const year = fn(YearInput, async ({ year }) => {
  Actor.assertSignedIn();
  return build(year ?? Number(Clock.today().slice(0, 4)));
});

export const MatrixCsvInput = z.strictObject({ asOf: IsoDate.optional() });

/** The staff matrix as CSV: one row per post, by number, as of a date (default today). */
export const matrixCsv = fn(MatrixCsvInput, async ({ asOf }) => {
  Actor.assertSignedIn();
  const date = asOf ?? Clock.today();
  const posts = await Post.listAll();
  return Csv.write(
    ["number", "title_en", "title_ru", "category", "grade", "unit", "funding", "status", "incumbent_name", "incumbent_nationality",
      "incumbent_since", "incumbent_until", "secondment_id", "as_of", "id", "version"],
    posts.map((p) => {
      const i = Post.toInfo(p, date);
      return [i.number, i.title.en, i.title.ru, i.category, i.grade, i.unit, i.funding, i.status, i.incumbent?.name, i.incumbent?.nationality,
        i.incumbent?.since, i.incumbent?.until, i.incumbent?.secondmentId, i.asOf, i.id, i.version];
    }),
  );
});
