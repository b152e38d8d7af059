/**
 * Voluntary contributions of member states: cash and in kind, pledged and
 * received, in any currency, with the USD equivalent fixed at recording.
 */
export * as Contribution from "./index";

import { randomUUID } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { asTransactItem, tableName, type TransactItem } from "../dynamo";
import { invalidFields, VisibleError, type ErrorIssue } from "../error";
import { fieldIssue, issue, issueParams } from "../messages/zod";
import { Cursor, paged } from "../cursor";
import { fn } from "../fn";
import { Idempotency } from "../idempotency";
import { MemberState } from "../member-state";
import { english } from "../messages";
import { Money } from "../money";
import { ExchangeRate } from "../rate";
import { ALWAYS, IsoDate, readBack, Stamps, unchanged, Version, Text as SafeText } from "../schema";
import { getRecord, queryRecords, type EntityItem } from "../entity";
import { Totals } from "../totals";
import { YearClose } from "../close";
import { ContributionEntity } from "./contribution.entity";
import * as Schedule from "./instalments";

const ENTITY = "contribution";
import { ReceiptCounterEntity } from "./receipt-counter.entity";

export const KINDS = ["cash", "in_kind"] as const;
export const STATUSES = ["pledged", "received"] as const;
export const PURPOSES = ["regular_budget", "cica_fund", "earmarked"] as const;

/** The fiscal year of a date: the calendar year, unless FISCAL_YEAR_START_MONTH says otherwise. */
export function fiscalYear(date: string): number {
  const start = Number(process.env.FISCAL_YEAR_START_MONTH ?? 1);
  const [y, m] = date.split("-").map(Number) as [number, number];
  return m >= start ? y : y - 1;
}

const AmountString = Money.Amount;
const Text = (max: number) => SafeText({ max, min: 0, lines: true });

/** One instalment of a pledge's schedule, as set: a due date and an amount in the pledge's currency. */
export const InstalmentInput = z.strictObject({ dueOn: IsoDate, amount: AmountString });

/** The fields a caller sets; checked together (amount against currency, rate, earmark, description). */
const Fields = z.strictObject({
  stateCode: MemberState.Code,
  kind: z.enum(KINDS),
  status: z.enum(STATUSES),
  amount: AmountString,
  currency: Money.Currency,
  /** Left out: the register's rate in force on the value date. */
  exchangeRate: Money.Rate.optional(),
  /** Why a rate given differs from the register's rate in force (required then). */
  rateReason: Text(500).optional(),
  date: IsoDate.refine((d) => d >= "1990-01-01" && d <= "2100-12-31", issueParams("date.range", { from: "1990", to: "2100" })),
  purpose: z.enum(PURPOSES),
  earmark: Text(300).optional(),
  description: Text(2000).optional(),
  reference: Text(200).optional(),
  pledgeId: z.string().max(100).optional(),
  /** Who paid, when not the state itself (a ministry paying on behalf of its state). */
  payer: Text(300).optional(),
  /** On a pledge: its schedule of instalments, adding up to the pledge (each due date after the one before). */
  instalments: z.array(InstalmentInput).min(1).max(120).optional(),
  /** On a payment of a pledge with a schedule: where a difference from the instalment goes ("next", the default, or "reschedule"). */
  difference: z.enum(Schedule.DIFFERENCES).optional(),
  /** An adjustment: the id of a record of a closed year that this one corrects. */
  adjusts: z.string().max(100).optional(),
});
type Fields = z.output<typeof Fields>;

/** The rules between fields, on a body as it came (ALWAYS): a field of the wrong type is left to its own issue. */
function checkRules(f: Partial<Fields>, ctx: z.RefinementCtx) {
  if (typeof f.amount === "string" && typeof f.currency === "string" && Money.isCurrency(f.currency)) {
    const rate = f.currency === "USD" ? "1" : f.exchangeRate;
    const parsed = typeof rate === "string" && Money.isRate(rate) ? Money.convert(f.amount, f.currency, rate) : { ...Money.parse(f.amount, f.currency), path: "amount" };
    if (!parsed.ok) ctx.addIssue({ code: "custom", path: [parsed.path], ...issueParams(parsed.code, parsed.params) });
  }
  if (f.currency === "USD") {
    if (f.exchangeRate !== undefined && f.exchangeRate !== "1")
      ctx.addIssue({ code: "custom", path: ["exchangeRate"], ...issueParams("rate.usd") });
  }
  if (f.purpose === "earmarked" && !f.earmark)
    ctx.addIssue({ code: "custom", path: ["earmark"], ...issueParams("contribution.earmark_required") });
  if (f.kind === "in_kind" && !f.description)
    ctx.addIssue({ code: "custom", path: ["description"], ...issueParams("contribution.description_required") });
  if (f.pledgeId && f.status !== "received")
    ctx.addIssue({ code: "custom", path: ["pledgeId"], ...issueParams("contribution.pledge_needs_received") });
  if (f.difference !== undefined && !f.pledgeId)
    ctx.addIssue({ code: "custom", path: ["difference"], ...issueParams("contribution.difference_needs_pledge") });
  if (Array.isArray(f.instalments)) checkSchedule(f, f.instalments, ctx);
}

/** A schedule: on a pledge only, each due date after the one before, amounts in the pledge's currency adding up to it. */
function checkSchedule(f: Partial<Fields>, list: ReadonlyArray<Partial<z.output<typeof InstalmentInput>>>, ctx: z.RefinementCtx) {
  if (f.status !== undefined && f.status !== "pledged") {
    ctx.addIssue({ code: "custom", path: ["instalments"], ...issueParams("contribution.instalments_pledge_only") });
    return;
  }
  if (typeof f.currency !== "string" || !Money.isCurrency(f.currency)) return;
  let sum = 0;
  let whole = true;
  list.forEach((i, k) => {
    if (typeof i?.amount === "string") {
      const p = Money.parse(i.amount, f.currency!);
      if (p.ok) sum += p.minor;
      else {
        whole = false;
        ctx.addIssue({ code: "custom", path: ["instalments", k, "amount"], ...issueParams(p.code, p.params) });
      }
    } else whole = false;
    const before = list[k - 1]?.dueOn;
    if (k > 0 && typeof i?.dueOn === "string" && typeof before === "string" && i.dueOn <= before)
      ctx.addIssue({ code: "custom", path: ["instalments", k, "dueOn"], ...issueParams("contribution.instalments_order", { before }) });
  });
  const total = typeof f.amount === "string" ? Money.parse(f.amount, f.currency) : undefined;
  if (whole && total?.ok && sum !== total.minor)
    ctx.addIssue({
      code: "custom",
      path: ["instalments"],
      ...issueParams("contribution.instalments_sum", { sum: Money.format(sum, f.currency), amount: Money.format(total.minor, f.currency), currency: f.currency }),
    });
}

