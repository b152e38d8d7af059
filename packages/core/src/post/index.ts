/**
 * The staff matrix: the Secretariat's posts, their effective-dated titles,
 * their administrative state (open, frozen, abolished) and their incumbencies.
 *
 * A post's status on a date is derived, never stored stale:
 * - `frozen` / `abolished` when the administrative state in force that day says so;
 * - otherwise `filled` when an incumbency (a secondment, or an appointment from
 *   a vacancy fill or entered directly) covers the day, else `vacant`.
 *
 * Every change of incumbency (here, in Secondment and in Vacancy.fill) rewrites
 * the post item under a condition on its version, in the same transaction as
 * the change: the post is the lock that keeps one incumbent at a time.
 */
export * as Post from "./index";

import { randomUUID } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { asTransactItem, type TransactItem } from "../dynamo";
import { invalidFields, VisibleError, type ErrorIssue } from "../error";
import { fieldIssue, issue, issueParams } from "../messages/zod";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Bilingual, clean, IsoDate, readBack, Stamps, unchanged, Version, Text as SafeText } from "../schema";
import { addDays, FOREVER, overlaps } from "./dates";
import { PostNumberEntity } from "./post-number.entity";
import { PostEntity } from "./post.entity";
import { getRecord, queryRecords, type EntityItem } from "../entity";
import * as Rules from "./rules";

export * as Dates from "./dates";

/**
 * Categories of the matrix, highest first:
 * - executive: the Executive Director and the Deputy Executive Directors;
 * - senior_officer: Senior Officers (heads of a unit or a portfolio);
 * - professional: Officers and other professional posts;
 * - expert: Experts, often seconded for a programme;
 * - administrative: general service posts (assistants, finance, HR, protocol, IT);
 * - support: drivers, technical and maintenance staff.
 */
export const CATEGORIES = ["executive", "senior_officer", "professional", "expert", "administrative", "support"] as const;
export const FUNDING = ["secondment", "regular_budget", "voluntary"] as const;
export const STATUSES = ["vacant", "filled", "frozen", "abolished"] as const;
export const LIFECYCLES = ["open", "frozen", "abolished"] as const;
export type Category = (typeof CATEGORIES)[number];
export type Funding = (typeof FUNDING)[number];
export type Status = (typeof STATUSES)[number];
export type Lifecycle = (typeof LIFECYCLES)[number];

const Text = (max: number) => SafeText({ max });

/** A post number, e.g. "P-01": letters, digits, dot, slash or dash; stored in capitals, unique. */
export const PostNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Za-z0-9][A-Za-z0-9./-]{0,19}$/, issue("post.number_form"));

export const Id = z.string().min(1).max(100);

/** A date the staffing records may carry: 1950 to 2100. */
export const Day = IsoDate.refine((d) => d >= "1950-01-01" && d <= "2100-12-31", issueParams("date.range", { from: "1950", to: "2100" }));

/** An incumbent entered directly (staff recruited outside a secondment or a vacancy of this system). */
export const IncumbentInput = z.strictObject({
  name: Text(200),
  nationality: MemberState.Code,
  /** The first day in post; default today. */
  since: Day.optional(),
});

const Fields = z.strictObject({
  number: PostNumber,
  title: Bilingual,
  category: z.enum(CATEGORIES),
  grade: Text(20).optional(),
  unit: Text(200).optional(),
  funding: z.enum(FUNDING),
  /** Default: filled with an incumbent, else vacant. */
  status: z.enum(STATUSES).optional(),
  statusReason: Text(500).optional(),
  incumbent: IncumbentInput.optional(),
});

export const CreateInput = Fields.superRefine((f, ctx) => {
  if (f.status === "filled" && !f.incumbent)
    ctx.addIssue({ code: "custom", path: ["incumbent"], ...issueParams("post.incumbent_required") });
  if (f.incumbent && f.status && f.status !== "filled")
    ctx.addIssue({ code: "custom", path: ["status"], ...issueParams("post.incumbent_means_filled") });
});
export type CreateInput = z.input<typeof CreateInput>;

