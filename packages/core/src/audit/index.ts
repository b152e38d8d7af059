export * as Audit from "./index";

import { randomUUID } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { asTransactItem, type TransactItem } from "../dynamo";
import { transact } from "../service";
import { VisibleError } from "../error";
import { Cursor, paged } from "../cursor";
import { fn, setErrorHook } from "../fn";
import type { MessageCode } from "../messages";
import { AuditEventEntity } from "./audit.entity";
import { personOf } from "./names";

import { ENTITIES, type EntityName } from "./readers";
export { ENTITIES, type EntityName };
export { changes, ChangesInput, ChangesPage, Row, rows } from "./changes";
export { names, people } from "./names";

export type Action = "create" | "update" | "void" | "delete" | "rename" | "extend" | "end" | "fill" | string;
export type Changes = Record<string, [unknown, unknown]>;

/** Fields that never go into the trail: bookkeeping, secrets. */
const IGNORED = new Set(["version", "createdAt", "createdBy", "updatedAt", "updatedBy", "passwordHash", "sessionVersion"]);
const SECRET = new Set(["passwordHash", "password"]);

/** Field-by-field difference of two versions of a record: { field: [before, after] }. */
export function diff(before: object | null, after: object | null): Changes {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const changes: Changes = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED.has(key) || SECRET.has(key)) continue;
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) changes[key] = [b[key] ?? null, a[key] ?? null];
  }
  return changes;
}

/** True when a save would change nothing but its stamps: such a save writes nothing and records no event. */
export function same(before: object, after: object): boolean {
  return Object.keys(diff(before, after)).length === 0;
}

/** The audit event put, as a transaction item beside the change it records. */
export function eventItem(input: {
  entity: EntityName;
  id: string;
  action: Action;
  changes: Changes;
  at?: string;
}): TransactItem {
  const at = input.at ?? Clock.now().toISOString();
  if (input.entity === "auth") log({ at, actor: Actor.label(), entity: input.entity, id: input.id, action: input.action, changes: input.changes });
  const params = AuditEventEntity.create({
    eventId: randomUUID(),
    at,
    actor: Actor.label(),
    entity: input.entity,
    recordId: input.id,
    action: input.action,
    changes: input.changes,
  }).params();
  return asTransactItem("Put", params);
}

/**
 * Writes a change and its audit event in one DynamoDB transaction: either both
 * exist or neither does. A cancelled write answers the conflict of the item that
 * failed (each item carries its own, `asTransactItem`); `conflict` answers for an
 * item that carries none (service.ts `transact`).
 */
export async function commit(input: {
  entity: EntityName;
  id: string;
  action: Action;
  before: object | null;
  after: object | null;
  items: TransactItem[];
  conflict?: VisibleError;
  changes?: Changes;
  /** Events for other records changed in the same transaction (a pledge a receipt pays). */
  more?: Array<{ entity: EntityName; id: string; action: Action; changes: Changes }>;
}): Promise<void> {
  const changes = input.changes ?? diff(input.before, input.after);
  try {
    await transact(
      [
        ...input.items,
        eventItem({ entity: input.entity, id: input.id, action: input.action, changes }),
        ...(input.more ?? []).map((e) => eventItem(e)),
      ],
      input.conflict,
    );
  } catch (error) {
    throw await withLastChange(error);
  }
}

/** What a versioned, single-item setting keeps besides its fields. */
interface Versioned {
  version: number;
  createdAt?: string;
  createdBy?: string;
  updatedAt?: string;
  updatedBy?: string;
}

/**
 * Replaces a single-item setting (the organisation's profile, the tour rules) read as `before`:
 * stamps the new version, writes nothing when only the stamps would change, and commits the put
 * (`put(after)` gives its params, conditioned on `before`'s version) with its audit event.
 * `stale(version)` is the conflict answered when the stored version is not the one read.
 */
export async function replaceSetting<T extends Versioned>(input: {
  entity: EntityName;
  id: string;
  before: T;
  fields: Omit<T, keyof Versioned>;
  put: (after: T) => Record<string, unknown>;
  stale: (version: number) => VisibleError;
  clean: (value: T) => T;
}): Promise<T> {
  const { before } = input;
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const first = before.version === 0;
  const after = input.clean({
    ...input.fields,
    version: before.version + 1,
    createdAt: first ? at : before.createdAt,
    createdBy: first ? who : before.createdBy,
    updatedAt: at,
    updatedBy: who,
  } as T);
  // Saved as it is: no new version, no event.
  if (!first && same(before, after)) return before;
  await commit({
    entity: input.entity,
    id: input.id,
    action: first ? "create" : "update",
    before: first ? null : before,
    after,
    items: [asTransactItem("Put", input.put(after), input.stale(before.version + 1))],
  });
  return after;
}

/** Who last changed a record and when, and the parameters that name it for a person. */
interface LastChange {
  at: string;
  actor: string;
  params?: Record<string, string>;
}

/**
 * The stale-edit errors, and the record each names: its kind and the parameter that holds its id
 * (from the error, else from the domain function's input). `about` reads a record whose events are
 * another's (a recommendation's are its vacancy's): its names, and its own last change.
 */