export const CreateInput = Fields.extend({
  /** Record it even when a record with the same state, value date, amount, currency and reference exists (otherwise 409 `contribution.likely_duplicate`). */
  confirmDuplicate: z
    .boolean()
    .meta({
      description:
        "true records the contribution even when a record that is not voided has the same state, status, value date, amount, currency and reference; otherwise that is 409 contribution.likely_duplicate, naming the record (params id, number, date, reference).",
    })
    .optional(),
}).superRefine(checkRules, ALWAYS);
export type CreateInput = z.input<typeof CreateInput>;

export const PatchInput = Fields.omit({ pledgeId: true, difference: true, adjusts: true })
  .partial()
  .extend({ id: z.string().max(100), version: Version });
export type PatchInput = z.input<typeof PatchInput>;

export const CloseInput = z.strictObject({
  id: z.string().max(100),
  /** From this day the pledge is no longer outstanding. */
  date: IsoDate,
  reason: z.string().trim().min(1, "Say why the pledge is closed.").max(500),
  version: Version,
});
export type CloseInput = z.input<typeof CloseInput>;

export const VoidInput = z.strictObject({
  id: z.string().max(100),
  reason: z.string().trim().min(1, issue("contribution.void_reason")).max(500),
  version: Version,
});

export const Info = z.object({
  id: z.string(),
  stateCode: z.string(),
  kind: z.enum(KINDS),
  status: z.enum(STATUSES),
  amount: z.string(),
  currency: z.string(),
  exchangeRate: z.string(),
  /** Where the rate came from: the register's source, "manual" (given: overriding the register, or with no rate in force), "usd" (always 1). */
  rateSource: z.enum([...ExchangeRate.SOURCES, "usd"]).optional(),
  /** The effective date of the register's rate taken. */
  rateDate: z.string().optional(),
  rateReason: z.string().optional(),
  amountUsd: z.string(),
  date: z.string(),
  fiscalYear: z.number(),
  purpose: z.enum(PURPOSES),
  earmark: z.string().optional(),
  description: z.string().optional(),
  reference: z.string().optional(),
  pledgeId: z.string().optional(),
  payer: z.string().optional(),
  /** Pledges with a schedule: each instalment as the payments settled it (amounts in the pledge's currency). */
  instalments: z
    .array(
      z.object({
        dueOn: z.string(),
        amount: z.string(),
        paid: z.string(),
        /** What is still to come on it. */
        open: z.string(),
        settled: z.boolean(),
        /** Due before today and not settled (on a pledge still open). */
        overdue: z.boolean(),
      }),
    )
    .optional(),
  /** A payment of a scheduled pledge: where its difference from the instalment went. */
  difference: z.enum(Schedule.DIFFERENCES).optional(),
  /** An adjustment: the record of a closed year it corrects. */
  adjusts: z.string().optional(),
  /** A record of a closed year: the adjustments recorded for it since. */
  adjustedBy: z.array(z.string()).optional(),
  /** The Secretariat's number: R-2022-0007 for a receipt, P-2022-0003 for a pledge (none on records made before numbering). */
  number: z.string().optional(),
  /** Pledges: what is still to come today, in the currency and in USD. */
  outstanding: z.string().optional(),
  outstandingUsd: z.string().optional(),
  /** Pledges: open while something is still to come (not voided, outstanding above zero); a receipt may pay it. */
  open: z.boolean().optional(),
  /** Pledges: paid in full (nothing outstanding, not closed): no further payment is taken. */
  fulfilled: z.boolean().optional(),
  closedOn: z.string().optional(),
  closeReason: z.string().optional(),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  voided: z.boolean(),
  voidReason: z.string().optional(),
  voidedAt: z.string().optional(),
  voidedBy: z.string().optional(),
  ...Stamps.shape,
});
export type Info = z.infer<typeof Info>;

/** The stored record (minor units, cents): the entity's own item type. */
export type Stored = EntityItem<typeof ContributionEntity>;

/**
 * What is still to come on a pledge today: its amount less every payment recorded against it
 * (the running `fulfilledMinor`, kept in the same transaction as the payments), nothing once
 * closed; in minor units and in USD cents (a share of its stored cents, at the pledge's rate).
 */
export function outstanding(c: Stored): { minor: number; usdCents: number } {
  if (c.status !== "pledged" || c.voided || c.closedOn) return { minor: 0, usdCents: 0 };
  const minor = Math.max(0, c.amountMinor - (c.fulfilledMinor ?? 0));
  return { minor, usdCents: Money.share(c.amountUsdCents, minor, c.amountMinor) };
}

/** A pledge's position on a day, from its payments dated up to that day (never from today's running total). */
export interface PledgeOn {
  /** The pledge exists on that day (dated on or before it, not voided). */
  counted: boolean;
  /** Closed on or before that day: nothing outstanding from then on. */
  closed: boolean;
  receivedMinor: number;
  receivedUsdCents: number;
  outstandingMinor: number;
  outstandingUsdCents: number;
}

/**
 * A pledge as at a day: its amount less the payments (receipts with its `pledgeId`, not voided)
 * dated on or before the day. USD figures are shares of the pledge's own USD equivalent, so that
 * received and outstanding add up to what was pledged whatever rates the payments came at.
 */