export const PatchInput = z.strictObject({
  id: Id,
  number: PostNumber.optional(),
  category: z.enum(CATEGORIES).optional(),
  /** null clears. */
  grade: Text(20).nullable().optional(),
  unit: Text(200).nullable().optional(),
  funding: z.enum(FUNDING).optional(),
  /** vacant, frozen or abolished, effective today; `filled` only as a no-op on a filled post. */
  status: z.enum(STATUSES).optional(),
  statusReason: Text(500).optional(),
  /** An incumbent appointed directly (open-ended, from `since`); null: the appointed incumbent leaves (last day yesterday). */
  incumbent: IncumbentInput.nullable().optional(),
  version: Version,
});
export type PatchInput = z.input<typeof PatchInput>;

export const RenameInput = z.strictObject({
  id: Id,
  title: Bilingual,
  effectiveOn: Day,
  decisionRef: Text(200),
  version: Version,
});
export type RenameInput = z.input<typeof RenameInput>;

export const GetInput = z.object({ id: Id, asOf: IsoDate.optional() });

export const ListInput = z.strictObject({
  status: z.enum(STATUSES).optional(),
  category: z.enum(CATEGORIES).optional(),
  funding: z.enum(FUNDING).optional(),
  /** The date the titles, statuses and incumbents are given for; default today. */
  asOf: IsoDate.optional(),
});
export type ListInput = z.input<typeof ListInput>;

const Title = z.object({ en: z.string(), ru: z.string() });

export const Incumbent = z.object({
  name: z.string(),
  nationality: z.string(),
  secondmentId: z.string().optional(),
  vacancyId: z.string().optional(),
  since: z.string(),
  /** The planned last day, when there is one. */
  until: z.string().optional(),
});
export type Incumbent = z.infer<typeof Incumbent>;

export const Info = z.object({
  id: z.string(),
  number: z.string(),
  /** The title in force on `asOf`. */
  title: Title,
  category: z.enum(CATEGORIES),
  grade: z.string().optional(),
  unit: z.string().optional(),
  funding: z.enum(FUNDING),
  /** The status on `asOf`. */
  status: z.enum(STATUSES),
  incumbent: Incumbent.optional(),
  asOf: z.string(),
  ...Stamps.shape,
});
export type Info = z.infer<typeof Info>;

