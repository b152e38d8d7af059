/**
 * What every ElectroDB entity shares: the table and client it is bound to, and the stamps of a
 * versioned record (who made it and when, who changed it last and when, its optimistic version).
 * The stored shape of a record is `EntityItem<typeof XEntity>`; nothing restates it.
 */
import type { EntityItem } from "electrodb";
import { doc, documents, tableName } from "./dynamo";

export type { EntityItem };

/** The table configuration of every entity (and of the Service over them). */
export const TABLE = { table: tableName, client: doc };

/**
 * An object made on its first use instead of at import: `export const XEntity = lazy(() => new Entity(...))`
 * keeps the name and the type, and a Lambda's cold start builds only the entities its first request
 * reads (ElectroDB checks and compiles a model when the entity is constructed; the API's twenty took about
 * a third of its module init, `npm run bench` section 3). Every property is the made object's own, its
 * methods bound to it (so ElectroDB's own calls inside them do not go through this wrapper); `instanceof`
 * and ElectroDB's type checks see the made object's prototype and markers.
 */
export function lazy<T extends object>(make: () => T): T {
  let made: T | undefined;
  const real = (): T => (made ??= make());
  const bound = new WeakMap<object, unknown>();
  return new Proxy({} as T, {
    get(_, key) {
      const target = real();
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      let b = bound.get(value);
      if (!b) bound.set(value, (b = (value as (...args: unknown[]) => unknown).bind(target)));
      return b;
    },
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor(_, key) {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      // The stand-in has none of the made object's properties: a proxy may not call them non-configurable.
      return d && { ...d, configurable: true };
    },
    defineProperty: (_, key, d) => Reflect.defineProperty(real(), key, d),
    deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}

/** The stamps of a versioned record, spread into its entity's attributes. */
export const STAMPS = {
  version: { type: "number", required: true },
  createdAt: { type: "string", required: true },
  createdBy: { type: "string", required: true },
  updatedAt: { type: "string", required: true },
  updatedBy: { type: "string", required: true },
} as const;

/** The keys ElectroDB adds to an item (table keys and entity markers), dropped from a raw item. */
const KEY_FIELDS = new Set(["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk", "__edb_e__", "__edb_v__"]);

/**
 * A raw DynamoDB item (a `data: "raw"` read) as the entity's stored record: the key fields and
 * markers left out, absent and null attributes left out. One pass over the item's own fields,
 * instead of ElectroDB's per-attribute formatting.
 */
function recordOf<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const k in item) {
    const v = item[k];
    if (v !== undefined && v !== null && !KEY_FIELDS.has(k)) out[k] = v;
  }
  return out as T;
}

/** A page cursor as ElectroDB writes one (base64url of the last key's JSON), so both kinds of read take each other's. */
function cursorOf(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString("base64url") : null;
}

/**
 * Reads one record by the params of an ElectroDB `get` (`XEntity.get(key).params()`): ElectroDB
 * builds the key, the document client reads, `recordOf` maps.
 */
export async function getRecord<T>(params: Record<string, unknown>): Promise<T | undefined> {
  const r = await documents.get(params);
  return r.Item ? recordOf<T>(r.Item as Record<string, unknown>) : undefined;
}

/**
 * Runs the params of an ElectroDB query (`XEntity.query.byY(...).params()`): every page (`all`),
 * or from `cursor` up to `limit` items and the cursor of the next page. Items of another entity (none
 * under ElectroDB's key prefixes, but a query may not assume it) are left out.
 */
export async function queryRecords<T>(
  entity: string,
  params: Record<string, unknown>,
  options: { limit?: number; all?: boolean; cursor?: string | null } = {},
): Promise<{ items: T[]; cursor: string | null }> {
  const items: T[] = [];
  let start = options.cursor ? (JSON.parse(Buffer.from(options.cursor, "base64url").toString("utf8")) as Record<string, unknown>) : undefined;
  do {
    const remaining = options.all || options.limit === undefined ? undefined : options.limit - items.length;
    const page = await documents.query({ ...params, ExclusiveStartKey: start, Limit: remaining });
    for (const item of (page.Items ?? []) as Array<Record<string, unknown>>) if (item.__edb_e__ === entity) items.push(recordOf<T>(item));
    start = page.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (start && (options.all || options.limit === undefined || items.length < options.limit));
  return { items, cursor: options.all ? null : cursorOf(start) };
}

/** The primary index of a record keyed by its own `id` alone. */
export const BY_ID = {
  pk: { field: "pk", composite: ["id"] },
  sk: { field: "sk", composite: [] },
} as const;

/** The stamps of a record's first version, made at `at` by `who`. */
export function firstStamps(at: string, who: string) {
  return { version: 1, createdAt: at, createdBy: who, updatedAt: at, updatedBy: who };
}