const STALE: Partial<Record<MessageCode, { entity: EntityName; param?: string; id?: string; about?: (known: Record<string, unknown>) => Promise<LastChange | undefined> }>> = {
  "state.version_conflict": { entity: "memberState", param: "code" },
  "user.version_conflict": { entity: "user", param: "email" },
  "contribution.version_conflict": { entity: "contribution", param: "id" },
  "budget.version_conflict": { entity: "budget", param: "year" },
  "post.version_conflict": { entity: "post", param: "id" },
  "secondment.version_conflict": { entity: "secondment", param: "id" },
  "vacancy.version_conflict": { entity: "vacancy", param: "id" },
  "organisation.version_conflict": { entity: "organisation", id: "profile" },
  "tour.version_conflict": { entity: "tourRules", id: "rules" },
  "recommendation.version_conflict": { entity: "vacancy", param: "vacancyId", about: recommendationChange },
};

/** A recommendation by its candidate, state and vacancy (title and post number), and its stamps: the last change. */
async function recommendationChange(known: Record<string, unknown>): Promise<LastChange | undefined> {
  const [{ RecommendationEntity }, { Vacancy }, { Post }, { getRecord }] = await Promise.all([
    import("../recommendation/recommendation.entity"),
    import("../vacancy"),
    import("../post"),
    import("../entity"),
  ]);
  const vacancyId = String(known.vacancyId);
  const r = await getRecord<{ candidateName: string; stateCode: string; updatedAt: string; updatedBy: string }>(
    RecommendationEntity.get({ vacancyId, id: String(known.id) }).params({ consistent: true }),
  );
  const v = await Vacancy.find(vacancyId);
  if (!r || !v) return undefined;
  const post = await Post.find(v.postId);
  return { at: r.updatedAt, actor: r.updatedBy, params: { candidate: r.candidateName, state: r.stateCode, vacancy: v.title.en, post: post?.number ?? "" } };
}

/** The latest event of a record (one Query, newest first, one item). */
export async function lastEvent(entity: EntityName, id: string): Promise<{ at: string; actor: string } | undefined> {
  const r = await AuditEventEntity.query.byRecord({ entity, recordId: id }).go({ order: "desc", limit: 1 });
  return r.data[0];
}

/** "2026-12-01 14:48 UTC": the time of a change, the same in every language. */
export function when(at: string): string {
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

/**
 * A stale-edit error with who last changed the record and when, from the record's latest audit
 * event (or its `about`): `by` (the user's name; "none" when the trail has none), `when` (as the
 * English message reads it, "2026-12-01 14:48 UTC") and `at` (the ISO instant, which the web writes
 * in its own language). Any other error is returned as it is. `input` is the domain function's:
 * where the error lacks the key, it has it.
 */
export async function withLastChange(error: unknown, input?: unknown): Promise<unknown> {
  if (!(error instanceof VisibleError) || error.kind !== "conflict" || "by" in error.params) return error;
  const target = STALE[error.code];
  if (!target) return error;
  const known: Record<string, unknown> = { ...(typeof input === "object" && input !== null ? input : {}), ...error.params };
  const id = target.id ?? String(known[target.param ?? ""] ?? "");
  // Not yet known here (inside the transaction): the domain function's hook names it, with its input.
  if (!id && target.about) return error;
  let last: LastChange | undefined;
  try {
    last = id ? await (target.about ? target.about(known) : lastEvent(target.entity, id)) : undefined;
  } catch {
    last = undefined;
  }
  const by = last ? await personOf(last.actor).catch(() => last!.actor) : "none";
  const names = target.about ? (last?.params ?? { candidate: String(known.id ?? ""), state: "", vacancy: id, post: "" }) : {};
  return new VisibleError(error.kind, error.code, { ...error.params, ...names, by, when: last ? when(last.at) : "", at: last?.at ?? "" }, error.issues);
}

setErrorHook(withLastChange);

/** The event as one JSON log line (quiet under the tests unless LOG_AUDIT is set). */
function log(event: { at: string; actor: string; entity: string; id: string; action: string; changes: Changes }) {
  if (!process.env.VITEST || process.env.LOG_AUDIT) console.log(JSON.stringify({ level: "info", type: "audit", ...event }));
}

/**
 * Writes one event that goes with no record change (a sign-in, a lockout), and
 * logs it as a JSON line. Never give it a password or a token.
 */
export async function record(input: { entity: EntityName; id: string; action: Action; changes?: Changes; actor?: string }) {
  const at = Clock.now().toISOString();
  const actor = input.actor ?? Actor.label();
  const changes = input.changes ?? {};
  log({ at, actor, entity: input.entity, id: input.id, action: input.action, changes });
  await AuditEventEntity.create({
    eventId: randomUUID(),
    at,
    actor,
    entity: input.entity,
    recordId: input.id,
    action: input.action,
    changes,
  }).go();
}

export const Event = z.object({
  at: z.string(),
  actor: z.string(),
  entity: z.string(),
  id: z.string(),
  action: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});
export type Event = z.infer<typeof Event>;

export const ListInput = z.strictObject({
  entity: z.enum(Object.keys(ENTITIES) as [EntityName, ...EntityName[]]),
  id: z.string().min(1).max(200).optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** The trail of one record, or of one kind of record, newest first. */
export const list = fn(ListInput, async (input) => {
  Actor.assertRole("admin", ...ENTITIES[input.entity]);
  const query = input.id
    ? AuditEventEntity.query.byRecord({ entity: input.entity, recordId: input.id })
    : AuditEventEntity.query.byEntity({ entity: input.entity });
  const page = await paged(input.cursor, () => query.go({ order: "desc", limit: input.limit, cursor: input.cursor ?? null }));
  return {
    items: page.data.map(
      (e): Event => ({
        at: e.at,
        actor: e.actor,
        entity: e.entity,
        id: e.recordId,
        action: e.action,
        changes: e.changes as Event["changes"],
      }),
    ),
    cursor: page.cursor ?? undefined,
  };
});