export const HistoryEntry = z.object({
  kind: z.enum(["title", "status"]),
  /** Absent: in force from the beginning (the original title and state). */
  effectiveOn: z.string().optional(),
  title: Title.optional(),
  decisionRef: z.string().optional(),
  status: z.enum(STATUSES).optional(),
  incumbent: Incumbent.optional(),
  reason: z.string().optional(),
  recordedAt: z.string().optional(),
  recordedBy: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const IncumbencyInfo = z.object({
  id: z.string(),
  kind: z.enum(["secondment", "appointment"]),
  name: z.string(),
  nationality: z.string(),
  startOn: z.string(),
  endOn: z.string().optional(),
  secondmentId: z.string().optional(),
  vacancyId: z.string().optional(),
  recommendationId: z.string().optional(),
});

export const Detail = Info.extend({
  /** Titles and statuses over time, oldest first (future-dated entries included). */
  history: z.array(HistoryEntry),
  incumbencies: z.array(IncumbencyInfo),
});
export type Detail = z.infer<typeof Detail>;

/** The stored post: the entity's own item type; its effective-dated lists' entries are the entity's too. */
export type Stored = EntityItem<typeof PostEntity>;
export type TitleEntry = Stored["titles"][number];
export type LifecycleEntry = Stored["lifecycleChanges"][number];
export type Incumbency = Stored["incumbencies"][number];

const { byEffective } = Rules;

/** The entry of an effective-dated list in force on a date (a post always has its first title and state). */
function inForce<T extends Rules.Dated>(entries: T[], date: string): T {
  return Rules.inForce(entries, date)!;
}

export function titleOn(p: Stored, date: string): { en: string; ru: string } {
  const t = inForce(p.titles, date);
  return { en: t.en, ru: t.ru };
}

export function lifecycleOn(p: Stored, date: string): Lifecycle {
  return p.lifecycleChanges.length ? inForce(p.lifecycleChanges, date).lifecycle : p.lifecycle;
}

export function lastDay(i: Incumbency): string {
  return i.endOn ?? FOREVER;
}

/** The incumbency covering a date, if any. */
export function incumbencyOn(p: Stored, date: string): Incumbency | undefined {
  return p.incumbencies.find((i) => i.startOn <= date && date <= lastDay(i));
}

export function statusOn(p: Stored, date: string): Status {
  const lifecycle = lifecycleOn(p, date);
  if (lifecycle !== "open") return lifecycle;
  return incumbencyOn(p, date) ? "filled" : "vacant";
}

function incumbentOf(i: Incumbency): Incumbent {
  return clean({
    name: i.name,
    nationality: i.nationality,
    secondmentId: i.secondmentId,
    vacancyId: i.vacancyId,
    since: i.startOn,
    until: i.endOn,
  });
}

export function toInfo(p: Stored, asOf: string = Clock.today()): Info {
  const status = statusOn(p, asOf);
  const holder = status === "filled" ? incumbencyOn(p, asOf) : undefined;
  return clean({
    id: p.id,
    number: p.number,
    title: titleOn(p, asOf),
    category: p.category,
    grade: p.grade,
    unit: p.unit,
    funding: p.funding,
    status,
    incumbent: holder ? incumbentOf(holder) : undefined,
    asOf,
    version: p.version,
    createdAt: p.createdAt,
    createdBy: p.createdBy,
    updatedAt: p.updatedAt,
    updatedBy: p.updatedBy,
  });
}

/** Titles and statuses over time: recorded renames and state changes, and the fillings and vacatings the incumbencies imply. */
export function history(p: Stored): HistoryEntry[] {
  const entries: Array<HistoryEntry & { order: number }> = [];
  for (const t of p.titles)
    entries.push(clean({ order: 0, kind: "title" as const, effectiveOn: t.effectiveOn, title: { en: t.en, ru: t.ru }, decisionRef: t.decisionRef, recordedAt: t.recordedAt, recordedBy: t.recordedBy }));
  for (const l of p.lifecycleChanges)
    entries.push(clean({ order: 1, kind: "status" as const, effectiveOn: l.effectiveOn, status: l.lifecycle === "open" ? ("vacant" as const) : l.lifecycle, reason: l.reason, recordedAt: l.recordedAt, recordedBy: l.recordedBy }));
  for (const i of p.incumbencies) {
    entries.push({ order: 2, kind: "status", effectiveOn: i.startOn, status: "filled", incumbent: incumbentOf(i) });
    if (i.endOn) {
      const next = addDays(i.endOn, 1);
      if (!p.incumbencies.some((o) => o.startOn === next)) entries.push({ order: 3, kind: "status", effectiveOn: next, status: "vacant" });
    }
  }
  return entries
    .sort((a, b) => (a.effectiveOn ?? "").localeCompare(b.effectiveOn ?? "") || a.order - b.order || (a.recordedAt ?? "").localeCompare(b.recordedAt ?? ""))
    .map(({ order: _o, ...e }) => e);
}

export function toDetail(p: Stored, asOf: string = Clock.today()): Detail {
  return { ...toInfo(p, asOf), history: history(p), incumbencies: p.incumbencies.map((i) => clean({ ...i })) };
}

/** What the audit trail compares between two versions of a post. */
function auditView(p: Stored) {
  const today = Clock.today();
  const i = toInfo(p, today);
  return {
    number: p.number,
    title: i.title,
    category: p.category,
    grade: p.grade,
    unit: p.unit,
    funding: p.funding,
    status: i.status,
    incumbent: i.incumbent,
    incumbencies: p.incumbencies.map((x) => `${x.name} (${x.nationality}) ${x.startOn}..${x.endOn ?? ""}${x.secondmentId ? ` secondment ${x.secondmentId}` : ""}${x.vacancyId ? ` vacancy ${x.vacancyId}` : ""}`),
  };
}

export function notFound(id: string) {
  return new VisibleError("not_found", "post.not_found", { id });
}

function stale(id: string) {
  return new VisibleError("conflict", "post.version_conflict", { id });
}

export function invalid(issues: ErrorIssue[]): VisibleError {
  return invalidFields(issues);
}

export const CHANGED = "post.changed" as const;

/** The post item changed between our read and our write (a concurrent incumbency change): the caller retries. */
export function changed(): VisibleError {
  return new VisibleError("conflict", CHANGED);
}

/** 409: the post already has an incumbent for (part of) the period. */
export function occupied(p: Stored, clash: Incumbency): VisibleError {
  return new VisibleError("conflict", "post.occupied", { number: p.number, kind: clash.kind, name: clash.name, startOn: clash.startOn, endOn: clash.endOn ?? "open" });
}

export async function find(id: string): Promise<Stored | undefined> {
  return getRecord<Stored>(PostEntity.get({ id }).params({ consistent: true }));
}

/** A post that an incumbency or a vacancy may refer to: it exists and is neither frozen nor abolished (400 naming the field). */
export async function findOpen(id: string, field = "postId"): Promise<Stored> {
  const p = await find(id);
  if (!p) throw invalid([fieldIssue(field, "post.not_found", { id })]);
  if (p.lifecycle !== "open") throw invalid([fieldIssue(field, `post.${p.lifecycle}`, { number: p.number })]);
  return p;
}

/** The incumbency that shares a day with the period, other than `ignoreId`. */
export function conflictWith(p: Stored, startOn: string, endOn: string | undefined, ignoreId?: string): Incumbency | undefined {
  return p.incumbencies.find((i) => i.id !== ignoreId && overlaps(i.startOn, i.endOn, startOn, endOn));
}

/** The post with an incumbency added (or replaced, by id), as the next version. */
export function withIncumbency(p: Stored, incumbency: Incumbency, at: string, who: string): Stored {
  const incumbencies = [...p.incumbencies.filter((i) => i.id !== incumbency.id), clean({ ...incumbency })].sort((a, b) =>
    a.startOn.localeCompare(b.startOn),
  );
  return { ...p, incumbencies, version: p.version + 1, updatedAt: at, updatedBy: who };
}

/** The put of the next version of a post, on condition that nobody wrote it since we read it. */
export function putItem(before: Stored, after: Stored): TransactItem {
  return asTransactItem("Put", PostEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params());
}

/** The audit event of a post changed beside another record (a secondment, a vacancy fill). */
export function event(before: Stored, after: Stored, action: string) {
  return { entity: "post" as const, id: after.id, action, changes: Audit.diff(auditView(before), auditView(after)) };
}

/**
 * Runs an incumbency change, again when the post was changed concurrently
 * (another incumbency on the same post won the race): each run re-reads the
 * post and re-checks overlaps, so non-overlapping requests all succeed and an
 * overlapping one fails with post.occupied.
 */
export async function withRetry<T>(run: () => Promise<T>, attempts = 25): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof VisibleError) || error.code !== CHANGED || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * Math.min(15 * attempt, 200))));
    }
  }
}

