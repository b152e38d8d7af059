/**
 * Secondments: personnel that member states send to the Secretariat's posts,
 * with rotation dates. A post has at most one incumbent on any day: every
 * secondment change rewrites the post under a version condition in the same
 * transaction (see Post), after checking the post's incumbencies for overlap.
 *
 * Dates are inclusive: `endOn` is the planned last day (moved by extensions),
 * `endedOn` the actual last day when a secondment ends early. The status is
 * derived on the day it is read (Clock.today()): planned before `startOn`,
 * active up to and including the last day, ended after it.
 */
export * as Secondment from "./index";

import { randomUUID } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import * as Rules from "./rules";
import * as Tour from "./tour";
import { TourRules } from "../tour";
import { asTransactItem } from "../dynamo";
import { VisibleError } from "../error";
import { fieldIssue, issueParams } from "../messages/zod";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Post } from "../post";
import { ALWAYS, areDays, clean, Stamps, Version, Text as SafeText } from "../schema";
import { getRecord, queryRecords, type EntityItem } from "../entity";
import { SecondmentEntity } from "./secondment.entity";
import * as Costs from "./costs";

export { Costs };

const ENTITY = "secondment";

export const STATUSES = ["planned", "active", "ended"] as const;
export type Status = (typeof STATUSES)[number];

/** Rotation alerts look this many days ahead unless told otherwise. */
export const DEFAULT_ALERT_DAYS = Rules.ROTATION_ALERT_DAYS;

const Text = (max: number) => SafeText({ max });
const Id = z.string().min(1).max(100);

export const CreateInput = z
  .strictObject({
    personName: Text(200),
    /** ISO 3166-1 alpha-2; default: the sending state. */
    nationality: MemberState.Code.optional(),
    sendingState: MemberState.Code,
    postId: Id,
    startOn: Post.Day,
    /** The planned last day, inclusive. */
    endOn: Post.Day,
    decisionRef: Text(200).optional(),
    note: Text(1000).optional(),
    /** Who bears each cost; default: the sending state bears all. */
    costBearers: Costs.CostBearers.optional(),
  })
  .superRefine((s, ctx) => {
    // Also beside a field of the wrong type (ALWAYS): compared only when both are days.
    if (areDays(s.startOn, s.endOn) && s.endOn < s.startOn)
      ctx.addIssue({ code: "custom", path: ["endOn"], ...issueParams("secondment.ends_before_start") });
  }, ALWAYS);
export type CreateInput = z.input<typeof CreateInput>;

export const ExtendInput = z.strictObject({
  id: Id,
  /** The new planned last day: after the current one. */
  endOn: Post.Day,
  decisionRef: Text(200).optional(),
  // Tour rules (./tour.ts): an extension beyond the longest tour or the longest service in all.
  override: z
    .strictObject({ decisionRef: Text(200) })
    .optional()
    .meta({ description: "Extends beyond a tour rule (the longest tour, the longest service in all) under this decision; otherwise that is 409 secondment.beyond_tour_limit or secondment.beyond_cumulative_limit." }),
  version: Version,
});
export type ExtendInput = z.input<typeof ExtendInput>;

export const EndInput = z.strictObject({
  id: Id,
  /** The actual last day: from the start to the planned end. */
  endedOn: Post.Day,
  reason: Text(500),
  version: Version,
});
export type EndInput = z.input<typeof EndInput>;

/** Days ahead for rotation alerts; an empty value (`?endingWithinDays=`) means 90. */
const Days = z.union([
  z.literal("").transform(() => DEFAULT_ALERT_DAYS),
  z.coerce.number().int().min(0).max(3660),
]);

export const ListInput = z.strictObject({
  state: MemberState.Code.optional(),
  status: z.enum(STATUSES).optional(),
  postId: Id.optional(),
  /** Active secondments whose last day is within this many days from today, soonest first. */
  endingWithinDays: Days.optional(),
  /** Secondments that cover part of a calendar year. */
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});
export type ListInput = z.input<typeof ListInput>;

