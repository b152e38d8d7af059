/**
 * HR's standard-cost table: what a month of a post costs, per category and grade, in USD, by
 * component (salary, allowances, insurance, travel), from an effective date on. The row in force on
 * a day is the one of the latest effective date on or before it. A post takes the rows of its own
 * category and grade when the table has any, else those of its category for every grade (grade
 * "*"). Amounts are integer cents stored, decimal strings in the API; every write is audited.
 *
 * What a secondment is worth for a period (the arithmetic is in ./valuation.ts, zod-free):
 * standard cost of its post × months served − what the Secretariat pays (the components it bears).
 */
export * as StandardCost from "./index";

import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { asTransactItem } from "../dynamo";
import { getRecord, queryRecords, type EntityItem } from "../entity";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { issueParams } from "../messages/zod";
import { Money } from "../money";
import { CATEGORIES } from "../post/schema";
import { IsoDate, Stamps, Text } from "../schema";
import { StandardCostEntity } from "./standard-cost.entity";
import * as Valuation from "./valuation";

export { Valuation };
export const { COMPONENTS, BEARERS, DEFAULT_BEARERS } = Valuation;

const ENTITY = "standardCost";
/** The grade of a row that holds for every grade of its category. */
export const ANY_GRADE = "*";

/** A monthly amount in USD: zero or more, at most two decimals. */
const MonthlyUsd = z
  .string()
  .meta({ description: "USD a month, a decimal string (zero allowed), at most two decimals", examples: ["4500.00"] })
  .superRefine((v, ctx) => {
    if (/^0+(\.0{1,2})?$/.test(v.trim())) return;
    const p = Money.parseUsd(v);
    if (!p.ok) ctx.addIssue({ code: "custom", ...issueParams(p.code, p.params) });
  });

function centsOf(v: string): number {
  const p = Money.parseUsd(v);
  return p.ok ? p.minor : 0;
}

const Grade = Text({ max: 20 }).refine((g) => g === ANY_GRADE || !g.includes("*"), issueParams("standardCost.grade_form"));

export const PutInput = z
  .strictObject({
    category: z.enum(CATEGORIES),
    /** The post's grade as posts write it ("P-4"); absent or "*": every grade of the category. */
    grade: Grade.optional(),
    effectiveOn: IsoDate.refine((d) => d >= "1990-01-01" && d <= "2100-12-31", issueParams("date.range", { from: "1990", to: "2100" })),
    salaryUsd: MonthlyUsd,
    allowancesUsd: MonthlyUsd,
    insuranceUsd: MonthlyUsd,
    travelUsd: MonthlyUsd,
    note: Text({ max: 500 }).optional(),
    /** The version read, to change a row already in the table; absent (or 0) for a new one. */
    version: z.number().int().min(0).optional(),
  })
  .superRefine((v, ctx) => {
    const all = [v.salaryUsd, v.allowancesUsd, v.insuranceUsd, v.travelUsd];
    if (all.every((x) => typeof x === "string") && all.every((x) => centsOf(x) === 0))
      ctx.addIssue({ code: "custom", path: ["salaryUsd"], ...issueParams("standardCost.total_positive") });
  });
export type PutInput = z.input<typeof PutInput>;

const Usd = z.string().meta({ description: "USD a month, an exact decimal string" });

export const Info = z.object({
  category: z.enum(CATEGORIES),
  grade: z.string(),
  effectiveOn: z.string(),
  salaryUsd: Usd,
  allowancesUsd: Usd,
  insuranceUsd: Usd,
  travelUsd: Usd,
  /** The four components together: the post's standard cost a month. */
  totalUsd: Usd,
  note: z.string().optional(),
  ...Stamps.shape,
});
export type Info = z.infer<typeof Info>;

export type Stored = EntityItem<typeof StandardCostEntity>;

export function toInfo(r: Stored): Info {
  const f = Money.formatCents;
  return {
    category: r.category as Info["category"],
    grade: r.grade,
    effectiveOn: r.effectiveOn,
    salaryUsd: f(r.salaryUsdCents),
    allowancesUsd: f(r.allowancesUsdCents),
    insuranceUsd: f(r.insuranceUsdCents),
    travelUsd: f(r.travelUsdCents),
    totalUsd: f(r.salaryUsdCents + r.allowancesUsdCents + r.insuranceUsdCents + r.travelUsdCents),
    ...(r.note ? { note: r.note } : {}),
    version: r.version,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  };
}

/** The audit trail's id of a row: "expert P-4 2022-01-01". */
export function idOf(r: { category: string; grade: string; effectiveOn: string }): string {
  return `${r.category} ${r.grade} ${r.effectiveOn}`;
}

/** A stored row as the arithmetic takes it. */
export function rateOf(r: Stored): Valuation.Rate {
  return { effectiveOn: r.effectiveOn, cents: { salary: r.salaryUsdCents, allowances: r.allowancesUsdCents, insurance: r.insuranceUsdCents, travel: r.travelUsdCents } };
}

