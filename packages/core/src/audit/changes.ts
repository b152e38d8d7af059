/**
 * "What changed, and who did it": the trail across kinds of record (or of one record), newest first,
 * one row per change. A Query per kind of record on byEntity (gsi1: kind, then time) over the date
 * range, merged by time; by one user, a filter on those Queries (the trail is read a page at a time,
 * and a filter keeps it to one index and no second copy of every event). Never a Scan.
 *
 * The cursor is the time and id of the page's last event: the next page asks each kind for what is
 * older than it, so paging across kinds needs no cursor per kind.
 *
 * A search (`q`) keeps the events whose words hold every word asked for: who (email and name), the
 * record (its id and name in either language, its kind), the action and the fields (their labels in
 * either language) and values, with the names of the records they refer to. It reads the trail in
 * windows, newest first, until the page is full or SEARCH_WINDOW events were looked at; the cursor
 * then goes on from the last event looked at, so a page may hold fewer rows and still have a next.
 */
import * as z from "zod";
import * as Actor from "../actor";
import { Cursor } from "../cursor";
import { invalidFields } from "../error";
import { fn } from "../fn";
import { fieldIssue, issueParams } from "../messages/zod";
import { IsoDate } from "../schema";
import { AuditEventEntity } from "./audit.entity";
import { names, people, REFERENCES, type Name } from "./names";
import { canReadTrail, ENTITIES, type EntityName } from "./readers";
import { isTrailWord, TRAIL_WORDS } from "./words";
import { matches } from "../export/views";

const KINDS = Object.keys(ENTITIES) as [EntityName, ...EntityName[]];

export const ChangesInput = z
  .strictObject({
    entity: z.enum(KINDS).optional(),
    id: z.string().min(1).max(200).optional(),
    /** Events written by this user (the email the trail records). */
    user: z.string().trim().min(1).max(320).optional(),
    /** First and last day (UTC) of the range. */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** Words every change kept holds (in who, the record, the action, the fields and values). */
    q: z.string().trim().max(200).optional(),
    cursor: Cursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine((q, ctx) => {
    if (q.id && !q.entity) ctx.addIssue({ code: "custom", path: ["entity"], ...issueParams("audit.entity_for_id") });
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: "custom", path: ["to"], ...issueParams("audit.range") });
  });
export type ChangesInput = z.input<typeof ChangesInput>;

const Name = z.object({ en: z.string(), ru: z.string() });

export const Row = z.object({
  eventId: z.string(),
  at: z.string(),
  /** As the trail records it: an email, `system:…` or `public`. */
  actor: z.string(),
  /** The user's name for an email; the actor as recorded otherwise. */
  actorName: z.string(),
  entity: z.enum(KINDS),
  id: z.string(),
  action: z.string(),
  /** created: one row, its fields under it; deleted: likewise, as they were; field: one field, before and after; event: nothing changed (a sign-in). */
  kind: z.enum(["created", "deleted", "field", "event"]),
  field: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  fields: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
});
export type Row = z.infer<typeof Row>;

export const ChangesPage = z.object({
  items: z.array(Row),
  /** Names of the records the rows are about and of the records their fields name, keyed `entity:id`. */
  names: z.record(z.string(), Name),
  /** Give it back for the next (older) page; absent on the last. */
  cursor: z.string().optional(),
});
export type ChangesPage = z.infer<typeof ChangesPage>;

interface Stored {
  eventId: string;
  at: string;
  actor: string;
  entity: string;
  recordId: string;
  action: string;
  changes: unknown;
}

interface Boundary {
  at: string;
  eventId: string;
}

function decode(cursor: string): Boundary {
  const b: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  if (typeof b === "object" && b !== null && "at" in b && "eventId" in b && typeof b.at === "string" && typeof b.eventId === "string")
    return { at: b.at, eventId: b.eventId };
  throw invalidFields([fieldIssue("cursor", "cursor.invalid")]);
}

const encode = (b: Boundary) => Buffer.from(JSON.stringify({ at: b.at, eventId: b.eventId })).toString("base64url");

/** Newest first, as the index sorts them (time, then event id). */
const newestFirst = (a: Boundary, b: Boundary) => (a.at === b.at ? (a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0) : a.at < b.at ? 1 : -1);

/** Up to `limit` events of one kind (or one record) in the range and older than the boundary; and whether there are more. */
async function ofKind(
  entity: EntityName,
  input: { id?: string; user?: string; from?: string; to?: string; limit: number },
  boundary: Boundary | undefined,
): Promise<{ events: Stored[]; more: boolean }> {
  const base = input.id ? AuditEventEntity.query.byRecord({ entity, recordId: input.id }) : AuditEventEntity.query.byEntity({ entity });
  const upper = boundary ? { at: boundary.at, eventId: boundary.eventId } : input.to ? { at: `${input.to}~` } : undefined;
  const lower = input.from ? { at: input.from } : undefined;
  const ranged = lower && upper ? base.between(lower, upper) : upper ? base.lte(upper) : lower ? base.gte(lower) : base;
  const query = input.user ? ranged.where((a, op) => op.eq(a.actor, input.user!)) : ranged;
  const events: Stored[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: Stored[]; cursor: string | null } = await query.go({ order: "desc", limit: input.limit + 1, cursor });
    for (const e of page.data) {
      // The boundary itself (the last event of the page before) is inclusive in the key condition.
      if (boundary && newestFirst(e, boundary) <= 0) continue;
      if (input.to && e.at.slice(0, 10) > input.to) continue;
      events.push(e);
    }
    cursor = page.cursor;
  } while (cursor && events.length <= input.limit);
  return { events: events.slice(0, input.limit + 1), more: events.length > input.limit || cursor !== null };
}

type Changes = Record<string, [unknown, unknown]>;