export const Extension = z.object({
  endOn: z.string(),
  previousEndOn: z.string(),
  decisionRef: z.string().optional(),
  /** Tour rules: the decision under which the extension went beyond these limits. */
  override: z.object({ decisionRef: z.string(), limits: z.array(z.enum(["tour", "cumulative"])) }).optional(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

export const Info = z.object({
  id: z.string(),
  personName: z.string(),
  nationality: z.string(),
  sendingState: z.string(),
  postId: z.string(),
  startOn: z.string(),
  /** The planned last day, with extensions. */
  endOn: z.string(),
  originalEndOn: z.string(),
  extensions: z.array(Extension),
  /** Tour rules, with one secondment read (not in lists): see ./tour.ts. */
  tour: Tour.Info.optional(),
  endedOn: z.string().optional(),
  endReason: z.string().optional(),
  /** The last day in post: endedOn if recorded, else endOn. */
  lastOn: z.string(),
  status: z.enum(STATUSES),
  /** Active, and the last day within 90 days from today: the rotation alert. */
  endingSoon: z.boolean(),
  decisionRef: z.string().optional(),
  note: z.string().optional(),
  /** Who bears each cost (the sending state unless recorded otherwise). */
  costBearers: Costs.CostBearers,
  ...Stamps.shape,
});
export type Info = z.infer<typeof Info>;

/** The stored secondment: the entity's own item type. */
export type Stored = EntityItem<typeof SecondmentEntity>;

export function statusOn(s: Stored, date: string): Status {
  if (date < s.startOn) return "planned";
  return date <= s.lastOn ? "active" : "ended";
}

export function toInfo(s: Stored, today: string = Clock.today()): Info {
  return clean({
    id: s.id,
    personName: s.personName,
    nationality: s.nationality,
    sendingState: s.sendingState,
    postId: s.postId,
    startOn: s.startOn,
    endOn: s.endOn,
    originalEndOn: s.originalEndOn,
    extensions: s.extensions.map((e) => clean({ ...e, override: e.override ? { ...e.override, limits: e.override.limits.filter(TourRules.Rules.isLimit) } : undefined })),
    endedOn: s.endedOn,
    endReason: s.endReason,
    lastOn: s.lastOn,
    status: statusOn(s, today),
    endingSoon: Rules.endingSoon({ status: statusOn(s, today), lastOn: s.lastOn }, today),
    decisionRef: s.decisionRef,
    note: s.note,
    costBearers: Costs.bearersOf(s),
    version: s.version,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
  });
}

/** The secondment as an incumbency of its post. */
function incumbency(s: Stored): Post.Incumbency {
  return { id: s.id, kind: "secondment", name: s.personName, nationality: s.nationality, startOn: s.startOn, endOn: s.lastOn, secondmentId: s.id };
}

function notFound(id: string) {
  return new VisibleError("not_found", "secondment.not_found", { id });
}

function stale(id: string) {
  return new VisibleError("conflict", "secondment.version_conflict", { id });
}

export async function find(id: string): Promise<Stored | undefined> {
  return getRecord<Stored>(SecondmentEntity.get({ id }).params({ consistent: true }));
}

export const get = fn(z.object({ id: Id }), async ({ id }): Promise<Info> => {
  Actor.assertCan("getSecondment");
  const s = await find(id);
  if (!s || !Actor.sees(s.sendingState)) throw notFound(id);
  return { ...toInfo(s), tour: await Tour.of(s) };
});

/**
 * A secondment is extended or ended only while it may change (rules.ts `mayChange`, which the web
 * reads too): not ended early, and not past its last day. 409 otherwise, nothing written.
 */
function assertMayChange(s: Stored, endedEarly: "secondment.ended" | "secondment.ended_early") {
  if (Rules.mayChange({ status: statusOn(s, Clock.today()), endedOn: s.endedOn })) return;
  if (s.endedOn) throw new VisibleError("conflict", endedEarly, { endedOn: s.endedOn });
  throw new VisibleError("conflict", "secondment.ended_by_date", { lastOn: s.lastOn });
}

/** The post of a secondment, which must still exist. */
async function postOf(s: Stored): Promise<Post.Stored> {
  const p = await Post.find(s.postId);
  if (!p) throw new VisibleError("conflict", "secondment.post_missing", { id: s.id });
  return p;
}

/**
 * Records a secondment. 409 (post.occupied) when the post has another
 * incumbent on any of its days; concurrent requests cannot both win, because
 * each rewrites the post on condition of the version it checked.
 */
export const create = fn(CreateInput, async (input): Promise<Info> => {
  Actor.assertCan("createSecondment");
  const state = await MemberState.find(input.sendingState);
  if (!state || state.status !== "member")
    throw Post.invalid([fieldIssue("sendingState", "state.not_found", { code: input.sendingState })]);
  const id = randomUUID();
  return Post.withRetry(async () => {
    const post = await Post.findOpen(input.postId);
    const at = Clock.now().toISOString();
    const who = Actor.label();
    const record: Stored = clean({
      id,
      personName: input.personName,
      nationality: input.nationality ?? input.sendingState,
      sendingState: input.sendingState,
      postId: post.id,
      startOn: input.startOn,
      endOn: input.endOn,
      originalEndOn: input.endOn,
      extensions: [],
      lastOn: input.endOn,
      decisionRef: input.decisionRef,
      note: input.note,
      costBearers: input.costBearers,
      version: 1,
      createdAt: at,
      createdBy: who,
      updatedAt: at,
      updatedBy: who,
    });
    const clash = Post.conflictWith(post, record.startOn, record.lastOn);
    if (clash) throw Post.occupied(post, clash);
    const postAfter = Post.withIncumbency(post, incumbency(record), at, who);
    const info = toInfo(record);
    await Audit.commit({
      entity: "secondment",
      id,
      action: "create",
      before: null,
      after: info,
      items: [asTransactItem("Put", SecondmentEntity.create(record).params(), new VisibleError("conflict", "secondment.exists", { id })), Post.putItem(post, postAfter)],
      more: [Post.event(post, postAfter, "secondment")],
    });
    return { ...info, tour: await Tour.of(record, post) };
  });
});

/** Writes the next version of a secondment and of its post's incumbency, together, with both events. */
async function commitChange(before: Stored, after: Stored, action: string, post: Post.Stored) {
  const postAfter = Post.withIncumbency(post, incumbency(after), after.updatedAt, after.updatedBy);
  await Audit.commit({
    entity: "secondment",
    id: before.id,
    action,
    before: toInfo(before),
    after: toInfo(after),
    items: [
      asTransactItem("Put", SecondmentEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params(), stale(before.id)),
      Post.putItem(post, postAfter),
    ],
    more: [Post.event(post, postAfter, `secondment_${action}`)],
  });
}

/**
 * An extension to the planned end the secondment already has, under the decision already recorded
 * for it (or none given): an unchanged save, which writes nothing.
 */
function sameExtension(s: Stored, input: z.output<typeof ExtendInput>): boolean {
  const recorded = s.extensions.length ? s.extensions[s.extensions.length - 1]!.decisionRef : s.decisionRef;
  return input.endOn === s.endOn && (input.decisionRef === undefined || input.decisionRef === recorded);
}

/** Moves the planned end later (the end it already has writes nothing). 400 (endOn) unless after the current end; 409 if it would overlap the post's next incumbent. */
export const extend = fn(ExtendInput, async (input): Promise<Info> => {
  Actor.assertCan("extendSecondment");
  return Post.withRetry(async () => {
    const before = await find(input.id);
    if (!before) throw notFound(input.id);
    if (before.version !== input.version) throw stale(input.id);
    if (sameExtension(before, input)) return { ...toInfo(before), tour: await Tour.of(before) };
    assertMayChange(before, "secondment.ended_early");
    if (input.endOn <= before.endOn)
      throw Post.invalid([fieldIssue("endOn", "secondment.extend_after", { date: before.endOn })]);
    const post = await postOf(before);
    const clash = Post.conflictWith(post, before.startOn, input.endOn, before.id);
    if (clash) throw Post.occupied(post, clash);
    const override = await Tour.checkExtension(before, post, input.endOn, input.override);
    const at = Clock.now().toISOString();
    const who = Actor.label();
    const after: Stored = {
      ...before,
      endOn: input.endOn,
      lastOn: input.endOn,
      extensions: [...before.extensions, clean({ endOn: input.endOn, previousEndOn: before.endOn, decisionRef: input.decisionRef, override, recordedAt: at, recordedBy: who })],
      version: before.version + 1,
      updatedAt: at,
      updatedBy: who,
    };
    await commitChange(before, after, "extend", post);
    return { ...toInfo(after), tour: await Tour.of(after, post) };
  });
});

/** Ends a secondment early: the post is free from the day after `endedOn`. The end already recorded (same day, same reason) writes nothing. */
export const end = fn(EndInput, async (input): Promise<Info> => {
  Actor.assertCan("endSecondment");
  return Post.withRetry(async () => {
    const before = await find(input.id);
    if (!before) throw notFound(input.id);
    if (before.version !== input.version) throw stale(input.id);
    if (before.endedOn === input.endedOn && before.endReason === input.reason) return { ...toInfo(before), tour: await Tour.of(before) };
    assertMayChange(before, "secondment.ended");
    if (input.endedOn < before.startOn)
      throw Post.invalid([fieldIssue("endedOn", "secondment.end_after_start", { date: before.startOn })]);
    if (input.endedOn > before.endOn)
      throw Post.invalid([fieldIssue("endedOn", "secondment.end_by_planned", { date: before.endOn })]);
    const post = await postOf(before);
    const at = Clock.now().toISOString();
    const who = Actor.label();
    const after: Stored = {
      ...before,
      endedOn: input.endedOn,
      endReason: input.reason,
      lastOn: input.endedOn,
      version: before.version + 1,
      updatedAt: at,
      updatedBy: who,
    };
    await commitChange(before, after, "end", post);
    return { ...toInfo(after), tour: await Tour.of(after, post) };
  });
});

/** Every secondment whose last day is on or after a date, by last day (a Query on byEnd). */
export async function endingFrom(from: string, to?: string): Promise<Stored[]> {
  // "~" sorts after "#": the bound takes in every id of the last day.
  const r = await queryRecords<Stored>(ENTITY, SecondmentEntity.query.byEnd({}).between({ lastOn: from }, { lastOn: `${to ?? Post.Dates.FOREVER}~` }).params(), { all: true });
  return r.items.filter((s) => s.lastOn >= from && (!to || s.lastOn <= to));
}

/** A sending state's secondments that cover at least one day from `from` to `to` (a Query on byState, started by `to`). */
export async function ofState(state: string, from: string, to: string): Promise<Stored[]> {
  const r = await queryRecords<Stored>(ENTITY, SecondmentEntity.query.byState({ sendingState: state }).lte({ startOn: `${to}~` }).params(), { all: true });
  return r.items.filter((s) => s.startOn <= to && s.lastOn >= from);
}

/** Secondments that cover at least one day of a year. */
export async function inYear(year: number): Promise<Stored[]> {
  return (await endingFrom(`${year}-01-01`)).filter((s) => s.startOn <= `${year}-12-31`);
}

/**
 * Rotation alerts: active secondments whose last day is within `days` days
 * from today, soonest first. A Query on the byEnd index, never a Scan.
 */
export async function endingWithin(days: number = DEFAULT_ALERT_DAYS, today: string = Clock.today()): Promise<Info[]> {
  Actor.assertSignedIn();
  const found = await endingFrom(today, Post.Dates.addDays(today, days));
  return found.filter((s) => statusOn(s, today) === "active").map((s) => toInfo(s, today));
}

/** Secondments by rotation window, post, sending state, year, or all of them; then by derived status. */
export const list = fn(ListInput, async (asked) => {
  Actor.assertCan("listSecondments");
  // A `state` user's list is its state's (another state's asked for: none).
  const state = Actor.narrow(asked.state);
  if (state === false) return { items: [] };
  const input = { ...asked, state };
  const today = Clock.today();
  let found: Stored[];
  if (input.endingWithinDays !== undefined) {
    found = (await endingFrom(today, Post.Dates.addDays(today, input.endingWithinDays))).filter((s) => statusOn(s, today) === "active");
  } else if (input.postId) {
    found = (await queryRecords<Stored>(ENTITY, SecondmentEntity.query.byPost({ postId: input.postId }).params(), { all: true })).items;
  } else if (input.state) {
    found = (await queryRecords<Stored>(ENTITY, SecondmentEntity.query.byState({ sendingState: input.state }).params(), { all: true })).items;
  } else if (input.year !== undefined) {
    found = await inYear(input.year);
  } else if (input.status === "active" || input.status === "planned") {
    // Neither has reached its last day: the byEnd index from today on.
    found = await endingFrom(today);
  } else {
    found = await endingFrom("0000-01-01");
  }
  const items = found
    .filter(
      (s) =>
        (!input.state || s.sendingState === input.state) &&
        (!input.postId || s.postId === input.postId) &&
        (input.year === undefined || (s.startOn <= `${input.year}-12-31` && s.lastOn >= `${input.year}-01-01`)) &&
        (!input.status || statusOn(s, today) === input.status),
    )
    .map((s) => toInfo(s, today));
  return { items };
});

// ---- Who bears each cost (costs.ts): changed on its own, beside the dates and the post ----

export const SetCostBearersInput = z.strictObject({ id: Id, costBearers: Costs.CostBearers, version: Version });
export type SetCostBearersInput = z.input<typeof SetCostBearersInput>;

/** Records who bears each cost (send the version read); the bearers already recorded write nothing. */
export const setCostBearers = fn(SetCostBearersInput, async (input): Promise<Info> => {
  Actor.assertCan("setSecondmentCostBearers");
  const before = await find(input.id);
  if (!before) throw notFound(input.id);
  if (before.version !== input.version) throw stale(input.id);
  if (JSON.stringify(Costs.bearersOf(before)) === JSON.stringify(Costs.bearersOf({ costBearers: input.costBearers }))) return toInfo(before);
  const after: Stored = { ...before, costBearers: input.costBearers, version: before.version + 1, updatedAt: Clock.now().toISOString(), updatedBy: Actor.label() };
  await Audit.commit({
    entity: "secondment",
    id: before.id,
    action: "update",
    before: toInfo(before),
    after: toInfo(after),
    items: [asTransactItem("Put", SecondmentEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params(), stale(before.id))],
  });
  return toInfo(after);
});
