/** What every section shares: the table of results, the log, the run's settings and the live session. */
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "../..");
export const resultsDir = join(root, "bench/results");
const started = performance.now();
export const startedAt = new Date();
export const only = new Set((process.env.BENCH_ONLY ?? "1,2,3,4,5,6,7,8,9").split(",").map((s) => s.trim()));
export const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
/** Slices (about 0.75 s each) of load per route and concurrency, alternating API and direct DynamoDB. */
export const LATENCY_SLICES = Number(process.env.BENCH_LATENCY_SLICES ?? 4);
export const LARGE_PER_STATE = Number(process.env.BENCH_STATEMENTS_PER_STATE ?? 1000);
/** The whole run must stay under ten minutes; the large statement load gets what is left of this. */
export const RUN_BUDGET_SECONDS = Number(process.env.BENCH_BUDGET_SECONDS ?? 540);

// ---------------------------------------------------------------------------------------------
// The table

type Status = "ok" | "MISSED" | "FAILED" | "";
export interface Row {
  id: string;
  figure: string;
  median?: string;
  p99?: string;
  goal?: string;
  status?: Status;
  what: string;
}
export const rows: Row[] = [];
export const notes: string[] = [];
export const details: Record<string, unknown> = {};
export const row = (r: Row) => rows.push(r);
export const elapsed = () => (performance.now() - started) / 1000;
export const log = (s: string) => process.stderr.write(`[bench ${elapsed().toFixed(0).padStart(3)} s] ${s}\n`);

export function printTable() {
  const head: Row = { id: "#", figure: "figure", median: "median / value", p99: "p99", goal: "goal", status: "", what: "what it measures" };
  const sorted = [...rows].sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
  const all = [head, ...sorted];
  const w = (k: keyof Row) => Math.max(...all.map((r) => String(r[k] ?? "").length));
  const widths = { id: w("id"), figure: w("figure"), median: w("median"), p99: w("p99"), goal: w("goal"), status: Math.max(6, w("status")) };
  const line = (r: Row) =>
    [
      String(r.id).padEnd(widths.id),
      String(r.figure).padEnd(widths.figure),
      String(r.median ?? "").padStart(widths.median),
      String(r.p99 ?? "").padStart(widths.p99),
      String(r.goal ?? "").padEnd(widths.goal),
      String(r.status ?? "").padEnd(widths.status),
      r.what,
    ].join(" │ ");
  const out = [line(head), line({ id: "", figure: "", what: "" }).replace(/[^│]/g, "─").replace(/│/g, "┼"), ...sorted.map(line)];
  return out.join("\n");
}


/** The in-process server the sections load, its session, and DynamoDB Local's endpoint (set by run.ts). */
export const session = { base: "", cookie: "", endpoint: "" };