export const get = fn(GetInput, async ({ id, asOf }): Promise<Detail> => {
  Actor.assertSignedIn();
  const p = await find(id);
  if (!p) throw notFound(id);
  return toDetail(p, asOf ?? Clock.today());
});

/** Every post, by number (a Query on the `all` index). */
export async function listAll(): Promise<Stored[]> {
  return (await queryRecords<Stored>("post", PostEntity.query.all({}).params(), { all: true })).items;
}

/** Posts in an administrative state, by number (a Query on byLifecycle). */
export async function listByLifecycle(lifecycle: Lifecycle): Promise<Stored[]> {
  return (await queryRecords<Stored>("post", PostEntity.query.byLifecycle({ lifecycle }).params(), { all: true })).items;
}

/**
 * The staff matrix, by number. A status filter reads one partition of the
 * byLifecycle index (frozen, abolished; open for vacant and filled, which are
 * then told apart by the incumbencies on the date).
 */
export const list = fn(ListInput, async (input) => {
  Actor.assertSignedIn();
  const today = Clock.today();
  const asOf = input.asOf ?? today;
  const status = input.status;
  const posts =
    status && asOf === today ? await listByLifecycle(Rules.lifecycleOf(status)) : await listAll();
  const items = posts
    .map((p) => toInfo(p, asOf))
    .filter((i) => (!status || i.status === status) && (!input.category || i.category === input.category) && (!input.funding || i.funding === input.funding));
  return { items };
});

