/**
 * Running totals of contributions per fiscal year and per state-year, kept in the same
 * transaction as every write that changes a record (so the year report reads a year's
 * states, not its records), and rebuilt from the records to verify them.
 *
 * Exact at any size: figures are bigint here, DynamoDB numbers (38 digits) in the table,
 * changed by atomic ADD (concurrent writes never lose an increment) and read with numbers
 * wrapped as strings. No figure goes through a JS number.
 */
export * as Totals from "./index";

import { QueryCommand, type AttributeValue, type QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { client, type TransactItem } from "../dynamo";
import { Contribution } from "../contribution";
import { TotalsEntity } from "./totals.entity";

/** The state code of a year's own item (the whole year, every state). */
export const YEAR = "*";

/** Figures by attribute name: count, voidedCount, receivedCents, …, receivedMinor_KZT, outstandingMinor_KZT. */
export type Figures = Record<string, bigint>;

/** The figures named in every item (per-currency ones are added as they occur). */
export const FIGURES = ["count", "voidedCount", "receivedCents", "inKindCents", "pledgedCents", "pledgedOutstandingCents"] as const;

export interface Totals {
  fiscalYear: number;
  stateCode: string;
  figures: Figures;
}

/** What one stored record adds to its year's and its state-year's totals. */
export function figuresOf(c: Contribution.Stored): Figures {
  if (c.voided) return { voidedCount: 1n };
  const f: Figures = { count: 1n };
  const usd = BigInt(c.amountUsdCents);
  if (c.status === "received") {
    f[c.kind === "cash" ? "receivedCents" : "inKindCents"] = usd;
    f[`receivedMinor_${c.currency}`] = BigInt(c.amountMinor);
  } else {
    const o = Contribution.outstanding(c);
    f.pledgedCents = usd;
    f.pledgedOutstandingCents = BigInt(o.usdCents);
    f[`outstandingMinor_${c.currency}`] = BigInt(o.minor);
  }
  return f;
}

export function add(into: Figures, f: Figures, sign = 1n): Figures {
  for (const [k, v] of Object.entries(f)) into[k] = (into[k] ?? 0n) + sign * v;
  return into;
}

const keyOf = (year: number, state: string) => `${year}|${state}`;

/** A change of records (before → after; null when there is none) as deltas by year|state, zero figures left out. */
export function deltas(changes: ReadonlyArray<readonly [Contribution.Stored | null | undefined, Contribution.Stored | null | undefined]>) {
  const out = new Map<string, Totals>();
  const apply = (c: Contribution.Stored, sign: bigint) => {
    const f = figuresOf(c);
    for (const state of [c.stateCode, YEAR]) {
      const key = keyOf(c.fiscalYear, state);
      const t = out.get(key) ?? { fiscalYear: c.fiscalYear, stateCode: state, figures: {} };
      add(t.figures, f, sign);
      out.set(key, t);
    }
  };
  for (const [before, after] of changes) {
    if (before) apply(before, -1n);
    if (after) apply(after, 1n);
  }
  for (const [key, t] of out) {
    for (const [k, v] of Object.entries(t.figures)) if (v === 0n) delete t.figures[k];
    if (Object.keys(t.figures).length === 0) out.delete(key);
  }
  return [...out.values()];
}

/**
 * One Update per totals item: SET of its keys and identity (the same on every write; the first
 * write creates the item), ADD of each figure's delta. Unconditional: an ADD never fails, so it
 * never cancels the write it goes with.
 */
export function updateItem(t: Totals): TransactItem {
  const { Item, TableName } = TotalsEntity.put({ fiscalYear: t.fiscalYear, stateCode: t.stateCode }).params() as {
    Item: Record<string, unknown>;
    TableName: string;
  };
  const { pk, sk, ...identity } = Item;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const set = Object.entries(identity).map(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  const adds = Object.entries(t.figures).map(([k, v], i) => {
    names[`#a${i}`] = k;
    values[`:a${i}`] = v;
    return `#a${i} :a${i}`;
  });
  return {
    Update: {
      TableName,
      Key: { pk, sk },
      UpdateExpression: `SET ${set.join(", ")}${adds.length ? ` ADD ${adds.join(", ")}` : ""}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The transaction items that keep the totals right for a change of records (none when no figure moves). */
export function items(changes: Parameters<typeof deltas>[0]): TransactItem[] {
  return deltas(changes).map(updateItem);
}

const IDENTITY = new Set(["pk", "sk", "gsi2pk", "gsi2sk", "fiscalYear", "stateCode", "__edb_e__", "__edb_v__"]);

/** An item as DynamoDB sends it: every number is read from its decimal string, so it stays exact. */
function fromItem(item: Record<string, AttributeValue>): Totals {
  const figures: Figures = {};
  for (const [k, v] of Object.entries(item)) if (!IDENTITY.has(k) && v.N !== undefined) figures[k] = BigInt(v.N);
  return { fiscalYear: Number(item.fiscalYear?.N), stateCode: String(item.stateCode?.S), figures };
}

/**
 * Runs ElectroDB's query params on the low-level client, items left as DynamoDB sends them.
 * (The document client would turn a number into a JS number, or into a bigint only above 2^53,
 * and wrapping numbers there would change the shared client's settings for every entity.)
 */
async function queryAll(params: { ExpressionAttributeValues?: Record<string, unknown> } & Record<string, unknown>): Promise<Totals[]> {
  const values = Object.fromEntries(Object.entries(params.ExpressionAttributeValues ?? {}).map(([k, v]) => [k, { S: String(v) }]));
  const out: Totals[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ ...(params as unknown as QueryCommandInput), ExpressionAttributeValues: values, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) if (item.__edb_e__?.S === "totals") out.push(fromItem(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** A year's totals items (the year's own, and one per state with records): one Query on the table. */
export async function ofYear(year: number): Promise<{ year: Figures; states: Totals[] }> {
  const found = await queryAll(TotalsEntity.query.byYear({ fiscalYear: year }).params());
  return {
    year: found.find((t) => t.stateCode === YEAR)?.figures ?? {},
    states: found.filter((t) => t.stateCode !== YEAR),
  };
}

/** A state's totals items, one per fiscal year with records: one Query on gsi2. */
export async function ofState(state: string): Promise<Totals[]> {
  return queryAll(TotalsEntity.query.byState({ stateCode: state }).params());
}

/** A figure, zero when absent. */
export const get = (f: Figures, k: string): bigint => f[k] ?? 0n;
