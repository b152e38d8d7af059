/**
 * Counts the DynamoDB requests of this process with an interceptor on core's exported `client`
 * (`documents` and ElectroDB's `doc` go through it). Always: a count per operation for the whole run
 * (Scan must stay zero). While a capture is open: every request with its wire (marshalled) input,
 * its start and end, and the items it returned (by ElectroDB entity), so a call can be shown request
 * by request and replayed directly with the SDK. Retries happen inside, so a call counts once.
 */
import type { DynamoDB } from "@tracker/core/ddb/client";

export interface Recorded {
  command: string;
  /** The low-level (marshalled) input, as sent. */
  input: Record<string, unknown>;
  start: number;
  end: number;
  indexName?: string;
  /** Items a Query/Scan/BatchGetItem returned, total and by ElectroDB entity (`__edb_e__`). */
  items: number;
  byEntity: Record<string, number>;
  error?: string;
}

export interface Counter {
  totals: Map<string, number>;
  total(): number;
  /** Runs `fn` and returns what it sent to DynamoDB (not reentrant: one capture at a time). */
  capture<T>(fn: () => Promise<T>): Promise<{ result: T; requests: Recorded[] }>;
  /** Counts the requests of a stretch of work (by command), without keeping inputs. */
  count<T>(fn: () => Promise<T>): Promise<{ result: T; counts: Record<string, number>; items: number; byEntity: Record<string, number> }>;
}

function entityOf(item: unknown): string {
  const e = (item as Record<string, unknown> | undefined)?.__edb_e__;
  if (typeof e === "string") return e;
  if (e && typeof e === "object" && typeof (e as { S?: unknown }).S === "string") return (e as { S: string }).S;
  return "(other)";
}

function itemsOf(output: Record<string, unknown> | undefined): unknown[] {
  if (!output) return [];
  if (Array.isArray(output.Items)) return output.Items;
  if (output.Responses && typeof output.Responses === "object" && !Array.isArray(output.Responses))
    return Object.values(output.Responses as Record<string, unknown[]>).flat();
  return [];
}

export function installCounter(client: DynamoDB): Counter {
  const totals = new Map<string, number>();
  let recording: Recorded[] | undefined;
  let counting: { counts: Record<string, number>; items: number; byEntity: Record<string, number> } | undefined;

  client.use(async (command, input, next) => {
    totals.set(command, (totals.get(command) ?? 0) + 1);
    const rec = recording;
    const cnt = counting;
    if (cnt) cnt.counts[command] = (cnt.counts[command] ?? 0) + 1;
    if (!rec && !cnt) return next();
    const start = performance.now();
    let entry: Recorded | undefined;
    if (rec) {
      entry = {
        command,
        input: structuredClone(input),
        start,
        end: start,
        ...(typeof input.IndexName === "string" ? { indexName: input.IndexName } : {}),
        items: 0,
        byEntity: {},
      };
      rec.push(entry);
    }
    try {
      const out = await next();
      const items = itemsOf(out);
      if (entry) {
        entry.end = performance.now();
        entry.items = items.length;
        for (const i of items) entry.byEntity[entityOf(i)] = (entry.byEntity[entityOf(i)] ?? 0) + 1;
      }
      if (cnt) {
        cnt.items += items.length;
        for (const i of items) cnt.byEntity[entityOf(i)] = (cnt.byEntity[entityOf(i)] ?? 0) + 1;
      }
      return out;
    } catch (error) {
      if (entry) {
        entry.end = performance.now();
        entry.error = (error as Error).name;
      }
      throw error;
    }
  });

  return {
    totals,
    total: () => [...totals.values()].reduce((a, b) => a + b, 0),
    async capture(fn) {
      if (recording) throw new Error("capture is not reentrant");
      const requests: Recorded[] = [];
      recording = requests;
      try {
        const result = await fn();
        return { result, requests };
      } finally {
        recording = undefined;
      }
    },
    async count(fn) {
      if (counting) throw new Error("count is not reentrant");
      const c = { counts: {} as Record<string, number>, items: 0, byEntity: {} as Record<string, number> };
      counting = c;
      try {
        const result = await fn();
        return { result, ...c };
      } finally {
        counting = undefined;
      }
    },
  };
}

/** Groups requests into waves: a request that started before every earlier one ended ran beside them. */
export function waves(requests: Recorded[]): Recorded[][] {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const out: Recorded[][] = [];
  let waveEnd = -Infinity;
  for (const r of sorted) {
    if (!out.length || r.start >= waveEnd) out.push([r]);
    else out[out.length - 1]!.push(r);
    waveEnd = Math.max(waveEnd, r.end);
  }
  return out;
}

/** "GetItem ‖ GetItem → Query": the shape of a call. */
export function shape(requests: Recorded[]): string {
  return waves(requests)
    .map((w) => w.map((r) => r.command + (r.indexName ? `(${r.indexName})` : "")).join(" ‖ "))
    .join(" → ");
}

export function countBy(requests: Recorded[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const r of requests) c[r.command] = (c[r.command] ?? 0) + 1;
  return c;
}