export const create = fn(CreateInput, async (input): Promise<Detail> => {
  Actor.assertCan("createPost");
  const at = Clock.now().toISOString();
  const today = Clock.today();
  const who = Actor.label();
  if ((await PostNumberEntity.get({ number: input.number }).go({ consistent: true })).data) throw numberTaken(input.number);
  const id = randomUUID();
  const lifecycle: Lifecycle = input.status === "frozen" || input.status === "abolished" ? input.status : "open";
  const record: Stored = clean({
    id,
    number: input.number,
    titles: [{ en: input.title.en, ru: input.title.ru, recordedAt: at, recordedBy: who }],
    category: input.category,
    grade: input.grade,
    unit: input.unit,
    funding: input.funding,
    lifecycle,
    lifecycleChanges: [clean({ lifecycle, reason: input.statusReason, recordedAt: at, recordedBy: who })],
    incumbencies: input.incumbent
      ? [{ id: randomUUID(), kind: "appointment" as const, name: input.incumbent.name, nationality: input.incumbent.nationality, startOn: input.incumbent.since ?? today }]
      : [],
    version: 1,
    createdAt: at,
    createdBy: who,
    updatedAt: at,
    updatedBy: who,
  });
  await Audit.commit({
    entity: "post",
    id,
    action: "create",
    before: null,
    after: auditView(record),
    items: [
      asTransactItem("Put", PostEntity.create(record).params()),
      asTransactItem("Put", PostNumberEntity.create({ number: record.number, postId: id }).params()),
    ],
    conflict: (index) => (index === 1 || index < 0 ? numberTaken(record.number) : new VisibleError("conflict", "post.exists")),
  });
  return toDetail(record, today);
});

function numberTaken(number: string) {
  return new VisibleError("conflict", "post.number_taken", { number });
}

/**
 * Changes a post's number, category, grade, unit, funding, administrative
 * state (effective today) or directly appointed incumbent. Titles change by
 * rename (effective-dated); secondments by their own actions.
 */
/** PATCH takes the post as read: its title, history and stamps may come back unchanged, and so may its incumbent. */
const ChangeInput = readBack(PatchInput, Detail, { echo: ["incumbent"] });

