/**
 * Year-end close. Finance closes a fiscal year provisionally or finally; an admin reopens a
 * provisional close, with a reason; a final close never reopens. While a year is closed, every
 * write dated in it (a contribution recorded, corrected or voided, a pledge's payment or close, the
 * year's budget) is refused with 409 `close.year_closed`: each of those writes carries `openCheck`,
 * a ConditionCheck on the year's close item, in its own transaction, so a close that races a write
 * either comes before it (the write is refused) or after it. A correction found after the close
 * goes into an open year as an adjustment that points to the original record (`adjusts`).
 */
export * as YearClose from "./index";

import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { asTransactItem, type TransactItem } from "../dynamo";
import { getRecord, type EntityItem } from "../entity";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { issue } from "../messages/zod";
import { YearCloseEntity } from "./close.entity";

export const STATUSES = ["open", "provisional", "final"] as const;
export type Status = (typeof STATUSES)[number];

export const Year = z.coerce.number().int().min(1990, issue("year.range")).max(2100, issue("year.range"));

export const Info = z.object({
  year: z.number(),
  /** open: writes dated in the year are taken; provisional: refused until an admin reopens; final: refused for good. */
  status: z.enum(STATUSES),
  reason: z.string().optional(),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  reopenedAt: z.string().optional(),
  reopenedBy: z.string().optional(),
  reopenReason: z.string().optional(),
  /** 0 while the year was never closed. */
  version: z.number(),
});
export type Info = z.infer<typeof Info>;

export type Stored = EntityItem<typeof YearCloseEntity>;

function toInfo(year: number, s: Stored | undefined): Info {
  if (!s) return { year, status: "open", version: 0 };
  return {
    year,
    status: s.status,
    ...(s.reason ? { reason: s.reason } : {}),
    ...(s.closedAt ? { closedAt: s.closedAt, closedBy: s.closedBy } : {}),
    ...(s.reopenedAt ? { reopenedAt: s.reopenedAt, reopenedBy: s.reopenedBy, reopenReason: s.reopenReason } : {}),
    version: s.version,
  };
}

export async function find(year: number): Promise<Stored | undefined> {
  return getRecord<Stored>(YearCloseEntity.get({ fiscalYear: year }).params({ consistent: true }));
}

/** The status of a year: open unless closed. */
export async function statusOf(year: number): Promise<Status> {
  return (await find(year))?.status ?? "open";
}

/** 409 saying the year is closed, and how (a status not known yet, as when a close raced the write: "closed"). */
export function closedError(year: number, status: Status | "closed" = "closed"): VisibleError {
  return new VisibleError("conflict", "close.year_closed", { year: String(year), status });
}

/**
 * A ConditionCheck that the fiscal year is open (no close item, or one reopened), to go into the
 * transaction of a write dated in it: a close written meanwhile cancels the write with
 * close.year_closed.
 */
export function openCheck(year: number): TransactItem {
  const { Key, TableName } = YearCloseEntity.get({ fiscalYear: year }).params() as { Key: Record<string, unknown>; TableName: string };
  return asTransactItem(
    "ConditionCheck",
    {
      TableName,
      Key,
      ConditionExpression: "attribute_not_exists(#pk) OR #status = :open",
      ExpressionAttributeNames: { "#pk": "pk", "#status": "status" },
      ExpressionAttributeValues: { ":open": "open" },
    },
    closedError(year),
  );
}

/**
 * Refuses a write dated in a closed year before anything is read further (409 close.year_closed
 * naming the year and its status), and gives the ConditionChecks for the write's transaction:
 * one per distinct year.
 */
export async function assertOpen(...years: number[]): Promise<TransactItem[]> {
  const distinct = [...new Set(years)];
  const found = await Promise.all(distinct.map(async (y) => [y, await statusOf(y)] as const));
  for (const [y, status] of found) if (status !== "open") throw closedError(y, status);
  return distinct.map(openCheck);
}

export const get = fn(z.object({ year: Year }), async ({ year }): Promise<Info> => {
  Actor.assertSignedIn();
  return toInfo(year, await find(year));
});

export const CloseInput = z.strictObject({
  year: Year,
  status: z.enum(["provisional", "final"]),
  reason: z.string().trim().max(500).optional(),
  /** The version read (0 when the year was never closed); left out, the close applies to the year as it is. */
  version: z.number().int().min(0).optional(),
});
export type CloseInput = z.input<typeof CloseInput>;

export const ReopenInput = z.strictObject({
  year: Year,
  reason: z.string().trim().min(1, issue("close.reopen_reason")).max(500),
  version: z.number().int().min(1).optional(),
});
export type ReopenInput = z.input<typeof ReopenInput>;

function stale(year: number) {
  return new VisibleError("conflict", "close.version_conflict", { year: String(year) });
}

/** The put of the year's next close item, on condition that nobody wrote it since it was read. */
function putItem(before: Stored | undefined, after: Stored): TransactItem {
  const q = before
    ? YearCloseEntity.put(after).where((a, op) => op.eq(a.version, before.version))
    : YearCloseEntity.create(after);
  return asTransactItem("Put", q.params(), stale(after.fiscalYear));
}

/**
 * Closes a fiscal year provisionally or finally (finance). A provisional close may become final;
 * a final close is for good (409 close.final); a year closed provisionally already is 409
 * close.already_closed.
 */
export const close = fn(CloseInput, async (input): Promise<Info> => {
  Actor.assertCan("closeFiscalYear");
  const before = await find(input.year);
  if (input.version !== undefined && input.version !== (before?.version ?? 0)) throw stale(input.year);
  const status = before?.status ?? "open";
  if (status === "final") throw new VisibleError("conflict", "close.final", { year: String(input.year) });
  if (status === input.status) throw new VisibleError("conflict", "close.already_closed", { year: String(input.year), status });
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const after: Stored = {
    ...(before ?? { fiscalYear: input.year, version: 0, createdAt: at, createdBy: who }),
    status: input.status,
    closedAt: at,
    closedBy: who,
    version: (before?.version ?? 0) + 1,
    updatedAt: at,
    updatedBy: who,
  };
  if (input.reason) after.reason = input.reason;
  else delete after.reason;
  await Audit.commit({
    entity: "fiscalYear",
    id: String(input.year),
    action: input.status === "final" ? "close_final" : "close_provisional",
    before: toInfo(input.year, before),
    after: toInfo(input.year, after),
    items: [putItem(before, after)],
    conflict: stale(input.year),
  });
  return toInfo(input.year, after);
});

/** Reopens a provisional close (admin), with a reason; a final close never reopens (409 close.final). */
export const reopen = fn(ReopenInput, async (input): Promise<Info> => {
  Actor.assertCan("reopenFiscalYear");
  const before = await find(input.year);
  if (input.version !== undefined && input.version !== (before?.version ?? 0)) throw stale(input.year);
  if (!before || before.status === "open") throw new VisibleError("conflict", "close.not_closed", { year: String(input.year) });
  if (before.status === "final") throw new VisibleError("conflict", "close.final", { year: String(input.year) });
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const after: Stored = {
    ...before,
    status: "open",
    reopenedAt: at,
    reopenedBy: who,
    reopenReason: input.reason,
    version: before.version + 1,
    updatedAt: at,
    updatedBy: who,
  };
  await Audit.commit({
    entity: "fiscalYear",
    id: String(input.year),
    action: "reopen",
    before: toInfo(input.year, before),
    after: toInfo(input.year, after),
    items: [putItem(before, after)],
    conflict: stale(input.year),
  });
  return toInfo(input.year, after);
});
