/**
 * "Who gave what, this year and before, and how far are we from the budget?"
 * Every figure of the year report and the state history comes from the totals
 * items (Totals: kept in the transaction of every write, exact integers), read
 * by Query: cost proportional to the states (or years), never to the records,
 * never a Scan. The CSV of contributions lists records, so it reads them.
 */
export * as ContributionReport from "./contributions";

import * as z from "zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { Budget } from "../budget";
import { YearClose } from "../close";
import { Contribution } from "../contribution";
import { Csv } from "../csv";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Money } from "../money";
import { Organisation } from "../organisation";
import { SecondmentValue } from "../standard-cost/worth";
import { Totals } from "../totals";
import { asOfFor } from "./staffing";

interface RecordTotals {
  receivedCents: number;
  inKindCents: number;
  pledgedOutstandingCents: number;
  count: number;
}

/** Adds one stored contribution to totals summed from records (voided ones count nowhere): figures as at a day (statements). */
export function add(t: RecordTotals, c: Contribution.Stored) {
  if (c.voided) return;
  t.count++;
  if (c.status === "received") {
    if (c.kind === "cash") t.receivedCents += c.amountUsdCents;
    else t.inKindCents += c.amountUsdCents;
  } else {
    t.pledgedOutstandingCents += Contribution.outstanding(c).usdCents;
  }
}

/** Report figures of a totals item (USD cents as exact integers). */
function row(f: Totals.Figures) {
  return {
    receivedUsd: Money.formatUnits(Totals.get(f, "receivedCents"), 2),
    inKindUsd: Money.formatUnits(Totals.get(f, "inKindCents"), 2),
    pledgedOutstandingUsd: Money.formatUnits(Totals.get(f, "pledgedOutstandingCents"), 2),
    count: Number(Totals.get(f, "count")),
  };
}

export const YearInput = z.object({ year: Budget.Year });

const SecondmentParts = {
  /** The in-kind value of the state's secondments in the year up to `asOf` (standard cost of the months served, less what the Secretariat bears); apart from `inKindUsd`, the contributions in kind recorded. */
  secondmentValueUsd: z.string(),
  /** The in-kind total: `inKindUsd`, plus `secondmentValueUsd` when the organisation recognises it (when it discloses it, the same as `inKindUsd`). */
  inKindTotalUsd: z.string(),
};

export const StateRow = z.object({
  code: z.string(),
  name: z.object({ en: z.string(), ru: z.string() }),
  receivedUsd: z.string(),
  inKindUsd: z.string(),
  ...SecondmentParts,
  pledgedOutstandingUsd: z.string(),
  count: z.number(),
});

export const YearReport = z.object({
  year: z.number(),
  /** Whether the year is open, closed provisionally (figures may still change after a reopening) or closed finally. */
  close: z.enum(YearClose.STATUSES),
  budgetUsd: z.string(),
  budgetStatus: z.enum(["draft", "approved", "none"]),
  budgetVersion: z.number().optional(),
  receivedUsd: z.string(),
  inKindUsd: z.string(),
  ...SecondmentParts,
  /** disclosed: the secondments' value shown beside the contributions, in no total; recognised: counted in the in-kind totals. */
  secondmentBasis: z.enum(Organisation.SECONDMENT_VALUE),
  /** The day the secondments are valued to: the year's last for a past year, today for the current one. */
  asOf: z.string(),
  pledgedOutstandingUsd: z.string(),
  gapUsd: z.string(),
  /** Cash received as a share of the budget, in per cent with one decimal ("62.5"), when there is a budget. */
  coveragePercent: z.string().optional(),
  contributors: z.number(),
  byState: z.array(StateRow),
  /** Member states with no contribution recorded this year: those the Secretary General invites. */
  noContribution: z.array(z.object({ code: z.string(), name: z.object({ en: z.string(), ru: z.string() }) })),
});
export type YearReport = z.infer<typeof YearReport>;

/**
 * The year report from the year's totals items (Totals.ofYear: the year's own item and one per
 * state with records, one Query), the budget and the member states: its cost follows the number of
 * states, not of contributions. Every figure it shows is a total; per-record lists (the contributions
 * CSV, statements) still read the records.
 */
