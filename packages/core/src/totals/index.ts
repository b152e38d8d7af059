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

import type { AttributeValue, QueryInput } from "@aws-sdk/client-dynamodb";
import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { fn } from "../fn";
import { asTransactItem, client, documents, type TransactItem } from "../dynamo";
import { VisibleError } from "../error";
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
  return asTransactItem("Update", {
    TableName,
    Key: { pk, sk },
    UpdateExpression: `SET ${set.join(", ")}${adds.length ? ` ADD ${adds.join(", ")}` : ""}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
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
 * Runs ElectroDB's query params on the wire client, items left as DynamoDB sends them.
 * (The document client would turn a number into a JS number, or into a bigint only above 2^53,
 * and wrapping numbers there would change the shared client's settings for every entity.)
 */
async function queryAll(params: { ExpressionAttributeValues?: Record<string, unknown> } & Record<string, unknown>): Promise<Totals[]> {
  const values = Object.fromEntries(Object.entries(params.ExpressionAttributeValues ?? {}).map(([k, v]) => [k, { S: String(v) }]));
  const out: Totals[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send("Query", { ...(params as unknown as QueryInput), ExpressionAttributeValues: values, ExclusiveStartKey: start });
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

/**
 * The fiscal years that hold records in force (not voided), oldest first: the years' own items
 * (state "*") are one partition of gsi2, sorted by year, so this is one Query, whatever the table holds.
 */
export async function years(): Promise<number[]> {
  const found = await queryAll(TotalsEntity.query.byState({ stateCode: YEAR }).params());
  return found.filter((t) => get(t.figures, "count") > 0n).map((t) => t.fiscalYear).sort((a, b) => a - b);
}

export const FiscalYears = z.object({
  /** The fiscal years with records in force, oldest first. */
  years: z.array(z.number().int()),
  /** The year pages open on: the latest of `years` up to the current fiscal year; the current one when there is none. */
  defaultYear: z.number().int(),
});
export type FiscalYears = z.infer<typeof FiscalYears>;

/** The year the pages open on, given the years with data and today's fiscal year. */
export function defaultYear(withData: readonly number[], current: number): number {
  const past = withData.filter((y) => y <= current);
  return past.length ? Math.max(...past) : current;
}

/** Which fiscal years have data, and the one to open on (any signed-in user). */
export const fiscalYears = fn(z.object({}), async (): Promise<FiscalYears> => {
  Actor.assertSignedIn();
  const found = await years();
  return { years: found, defaultYear: defaultYear(found, Contribution.fiscalYear(Clock.today())) };
});

/** A figure, zero when absent. */
export const get = (f: Figures, k: string): bigint => f[k] ?? 0n;

/** Every fiscal year a record can have (dates 1990-2100; a fiscal year may start in the year before). */
export const YEARS: readonly number[] = Array.from({ length: 2100 - 1989 + 1 }, (_, i) => 1989 + i);

/** The totals of records, summed as the writes keep them (the rebuild). */
export function sum(records: Iterable<Contribution.Stored>): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const c of records) {
    const f = figuresOf(c);
    for (const state of [c.stateCode, YEAR]) {
      const key = keyOf(c.fiscalYear, state);
      const t = out.get(key) ?? { fiscalYear: c.fiscalYear, stateCode: state, figures: {} };
      add(t.figures, f);
      out.set(key, t);
    }
  }
  return out;
}

export interface Difference {
  fiscalYear: number;
  stateCode: string;
  figure: string;
  /** Exact integers as decimal strings: what the records give, what the totals item holds. */
  expected: string;
  stored: string;
}

/** Differences between the totals rebuilt from records and those stored (a figure absent counts as zero). */
export function compare(expected: Map<string, Totals>, stored: Iterable<Totals>): Difference[] {
  const found = new Map<string, Totals>();
  for (const t of stored) found.set(keyOf(t.fiscalYear, t.stateCode), t);
  const out: Difference[] = [];
  for (const key of new Set([...expected.keys(), ...found.keys()])) {
    const e = expected.get(key);
    const s = found.get(key);
    const { fiscalYear, stateCode } = (e ?? s)!;
    const figures = new Set([...Object.keys(e?.figures ?? {}), ...Object.keys(s?.figures ?? {})]);
    for (const figure of [...figures].sort()) {
      const a = get(e?.figures ?? {}, figure);
      const b = get(s?.figures ?? {}, figure);
      if (a !== b) out.push({ fiscalYear, stateCode, figure, expected: a.toString(), stored: b.toString() });
    }
  }
  return out.sort((a, b) => a.fiscalYear - b.fiscalYear || a.stateCode.localeCompare(b.stateCode) || a.figure.localeCompare(b.figure));
}

/**
 * Rebuilds the totals of the given fiscal years (default: all) from the records (Query on byYear,
 * a year at a time) and compares them with the stored items. With `fix`, each item that differs
 * gets the difference ADDed, with an audit event in the same transaction ("totals_repaired" on
 * contribution "totals:2022:KZ"): a table written before the totals existed gets them. Run it while
 * nothing is being recorded: a write between the two reads of a year would show as a difference.
 */
export async function verify(options: { years?: readonly number[]; fix?: boolean } = {}) {
  const years = options.years ?? YEARS;
  const differences: Difference[] = [];
  let records = 0;
  let items = 0;
  const one = async (year: number) => {
    const [{ items: found }, stored] = await Promise.all([Contribution.query({ year, all: true }), ofYear(year)]);
    records += found.length;
    items += stored.states.length + (Object.keys(stored.year).length ? 1 : 0);
    const storedItems = [...stored.states, ...(Object.keys(stored.year).length ? [{ fiscalYear: year, stateCode: YEAR, figures: stored.year }] : [])];
    const diff = compare(sum(found), storedItems);
    differences.push(...diff);
    if (options.fix && diff.length) await repair(diff);
  };
  // A few years at a time: most are empty, one Query each.
  for (let i = 0; i < years.length; i += 8) await Promise.all(years.slice(i, i + 8).map(one));
  differences.sort((a, b) => a.fiscalYear - b.fiscalYear || a.stateCode.localeCompare(b.stateCode) || a.figure.localeCompare(b.figure));
  return { years: years.length, records, items, differences, fixed: options.fix ? differences.length : 0 };
}

async function repair(differences: Difference[]) {
  const byItem = new Map<string, Totals>();
  for (const d of differences) {
    const key = keyOf(d.fiscalYear, d.stateCode);
    const t = byItem.get(key) ?? { fiscalYear: d.fiscalYear, stateCode: d.stateCode, figures: {} };
    t.figures[d.figure] = BigInt(d.expected) - BigInt(d.stored);
    byItem.set(key, t);
  }
  for (const t of byItem.values()) {
    const changes = Object.fromEntries(
      differences
        .filter((d) => d.fiscalYear === t.fiscalYear && d.stateCode === t.stateCode)
        .map((d) => [d.figure, [d.stored, d.expected]]),
    ) as Audit.Changes;
    await Audit.commit({
      entity: "contribution",
      id: `totals:${t.fiscalYear}:${t.stateCode}`,
      action: "totals_repaired",
      before: null,
      after: null,
      changes,
      items: [updateItem(t)],
      conflict: new VisibleError("conflict", "contribution.version_conflict", { id: `totals:${t.fiscalYear}:${t.stateCode}` }),
    });
  }
}

/** Writes totals as deltas outside a transaction (loading records in bulk, then their totals), a few items at a time. */
export async function write(totals: Iterable<Totals>): Promise<number> {
  const list = [...totals];
  for (let i = 0; i < list.length; i += 16) {
    await Promise.all(list.slice(i, i + 16).map((t) => documents.update(updateItem(t).item.Update!)));
  }
  return list.length;
}

/** What `npm run verify` prints, and its exit code: 0 when clean (or every difference fixed), 1 otherwise. */
export function report(r: Awaited<ReturnType<typeof verify>>): { text: string; exitCode: number } {
  const head = `${r.records} records of ${r.years} fiscal years against ${r.items} totals items`;
  if (r.differences.length === 0) return { text: `${head}: clean`, exitCode: 0 };
  const lines = r.differences.map(
    (d) => `  ${d.fiscalYear} ${d.stateCode === YEAR ? "(year)" : d.stateCode} ${d.figure}: records give ${d.expected}, totals item holds ${d.stored}`,
  );
  const n = r.differences.length;
  return r.fixed
    ? { text: `${head}: ${n} difference${n === 1 ? "" : "s"}, fixed:\n${lines.join("\n")}`, exitCode: 0 }
    : { text: `${head}: ${n} difference${n === 1 ? "" : "s"}\n${lines.join("\n")}\n(npm run verify -- --fix writes what the records give)`, exitCode: 1 };
}