export function pledgeOn(pledge: Stored, payments: readonly Stored[], day: string): PledgeOn {
  if (pledge.status !== "pledged" || pledge.voided || pledge.date > day)
    return { counted: false, closed: false, receivedMinor: 0, receivedUsdCents: 0, outstandingMinor: 0, outstandingUsdCents: 0 };
  let receivedMinor = 0;
  for (const p of payments) if (p.pledgeId === pledge.id && !p.voided && p.status === "received" && p.date <= day) receivedMinor += p.amountMinor;
  receivedMinor = Math.min(receivedMinor, pledge.amountMinor);
  const closed = !!pledge.closedOn && pledge.closedOn <= day;
  const outstandingMinor = closed ? 0 : pledge.amountMinor - receivedMinor;
  const receivedUsdCents = Money.share(pledge.amountUsdCents, receivedMinor, pledge.amountMinor);
  return {
    counted: true,
    closed,
    receivedMinor,
    receivedUsdCents,
    outstandingMinor,
    outstandingUsdCents: closed ? 0 : pledge.amountUsdCents - receivedUsdCents,
  };
}

export function toInfo(c: Stored): Info {
  const info: Info = {
    id: c.id,
    stateCode: c.stateCode,
    kind: c.kind,
    status: c.status,
    amount: Money.format(c.amountMinor, c.currency),
    currency: c.currency,
    exchangeRate: c.exchangeRate,
    ...(c.rateSource ? { rateSource: c.rateSource } : {}),
    ...(c.rateDate ? { rateDate: c.rateDate } : {}),
    ...(c.rateReason ? { rateReason: c.rateReason } : {}),
    amountUsd: Money.formatCents(c.amountUsdCents),
    date: c.date,
    fiscalYear: c.fiscalYear,
    purpose: c.purpose,
    ...(c.earmark ? { earmark: c.earmark } : {}),
    ...(c.description ? { description: c.description } : {}),
    ...(c.reference ? { reference: c.reference } : {}),
    ...(c.pledgeId ? { pledgeId: c.pledgeId } : {}),
    ...(c.payer ? { payer: c.payer } : {}),
    ...(c.instalments?.length ? { instalments: instalmentsInfo(c) } : {}),
    ...(c.difference ? { difference: c.difference } : {}),
    ...(c.adjusts ? { adjusts: c.adjusts } : {}),
    ...(c.adjustedBy?.length ? { adjustedBy: c.adjustedBy } : {}),
    ...(c.number ? { number: c.number } : {}),
    ...(c.closedOn ? { closedOn: c.closedOn, closeReason: c.closeReason, closedAt: c.closedAt, closedBy: c.closedBy } : {}),
    voided: c.voided,
    ...(c.voided ? { voidReason: c.voidReason, voidedAt: c.voidedAt, voidedBy: c.voidedBy } : {}),
    version: c.version,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    updatedAt: c.updatedAt,
    updatedBy: c.updatedBy,
  };
  if (c.status === "pledged") {
    const o = outstanding(c);
    info.outstanding = Money.format(o.minor, c.currency);
    info.outstandingUsd = Money.formatCents(o.usdCents);
    info.open = o.minor > 0;
    info.fulfilled = !c.voided && !c.closedOn && o.minor === 0;
  }
  return info;
}

/** A pledge's instalments for the API: amounts in its currency, each settled or open, and overdue when due before today on a pledge still open. */
function instalmentsInfo(c: Stored): NonNullable<Info["instalments"]> {
  const today = Clock.today();
  const live = c.status === "pledged" && !c.voided && !c.closedOn;
  return (c.instalments ?? []).map((i) => {
    const settled = Schedule.isSettled(i);
    return {
      dueOn: i.dueOn,
      amount: Money.format(i.amountMinor, c.currency),
      paid: Money.format(i.paidMinor, c.currency),
      open: Money.format(Math.max(0, i.amountMinor - i.paidMinor), c.currency),
      settled,
      overdue: live && !settled && i.dueOn < today,
    };
  });
}

/** The schedule of a pledge as stored: the amounts in minor units. */
function scheduleOf(list: ReadonlyArray<{ dueOn: string; amount: string }>, currency: string) {
  return list.map((i) => ({ dueOn: i.dueOn, amountMinor: (Money.parse(i.amount, currency) as { minor: number }).minor }));
}

/** Sets a pledge's instalments (and the due date the byDue index sorts it by) from its schedule and its payments. */
function settle(pledge: Stored, payments: ReadonlyArray<{ amountMinor: number; difference?: Schedule.Difference }>): void {
  if (!pledge.schedule?.length) {
    delete pledge.instalments;
    delete pledge.nextDueOn;
    return;
  }
  pledge.instalments = Schedule.replay(pledge.schedule, payments);
  dueIndex(pledge);
}

/** The due date of a pledge's earliest open instalment, while the pledge is open (not voided, not closed). */
function dueIndex(pledge: Stored): void {
  const next = pledge.status === "pledged" && !pledge.voided && !pledge.closedOn && pledge.instalments ? Schedule.nextDue(pledge.instalments) : undefined;
  if (next) pledge.nextDueOn = next;
  else delete pledge.nextDueOn;
}