export async function find(category: string, grade: string, effectiveOn: string): Promise<Stored | undefined> {
  return getRecord<Stored>(StandardCostEntity.get({ category, grade, effectiveOn }).params());
}

async function partition(category: string, grade: string): Promise<Stored[]> {
  return (await queryRecords<Stored>(ENTITY, StandardCostEntity.query.primary({ category, grade }).params(), { all: true })).items;
}

/**
 * The rows that price a post of a category and grade, oldest first: its grade's own when the table
 * has any, else its category's for every grade. One or two Queries on the primary key.
 */
export async function rowsFor(category: string, grade: string | undefined): Promise<Stored[]> {
  const own = grade && grade !== ANY_GRADE ? await partition(category, grade) : [];
  return own.length ? own : partition(category, ANY_GRADE);
}

/** A memo of `rowsFor` for one computation over many posts (a failed read is not kept). */
export function rowsMemo(): (category: string, grade: string | undefined) => Promise<Stored[]> {
  const memo = new Map<string, Promise<Stored[]>>();
  return (category, grade) => {
    const key = `${category}|${grade ?? ""}`;
    let p = memo.get(key);
    if (!p) {
      memo.set(key, (p = rowsFor(category, grade)));
      p.catch(() => memo.delete(key));
    }
    return p;
  };
}

/** A memo of `rowsFor` as the arithmetic takes the rows, for one computation over many posts. */
export function pricer(rows = rowsMemo()): (category: string, grade: string | undefined) => Promise<Valuation.Rate[]> {
  return async (category, grade) => (await rows(category, grade)).map(rateOf);
}

/**
 * What a month of a post costs on a day: the row of its category and grade in force (its grade's
 * own rows when the table has any, else its category's), its four components together; null when
 * no row is in force that day. The figure the staffing report's cost takes for the post's months.
 */
export async function monthlyOn(
  post: { category: string; grade?: string },
  day: string,
  rows = rowsMemo(),
): Promise<{ monthlyUsd: string; effectiveOn: string; grade: string } | null> {
  const stored = await rows(post.category, post.grade);
  const sorted = [...stored].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn));
  const rate = Valuation.inForce(sorted.map(rateOf), day);
  if (!rate) return null;
  const row = sorted.find((r) => r.effectiveOn === rate.effectiveOn)!;
  return { monthlyUsd: Money.formatCents(Valuation.totalCents(rate.cents)), effectiveOn: row.effectiveOn, grade: row.grade };
}

export const ListInput = z.strictObject({ category: z.enum(CATEGORIES).optional() });

/** The table, by category, grade and effective date (a Query on the `all` index). */
export const list = fn(ListInput, async (input) => {
  Actor.assertCan("listStandardCosts");
  const q = StandardCostEntity.query.all({});
  const params = input.category ? q.begins({ category: input.category }).params() : q.params();
  const { items } = await queryRecords<Stored>(ENTITY, params, { all: true });
  return { items: items.filter((r) => !input.category || r.category === input.category).map(toInfo) };
});

function stale(r: { category: string; grade: string; effectiveOn: string }, version: number) {
  return new VisibleError("conflict", "standardCost.version_conflict", { id: idOf(r), version });
}

/** Enters a row, or changes one already in the table (send the version read). The same amounts and note write nothing. */
export const put = fn(PutInput, async (input): Promise<Info> => {
  Actor.assertCan("putStandardCost");
  const grade = input.grade ?? ANY_GRADE;
  const before = await find(input.category, grade, input.effectiveOn);
  const fields = {
    category: input.category,
    grade,
    effectiveOn: input.effectiveOn,
    salaryUsdCents: centsOf(input.salaryUsd),
    allowancesUsdCents: centsOf(input.allowancesUsd),
    insuranceUsdCents: centsOf(input.insuranceUsd),
    travelUsdCents: centsOf(input.travelUsd),
    ...(input.note ? { note: input.note } : {}),
  };
  if (before && Audit.same(toInfo({ ...before, ...fields, note: fields.note } as Stored), toInfo(before))) return toInfo(before);
  if ((input.version ?? 0) !== (before?.version ?? 0)) throw stale(fields, before?.version ?? 0);
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const after: Stored = before
    ? { ...fields, version: before.version + 1, createdAt: before.createdAt, createdBy: before.createdBy, updatedAt: at, updatedBy: who }
    : { ...fields, version: 1, createdAt: at, createdBy: who, updatedAt: at, updatedBy: who };
  const conflict = stale(after, before?.version ?? 0);
  const item = before
    ? asTransactItem("Put", StandardCostEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params(), conflict)
    : asTransactItem("Put", StandardCostEntity.create(after).params(), conflict);
  await Audit.commit({
    entity: "standardCost",
    id: idOf(after),
    action: before ? "update" : "create",
    before: before ? toInfo(before) : null,
    after: toInfo(after),
    items: [item],
    conflict,
  });
  return toInfo(after);
});
