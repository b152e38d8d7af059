/**
 * Money and people side by side, for a year and each state:
 * - its share of the year's contributions: cash and in kind received (the totals items, as the year
 *   report counts them), and the in-kind value of its secondments (standard-cost/worth.ts) when the
 *   organisation recognises it; when it only discloses it, the value is shown beside, in no share;
 * - its share of the staff posts held by its nationals (the matrix as the staffing report takes it:
 *   31 December of a past year, today in the current one, 1 January of a future one);
 * - its seconded person-months: each secondment's months served in the year (each month's days
 *   served ÷ its days), two decimals.
 * Shares are basis points by the largest remainder method (./shares.ts): they add up to exactly
 * 100.00 %. The member states that gave neither money nor people (no contribution received, no
 * secondment serving) are named. Queries only, never a Scan.
 */
export * as MoneyPeople from "./money-people";

import * as z from "zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { fn } from "../fn";
import { issue } from "../messages/zod";
import { MemberState } from "../member-state";
import { Money } from "../money";
import { Organisation } from "../organisation";
import { Post } from "../post";
import { SecondmentValue } from "../standard-cost/worth";
import { fractionText } from "../standard-cost/valuation";
import { Totals } from "../totals";
import { Export } from "../export";
import { word } from "../export/words";
import { asOfFor } from "./staffing";
import { basisPoints, percent } from "./shares";

export const YearInput = z.strictObject({
  year: z.coerce.number().int().min(1990, issue("year.range")).max(2100, issue("year.range")).optional(),
});

const Usd = z.string().meta({ description: "USD, an exact decimal string" });
const Share = z.string().meta({ description: "Per cent, two decimals; the rows' shares add up to 100.00 exactly (largest remainder on basis points)" });
const Name = z.object({ en: z.string(), ru: z.string() });

export const Row = z.object({
  code: z.string(),
  name: Name,
  cashUsd: Usd,
  inKindUsd: Usd,
  /** The in-kind value of its secondments in the year (standard cost − what the Secretariat bears). */
  secondmentValueUsd: Usd,
  /** What its contribution share counts: cash + in kind, + the secondments' value when recognised. */
  countedUsd: Usd,
  contributionShare: Share,
  /** Posts held by its nationals on `asOf`. */
  posts: z.number(),
  postShare: Share,
  secondments: z.number(),
  personMonths: z.string(),
});

export const Report = z.object({
  year: z.number(),
  asOf: z.string(),
  /** disclosed: the secondments' value beside the contributions, counted in no share; recognised: counted. */
  basis: z.enum(Organisation.SECONDMENT_VALUE),
  cashUsd: Usd,
  inKindUsd: Usd,
  secondmentValueUsd: Usd,
  countedUsd: Usd,
  filledPosts: z.number(),
  personMonths: z.string(),
  rows: z.array(Row),
  /** Member states that gave neither money (nothing received) nor people (no secondment serving) in the year. */
  neither: z.array(z.object({ code: z.string(), name: Name })),
});
export type Report = z.infer<typeof Report>;

