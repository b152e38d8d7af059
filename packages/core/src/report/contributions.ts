/**
 * "Who gave what, this year and before, and how far are we from the budget?"
 * Every figure is a sum of stored cents from Query on the byYear / byState
 * indexes: cost proportional to the year's records, never a Scan.
 */
export * as ContributionReport from "./contributions";

import * as z from "zod";
import * as Actor from "../actor";
import { Budget } from "../budget";
import { Contribution } from "../contribution";
import { Csv } from "../csv";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Money } from "../money";

interface Totals {
  receivedCents: number;
  inKindCents: number;
  pledgedOutstandingCents: number;
  count: number;
}

const zero = (): Totals => ({ receivedCents: 0, inKindCents: 0, pledgedOutstandingCents: 0, count: 0 });

/** Adds one stored contribution to totals (voided ones count nowhere). */
export function add(t: Totals, c: Contribution.Stored) {
  if (c.voided) return;
  t.count++;
  if (c.status === "received") {
    if (c.kind === "cash") t.receivedCents += c.amountUsdCents;
    else t.inKindCents += c.amountUsdCents;
  } else {
    t.pledgedOutstandingCents += Contribution.outstanding(c).usdCents;
  }
}

export const YearInput = z.object({ year: Budget.Year });

export const StateRow = z.object({
  code: z.string(),
  name: z.object({ en: z.string(), ru: z.string() }),
  receivedUsd: z.string(),
  inKindUsd: z.string(),
  pledgedOutstandingUsd: z.string(),
  count: z.number(),
});

export const YearReport = z.object({
  year: z.number(),
  budgetUsd: z.string(),
  budgetStatus: z.enum(["draft", "approved", "none"]),
  budgetVersion: z.number().optional(),
  receivedUsd: z.string(),
  inKindUsd: z.string(),
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

export async function build(year: number): Promise<YearReport> {
  const [{ items }, budget, states] = await Promise.all([
    Contribution.query({ year, all: true }),
    Budget.current(year),
    MemberState.listAll(),
  ]);
  const names = new Map(states.map((s) => [s.code, s.name]));
  const total = zero();
  const byState = new Map<string, Totals>();
  for (const c of items) {
    add(total, c);
    if (c.voided) continue;
    const t = byState.get(c.stateCode) ?? zero();
    add(t, c);
    byState.set(c.stateCode, t);
  }
  const budgetCents = budget?.totalUsdCents ?? 0;
  const rows = [...byState.entries()]
    .map(([code, t]) => ({
      code,
      name: names.get(code) ?? { en: code, ru: code },
      receivedUsd: Money.formatCents(t.receivedCents),
      inKindUsd: Money.formatCents(t.inKindCents),
      pledgedOutstandingUsd: Money.formatCents(t.pledgedOutstandingCents),
      count: t.count,
      sort: t.receivedCents + t.inKindCents,
    }))
    .sort((a, b) => b.sort - a.sort || a.code.localeCompare(b.code))
    .map(({ sort: _s, ...row }) => row);
  return {
    year,
    budgetUsd: Money.formatCents(budgetCents),
    budgetStatus: budget?.status ?? "none",
    ...(budget ? { budgetVersion: budget.version } : {}),
    receivedUsd: Money.formatCents(total.receivedCents),
    inKindUsd: Money.formatCents(total.inKindCents),
    pledgedOutstandingUsd: Money.formatCents(total.pledgedOutstandingCents),
    gapUsd: Money.formatCents(budgetCents - total.receivedCents),
    ...(budgetCents > 0 ? { coveragePercent: Money.formatUnits(Money.divHalfEven(BigInt(total.receivedCents) * 1000n, BigInt(budgetCents)), 1) } : {}),
    contributors: rows.length,
    byState: rows,
    noContribution: states
      .filter((s) => s.status === "member" && !byState.has(s.code))
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

/** One state's contributions across the years (Query on byState). */
export const stateHistory = fn(z.object({ code: MemberState.Code }), async ({ code }) => {
  Actor.assertSignedIn();
  const [state, { items }] = await Promise.all([MemberState.get({ code }), Contribution.query({ state: code, all: true })]);
  const years = new Map<number, Totals>();
  for (const c of items) {
    const t = years.get(c.fiscalYear) ?? zero();
    add(t, c);
    years.set(c.fiscalYear, t);
  }
  return {
    code,
    name: state.name,
    years: [...years.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([y, t]) => ({
        year: y,
        receivedUsd: Money.formatCents(t.receivedCents),
        inKindUsd: Money.formatCents(t.inKindCents),
        pledgedOutstandingUsd: Money.formatCents(t.pledgedOutstandingCents),
        count: t.count,
      })),
  };
});

/** The year report as CSV: one row per contributing state, then the totals. */
export const yearCsv = fn(YearInput, async ({ year }) => {
  Actor.assertSignedIn();
  const r = await build(year);
  return Csv.write(
    ["year", "state_code", "state_en", "state_ru", "received_usd", "in_kind_usd", "pledged_outstanding_usd", "contributions"],
    [
      ...r.byState.map((s) => [year, s.code, s.name.en, s.name.ru, s.receivedUsd, s.inKindUsd, s.pledgedOutstandingUsd, s.count]),
      [year, "TOTAL", "Total", "Итого", r.receivedUsd, r.inKindUsd, r.pledgedOutstandingUsd, r.byState.reduce((n, s) => n + s.count, 0)],
      [year, "BUDGET", "Budget", "Бюджет", r.budgetUsd, "", "", ""],
      [year, "GAP", "Funding gap", "Дефицит финансирования", r.gapUsd, "", "", ""],
    ],
  );
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
