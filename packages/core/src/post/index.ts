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
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { asTransactItem, type TransactItem } from "../dynamo";
import { VisibleError } from "../error";
import { fieldIssue } from "../messages/zod";
import { fn } from "../fn";
import { clean, readBack, unchanged } from "../schema";
import { addDays } from "./dates";
import { PostNumberEntity } from "./post-number.entity";
import { PostEntity } from "./post.entity";
import { queryRecords } from "../entity";
import * as Rules from "./rules";
import { StandardCost } from "../standard-cost";
import { conflictWith, find, invalid, occupied, putItem } from "./incumbency";
import { auditView, incumbencyOn, lastDay, statusOn, titleOn, toDetail, toInfo } from "./timeline";
import { CreateInput, Detail, GetInput, Info, ListInput, PatchInput, RenameInput, type Lifecycle, type Stored } from "./schema";

export * as Dates from "./dates";
export * from "./schema";
export { history, incumbencyOn, lastDay, lifecycleOn, statusOn, titleOn, toDetail, toInfo } from "./timeline";
export * from "./incumbency";

const { byEffective } = Rules;

export function notFound(id: string) {
  return new VisibleError("not_found", "post.not_found", { id });
}

/**
 * A post's answer with its standard cost a month on its `asOf` (StandardCost.monthlyOn: the rows the
 * staffing report's cost takes), null when the table has none in force. `rows` memoises the table
 * over a list.
 */
export async function priced<T extends Info>(info: T, rows = StandardCost.rowsMemo()): Promise<T> {
  return { ...info, standardCost: await StandardCost.monthlyOn(info, info.asOf, rows) };
}

async function detailOf(p: Stored, asOf?: string): Promise<Detail> {
  return priced(toDetail(p, asOf));
}

function stale(id: string) {
  return new VisibleError("conflict", "post.version_conflict", { id });
}

export const get = fn(GetInput, async ({ id, asOf }): Promise<Detail> => {
  Actor.assertSignedIn();
  const p = await find(id);
  if (!p) throw notFound(id);
  return detailOf(p, asOf ?? Clock.today());
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
  const rows = StandardCost.rowsMemo();
  const items = await Promise.all(
    posts
      .map((p) => toInfo(p, asOf))
      .filter((i) => (!status || i.status === status) && (!input.category || i.category === input.category) && (!input.funding || i.funding === input.funding))
      .map((i) => priced(i, rows)),
  );
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
      asTransactItem("Put", PostEntity.create(record).params(), new VisibleError("conflict", "post.exists")),
      asTransactItem("Put", PostNumberEntity.create({ number: record.number, postId: id }).params(), numberTaken(record.number)),
    ],
  });
  return detailOf(record, today);
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
  // Nothing but the stamps would change: nothing is written, and the post answers as it is.
  if (Audit.same(before, after)) return detailOf(before, today);

  items.push(putItem(before, after, stale(before.id)));
  if (numberChanged) {
    items.push(asTransactItem("Put", PostNumberEntity.create({ number: after.number, postId: after.id }).params(), numberTaken(after.number)));
    items.push(asTransactItem("Delete", PostNumberEntity.delete({ number: before.number }).params()));
  }
  await Audit.commit({
    entity: "post",
    id: before.id,
    action: "update",
    before: auditView(before),
    after: auditView(after),
    items,
  });
  return detailOf(after, today);
});

/**
 * Renames a post from a date: the old title stays in force before it, and in the history. The
 * rename already recorded (same title, date and decision) writes nothing; the title already in
 * force on the date from an earlier one is 400 naming title.
 */
export const rename = fn(RenameInput, async (input): Promise<Detail> => {
  Actor.assertCan("renamePost");
  const before = await find(input.id);
  if (!before) throw notFound(input.id);
  if (before.version !== input.version) throw stale(input.id);
  // The same rename again (title, date and decision as recorded) is an unchanged save: nothing is written.
  if (before.titles.some((t) => t.effectiveOn === input.effectiveOn && t.en === input.title.en && t.ru === input.title.ru && t.decisionRef === input.decisionRef))
    return detailOf(before);
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
    items: [putItem(before, after, stale(before.id))],
  });
  return detailOf(after);
});
