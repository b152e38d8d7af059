/**
 * Statements at scale, in a process of its own so that the core binds to a
 * fresh table (core reads TABLE_NAME at import): member states with one focal
 * point each, their contributions in the statement's year and the year before,
 * then one statement run for the year, written to an outbox folder. Prints one
 * JSON line: the loading, the run's time and its DynamoDB requests.
 *
 * argv[2]: {"states": 28, "perState": 50, "synthetic": false, "load": "core" | "batch", "loadBudgetSeconds": 150}
 * env: DYNAMODB_ENDPOINT, TABLE_NAME (fresh), SESSION_SECRET, MAIL_OUTBOX (a temporary folder).
 */
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureTable } from "../packages/core/src/dev/dynamo-local";
import { contribution, dayOf, syntheticCodes } from "./lib/dataset";
import { putAll, stored } from "./lib/bulk";
import { installCounter } from "./lib/ddb-counter";
import { pool, rng } from "./lib/stats";

interface Job {
  states: number;
  perState: number;
  synthetic: boolean;
  load: "core" | "batch";
  loadBudgetSeconds: number;
}

const job = JSON.parse(process.argv[2]!) as Job;
const endpoint = process.env.DYNAMODB_ENDPOINT!;
const table = process.env.TABLE_NAME!;
const outbox = process.env.MAIL_OUTBOX!;
const root = resolve(import.meta.dirname, "..");
const PERIOD = "2022";
/** Layers of contributions per state: loading stops at a layer boundary when the time budget would run out. */
const LAYER = 250;

await ensureTable(endpoint, table);
const core = await import("@tracker/core");
const { Actor, Contribution, MemberState, Summary } = core;
await import("@tracker/core/mail");
const { client } = await import("@tracker/core/dynamo");
const counter = installCounter(client);
const r = rng(job.states * 7919 + job.perState);

const seedStates = (JSON.parse(readFileSync(join(root, "seed/member-states-2022.json"), "utf8")) as {
  states: Array<{ code: string; en: string; ru: string }>;
}).states;
const codes = job.synthetic ? syntheticCodes(job.states) : seedStates.slice(0, job.states).map((s) => s.code);
const names = new Map(seedStates.map((s) => [s.code, s]));

const result = await Actor.provide({ type: "system", name: "bench" }, async () => {
  const loadStart = performance.now();
  await pool(codes.length, 8, async (i) => {
    const code = codes[i]!;
    const n = names.get(code);
    await MemberState.create({
      code,
      name: { en: n?.en ?? `State ${code}`, ru: n?.ru ?? `Государство ${code}` },
      status: "member",
      contacts: [{ name: `Focal point ${code}`, email: `focal.${code.toLowerCase()}@example.org`, language: i % 2 ? "ru" : "en" }],
    });
  });

  // Half of each state's contributions in the statement's year, half in the year before (the comparison).
  const make = (code: string, k: number) => contribution(r, code, dayOf(r, k % 2 ? 2021 : 2022), `BENCH-ST-${code}-${k}`);
  let perStateLoaded = 0;
  let reducedFrom: number | undefined;
  if (job.load === "core") {
    const inputs = codes.flatMap((code) => Array.from({ length: job.perState }, (_, k) => make(code, k)));
    await pool(inputs.length, 16, async (i) => {
      await Contribution.create(inputs[i]!);
    });
    perStateLoaded = job.perState;
  } else {
    while (perStateLoaded < job.perState) {
      const layer = Math.min(LAYER, job.perState - perStateLoaded);
      const layerStart = performance.now();
      const records = codes.flatMap((code) => Array.from({ length: layer }, (_, k) => stored(core, make(code, perStateLoaded + k))));
      // With the totals the product keeps beside its records, as a bulk load writes them (`npm run verify` finds them right).
      await putAll(core, records);
      perStateLoaded += layer;
      const layerSeconds = (performance.now() - layerStart) / 1000;
      const elapsed = (performance.now() - loadStart) / 1000;
      if (perStateLoaded < job.perState && elapsed + layerSeconds * 1.1 > job.loadBudgetSeconds) {
        reducedFrom = job.perState;
        break;
      }
    }
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;

  const runStart = performance.now();
  const { result: run, counts, items, byEntity } = await counter.count(() => Summary.run({ period: PERIOD }, { trigger: "manual" }));
  const runMs = performance.now() - runStart;
  const files = readdirSync(outbox).filter((f) => f.endsWith(".eml"));
  const bytes = files.reduce((s, f) => s + statSync(join(outbox, f)).size, 0);
  return {
    states: codes.length,
    perState: perStateLoaded,
    ...(reducedFrom ? { reducedFrom } : {}),
    contributions: codes.length * perStateLoaded,
    load: job.load,
    loadSeconds,
    period: PERIOD,
    runMs,
    requests: Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
    items,
    byEntity,
    sent: run.sent.length,
    skipped: run.skipped.length,
    failed: run.failed.length,
    failures: run.failed.slice(0, 3),
    emails: files.length,
    emailBytes: bytes,
    scans: counter.totals.get("Scan") ?? 0,
  };
});

rmSync(outbox, { recursive: true, force: true });
process.stdout.write(JSON.stringify(result) + "\n");