/** One event as rows: a creation (or deletion) is one row with its fields; any other change, one row per field. */
export function rows(e: Stored, actorName: string): Row[] {
  const head = { eventId: e.eventId, at: e.at, actor: e.actor, actorName, entity: e.entity as EntityName, id: e.recordId, action: e.action };
  const changes = Object.entries((e.changes ?? {}) as Changes);
  if (e.action === "create" && changes.length)
    return [{ ...head, kind: "created", fields: changes.map(([field, pair]) => ({ field, value: pair?.[1] ?? null })) }];
  if (e.action === "delete" && changes.length)
    return [{ ...head, kind: "deleted", fields: changes.map(([field, pair]) => ({ field, value: pair?.[0] ?? null })) }];
  if (!changes.length) return [{ ...head, kind: "event" }];
  return changes.map(([field, pair]) => ({ ...head, kind: "field", field, before: pair?.[0] ?? null, after: pair?.[1] ?? null }));
}

/** The kinds of record the actor may read the trail of. */
function readable(): EntityName[] {
  const actor = Actor.use();
  if (actor.type === "system") return KINDS;
  if (actor.type !== "user") return [];
  return KINDS.filter((k) => canReadTrail(actor.roles, k));
}

/** The events of a window: up to `limit`, newest first, older than the boundary; and whether there are more. */
async function windowOf(kinds: EntityName[], input: z.output<typeof ChangesInput>, boundary: Boundary | undefined, limit: number) {
  const found = await Promise.all(kinds.map((k) => ofKind(k, { ...input, limit }, boundary)));
  const merged = found.flatMap((f) => f.events).sort(newestFirst);
  return { events: merged.slice(0, limit), more: merged.length > limit || found.some((f) => f.more) };
}

/** The records an event is about and refers to. */
function refsOf(e: Stored): Array<readonly [EntityName, string]> {
  const refs: Array<readonly [EntityName, string]> = [[e.entity as EntityName, e.recordId]];
  for (const [field, pair] of Object.entries((e.changes ?? {}) as Changes)) {
    const kind = REFERENCES[field];
    if (kind) for (const v of pair ?? []) if (typeof v === "string") refs.push([kind, v]);
  }
  return refs;
}

/** The names of the records the events are about and refer to, and of the users who wrote them. */
async function naming(events: Stored[]): Promise<{ named: Record<string, Name>; who: Record<string, string> }> {
  const [named, who] = await Promise.all([names(events.flatMap(refsOf)), people(events.map((e) => e.actor))]);
  return { named, who };
}

const both = (key: string): string[] => (isTrailWord(key) ? [TRAIL_WORDS.en[key], TRAIL_WORDS.ru[key]] : []);

function flat(value: unknown, out: string[]) {
  if (value === null || value === undefined) return;
  if (typeof value === "object") for (const v of Object.values(value)) flat(v, out);
  else out.push(String(value));
}

/** The texts a search looks in, for one event. */
function searchTexts(e: Stored, named: Record<string, Name>, who: Record<string, string>): string[] {
  const record = named[`${e.entity}:${e.recordId}`];
  const out = [e.actor, who[e.actor] ?? "", e.recordId, record?.en ?? "", record?.ru ?? "", ...both(`entity.${e.entity}`), e.action, ...both(`action.${e.action}`)];
  for (const [field, pair] of Object.entries((e.changes ?? {}) as Changes)) {
    out.push(field, ...both(`field.${field}`));
    const kind = REFERENCES[field];
    for (const v of pair ?? []) {
      const n = kind && typeof v === "string" ? named[`${kind}:${v}`] : undefined;
      if (n) out.push(n.en, n.ru);
      flat(v, out);
    }
  }
  return out;
}

/** At most this many events are looked at for one page of a search. */
const SEARCH_WINDOW = 1000;

export const changes = fn(ChangesInput, async (input): Promise<ChangesPage> => {
  Actor.assertCan("listAuditChanges");
  if (input.entity) Actor.assertRole("admin", ...ENTITIES[input.entity]);
  const kinds = input.entity ? [input.entity] : readable();
  const boundary = input.cursor ? decode(input.cursor) : undefined;

  if (!input.q) {
    const { events: page, more } = await windowOf(kinds, input, boundary, input.limit);
    const last = page.at(-1);
    const { named, who } = await naming(page);
    return {
      items: page.flatMap((e) => rows(e, who[e.actor] ?? e.actor)),
      names: named,
      ...(more && last ? { cursor: encode(last) } : {}),
    };
  }

  const kept: Stored[] = [];
  const seen: Record<string, Name> = {};
  const who: Record<string, string> = {};
  let from = boundary;
  let more = true;
  let looked = 0;
  while (kept.length < input.limit && more && looked < SEARCH_WINDOW) {
    const w = await windowOf(kinds, input, from, Math.min(200, SEARCH_WINDOW - looked));
    const n = await naming(w.events);
    Object.assign(seen, n.named);
    more = w.more;
    for (const [i, e] of w.events.entries()) {
      looked++;
      from = e;
      if (!matches(searchTexts(e, n.named, n.who), input.q)) continue;
      kept.push(e);
      who[e.actor] = n.who[e.actor] ?? e.actor;
      if (kept.length === input.limit) {
        more = more || i < w.events.length - 1;
        break;
      }
    }
  }
  const named: Record<string, Name> = {};
  for (const [entity, id] of kept.flatMap(refsOf)) {
    const name = seen[`${entity}:${id}`];
    if (name) named[`${entity}:${id}`] = name;
  }
  return {
    items: kept.flatMap((e) => rows(e, who[e.actor] ?? e.actor)),
    names: named,
    ...(more && from ? { cursor: encode(from) } : {}),
  };
});