export async function build(year: number): Promise<YearReport> {
  const today = Clock.today();
  const asOf = asOfFor(year, today);
  // A year not begun has no day served yet.
  const future = year > Number(today.slice(0, 4));
  const [totals, budget, states, close, worth, org] = await Promise.all([
    Totals.ofYear(year),
    Budget.current(year),
    MemberState.listAll(),
    YearClose.statusOf(year),
    future ? new Map<string, SecondmentValue.StateWorth>() : SecondmentValue.ofYear(year, asOf),
    Organisation.current(),
  ]);
  const names = new Map(states.map((s) => [s.code, s.name]));
  const recognised = org.secondmentValue === "recognised";
  const seconded = (code: string) => BigInt(worth.get(code)?.inKindCents ?? 0);
  const parts = (inKind: bigint, value: bigint) => ({
    secondmentValueUsd: Money.formatUnits(value, 2),
    inKindTotalUsd: Money.formatUnits(inKind + (recognised ? value : 0n), 2),
  });
  // A state whose every record of the year is voided has an item, with nothing counted: not a contributor.
  const recorded = new Map(totals.states.filter((t) => Totals.get(t.figures, "count") > 0n).map((t) => [t.stateCode, t.figures]));
  // A state that only seconded personnel has a row too: its value shown, counted only when recognised.
  const none: Totals.Figures = {};
  const codes = [...new Set([...recorded.keys(), ...[...worth.entries()].filter(([, w]) => w.inKindCents > 0).map(([c]) => c)])];
  const given = (code: string) => {
    const f = recorded.get(code) ?? none;
    return Totals.get(f, "receivedCents") + Totals.get(f, "inKindCents") + (recognised ? seconded(code) : 0n);
  };
  const rows = codes
    .sort((a, b) => {
      const d = given(b) - given(a);
      return d > 0n ? 1 : d < 0n ? -1 : a.localeCompare(b);
    })
    .map((code) => {
      const f = recorded.get(code) ?? none;
      return { code, name: names.get(code) ?? { en: code, ru: code }, ...row(f), ...parts(Totals.get(f, "inKindCents"), seconded(code)) };
    });
  const contributing = new Set(rows.filter((r) => recorded.has(r.code) || (recognised && seconded(r.code) > 0n)).map((r) => r.code));
  const budgetCents = BigInt(budget?.totalUsdCents ?? 0);
  const receivedCents = Totals.get(totals.year, "receivedCents");
  const { count: _count, ...yearFigures } = row(totals.year);
  return {
    year,
    close,
    budgetUsd: Money.formatUnits(budgetCents, 2),
    budgetStatus: budget?.status ?? "none",
    ...(budget ? { budgetVersion: budget.version } : {}),
    ...yearFigures,
    ...parts(Totals.get(totals.year, "inKindCents"), [...worth.values()].reduce((n, w) => n + BigInt(w.inKindCents), 0n)),
    secondmentBasis: org.secondmentValue,
    asOf,
    gapUsd: Money.formatUnits(budgetCents - receivedCents, 2),
    ...(budgetCents > 0n ? { coveragePercent: Money.formatUnits(Money.divHalfEven(receivedCents * 1000n, budgetCents), 1) } : {}),
    contributors: contributing.size,
    byState: rows,
    noContribution: states
      .filter((s) => s.status === "member" && !contributing.has(s.code))
      .map((s) => ({ code: s.code, name: s.name })),
  };
}

export const year = fn(YearInput, async ({ year }) => {
  Actor.assertSignedIn();
  return build(year);
});

export const StateHistory = z.object({
  code: z.string(),
  name: z.object({ en: z.string(), ru: z.string() }),
  years: z.array(z.object({ year: z.number(), receivedUsd: z.string(), inKindUsd: z.string(), pledgedOutstandingUsd: z.string(), count: z.number() })),
});

/** One state's contributions across the years, from its totals items (one Query on byState of the totals). */
export const stateHistory = fn(z.object({ code: MemberState.Code }), async ({ code }) => {
  Actor.assertCan("getStateHistory");
  const [state, years] = await Promise.all([MemberState.get({ code }), Totals.ofState(code)]);
  return {
    code,
    name: state.name,
    years: years
      // A year whose records are all voided still showed (with nothing counted) when the figures came from the records.
      .filter((t) => Totals.get(t.figures, "count") > 0n || Totals.get(t.figures, "voidedCount") > 0n)
      .sort((a, b) => b.fiscalYear - a.fiscalYear)
      .map((t) => ({ year: t.fiscalYear, ...row(t.figures) })),
  };
});

export const ListCsvInput = z.object({ year: Budget.Year.optional(), state: MemberState.Code.optional() });

/** Contributions as CSV (the list's filters), voided ones included and marked. */
export const contributionsCsv = fn(ListCsvInput, async (input) => {
  Actor.assertSignedIn();
  const [{ items }, all] = await Promise.all([Contribution.query({ ...input, all: true }), MemberState.listAll()]);
  const states = new Map(all.map((s) => [s.code, s.name]));
  return Csv.write(
    ["id", "date", "fiscal_year", "state_code", "state_en", "state_ru", "kind", "status", "purpose", "earmark", "amount", "currency",
      "exchange_rate", "amount_usd", "outstanding_usd", "description", "reference", "pledge_id", "voided", "void_reason", "recorded_by"],
    items.map((c) => {
      const i = Contribution.toInfo(c);
      const n = states.get(c.stateCode);
      return [i.id, i.date, i.fiscalYear, i.stateCode, n?.en, n?.ru, i.kind, i.status, i.purpose, i.earmark, i.amount, i.currency,
        i.exchangeRate, i.amountUsd, i.outstandingUsd, i.description, i.reference, i.pledgeId, i.voided ? "yes" : "no", i.voidReason, i.createdBy];
    }),
  );
});