export async function build(year: number): Promise<Report> {
  const today = Clock.today();
  const asOf = asOfFor(year, today);
  // As at its date, like the dashboard: the current year counts the days served up to today, a year not begun none.
  const future = year > Number(today.slice(0, 4));
  const [totals, states, posts, worth, org] = await Promise.all([
    Totals.ofYear(year),
    MemberState.listAll(),
    Post.listAll(),
    future ? new Map<string, SecondmentValue.StateWorth>() : SecondmentValue.ofYear(year, asOf),
    Organisation.current(),
  ]);
  const names = new Map(states.map((s) => [s.code, s.name]));
  const recognised = org.secondmentValue === "recognised";
  const money = new Map<string, { cash: bigint; inKind: bigint }>();
  for (const t of totals.states) {
    const cash = Totals.get(t.figures, "receivedCents");
    const inKind = Totals.get(t.figures, "inKindCents");
    if (cash > 0n || inKind > 0n) money.set(t.stateCode, { cash, inKind });
  }
  const nationals = new Map<string, number>();
  for (const p of posts) {
    const i = Post.toInfo(p, asOf);
    if (i.status === "filled" && i.incumbent) nationals.set(i.incumbent.nationality, (nationals.get(i.incumbent.nationality) ?? 0) + 1);
  }
  const codes = [...new Set([...money.keys(), ...nationals.keys(), ...worth.keys()])].sort();
  const counted = new Map(codes.map((c) => {
    const m = money.get(c);
    return [c, (m ? m.cash + m.inKind : 0n) + (recognised ? BigInt(worth.get(c)?.inKindCents ?? 0) : 0n)] as const;
  }));
  const contributionShares = basisPoints(counted);
  const postShares = basisPoints(new Map(codes.map((c) => [c, BigInt(nationals.get(c) ?? 0)] as const)));
  let months: [bigint, bigint] = [0n, 1n];
  const rows = codes.map((code) => {
    const m = money.get(code) ?? { cash: 0n, inKind: 0n };
    const w = worth.get(code);
    if (w) months = [months[0] * w.months[1] + w.months[0] * months[1], months[1] * w.months[1]];
    return {
      code,
      name: names.get(code) ?? { en: code, ru: code },
      cashUsd: Money.formatUnits(m.cash, 2),
      inKindUsd: Money.formatUnits(m.inKind, 2),
      secondmentValueUsd: Money.formatCents(w?.inKindCents ?? 0),
      countedUsd: Money.formatUnits(counted.get(code)!, 2),
      contributionShare: percent(contributionShares.get(code)!),
      posts: nationals.get(code) ?? 0,
      postShare: percent(postShares.get(code)!),
      secondments: w?.secondments ?? 0,
      personMonths: w ? fractionText(w.months[0], w.months[1]) : "0.00",
    };
  });
  rows.sort((a, b) => {
    const d = counted.get(b.code)! - counted.get(a.code)!;
    return d > 0n ? 1 : d < 0n ? -1 : b.posts - a.posts || a.code.localeCompare(b.code);
  });
  const sum = (f: (c: string) => bigint) => codes.reduce((n, c) => n + f(c), 0n);
  return {
    year,
    asOf,
    basis: org.secondmentValue,
    cashUsd: Money.formatUnits(sum((c) => money.get(c)?.cash ?? 0n), 2),
    inKindUsd: Money.formatUnits(sum((c) => money.get(c)?.inKind ?? 0n), 2),
    secondmentValueUsd: Money.formatUnits(sum((c) => BigInt(worth.get(c)?.inKindCents ?? 0)), 2),
    countedUsd: Money.formatUnits(sum((c) => counted.get(c)!), 2),
    filledPosts: [...nationals.values()].reduce((n, x) => n + x, 0),
    personMonths: fractionText(months[0], months[1]),
    rows,
    neither: states
      .filter((s) => s.status === "member" && !money.has(s.code) && !worth.has(s.code))
      .map((s) => ({ code: s.code, name: s.name })),
  };
}

export const year = fn(YearInput, async ({ year }) => {
  Actor.assertCan("getMoneyPeopleReport");
  return build(year ?? Number(Clock.today().slice(0, 4)));
});

export const ExportInput = z.strictObject({ lang: z.enum(["en", "ru"]).default("en"), format: z.enum(["csv", "xlsx"]).default("csv"), ...YearInput.shape });

/** The report as CSV or XLSX in a language: a row per state, the totals, then the states that gave neither, and the basis. */
export const exportFile = fn(ExportInput, async (input): Promise<Export.File> => {
  Actor.assertCan("exportMoneyPeopleReport");
  const { lang } = input;
  const r = await build(input.year ?? Number(Clock.today().slice(0, 4)));
  type Line = Partial<Omit<z.infer<typeof Row>, "name">> & { name: string };
  const cols: Export.Col<Line>[] = [
    { head: "stateCode", type: "text", width: 10, value: (x) => x.code },
    { head: "state", type: "text", width: 28, value: (x) => x.name },
    { head: "mp.cashUsd", type: "money", width: 18, value: (x) => x.cashUsd },
    { head: "mp.inKindUsd", type: "money", width: 18, value: (x) => x.inKindUsd },
    { head: "mp.secondmentValueUsd", type: "money", width: 18, value: (x) => x.secondmentValueUsd },
    { head: "mp.countedUsd", type: "money", width: 18, value: (x) => x.countedUsd },
    { head: "mp.contributionShare", type: "decimal", width: 12, value: (x) => x.contributionShare },
    { head: "mp.posts", type: "integer", width: 12, value: (x) => x.posts },
    { head: "mp.postShare", type: "decimal", width: 12, value: (x) => x.postShare },
    { head: "mp.secondments", type: "integer", width: 12, value: (x) => x.secondments },
    { head: "mp.personMonths", type: "decimal", width: 14, value: (x) => x.personMonths },
  ];
  const line = (x: Line) => cols.map((c) => c.value(x));
  const rows: Line[] = r.rows.map((x) => ({ ...x, name: x.name[lang] }));
  const totals = [
    line({
      name: word(lang, "total"), cashUsd: r.cashUsd, inKindUsd: r.inKindUsd, secondmentValueUsd: r.secondmentValueUsd, countedUsd: r.countedUsd,
      contributionShare: r.rows.length ? "100.00" : undefined, posts: r.filledPosts, postShare: r.filledPosts ? "100.00" : undefined, personMonths: r.personMonths,
    }),
    ...r.neither.map((s) => line({ code: s.code, name: `${word(lang, "mp.neither")}: ${s.name[lang]}` })),
    line({ name: word(lang, r.basis === "recognised" ? "mp.basis.recognised" : "mp.basis.disclosed") }),
  ];
  return Export.render("sheet.moneyPeople", `money-and-people-${r.year}`, input, cols, rows, totals, { year: String(r.year) });
});