export const update = fn(ChangeInput, async (sent): Promise<Detail> => {
  Actor.assertCan("updatePost");
  const before = await find(sent.id);
  if (!before) throw notFound(sent.id);
  if (before.version !== sent.version) throw stale(sent.id);
  const input = await unchanged(ChangeInput, sent, () => get({ id: sent.id }));
  const at = Clock.now().toISOString();
  const today = Clock.today();
  const who = Actor.label();
  const after: Stored = { ...before, incumbencies: [...before.incumbencies], lifecycleChanges: [...before.lifecycleChanges], version: before.version + 1, updatedAt: at, updatedBy: who };
  const items: TransactItem[] = [];

  if (input.category) after.category = input.category;
  if (input.funding) after.funding = input.funding;
  if (input.grade === null) delete after.grade;
  else if (input.grade !== undefined) after.grade = input.grade;
  if (input.unit === null) delete after.unit;
  else if (input.unit !== undefined) after.unit = input.unit;

  const numberChanged = input.number !== undefined && input.number !== before.number;
  if (numberChanged) {
    if ((await PostNumberEntity.get({ number: input.number! }).go({ consistent: true })).data) throw numberTaken(input.number!);
    after.number = input.number!;
  }

  // The administrative state first: an incumbent may be named in the same change that reopens a post.
  const wanted = input.status;
  if (wanted === "frozen" || wanted === "abolished" || (wanted === "vacant" && after.lifecycle !== "open")) {
    const lifecycle: Lifecycle = wanted === "vacant" ? "open" : wanted;
    if (lifecycle !== after.lifecycle) {
      after.lifecycle = lifecycle;
      after.lifecycleChanges.push(clean({ lifecycle, effectiveOn: today, reason: input.statusReason, recordedAt: at, recordedBy: who }));
    }
  }

  if (input.incumbent === null) {
    // The directly appointed incumbent leaves: their last day is yesterday; a future appointment is withdrawn.
    const current = incumbencyOn(after, today);
    const leaving = after.incumbencies.filter((i) => i.kind === "appointment" && lastDay(i) >= today);
    if (current?.kind === "secondment" && !leaving.length)
      throw new VisibleError("conflict", "post.seconded_incumbent", { name: current.name, secondmentId: current.secondmentId ?? "" });
    after.incumbencies = after.incumbencies
      .filter((i) => !(leaving.includes(i) && i.startOn >= today))
      .map((i) => (leaving.includes(i) ? { ...i, endOn: addDays(today, -1) } : i));
  } else if (input.incumbent) {
    const since = input.incumbent.since ?? today;
    const current = incumbencyOn(after, since);
    const same = current && current.name === input.incumbent.name && current.nationality === input.incumbent.nationality;
    if (!same) {
      if (after.lifecycle !== "open") throw invalid([fieldIssue("incumbent", `post.${after.lifecycle}`, { number: after.number })]);
      const clash = conflictWith(after, since, undefined);
      if (clash) throw occupied(after, clash);
      after.incumbencies = [...after.incumbencies, { id: randomUUID(), kind: "appointment" as const, name: input.incumbent.name, nationality: input.incumbent.nationality, startOn: since }].sort((a, b) => a.startOn.localeCompare(b.startOn));
    }
  }

  if (after.lifecycle !== "open") {
    const holder = after.incumbencies.find((i) => lastDay(i) >= today);
    if (holder)
      throw new VisibleError("conflict", "post.has_incumbent", { number: after.number, name: holder.name, startOn: holder.startOn, endOn: holder.endOn ?? "open", lifecycle: after.lifecycle });
  }
  if (wanted === "filled" && statusOn(after, today) !== "filled")
    throw invalid([fieldIssue("status", "post.filled_how")]);
  if (wanted === "vacant" && statusOn(after, today) === "filled")
    throw new VisibleError("conflict", "post.is_filled", { number: after.number });

  items.push(putItem(before, after));
  if (numberChanged) {
    items.push(asTransactItem("Put", PostNumberEntity.create({ number: after.number, postId: after.id }).params()));
    items.push(asTransactItem("Delete", PostNumberEntity.delete({ number: before.number }).params()));
  }
  await Audit.commit({
    entity: "post",
    id: before.id,
    action: "update",
    before: auditView(before),
    after: auditView(after),
    items,
    conflict: (index) => (index === 1 ? numberTaken(after.number) : stale(before.id)),
  });
  return toDetail(after, today);
});

/** Renames a post from a date: the old title stays in force before it, and in the history. */
export const rename = fn(RenameInput, async (input): Promise<Detail> => {
  Actor.assertCan("renamePost");
  const before = await find(input.id);
  if (!before) throw notFound(input.id);
  if (before.version !== input.version) throw stale(input.id);
  const old = titleOn(before, input.effectiveOn);
  if (old.en === input.title.en && old.ru === input.title.ru)
    throw invalid([fieldIssue("title", "post.same_title", { date: input.effectiveOn })]);
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const after: Stored = {
    ...before,
    titles: [...before.titles, { en: input.title.en, ru: input.title.ru, effectiveOn: input.effectiveOn, decisionRef: input.decisionRef, recordedAt: at, recordedBy: who }].sort(byEffective),
    version: before.version + 1,
    updatedAt: at,
    updatedBy: who,
  };
  await Audit.commit({
    entity: "post",
    id: before.id,
    action: "rename",
    before: null,
    after: null,
    changes: { title: [old, input.title], effectiveOn: [null, input.effectiveOn], decisionRef: [null, input.decisionRef] },
    items: [putItem(before, after)],
    conflict: () => stale(before.id),
  });
  return toDetail(after);
});
