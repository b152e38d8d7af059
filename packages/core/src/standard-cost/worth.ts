/**
 * What secondments are worth: the standard cost of each one's post over the days it served in a
 * period, less what the Secretariat bears (./valuation.ts has the arithmetic and its definitions),
 * one secondment at a time or a year's by sending state. Queries and GetItems only: the year's
 * secondments on their byEnd index, the posts on their `all` index, the table by category and grade.
 */
export * as SecondmentValue from "./worth";

import * as z from "zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { issueParams } from "../messages/zod";
import { Money } from "../money";
import { Organisation } from "../organisation";
import { Post } from "../post";
import { IsoDate, areDays, ALWAYS } from "../schema";
import { Secondment } from "../secondment";
import * as StandardCost from "./index";
import * as Valuation from "./valuation";

const Usd = z.string().meta({ description: "USD, an exact decimal string" });

const Period = {
  /** A calendar year (default the current one), or a period from `from` to `to`, both inclusive. */
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
};

function periodRule(v: { from?: unknown; to?: unknown }, ctx: z.RefinementCtx) {
  if ((v.from === undefined) !== (v.to === undefined))
    ctx.addIssue({ code: "custom", path: [v.from === undefined ? "from" : "to"], ...issueParams("field.required") });
  if (areDays(v.from, v.to) && (v.to as string) < (v.from as string)) ctx.addIssue({ code: "custom", path: ["to"], ...issueParams("audit.range") });
}

/** The period asked about, as the route's query. */
export const Query = z.strictObject(Period).superRefine(periodRule, ALWAYS);
export const Input = z.strictObject({ id: z.string().min(1).max(100), ...Period }).superRefine(periodRule, ALWAYS);

export const Month = z.object({
  month: z.string(),
  days: z.number(),
  daysInMonth: z.number(),
  uncoveredDays: z.number(),
  standardUsd: Usd,
  secretariatUsd: Usd,
  inKindUsd: Usd,
});

export const Info = z.object({
  secondmentId: z.string(),
  sendingState: z.string(),
  postId: z.string(),
  category: z.enum(Post.CATEGORIES),
  grade: z.string().optional(),
  from: z.string(),
  to: z.string(),
  costBearers: Secondment.Costs.CostBearers,
  /** Days served in the period, both ends counted. */
  days: z.number(),
  /** Months served: each month's days served ÷ its days, summed, two decimals. */
  months: z.string(),
  /** Served days with no row of the table in force: valued at nothing. */
  uncoveredDays: z.number(),
  /** The post's standard cost over the days served. */
  standardUsd: Usd,
  /** What the Secretariat bears of it (the components it pays). */
  secretariatUsd: Usd,
  /** The sending state's in-kind value: standard − Secretariat. */
  inKindUsd: Usd,
  /** disclosed or recognised (the organisation's setting). */
  basis: z.enum(Organisation.SECONDMENT_VALUE),
  byMonth: z.array(Month),
});
export type Info = z.infer<typeof Info>;

type Price = ReturnType<typeof StandardCost.pricer>;

/** The valuation of one stored secondment over a period, its post read (or given). */
export async function valueOf(s: Secondment.Stored, period: { from: string; to: string }, post: Post.Stored | undefined, price: Price = StandardCost.pricer()) {
  const rates = post ? await price(post.category, post.grade) : [];
  return Valuation.value(s, period, rates, Secondment.Costs.bearersOf(s));
}

function periodOf(input: { year?: number; from?: string; to?: string }) {
  if (input.from && input.to) return { from: input.from, to: input.to };
  const year = input.year ?? Number(Clock.today().slice(0, 4));
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

const usd = Money.formatCents;

export const get = fn(Input, async (input): Promise<Info> => {
  Actor.assertCan("getSecondmentValue");
  const s = await Secondment.find(input.id);
  if (!s) throw new VisibleError("not_found", "secondment.not_found", { id: input.id });
  const [post, org] = await Promise.all([Post.find(s.postId), Organisation.current()]);
  if (!post) throw new VisibleError("conflict", "secondment.post_missing", { id: s.id });
  const period = periodOf(input);
  const v = await valueOf(s, period, post);
  return {
    secondmentId: s.id,
    sendingState: s.sendingState,
    postId: s.postId,
    category: post.category,
    ...(post.grade ? { grade: post.grade } : {}),
    ...period,
    costBearers: Secondment.Costs.bearersOf(s),
    days: v.days,
    months: v.months,
    uncoveredDays: v.uncoveredDays,
    standardUsd: usd(v.standardCents),
    secretariatUsd: usd(v.secretariatCents),
    inKindUsd: usd(v.inKindCents),
    basis: org.secondmentValue,
    byMonth: v.byMonth.map((m) => ({
      month: m.month,
      days: m.days,
      daysInMonth: m.daysInMonth,
      uncoveredDays: m.uncoveredDays,
      standardUsd: usd(m.standardCents),
      secretariatUsd: usd(m.secretariatCents),
      inKindUsd: usd(m.inKindCents),
    })),
  };
});

export interface StateWorth {
  inKindCents: number;
  standardCents: number;
  secretariatCents: number;
  days: number;
  /** Person-months as an exact fraction: each secondment's months served, summed. */
  months: [bigint, bigint];
  uncoveredDays: number;
  secondments: number;
}

function addFraction(a: [bigint, bigint], b: [bigint, bigint]): [bigint, bigint] {
  const n = a[0] * b[1] + b[0] * a[1];
  const d = a[1] * b[1];
  let [x, y] = [n, d];
  while (y) [x, y] = [y, x % y];
  return [n / x, d / x];
}

/**
 * The in-kind value of some secondments over a period, in USD cents: each one's months served in
 * the period only (a statement as at a day counts no month after it). `posts` holds their posts.
 */
export async function inKindOf(
  secondments: readonly Secondment.Stored[],
  period: { from: string; to: string },
  posts: ReadonlyMap<string, Post.Stored | undefined>,
  price: Price = StandardCost.pricer(),
): Promise<number> {
  let cents = 0;
  if (period.from > period.to) return 0;
  for (const s of secondments) cents += (await valueOf(s, period, posts.get(s.postId), price)).inKindCents;
  return cents;
}

/**
 * A calendar year's secondments valued, summed by sending state (only states with a day served);
 * with `to`, only the days served up to that day count (the year report of the current year, as at today).
 */
export async function ofYear(year: number, to?: string): Promise<Map<string, StateWorth>> {
  const [secondments, posts] = await Promise.all([Secondment.inYear(year), Post.listAll()]);
  const byId = new Map(posts.map((p) => [p.id, p]));
  const price = StandardCost.pricer();
  const end = `${year}-12-31`;
  const period = { from: `${year}-01-01`, to: to && to < end ? to : end };
  if (period.to < period.from) return new Map();
  const out = new Map<string, StateWorth>();
  for (const s of secondments) {
    const v = await valueOf(s, period, byId.get(s.postId), price);
    if (v.days === 0) continue;
    const t = out.get(s.sendingState) ?? { inKindCents: 0, standardCents: 0, secretariatCents: 0, days: 0, months: [0n, 1n] as [bigint, bigint], uncoveredDays: 0, secondments: 0 };
    t.inKindCents += v.inKindCents;
    t.standardCents += v.standardCents;
    t.secretariatCents += v.secretariatCents;
    t.days += v.days;
    t.months = addFraction(t.months, v.monthsExact);
    t.uncoveredDays += v.uncoveredDays;
    t.secondments++;
    out.set(s.sendingState, t);
  }
  return out;
}