/** The payments of a pledge (not voided) in the order they were recorded: one Query on the state's records from the pledge's year. */
async function paymentsOf(pledge: Stored): Promise<Stored[]> {
  const all = await ofState(pledge.stateCode, { fromYear: pledge.fiscalYear, toYear: 2100 });
  return all
    .filter((p) => p.pledgeId === pledge.id && !p.voided && p.status === "received")
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The partition of the sparse due-date index (gsi3): open pledges with an open instalment, sorted by its due date. */
const DUE_PK = "$tracker#contribution_due";

/** The params of a put of a record, with the due-date index's keys when the record has an open instalment. */
function dueKeys<T extends Record<string, unknown>>(params: T): T {
  const item = (params as { Item?: Record<string, unknown> }).Item;
  if (item && typeof item.nextDueOn === "string") {
    item.gsi3pk = DUE_PK;
    item.gsi3sk = `${item.nextDueOn}#${String(item.id)}`;
  }
  return params;
}

function notFound(id: string) {
  return new VisibleError("not_found", "contribution.not_found", { id });
}

function stale(id: string) {
  return new VisibleError("conflict", "contribution.version_conflict", { id });
}

function invalid(issues: ErrorIssue[]): VisibleError {
  return invalidFields(issues);
}

export async function find(id: string): Promise<Stored | undefined> {
  return getRecord<Stored>(ContributionEntity.get({ id }).params());
}

export const get = fn(z.object({ id: z.string().max(100) }), async ({ id }) => {
  Actor.assertCan("getContribution");
  const c = await find(id);
  if (!c || !Actor.sees(c.stateCode)) throw notFound(id);
  return toInfo(c);
});

/** Derived, stored values of a set of fields: minor units, rate, USD cents, fiscal year. */
function derive(f: Fields) {
  const parsed = Money.parse(f.amount, f.currency);
  if (!parsed.ok) throw invalid([fieldIssue("amount", parsed.code, parsed.params)]);
  const exchangeRate = f.currency === "USD" ? "1" : f.exchangeRate!;
  return {
    amountMinor: parsed.minor,
    exchangeRate,
    amountUsdCents: Money.toUsdCents(parsed.minor, f.currency, exchangeRate),
    fiscalYear: fiscalYear(f.date),
  };
}

async function assertState(code: string) {
  if (!(await MemberState.find(code))) throw invalid([fieldIssue("stateCode", "state.not_found", { code })]);
}

/** Checks that a receipt may pay this pledge. */
function checkPledge(pledge: Stored | undefined, f: { stateCode: string; currency: string }): asserts pledge is Stored {
  if (!pledge || pledge.status !== "pledged" || pledge.voided)
    throw invalid([fieldIssue("pledgeId", "contribution.pledge_not_open")]);
  if (pledge.stateCode !== f.stateCode)
    throw invalid([fieldIssue("pledgeId", "contribution.pledge_state", { pledgeState: pledge.stateCode, state: f.stateCode })]);
  if (pledge.currency !== f.currency)
    throw invalid([fieldIssue("currency", "contribution.pledge_currency", { currency: pledge.currency })]);
  if (pledge.closedOn)
    throw invalid([{ path: "pledgeId", code: "contribution.pledge_closed", params: { date: pledge.closedOn }, message: english("contribution.pledge_closed", { date: pledge.closedOn }) }]);
}

/** A payment may not exceed what is still outstanding on its pledge: 400 naming `amount`, with the outstanding amount. */
function checkAmount(pledge: Stored, amountMinor: number, alreadyCounted = 0) {
  const left = outstanding(pledge).minor + alreadyCounted;
  if (amountMinor <= left) return;
  const params = { outstanding: Money.format(left, pledge.currency), currency: pledge.currency };
  const message = english("contribution.overpayment", params);
  throw new VisibleError("input", "contribution.overpayment", params, [{ path: "amount", code: "contribution.overpayment", params, message }]);
}

function pledgeChanged() {
  return new VisibleError("conflict", "contribution.pledge_changed");
}

/** Records a write changes, before and after: their figures move the totals in the same transaction. */
type TotalsChanges = Array<[Stored | null, Stored]>;

/**
 * A pledge after a payment moved (`deltaMinor`), with its instalments: `payments` (all of them, in
 * the order recorded, after the change) settle its schedule again; without them, `paid` (a new
 * payment) settles the earliest open instalment.
 */
function pledgeChange(
  pledge: Stored,
  deltaMinor: number,
  who: string,
  at: string,
  instalments?: { paid: { amountMinor: number; difference?: Schedule.Difference } } | { payments: ReadonlyArray<{ amountMinor: number; difference?: Schedule.Difference }> },
) {
  const after: Stored = {
    ...pledge,
    fulfilledMinor: (pledge.fulfilledMinor ?? 0) + deltaMinor,
    version: pledge.version + 1,
    updatedAt: at,
    updatedBy: who,
  };
  if (after.schedule?.length && instalments) {
    if ("paid" in instalments) {
      after.instalments = Schedule.apply(after.instalments ?? Schedule.fresh(after.schedule), instalments.paid.amountMinor, instalments.paid.difference);
      dueIndex(after);
    } else settle(after, instalments.payments);
  }
  return {
    after,
    item: asTransactItem("Put", dueKeys(ContributionEntity.put(after).where((a, op) => op.eq(a.version, pledge.version)).params()), pledgeChanged()),
    event: {
      entity: "contribution" as const,
      id: pledge.id,
      action: deltaMinor >= 0 ? "payment_recorded" : "payment_withdrawn",
      changes: {
        received: [Money.format(pledge.fulfilledMinor ?? 0, pledge.currency), Money.format(after.fulfilledMinor!, pledge.currency)],
      } as Audit.Changes,
    },
  };
}

/**
 * Records a contribution. With an idempotency key, a retry with the same body
 * returns the first answer and records nothing; another body with the key is 422.
 */
export async function create(rawInput: CreateInput, options: { idempotencyKey?: string } = {}): Promise<Info> {
  Actor.assertCan("createContribution");
  const claim = options.idempotencyKey ? Idempotency.claim("contribution.create", options.idempotencyKey, rawInput) : undefined;
  const input = CreateInput.safeParse(rawInput);
  // The reads are independent: one round trip to the database, not three.
  const [first, state, pledge, inForce, closed, original] = await Promise.all([
    claim ? Idempotency.replay<Info>(claim) : undefined,
    input.success ? MemberState.find(input.data.stateCode) : undefined,
    input.success && input.data.pledgeId ? find(input.data.pledgeId) : undefined,
    input.success ? ExchangeRate.inForceOn(input.data.currency, input.data.date) : undefined,
    input.success ? YearClose.statusOf(fiscalYear(input.data.date)) : undefined,
    input.success && input.data.adjusts ? find(input.data.adjusts) : undefined,
  ]);
  if (first) return first;
  if (!input.success) throw input.error;
  if (!state) throw invalid([fieldIssue("stateCode", "state.not_found", { code: input.data.stateCode })]);
  if (closed && closed !== "open") throw YearClose.closedError(fiscalYear(input.data.date), closed);
  if (input.data.adjusts) await checkAdjusts(original, input.data);
  const rated = rateOf(input.data, inForce);
  if (input.data.pledgeId) {
    checkPledge(pledge, input.data);
    const parsed = Money.parse(input.data.amount, input.data.currency);
    if (parsed.ok) checkAmount(pledge, parsed.minor);
  }
  const twin = input.data.confirmDuplicate ? undefined : await likelyDuplicate(input.data);
  if (twin) {
    // A retry of a request already recorded answers as it did, whichever read saw the record first.
    const recorded = claim ? await Idempotency.replay<Info>(claim) : undefined;
    if (recorded) return recorded;
    throw duplicateOf(twin);
  }
  const { confirmDuplicate: _c, rateReason: _reason, ...fields } = input.data;
  return record({ ...fields, exchangeRate: rated.exchangeRate }, rated, pledge, claim, original);
}

/** An adjustment corrects a record of the same state in a closed year (400 on `adjusts` otherwise). */
async function checkAdjusts(original: Stored | undefined, f: Fields): Promise<void> {
  const id = f.adjusts!;
  if (!original) throw invalid([fieldIssue("adjusts", "contribution.adjusts_not_found", { id })]);
  if (original.stateCode !== f.stateCode)
    throw invalid([fieldIssue("adjusts", "contribution.adjusts_state", { state: original.stateCode })]);
  if ((await YearClose.statusOf(original.fiscalYear)) === "open")
    throw invalid([fieldIssue("adjusts", "contribution.adjusts_open_year", { year: String(original.fiscalYear) })]);
}

/** The rate a new record takes, and where it came from. */
export interface RateTaken {
  exchangeRate: string;
  rateSource: NonNullable<Stored["rateSource"]>;
  rateDate?: string;
  rateReason?: string;
}

/**
 * The rate of a new record: USD at 1; without a rate, the register's rate in force on the value
 * date (with its source and effective date), or a 400 on `exchangeRate` saying none is in force
 * (never a guess). A rate given equal to the one in force is the register's; a different one
 * overrides it and needs `rateReason` (a 400 on `rateReason` naming the rate in force). A rate
 * given when the register has none for the day is taken as manual (reason optional), as API
 * clients sent before the register. Its USD equivalent must stay within the largest a record holds.
 */
export function rateOf(f: Fields, inForce: ExchangeRate.InForce | undefined): RateTaken {
  let taken: RateTaken;
  if (f.currency === "USD") taken = { exchangeRate: "1", rateSource: "usd" };
  else if (f.exchangeRate === undefined) {
    if (!inForce) throw invalid([fieldIssue("exchangeRate", "rate.none_in_force", { currency: f.currency, date: f.date })]);
    taken = { exchangeRate: inForce.rate, rateSource: inForce.source as RateTaken["rateSource"], rateDate: inForce.effectiveDate };
  } else if (inForce && inForce.rate === f.exchangeRate) {
    taken = { exchangeRate: inForce.rate, rateSource: inForce.source as RateTaken["rateSource"], rateDate: inForce.effectiveDate };
  } else {
    if (inForce && !f.rateReason)
      throw invalid([
        fieldIssue("rateReason", "rate.reason_required", { date: f.date, rate: inForce.rate, source: inForce.source, effectiveDate: inForce.effectiveDate ?? f.date }),
      ]);
    taken = { exchangeRate: f.exchangeRate, rateSource: "manual", ...(f.rateReason ? { rateReason: f.rateReason } : {}) };
  }
  const converted = Money.convert(f.amount, f.currency, taken.exchangeRate);
  if (!converted.ok) throw invalid([fieldIssue(converted.path, converted.code, converted.params)]);
  return taken;
}

/**
 * A record that the new one likely repeats: same state, status, value date, amount, currency and
 * reference (none on both counts as the same), not voided. One Query on byState for the state's
 * fiscal year and day.
 */
export async function likelyDuplicate(f: Fields): Promise<Stored | undefined> {
  const parsed = Money.parse(f.amount, f.currency);
  if (!parsed.ok) return undefined;
  const q = ContributionEntity.query.byState({ stateCode: f.stateCode, fiscalYear: fiscalYear(f.date), date: f.date });
  const { items } = await queryRecords<Stored>(ENTITY, q.params(), { all: true });
  const reference = f.reference?.trim().toLowerCase() ?? "";
  return items.find(
    (c) =>
      !c.voided &&
      c.date === f.date &&
      c.status === f.status &&
      c.currency === f.currency &&
      c.amountMinor === parsed.minor &&
      (c.reference?.trim().toLowerCase() ?? "") === reference,
  );
}

/** 409 naming the record that a new one likely repeats. */
function duplicateOf(c: Stored): VisibleError {
  return new VisibleError("conflict", "contribution.likely_duplicate", {
    id: c.id,
    number: c.number ?? c.id,
    date: c.date,
    reference: c.reference ?? "",
  });
}
create.schema = CreateInput;

/** The series of a record's number: receipts (cash or in kind) "R", pledges "P". */
export function series(status: Stored["status"]): "R" | "P" {
  return status === "received" ? "R" : "P";
}

export function formatNumber(s: "R" | "P", year: number, n: number): string {
  return `${s}-${year}-${String(n).padStart(4, "0")}`;
}

/**
 * Takes the next number of a series: one atomic update of the series' counter (DynamoDB applies
 * updates of one item one after the other, so concurrent recordings never share a number and none
 * waits on another). The number is then written with the record; if that write fails the number
 * stays unused, a gap, and is never given again.
 */
async function takeNumber(s: "R" | "P", year: number): Promise<string> {
  const r = await ReceiptCounterEntity.update({ series: s, fiscalYear: year }).add({ last: 1 }).go({ response: "all_new" });
  return formatNumber(s, year, (r.data as { last: number }).last);
}

async function record(input: Fields, rated: RateTaken, pledge: Stored | undefined, claim: Idempotency.Claim | undefined, original?: Stored): Promise<Info> {
  const { fiscalYear: year } = derive(input);
  return recordNumbered(input, rated, pledge, claim, await takeNumber(series(input.status), year), original);
}

async function recordNumbered(
  input: Fields,
  rated: RateTaken,
  pledge: Stored | undefined,
  claim: Idempotency.Claim | undefined,
  number: string,
  original?: Stored,
): Promise<Info> {
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const { exchangeRate: _r, amount: _a, rateReason: _reason, instalments: plan, ...fields } = input;
  const { exchangeRate: _taken, ...provenance } = rated;
  const record: Stored = {
    ...fields,
    ...derive(input),
    ...provenance,
    id: randomUUID(),
    number,
    voided: false,
    version: 1,
    createdAt: at,
    createdBy: who,
    updatedAt: at,
    updatedBy: who,
  };
  if (record.status === "pledged") record.fulfilledMinor = 0;
  if (plan?.length && record.status === "pledged") {
    record.schedule = scheduleOf(plan, record.currency);
    settle(record, []);
  }
  const info = toInfo(record);
  // The year must still be open when the record is written: a close meanwhile cancels it.
  const items: TransactItem[] = [asTransactItem("Put", dueKeys(ContributionEntity.create(record).params())), YearClose.openCheck(record.fiscalYear)];
  const more: NonNullable<Parameters<typeof Audit.commit>[0]["more"]> = [];
  const changed: TotalsChanges = [[null, record]];
  if (pledge) {
    const change = pledgeChange(pledge, record.amountMinor, who, at, { paid: { amountMinor: record.amountMinor, difference: record.difference } });
    items.push(change.item);
    more.push(change.event);
    changed.push([pledge, change.after]);
  }
  if (original) {
    // The original, in its closed year, keeps its figures: it only names the adjustment.
    const linked: Stored = { ...original, adjustedBy: [...(original.adjustedBy ?? []), record.id], version: original.version + 1, updatedAt: at, updatedBy: who };
    items.push(asTransactItem("Put", dueKeys(ContributionEntity.put(linked).where((a, op) => op.eq(a.version, original.version)).params()), stale(original.id)));
    more.push({ entity: "contribution", id: original.id, action: "adjusted", changes: { adjustedBy: [original.adjustedBy ?? null, linked.adjustedBy] } });
  }
  items.push(...Totals.items(changed));
  if (claim) items.push(Idempotency.item(claim, info));
  try {
    await Audit.commit({
      entity: "contribution",
      id: record.id,
      action: "create",
      before: null,
      after: info,
      items,
      more,
      // The totals of the state and year held by other writes until the tries ran out.
      conflict: pledgeChanged(),
    });
  } catch (error) {
    // A concurrent request with the same key won the claim: answer as it did.
    if (claim && (error instanceof VisibleError && error.code === "idempotency.in_flight")) {
      const first = await Idempotency.replay<Info>(claim);
      if (first) return first;
    }
    throw error;
  }
  return info;
}

export const ListInput = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  state: MemberState.Code.optional(),
  status: z.enum(STATUSES).optional(),
  kind: z.enum(KINDS).optional(),
  purpose: z.enum(PURPOSES).optional(),
  includeVoided: z.enum(["true", "false"]).optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type ListInput = z.input<typeof ListInput>;

/** Stored records of a year (optionally one state's): Query on byYear or byState, never Scan. */
export async function query(input: { year?: number; state?: string; cursor?: string; limit?: number; all?: boolean }) {
  const year = input.year;
  const q = input.state
    ? year !== undefined
      ? ContributionEntity.query.byState({ stateCode: input.state, fiscalYear: year })
      : ContributionEntity.query.byState({ stateCode: input.state })
    : ContributionEntity.query.byYear({ fiscalYear: year ?? fiscalYear(Clock.today()) });
  if (input.all) return queryRecords<Stored>(ENTITY, q.params(), { all: true });
  return paged(input.cursor, () => queryRecords<Stored>(ENTITY, q.params(), { limit: input.limit ?? 500, cursor: input.cursor }));
}

/** Contributions by year (default: the current fiscal year) and/or state, newest last; voided ones included and marked. */
export const list = fn(ListInput, async (input) => {
  Actor.assertCan("listContributions");
  // A `state` user's list is its state's (another state's asked for: none).
  const state = Actor.narrow(input.state);
  if (state === false) return { items: [], cursor: undefined };
  const page = await query({ ...input, state });
  const items = page.items.filter(
    (c) =>
      Actor.sees(c.stateCode) &&
      (!input.status || c.status === input.status) &&
      (!input.kind || c.kind === input.kind) &&
      (!input.purpose || c.purpose === input.purpose) &&
      (input.includeVoided !== "false" || !c.voided),
  );
  return { items: items.map(toInfo), cursor: page.cursor ?? undefined };
});

/** Corrects a contribution. The version must match; USD and fiscal year follow the new values. */
/** PATCH takes the contribution as read: stamps and derived fields (amountUsd, fiscalYear, outstanding, …) may come back unchanged. */
/** A schedule comes back as read (its instalments settled) or as input (due dates and amounts): as read, it is ignored. */
const CorrectInput = readBack(PatchInput, Info, { echo: ["instalments"] });

export const update = fn(CorrectInput, async (sent): Promise<Info> => {
  Actor.assertCan("updateContribution");
  const before = await find(sent.id);
  if (!before) throw notFound(sent.id);
  if (before.voided) throw new VisibleError("conflict", "contribution.is_voided");
  if (before.version !== sent.version) throw stale(sent.id);
  const closedNow = await YearClose.statusOf(before.fiscalYear);
  if (closedNow !== "open") throw YearClose.closedError(before.fiscalYear, closedNow);
  const input = await unchanged(CorrectInput, sent, toInfo(before));
  const { id, version, ...patch } = input;
  const current: Fields = {
    stateCode: before.stateCode,
    kind: before.kind,
    status: before.status,
    amount: Money.format(before.amountMinor, before.currency),
    currency: before.currency,
    ...(before.currency !== "USD" ? { exchangeRate: before.exchangeRate } : {}),
    date: before.date,
    purpose: before.purpose,
    ...(before.earmark ? { earmark: before.earmark } : {}),
    ...(before.description ? { description: before.description } : {}),
    ...(before.reference ? { reference: before.reference } : {}),
    ...(before.pledgeId ? { pledgeId: before.pledgeId } : {}),
    ...(before.payer ? { payer: before.payer } : {}),
    ...(before.schedule?.length
      ? { instalments: before.schedule.map((i) => ({ dueOn: i.dueOn, amount: Money.format(i.amountMinor, before.currency) })) }
      : {}),
  };
  // Changing the currency without a rate would silently keep the old currency's rate.
  if (patch.currency && patch.currency !== before.currency && patch.exchangeRate === undefined && patch.currency !== "USD")
    throw invalid([fieldIssue("exchangeRate", "rate.required", { currency: patch.currency })]);
  const mergedInput = { ...current, ...patch };
  if (mergedInput.currency === "USD") delete mergedInput.exchangeRate;
  if (mergedInput.purpose !== "earmarked") delete mergedInput.earmark;
  const merged = CreateInput.parse(mergedInput);
  if (merged.stateCode !== before.stateCode) await assertState(merged.stateCode);

  if (before.status === "pledged" && merged.status === "received" && (before.fulfilledMinor ?? 0) > 0)
    throw new VisibleError("conflict", "contribution.pledge_partly_paid");
  if (before.status === "received" && merged.status === "pledged" && before.pledgeId)
    throw invalid([fieldIssue("status", "contribution.payment_not_pledge")]);
  if (before.status === "pledged" && merged.status === "pledged") {
    const received = before.fulfilledMinor ?? 0;
    const { amountMinor } = derive(merged);
    if (amountMinor < received) {
      const params = { received: Money.format(received, before.currency), currency: before.currency };
      throw invalid([{ path: "amount", code: "contribution.pledge_below_received", params, message: english("contribution.pledge_below_received", params) }]);
    }
  }

  const at = Clock.now().toISOString();
  const who = Actor.label();
  const { exchangeRate: _r, amount: _a, instalments: plan, ...fields } = merged;
  const after: Stored = {
    ...before,
    ...fields,
    ...derive(merged),
    version: before.version + 1,
    updatedAt: at,
    updatedBy: who,
  };
  for (const k of ["earmark", "description", "reference", "payer"] as const) if (!merged[k]) delete after[k];
  if (plan?.length && after.status === "pledged") after.schedule = scheduleOf(plan, after.currency);
  else {
    delete after.schedule;
    delete after.instalments;
    delete after.nextDueOn;
  }
  // A correction of the rate or the currency: the rate is the one given (manual), or USD's 1.
  if (after.currency !== before.currency || after.exchangeRate !== before.exchangeRate) {
    delete after.rateDate;
    after.rateSource = after.currency === "USD" ? "usd" : "manual";
    if (after.currency === "USD" || !merged.rateReason) delete after.rateReason;
  }
  if (after.status === "pledged") after.fulfilledMinor ??= 0;
  else delete after.fulfilledMinor;
  // Saved as it is: no new version, no event.
  if (sameFields(before, after)) return toInfo(before);
  // A pledge whose schedule or amount changed: its payments settle the schedule again.
  if (after.schedule && (JSON.stringify(after.schedule) !== JSON.stringify(before.schedule) || after.amountMinor !== before.amountMinor))
    settle(after, await paymentsOf(before));
  const checks = await YearClose.assertOpen(before.fiscalYear, after.fiscalYear);

  const put = () => asTransactItem("Put", dueKeys(ContributionEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params()), stale(before.id));
  const items: TransactItem[] = [put(), ...checks];
  const more: NonNullable<Parameters<typeof Audit.commit>[0]["more"]> = [];
  const changed: TotalsChanges = [];
  if (before.pledgeId) {
    if (merged.stateCode !== before.stateCode || merged.currency !== before.currency)
      throw invalid([fieldIssue(merged.currency !== before.currency ? "currency" : "stateCode", "contribution.payment_keeps")]);
    const delta = after.amountMinor - before.amountMinor;
    if (delta !== 0) {
      const pledge = await find(before.pledgeId);
      if (pledge) {
        if (delta > 0) checkAmount(pledge, delta);
        const payments = pledge.schedule?.length
          ? (await paymentsOf(pledge)).map((p) => (p.id === after.id ? after : p))
          : undefined;
        const change = pledgeChange(pledge, delta, who, at, payments ? { payments } : undefined);
        items.push(change.item);
        more.push(change.event);
        changed.push([pledge, change.after]);
      }
    }
  }
  // A pledge that becomes a receipt (or back) takes a number of its new series; the old one is not given again.
  if (before.status !== after.status) {
    after.number = await takeNumber(series(after.status), after.fiscalYear);
    items[0] = put();
  }
  items.push(...Totals.items([[before, after], ...changed]));
  await Audit.commit({
    entity: "contribution",
    id: before.id,
    action: "update",
    before: toInfo(before),
    after: toInfo(after),
    items,
    more,
    conflict: stale(before.id),
  });
  return toInfo(after);
});

/** The fields a correction may change, alike in both records. */
function sameFields(a: Stored, b: Stored): boolean {
  const keys = ["stateCode", "kind", "status", "amountMinor", "currency", "exchangeRate", "rateSource", "rateDate", "rateReason", "date", "purpose", "earmark", "description", "reference", "payer"] as const;
  return keys.every((k) => (a[k] ?? "") === (b[k] ?? "")) && JSON.stringify(a.schedule ?? []) === JSON.stringify(b.schedule ?? []);
}

/** Voids a contribution: it stays, marked, and leaves every total. */
export const voidIt = fn(VoidInput, async (input): Promise<Info> => {
  Actor.assertCan("voidContribution");
  const before = await find(input.id);
  if (!before) throw notFound(input.id);
  if (before.voided) throw new VisibleError("conflict", "contribution.already_voided");
  if (before.version !== input.version) throw stale(input.id);
  const checks = await YearClose.assertOpen(before.fiscalYear);
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const after: Stored = { ...before, voided: true, voidReason: input.reason, voidedAt: at, voidedBy: who, version: before.version + 1, updatedAt: at, updatedBy: who };
  dueIndex(after);
  const items: TransactItem[] = [
    asTransactItem("Put", dueKeys(ContributionEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params()), stale(before.id)),
    ...checks,
  ];
  const more: NonNullable<Parameters<typeof Audit.commit>[0]["more"]> = [];
  const changed: TotalsChanges = [[before, after]];
  if (before.pledgeId) {
    const pledge = await find(before.pledgeId);
    if (pledge) {
      const payments = pledge.schedule?.length ? (await paymentsOf(pledge)).filter((p) => p.id !== before.id) : undefined;
      const change = pledgeChange(pledge, -before.amountMinor, who, at, payments ? { payments } : undefined);
      items.push(change.item);
      more.push(change.event);
      changed.push([pledge, change.after]);
    }
  }
  items.push(...Totals.items(changed));
  await Audit.commit({
    entity: "contribution",
    id: before.id,
    action: "void",
    before: toInfo(before),
    after: toInfo(after),
    items,
    more,
    conflict: stale(before.id),
  });
  return toInfo(after);
});

/**
 * Closes a pledge the state has withdrawn: from `date` it is no longer outstanding; statements
 * as at an earlier day still show it as it was. A pledge paid in full, voided or closed cannot be closed.
 */
export const close = fn(CloseInput, async (input): Promise<Info> => {
  Actor.assertCan("closeContribution");
  const before = await find(input.id);
  if (!before) throw notFound(input.id);
  if (before.status !== "pledged") throw invalid([{ path: "id", code: "contribution.not_a_pledge", params: {}, message: english("contribution.not_a_pledge") }]);
  if (before.voided) throw new VisibleError("conflict", "contribution.is_voided");
  if (before.closedOn) throw new VisibleError("conflict", "contribution.pledge_closed", { date: before.closedOn });
  if (before.version !== input.version) throw stale(input.id);
  if (outstanding(before).minor === 0) throw new VisibleError("conflict", "contribution.fulfilled", {});
  if (input.date < before.date) {
    const params = { date: before.date };
    throw invalid([{ path: "date", code: "contribution.close_before_pledge", params, message: english("contribution.close_before_pledge", params) }]);
  }
  if (input.date > Clock.today()) {
    throw invalid([{ path: "date", code: "contribution.close_in_future", params: {}, message: english("contribution.close_in_future") }]);
  }
  const at = Clock.now().toISOString();
  const who = Actor.label();
  // Dated on the day it is closed: a pledge of a closed year may still be closed in an open one.
  const checks = await YearClose.assertOpen(fiscalYear(input.date));
  const after: Stored = {
    ...before, closedOn: input.date, closeReason: input.reason, closedAt: at, closedBy: who, version: before.version + 1, updatedAt: at, updatedBy: who,
  };
  dueIndex(after);
  await Audit.commit({
    entity: "contribution",
    id: before.id,
    action: "close",
    before: toInfo(before),
    after: toInfo(after),
    items: [
      asTransactItem("Put", dueKeys(ContributionEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params()), stale(before.id)),
      ...checks,
      ...Totals.items([[before, after]]),
    ],
    conflict: stale(before.id),
  });
  return toInfo(after);
});

/**
 * One state's records of fiscal years up to `toYear` (and from `fromYear`): one Query on byState
 * with a range on the fiscal year, never a Scan.
 */
export async function ofState(state: string, range: { fromYear?: number; toYear: number }): Promise<Stored[]> {
  const q = ContributionEntity.query.byState({ stateCode: state });
  // The sort key starts with the fiscal year: "< next year" takes in every date and id of the last one.
  const r = await queryRecords<Stored>(
    ENTITY,
    (range.fromYear !== undefined
      ? q.between({ fiscalYear: range.fromYear }, { fiscalYear: range.toYear + 1 })
      : q.lt({ fiscalYear: range.toYear + 1 })
    ).params(),
    { all: true },
  );
  return r.items
    .filter((c) => c.fiscalYear <= range.toYear && (range.fromYear === undefined || c.fiscalYear >= range.fromYear));
}

/**
 * Gives a number to each record of the fiscal years that has none (records made before numbering),
 * in the order of their value date and recording, after the numbers already given; an audit event
 * each. Returns how many were numbered.
 */
export async function assignNumbers(years: readonly number[]): Promise<number> {
  Actor.assertCan("updateContribution");
  let made = 0;
  for (const year of years) {
    const { items } = await query({ year, all: true });
    const missing = items.filter((c) => !c.number).sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    for (const c of missing) {
      const at = Clock.now().toISOString();
      const after: Stored = { ...c, number: await takeNumber(series(c.status), c.fiscalYear), version: c.version + 1, updatedAt: at, updatedBy: Actor.label() };
      await Audit.commit({
        entity: "contribution",
        id: c.id,
        action: "number",
        before: toInfo(c),
        after: toInfo(after),
        items: [asTransactItem("Put", dueKeys(ContributionEntity.put(after).where((a, op) => op.eq(a.version, c.version)).params()), stale(c.id))],
      });
      made++;
    }
  }
  return made;
}

export const OverdueInput = z.strictObject({ state: MemberState.Code.optional() });

export const Overdue = z.object({
  /** The pledge: its id, number, state, currency, amount and what is still outstanding. */
  pledgeId: z.string(),
  number: z.string().optional(),
  stateCode: z.string(),
  currency: z.string(),
  /** The instalment overdue: its due date, amount and what is still open on it (in the pledge's currency, and in USD at the pledge's rate). */
  dueOn: z.string(),
  amount: z.string(),
  open: z.string(),
  openUsd: z.string(),
  /** Days since it fell due. */
  daysOverdue: z.number(),
});
export type Overdue = z.infer<typeof Overdue>;

/**
 * The instalments overdue today (due before today, not settled, on an open pledge), earliest
 * first: one Query on the sparse byDue index (open pledges with an open instalment, by its due
 * date), up to today; one state's when `state` is given.
 */
export const overdue = fn(OverdueInput, async ({ state }): Promise<{ items: Overdue[] }> => {
  Actor.assertSignedIn();
  const today = Clock.today();
  const params = {
    TableName: tableName,
    IndexName: "gsi3",
    KeyConditionExpression: "#pk = :pk AND #sk < :today",
    ExpressionAttributeNames: { "#pk": "gsi3pk", "#sk": "gsi3sk" },
    ExpressionAttributeValues: { ":pk": DUE_PK, ":today": today },
  };
  const { items } = await queryRecords<Stored>(ENTITY, params, { all: true });
  const out: Overdue[] = [];
  const dayMs = 86_400_000;
  for (const p of items) {
    if (state && p.stateCode !== state) continue;
    for (const i of Schedule.overdue(p.instalments ?? [], today)) {
      const openMinor = i.amountMinor - i.paidMinor;
      out.push({
        pledgeId: p.id,
        ...(p.number ? { number: p.number } : {}),
        stateCode: p.stateCode,
        currency: p.currency,
        dueOn: i.dueOn,
        amount: Money.format(i.amountMinor, p.currency),
        open: Money.format(openMinor, p.currency),
        openUsd: Money.formatCents(Money.share(p.amountUsdCents, openMinor, p.amountMinor)),
        daysOverdue: Math.round((Date.parse(today) - Date.parse(i.dueOn)) / dayMs),
      });
    }
  }
  out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.stateCode.localeCompare(b.stateCode));
  return { items: out };
});
