/**
 * What every ElectroDB entity shares: the table and client it is bound to, and the stamps of a
 * versioned record (who made it and when, who changed it last and when, its optimistic version).
 * The stored shape of a record is `EntityItem<typeof XEntity>`; nothing restates it.
 */
import type { EntityItem } from "electrodb";
import { doc, tableName } from "./dynamo";

export type { EntityItem };

/** The table configuration of every entity (and of the Service over them). */
export const TABLE = { table: tableName, client: doc };

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
export function recordOf<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const k in item) {
    const v = item[k];
    if (v !== undefined && v !== null && !KEY_FIELDS.has(k)) out[k] = v;
  }
  return out as T;
}
