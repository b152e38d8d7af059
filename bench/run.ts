/**
 * `npm run bench`: the product's performance on this machine, in one table
 * (also saved as JSON under bench/results/).
 *
 *  1. Stack overhead: API latency (autocannon, concurrency 1 and 16) beside the
 *     same DynamoDB requests issued directly with the SDK.
 *  2. DynamoDB requests per API call (SDK middleware on core's client); no Scan.
 *  3. Lambda bundles (esbuild as SST deploys them): size, largest inputs, cold init.
 *  4. Statements at scale: time and requests for 28 × 50 and 200 × 1,000.
 *  5. Web: first-load JavaScript and CSS of the production build, gzip.
 *  6. Soak: two minutes of mixed reads and writes at concurrency 16.
 *
 * Everything runs on its own DynamoDB Local and server (free ports, loopback).
 * BENCH_ONLY=1,2 runs some sections (3 and 5 need no database); BENCH_SOAK_SECONDS, BENCH_LATENCY_SLICES,
 * BENCH_STATEMENTS_PER_STATE and BENCH_BUDGET_SECONDS change the sizes (the defaults are the benchmark).
 */
import { execFileSync, fork, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { ensureTable, freePort, startDynamoLocal, type RunningDynamo } from "../packages/core/src/dev/dynamo-local";
import * as Data from "./lib/dataset";
import { countBy, installCounter, shape, waves, type Counter, type Recorded } from "./lib/ddb-counter";
import { int, kb, mb, median, ms, p99, pool, rng } from "./lib/stats";
import type { LoadJob, LoadResult, LoadStep } from "./load";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= "1";

const root = resolve(import.meta.dirname, "..");
const resultsDir = join(root, "bench/results");
const started = performance.now();
const startedAt = new Date();
const only = new Set((process.env.BENCH_ONLY ?? "1,2,3,4,5,6").split(",").map((s) => s.trim()));
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 120);
/** Slices (about 0.75 s each) of load per route and concurrency, alternating API and direct DynamoDB. */
const LATENCY_SLICES = Number(process.env.BENCH_LATENCY_SLICES ?? 4);
const LARGE_PER_STATE = Number(process.env.BENCH_STATEMENTS_PER_STATE ?? 1000);
/** The whole run must stay under ten minutes; the large statement load gets what is left of this. */
const RUN_BUDGET_SECONDS = Number(process.env.BENCH_BUDGET_SECONDS ?? 540);

// ---------------------------------------------------------------------------------------------
// The table

type Status = "ok" | "MISSED" | "FAILED" | "";
interface Row {
  id: string;
  figure: string;
  median?: string;
  p99?: string;
  goal?: string;
  status?: Status;
  what: string;
}
const rows: Row[] = [];
const notes: string[] = [];
const details: Record<string, unknown> = {};
const row = (r: Row) => rows.push(r);
const elapsed = () => (performance.now() - started) / 1000;
const log = (s: string) => process.stderr.write(`[bench ${elapsed().toFixed(0).padStart(3)} s] ${s}\n`);

function printTable() {
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

// ---------------------------------------------------------------------------------------------
// Machine

function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? "unknown";
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim());
  } catch {}
  return {
    nproc,
    cpu: model,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB (${(freemem() / 1024 ** 3).toFixed(1)} GiB free at start)`,
    node: process.version,
    java: (spawnSync("java", ["-version"], { encoding: "utf8" }).stderr ?? "").split("\n")[0]?.trim(),
    platform: `${process.platform} ${process.arch}`,
    loadavgStart: loadavg().map((l) => l.toFixed(2)).join(" "),
    loadavgEnd: "",
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes

function runNode(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: root, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    child.on("exit", (code) => {
      if (timer) clearTimeout(timer);
      if (code === 0) ok(out.trim().split("\n").pop() ?? "");
      else fail(new Error(`${args[0]} exited with ${code}:\n${err.slice(-3000)}`));
    });
  });
}

/** The load generator: bench/load.ts forked once (autocannon in its own process), jobs over IPC. */
let loader: { child: ChildProcess; next: number; waiting: Map<number, { ok: (r: LoadResult) => void; fail: (e: Error) => void }> } | undefined;

async function startLoader() {
  const child = fork(join(root, "bench/load.ts"), [], { cwd: root, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = new Map<number, { ok: (r: LoadResult) => void; fail: (e: Error) => void }>();
  await new Promise<void>((ok, fail) => {
    child.once("message", () => ok());
    child.once("exit", (code) => fail(new Error(`the load generator exited with ${code}`)));
  });
  child.on("message", (m: { id?: number; result?: LoadResult; error?: string }) => {
    if (m.id === undefined) return;
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w?.fail(new Error(m.error));
    else w?.ok(m.result!);
  });
  child.on("exit", (code) => {
    for (const w of waiting.values()) w.fail(new Error(`the load generator exited with ${code}`));
    waiting.clear();
  });
  loader = { child, next: 0, waiting };
}

async function load(job: LoadJob): Promise<LoadResult> {
  if (!loader) await startLoader();
  const l = loader!;
  const id = ++l.next;
  return new Promise((ok, fail) => {
    l.waiting.set(id, { ok, fail });
    l.child.send({ id, job });
  });
}

// ---------------------------------------------------------------------------------------------
// Main

let dynamo: RunningDynamo | undefined;
/** The in-process server and the session the load uses. */
let base = "";
let cookie = "";
let endpoint = "";
let server: { close(cb?: () => void): unknown } | undefined;
async function cleanup() {
  loader?.child.kill();
  loader = undefined;
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
  await dynamo?.stop();
  dynamo = undefined;
}
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });

function webSizes(buildSeconds: number) {
  const dist = join(root, "packages/web/dist");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const refs = [
    ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => ({ kind: "js", href: m[1]! })),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => ({ kind: "js", href: m[1]! })),
    ...[...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => ({ kind: "css", href: m[1]! })),
  ];
  const files = refs.map((r) => {
    const body = readFileSync(join(dist, r.href.replace(/^\//, "")));
    return { ...r, bytes: body.length, gzip: gzipSync(body).length };
  });
  const js = files.filter((f) => f.kind === "js");
  const css = files.filter((f) => f.kind === "css");
  const sum = (l: typeof files, k: "bytes" | "gzip") => l.reduce((s, f) => s + f[k], 0);
  const total = sum(files, "gzip");
  details.web = { buildSeconds, files };
  row({ id: "5.1", figure: "web first-load JS (gzip)", median: kb(sum(js, "gzip")), what: `${js.length} file(s) referenced by dist/index.html, ${kb(sum(js, "bytes"))} minified` });
  row({ id: "5.2", figure: "web first-load CSS (gzip)", median: kb(sum(css, "gzip")), what: `${css.length} file(s), ${kb(sum(css, "bytes"))} minified` });
  row({ id: "5.3", figure: "web first-load JS + CSS (gzip)", median: kb(total), goal: "≤ 150 KB", status: total <= 150 * 1024 ? "ok" : "MISSED", what: `what a first visit downloads besides index.html (vite build: ${buildSeconds.toFixed(1)} s)` });
}

/** Runs a section; a failure becomes a FAILED row (and exit code 1) and the other sections still run. */
async function section<T>(id: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    console.error(error);
    row({ id: `${id}.0.0`, figure: `section ${id}`, status: "FAILED", what: String((error as Error).message ?? error).split("\n").slice(0, 3).join(" / ") });
    process.exitCode = 1;
    return undefined;
  }
}

// Runs at the end of this file, once every declaration below is initialised.
async function main() {
  const info = machine();
  details.machine = info;
  log(`${info.nproc} × ${info.cpu}, ${info.memory}, Node ${info.node}; load average ${info.loadavgStart}`);

  // 5. Web: built first (npm run build:web), measured at once.
  if (only.has("5")) {
    log("building the web (npm run build:web)");
    const t = performance.now();
    const build = spawnSync("npm", ["run", "build:web"], { cwd: root, encoding: "utf8" });
    const seconds = (performance.now() - t) / 1000;
    if (build.status !== 0) {
      row({ id: "5.1", figure: "web first-load JS + CSS (gzip)", status: "FAILED", goal: "≤ 150 KB", what: `npm run build:web failed: ${(build.stderr || build.stdout).trim().split("\n").slice(-3).join(" / ")}` });
    } else {
      try {
        webSizes(seconds);
      } catch (error) {
        row({ id: "5.1", figure: "web first-load JS + CSS (gzip)", status: "FAILED", goal: "≤ 150 KB", what: String(error) });
      }
    }
  }

  // The database and the in-process server (sections 1, 2, 4, 6).
  const needDatabase = ["1", "2", "4", "6"].some((s) => only.has(s));
  const needServer = ["1", "2", "6"].some((s) => only.has(s));
  let counter: Counter | undefined;
  let core: typeof import("@tracker/core") | undefined;
  const TABLE = `bench-main-${randomBytes(3).toString("hex")}`;
  const exitCode = { value: 0 };

  try {
    if (needDatabase) {
      log("starting DynamoDB Local (in memory)");
      dynamo = await startDynamoLocal();
      endpoint = dynamo.endpoint;
      await ensureTable(endpoint, TABLE);
      process.env.DYNAMODB_ENDPOINT = endpoint;
      process.env.TABLE_NAME = TABLE;
      process.env.SESSION_SECRET = randomBytes(48).toString("base64url");
      process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "bench-outbox-"));
      // Imported only now: the core reads DYNAMODB_ENDPOINT / TABLE_NAME / SESSION_SECRET at import.
      core = await import("@tracker/core");
      const dynamoModule = await import("@tracker/core/dynamo");
      counter = installCounter(dynamoModule.client);
    }

    if (needServer && core && counter) {
      const dataset = await loadDataset(core);
      const { startServer } = await import("@tracker/functions/local");
      const port = await freePort();
      server = await startServer({ port, webRoot: join(root, "packages/web/dist"), hostname: "127.0.0.1" });
      base = `http://127.0.0.1:${port}`;
      cookie = await login(base, dataset.adminEmail, dataset.adminPassword);
      log(`server on ${base}`);

      const routes = latencyRoutes(dataset);
      await warmUp(routes);
      let captured: Map<string, Recorded[]> | undefined;
      if (only.has("2") || only.has("1")) captured = await section("2", () => requestsPerCall(core!, counter!, dataset, routes));
      if (only.has("1") && captured) await section("1", () => stackOverhead(routes, captured!));
      if (only.has("6")) await section("6", () => soak(core!, dataset));
    }
    if (only.has("3")) await section("3", () => bundles());
    if (only.has("4") && endpoint) await section("4", () => statementsAtScale());
    if (counter) {
      const scans = (counter.totals.get("Scan") ?? 0) + ((details.statementScans as number | undefined) ?? 0);
      const total = counter.total() + ((details.statementRequests as number | undefined) ?? 0);
      row({
        id: "2.0",
        figure: "Scan requests, whole run",
        median: int(scans),
        goal: "0",
        status: scans === 0 ? "ok" : "MISSED",
        what: `every DynamoDB request of the run, counted by command (${int(total)} in all: ${[...counter.totals.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${int(v)}`).join(", ")}; plus the statement processes)`,
      });
      details.requestTotals = Object.fromEntries(counter.totals);
      if (scans > 0) exitCode.value = 1;
    }
  } catch (error) {
    console.error(error);
    row({ id: "9.9", figure: "benchmark", status: "FAILED", what: String((error as Error).message ?? error).split("\n")[0]! });
    exitCode.value = 1;
  } finally {
    await cleanup();
    if (process.env.MAIL_OUTBOX?.includes("bench-outbox-")) rmSync(process.env.MAIL_OUTBOX, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  const seconds = elapsed();
  info.loadavgEnd = loadavg().map((l) => l.toFixed(2)).join(" ");
  const table = printTable();
  const header = [
    `Benchmark of ${startedAt.toISOString()} — ${seconds.toFixed(0)} s`,
    `Machine: nproc ${info.nproc}, ${info.cpu}, ${info.memory}, Node ${info.node}, ${info.java}`,
    `Load average (1/5/15 min): ${info.loadavgStart} at start, ${info.loadavgEnd} at the end`,
  ];
  const goals = rows.filter((r) => r.status === "ok" || r.status === "MISSED" || r.status === "FAILED");
  const missed = goals.filter((r) => r.status !== "ok");
  notes.unshift(`Goals: ${goals.length - missed.length} of ${goals.length} met${missed.length ? `; missed or failed: ${missed.map((r) => `${r.id} ${r.figure.trim()}`).join("; ")}` : ""}.`);
  console.log(`\n${header.join("\n")}\n\n${table}\n${notes.length ? `\nNotes:\n${notes.map((n) => `- ${n}`).join("\n")}\n` : ""}`);
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `bench-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ startedAt, seconds, machine: info, rows, notes, details, table }, null, 2));
  copyFileSync(file, join(resultsDir, "latest.json"));
  console.log(`Saved ${relative(root, file)} (and bench/results/latest.json)`);
  process.exit(exitCode.value || Number(process.exitCode ?? 0));
}


// ---------------------------------------------------------------------------------------------
// Dataset

interface Dataset {
  adminEmail: string;
  adminPassword: string;
  states: string[];
  contributions: number;
  byYear: Map<number, number>;
  kz2022: number;
  posts: number;
  secondments: number;
}

async function loadDataset(core: typeof import("@tracker/core")): Promise<Dataset> {
  const { Actor, Budget, Contribution, MemberState, User } = core;
  const r = rng(20220);
  const seed = (JSON.parse(readFileSync(join(root, "seed/member-states-2022.json"), "utf8")) as {
    states: Array<{ code: string; en: string; ru: string; joinedOn?: string }>;
  }).states;
  const codes = seed.map((s) => s.code);
  const YEARS = Array.from({ length: 10 }, (_, i) => 2016 + i);
  const TOTAL = 5000;
  const PAYMENTS = 200;
  const VOIDS = 20;
  const adminEmail = "bench@example.org";
  const adminPassword = randomBytes(18).toString("base64url");
  const byYear = new Map<number, number>();
  let kz2022 = 0;
  let posts = 0;
  let secondments = 0;
  const t = performance.now();

  await Actor.provide({ type: "system", name: "bench" }, async () => {
    log(`loading the dataset: ${codes.length} states, ${YEARS.length} years, ${int(TOTAL)} contributions`);
    await pool(seed.length, 8, async (i) => {
      const s = seed[i]!;
      const contacts = [{ name: `Focal point of ${s.en}`, email: `focal.${s.code.toLowerCase()}@example.org`, language: (["KZ", "RU", "TJ", "KG", "UZ", "AZ", "BY"].includes(s.code) ? "ru" : "en") as "en" | "ru" }];
      if (i % 3 === 0) contacts.push({ name: `Budget officer of ${s.en}`, email: `budget.${s.code.toLowerCase()}@example.org`, language: "en" });
      await MemberState.create({ code: s.code, name: { en: s.en, ru: s.ru }, status: "member", ...(s.joinedOn ? { joinedOn: s.joinedOn } : {}), contacts });
    });
    await User.create({ email: adminEmail, name: "Benchmark", roles: ["admin", "finance", "hr"], password: adminPassword });
    for (const year of YEARS)
      await Budget.put({
        year,
        status: "approved",
        note: `Benchmark budget ${year}`,
        lines: [
          { code: "STAFF", name: "Staff costs", amountUsd: String(900000 + (year - 2016) * 25000) + ".00" },
          { code: "OPS", name: "Operations and meetings", amountUsd: "300000.00" },
          { code: "CBM", name: "Confidence-building measures", amountUsd: "150000.00" },
        ],
      });

    // Contributions: spread over the years (a little more each year) and the states (by weight).
    const inputs: Data.ContributionInput[] = [];
    for (let i = 0; i < TOTAL - PAYMENTS; i++) {
      const year = YEARS[Math.min(YEARS.length - 1, Math.floor(Math.sqrt(r.next()) * YEARS.length))]!;
      inputs.push(Data.contribution(r, Data.weightedState(r, codes), Data.dayOf(r, year), `BENCH-${year}-${i}`));
    }
    const created: Array<{ id: string; stateCode: string; currency: string; exchangeRate: string; amount: string; date: string; status: string; fiscalYear: number }> = [];
    const t1 = performance.now();
    await pool(inputs.length, 16, async (i) => {
      const c = await Contribution.create(inputs[i]!);
      created.push(c);
    });
    log(`  ${int(inputs.length)} contributions through Contribution.create in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    const pledges = created.filter((c) => c.status === "pledged").slice(0, PAYMENTS);
    const payments = pledges.map((p, i) => Data.payment(r, p, `BENCH-PAY-${i}`));
    for (let i = payments.length; i < PAYMENTS; i++) payments.push(Data.contribution(r, r.pick(codes), Data.dayOf(r, 2025), `BENCH-EXTRA-${i}`));
    await pool(payments.length, 16, async (i) => {
      created.push(await Contribution.create(payments[i]!));
    });
    const voidable = created.filter((c) => c.status === "received" && !payments.some((p) => p.pledgeId === c.id)).slice(0, VOIDS);
    for (const c of voidable) await Contribution.voidIt({ id: c.id, reason: "Recorded twice (benchmark data)", version: 1 });
    for (const c of created) {
      byYear.set(c.fiscalYear, (byYear.get(c.fiscalYear) ?? 0) + 1);
      if (c.stateCode === "KZ" && c.fiscalYear === 2022) kz2022++;
    }

    // Posts and secondments: the HR module, when core exports it.
    const hr = core as unknown as {
      Post?: { create(input: unknown): Promise<{ id: string }> };
      Secondment?: { create(input: unknown): Promise<unknown> };
    };
    if (typeof hr.Post?.create === "function" && typeof hr.Secondment?.create === "function") {
      const t2 = performance.now();
      const postInputs = Data.posts(r, 40);
      const ids: string[] = new Array(postInputs.length);
      await pool(postInputs.length, 8, async (i) => {
        ids[i] = (await hr.Post!.create(postInputs[i]!)).id;
      });
      posts = ids.length;
      const list = Data.secondments(r, ids, codes, 5);
      // One post at a time per worker: a post's secondments follow each other.
      await pool(ids.length, 8, async (p) => {
        for (const s of list.filter((x) => x.postIndex === p)) {
          await hr.Secondment!.create(s.input);
          secondments++;
        }
      });
      log(`  ${posts} posts and ${secondments} secondments through Post.create / Secondment.create in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    } else {
      notes.push("Posts and secondments skipped: Post / Secondment are not exported from @tracker/core in this checkout.");
    }
  });
  const seconds = (performance.now() - t) / 1000;
  const contributions = [...byYear.values()].reduce((a, b) => a + b, 0);
  details.dataset = { states: codes.length, years: `${YEARS[0]}–${YEARS.at(-1)}`, contributions, byYear: Object.fromEntries(byYear), kz2022, posts, secondments, voided: VOIDS, loadSeconds: seconds };
  row({
    id: "0.1",
    figure: "dataset loaded",
    median: `${seconds.toFixed(0)} s`,
    what: `${codes.length} states (with focal points), budgets ${YEARS[0]}–${YEARS.at(-1)}, ${int(contributions)} contributions (${PAYMENTS} pledge payments, ${VOIDS} voided; 2022: ${byYear.get(2022)}, KZ 2022: ${kz2022})${posts ? `, ${posts} posts, ${secondments} secondments` : ", no posts/secondments (HR module not exported)"}; through core functions`,
  });
  return { adminEmail, adminPassword, states: codes, contributions, byYear, kz2022, posts, secondments };
}

async function login(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

// ---------------------------------------------------------------------------------------------
// Routes

interface Route {
  key: string;
  label: string;
  step: LoadStep;
}

function latencyRoutes(d: Dataset): Route[] {
  return [
    { key: "list", label: "GET /api/contributions?state=KZ&year=2022", step: { method: "GET", path: "/api/contributions?state=KZ&year=2022" } },
    { key: "report", label: "GET /api/reports/contributions?year=2022", step: { method: "GET", path: "/api/reports/contributions?year=2022" } },
    {
      key: "create",
      label: "POST /api/contributions",
      step: { method: "POST", path: "/api/contributions", create: { states: d.states, year: 2026, refPrefix: "BENCH-LAT" } },
    },
    { key: "me", label: "GET /api/auth/me", step: { method: "GET", path: "/api/auth/me" } },
  ];
}

function uniqueBody(d: { states: string[] }, r = rng(Date.now() & 0xffff), refPrefix = "BENCH-LAT") {
  const body = Data.contribution(r, r.pick(d.states), Data.dayOf(r, 2026), `${refPrefix}-${randomUUID()}`);
  if (body.status === "pledged") body.status = "received";
  return body;
}

async function call(step: LoadStep, d?: { states: string[] }): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { cookie };
  let body: string | undefined;
  if (step.method === "POST") {
    body = JSON.stringify(uniqueBody(d ?? { states: ["KZ"] }));
    headers["content-type"] = "application/json";
    headers["idempotency-key"] = randomUUID();
  }
  const res = await fetch(`${base}${step.path}`, { method: step.method, headers, body });
  return { status: res.status, body: await res.text() };
}

async function warmUp(routes: Route[]) {
  log("warming up");
  const states = { states: ["KZ", "CN", "RU"] };
  for (const route of routes)
    await pool(60, 4, async () => {
      const r = await call(route.step, states);
      if (r.status >= 300) throw new Error(`${route.label}: ${r.status} ${r.body.slice(0, 300)}`);
    });
}

// ---------------------------------------------------------------------------------------------
// 2. DynamoDB requests per API call

async function requestsPerCall(core: typeof import("@tracker/core"), counter: Counter, d: Dataset, routes: Route[]) {
  log("2. DynamoDB requests per API call");
  const extra: Route[] = [
    { key: "states", label: "GET /api/states", step: { method: "GET", path: "/api/states" } },
    { key: "budget", label: "GET /api/budgets/2022", step: { method: "GET", path: "/api/budgets/2022" } },
    { key: "preview", label: "GET /api/summaries/preview?state=KZ&period=2022&lang=en", step: { method: "GET", path: "/api/summaries/preview?state=KZ&period=2022&lang=en" } },
    { key: "history", label: "GET /api/reports/contributions/states/KZ", step: { method: "GET", path: "/api/reports/contributions/states/KZ" } },
    { key: "csv", label: "GET /api/contributions.csv?year=2022", step: { method: "GET", path: "/api/contributions.csv?year=2022" } },
  ];
  // The HR routes, when the app serves them.
  for (const [key, path] of [["posts", "/api/posts"], ["secondments", "/api/secondments?year=2022"]] as const) {
    const probe = await call({ method: "GET", path });
    if (probe.status === 200) extra.push({ key, label: `GET ${path}`, step: { method: "GET", path } });
  }
  const captured = new Map<string, Recorded[]>();
  const table: Record<string, unknown> = {};
  let n = 0;
  for (const route of [...routes, ...extra]) {
    const { result, requests } = await counter.capture(() => call(route.step, d));
    if (result.status >= 300) throw new Error(`${route.label}: ${result.status} ${result.body.slice(0, 300)}`);
    captured.set(route.key, requests);
    const counts = countBy(requests);
    const contributionItems = requests.reduce((s, q) => s + (q.byEntity.contribution ?? 0), 0);
    const itemsRead = requests.reduce((s, q) => s + q.items, 0);
    table[route.label] = { counts, shape: shape(requests), itemsRead, contributionItems, requests: requests.map((q) => ({ command: q.command, index: q.indexName, items: q.items, byEntity: q.byEntity, ms: +(q.end - q.start).toFixed(2) })) };
    n++;
    row({
      id: `2.${n}`,
      figure: `requests: ${route.label}`,
      median: `${requests.length}`,
      what: `${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")} — ${shape(requests)}${itemsRead ? `; items read ${int(itemsRead)}` : ""}`,
    });
  }
  // The year report reads only that year's contributions.
  const report = captured.get("report")!;
  const read = report.reduce((s, q) => s + (q.byEntity.contribution ?? 0), 0);
  const yearQueries = report.filter((q) => q.byEntity.contribution);
  const stored = await core.Actor.provide({ type: "system", name: "bench" }, () => core.Contribution.query({ year: 2022, all: true }));
  const inYear = stored.items.length;
  row({
    id: `2.${++n}`,
    figure: "year report 2022: contribution items read",
    median: int(read),
    goal: `= ${int(inYear)}`,
    status: read === inYear ? "ok" : "MISSED",
    what: `items returned by its Query (${yearQueries.map((q) => q.indexName ?? "table").join(", ")}) vs the ${int(inYear)} contributions of 2022; the table holds ${int(d.contributions)} + the benchmark's writes`,
  });
  details.requestsPerCall = table;
  return captured;
}

// ---------------------------------------------------------------------------------------------
// 1. Stack overhead

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const COMMANDS: Record<string, new (input: never) => unknown> = {
  GetItem: GetItemCommand,
  Query: QueryCommand,
  PutItem: PutItemCommand,
  UpdateItem: UpdateItemCommand,
  DeleteItem: DeleteItemCommand,
  BatchGetItem: BatchGetItemCommand,
  BatchWriteItem: BatchWriteItemCommand,
  TransactWriteItems: TransactWriteItemsCommand,
  TransactGetItems: TransactGetItemsCommand,
};

/** The recorded requests of one call, replayed wave by wave (parallel within a wave); writes get fresh ids. */
function replayer(requests: Recorded[]) {
  const plan = waves(requests).map((w) => w.map((q) => ({ command: q.command, json: JSON.stringify(q.input) })));
  const writes = requests.some((q) => /Put|Update|Delete|Write/.test(q.command));
  for (const w of plan) for (const q of w) if (!COMMANDS[q.command]) throw new Error(`cannot replay ${q.command}`);
  return {
    /** Inputs of one replay (made before the clock starts). */
    prepare() {
      const fresh = new Map<string, string>();
      return plan.map((w) =>
        w.map((q) => ({
          command: q.command,
          input: JSON.parse(writes ? q.json.replace(UUID, (m) => fresh.get(m) ?? (fresh.set(m, randomUUID()), fresh.get(m)!)) : q.json),
        })),
      );
    },
    async run(client: DynamoDBClient, prepared: Array<Array<{ command: string; input: unknown }>>) {
      for (const w of prepared) await Promise.all(w.map((q) => client.send(new COMMANDS[q.command]!(q.input as never) as never)));
    },
  };
}

/** Direct replays of a call at a concurrency: for `seconds`, or exactly `runs` of them (each waited for). */
async function rawLatency(client: DynamoDBClient, requests: Recorded[], connections: number, limit: { seconds?: number; runs?: number }) {
  const replay = replayer(requests);
  const latencies: number[] = [];
  let errors = 0;
  let started = 0;
  const until = performance.now() + (limit.seconds ?? Infinity) * 1000;
  const more = () => (limit.runs !== undefined ? started < limit.runs : performance.now() < until);
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (more()) {
        started++;
        const prepared = replay.prepare();
        const t = performance.now();
        try {
          await replay.run(client, prepared);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors };
}

/** Sequential calls to the Hono app in this process (no socket, no HTTP parsing): the app's own time. */
async function inProcess(app: { request(url: string, init: RequestInit): Response | Promise<Response> }, step: LoadStep, n: number) {
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const headers: Record<string, string> = { cookie };
    let body: string | undefined;
    if (step.method === "POST") {
      body = JSON.stringify(uniqueBody({ states: step.create!.states }, rng(i + 1), step.create!.refPrefix));
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(body));
      headers["idempotency-key"] = randomUUID();
    }
    const t = performance.now();
    const res = await app.request(`${base}${step.path}`, { method: step.method, headers, body });
    await res.text();
    latencies.push(performance.now() - t);
    if (res.status >= 300) throw new Error(`${step.method} ${step.path} in-process: ${res.status}`);
  }
  return latencies;
}

async function stackOverhead(routes: Route[], captured: Map<string, Recorded[]>) {
  log("1. stack overhead");
  const { app } = await import("@tracker/functions/app");
  const raw = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 5000 },
  });
  const results: Record<string, unknown> = {};
  let n = 0;
  for (const route of routes) {
    const requests = captured.get(route.key)!;
    // Warm the direct client on this call.
    const warm = replayer(requests);
    for (let i = 0; i < 30; i++) await warm.run(raw, warm.prepare());
    for (const connections of [1, 16]) {
      // Alternating slices of each (so that both see the same background load), of the same number of
      // requests, every one waited for: about 0.75 s of direct replays, calibrated here.
      const calibration = await rawLatency(raw, requests, connections, { seconds: 0.5 });
      const perSlice = Math.max(2 * connections, Math.min(1500, Math.round(calibration.latencies.length * 1.5)));
      const api: LoadResult = { latencies: [], requests: 0, status: {}, errors: 0, timeouts: 0, seconds: 0, ackedIds: [], ackedNoId: 0 };
      const direct = { latencies: [] as number[], errors: 0 };
      // At concurrency 1, also the app without HTTP (app.request in this process): splits the overhead into app code and HTTP.
      const local: number[] = [];
      for (let slice = 0; slice < LATENCY_SLICES; slice++) {
        const a = await load({ url: base, cookie, connections, duration: 0, amount: perSlice, steps: [route.step], seed: 1000 + 100 * n + slice });
        api.latencies.push(...a.latencies);
        api.requests += a.requests;
        api.errors += a.errors;
        api.timeouts += a.timeouts;
        api.seconds += a.seconds;
        for (const [k, v] of Object.entries(a.status)) api.status[k] = (api.status[k] ?? 0) + v;
        if (connections === 1) local.push(...(await inProcess(app, route.step, Math.min(perSlice, 300))));
        const d = await rawLatency(raw, requests, connections, { runs: perSlice });
        direct.latencies.push(...d.latencies);
        direct.errors += d.errors;
      }
      const bad = Object.entries(api.status).filter(([code]) => !code.startsWith("2")).reduce((s, [, v]) => s + v, 0);
      const apiMedian = median(api.latencies);
      const rawMedian = median(direct.latencies);
      const ratio = apiMedian / rawMedian;
      const localMedian = median(local);
      const split = connections === 1 && local.length
        ? `; median split: DynamoDB ${ms(rawMedian, 1)} + app code ${ms(localMedian - rawMedian, 1)} (app.request in-process, no HTTP) + HTTP ${ms(apiMedian - localMedian, 1)}`
        : "";
      results[`${route.label} c=${connections}`] = {
        ...(local.length ? { inProcess: { median: localMedian, p99: p99(local), n: local.length } } : {}),
        api: { median: apiMedian, p99: p99(api.latencies), n: api.requests, rps: api.requests / api.seconds, non2xx: bad, errors: api.errors, timeouts: api.timeouts },
        raw: { median: rawMedian, p99: p99(direct.latencies), n: direct.latencies.length, errors: direct.errors, shape: shape(requests) },
        ratio,
      };
      n++;
      const id = `1.${n}`;
      row({
        id,
        figure: `${route.label} c=${connections}`,
        median: `API ${ms(apiMedian)} / DB ${ms(rawMedian)} = ${ratio.toFixed(2)}×`,
        p99: `API ${ms(p99(api.latencies), 1)} / DB ${ms(p99(direct.latencies), 1)}`,
        goal: "≤ 1.5×",
        status: bad || api.errors || direct.errors ? "FAILED" : ratio <= 1.5 ? "ok" : "MISSED",
        what: `latency through the API (autocannon, ${int(api.requests)} req, ${(api.requests / api.seconds).toFixed(0)}/s${bad ? `, ${bad} non-2xx` : ""}) vs its ${requests.length} DynamoDB requests issued directly (${shape(requests)}; ${int(direct.latencies.length)} runs${direct.errors ? `, ${direct.errors} errors` : ""})${split}`,
      });
      log(`  ${route.label} c=${connections}: API ${ms(apiMedian)} / DB ${ms(rawMedian)} = ${ratio.toFixed(2)}×`);
    }
  }
  raw.destroy();
  details.stackOverhead = results;
}

// ---------------------------------------------------------------------------------------------
// 6. Soak

async function soak(core: typeof import("@tracker/core"), d: Dataset) {
  log(`6. soak: ${SOAK_SECONDS} s of mixed reads and writes at concurrency 16`);
  const create: LoadStep = { method: "POST", path: "/api/contributions", create: { states: d.states, year: 2026, refPrefix: "BENCH-SOAK" } };
  const steps: LoadStep[] = [
    { method: "GET", path: "/api/contributions?state=KZ&year=2022" },
    create,
    { method: "GET", path: "/api/reports/contributions?year=2022" },
    { method: "GET", path: "/api/auth/me" },
    create,
    { method: "GET", path: "/api/states" },
    { method: "GET", path: "/api/contributions?state=CN&year=2021" },
    create,
    { method: "GET", path: "/api/budgets/2022" },
    { method: "GET", path: "/api/contributions?year=2026&limit=50" },
  ];
  const gc = (globalThis as { gc?: () => void }).gc;
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      gc?.();
      await new Promise((r) => setTimeout(r, 200));
    }
    return process.memoryUsage();
  };
  const before = await settle();
  let peakRss = before.rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 1000);
  const result = await load({ url: base, cookie, connections: 16, duration: SOAK_SECONDS, steps, seed: 4242, collectIds: true });
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 1000));
  const after = await settle();

  const five = Object.entries(result.status).filter(([c]) => c.startsWith("5")).reduce((s, [, v]) => s + v, 0);
  const four = Object.entries(result.status).filter(([c]) => c.startsWith("4")).reduce((s, [, v]) => s + v, 0);
  const stored = await core.Actor.provide({ type: "system", name: "bench" }, () => core.Contribution.query({ year: 2026, all: true }));
  const soakIds = new Set(stored.items.filter((c) => c.reference?.startsWith("BENCH-SOAK-")).map((c) => c.id));
  const acked = result.ackedIds;
  const lost = acked.filter((id) => !soakIds.has(id)).length + result.ackedNoId;
  const ackedSet = new Set(acked);
  const unacknowledged = [...soakIds].filter((id) => !ackedSet.has(id)).length;
  const heapChange = (after.heapUsed - before.heapUsed) / before.heapUsed;
  const rssChange = (after.rss - before.rss) / before.rss;
  details.soak = {
    seconds: result.seconds,
    requests: result.requests,
    status: result.status,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: { median: median(result.latencies), p99: p99(result.latencies) },
    acked: acked.length,
    stored: soakIds.size,
    lost,
    unacknowledged,
    memory: { gc: !!gc, before, after, peakRss },
  };
  row({
    id: "6.1",
    figure: "soak: requests",
    median: int(result.requests),
    what: `${SOAK_SECONDS} s at concurrency 16, ${(result.requests / result.seconds).toFixed(0)}/s; 3 writes in 10 (POST /api/contributions) and 7 reads (list, year report, me, states, budget); status ${Object.entries(result.status).map(([k, v]) => `${k}: ${int(v)}`).join(", ")}${result.errors ? `; ${result.errors} connection errors (${result.timeouts} timeouts)` : ""}`,
  });
  row({ id: "6.2", figure: "soak: latency, all requests", median: ms(median(result.latencies)), p99: ms(p99(result.latencies), 1), what: "through the API, mixed reads and writes" });
  row({ id: "6.3", figure: "soak: 5xx answers", median: int(five), goal: "0", status: five === 0 && result.errors === 0 ? "ok" : "MISSED", what: `server errors (and ${result.errors} connection errors/timeouts; ${four} 4xx)` });
  row({
    id: "6.4",
    figure: "soak: lost writes",
    median: int(lost),
    goal: "0",
    status: lost === 0 ? "ok" : "MISSED",
    what: `contributions acknowledged with 201 (${int(acked.length)}) but not stored; stored: ${int(soakIds.size)}${unacknowledged ? ` (+${unacknowledged} stored whose answer the load generator did not wait for: in flight when it stopped, at most 16)` : ""}`,
  });
  row({
    id: "6.5",
    figure: "soak: server heapUsed after GC",
    median: `${mb(before.heapUsed)} → ${mb(after.heapUsed)} (${heapChange >= 0 ? "+" : ""}${(heapChange * 100).toFixed(1)} %)`,
    goal: "within 20 %",
    status: Math.abs(heapChange) <= 0.2 ? "ok" : "MISSED",
    what: `V8 heapUsed of the in-process server (benchmark process) at the start and the end of the soak, each after ${gc ? "global.gc() (--expose-gc)" : "NO forced GC (run with --expose-gc)"}`,
  });
  row({
    id: "6.6",
    figure: "soak: server RSS",
    median: `${mb(before.rss)} → ${mb(after.rss)} (${rssChange >= 0 ? "+" : ""}${(rssChange * 100).toFixed(1)} %)`,
    what: `resident set size of the same process, peak ${mb(peakRss)} during the soak (for reference; the goal is on heapUsed)`,
  });
}

// ---------------------------------------------------------------------------------------------
// 3. Lambda bundles

async function bundles() {
  log("3. Lambda bundles");
  // The brief's build with the root esbuild; `sst deploy`'s with the esbuild SST itself bundles with.
  const esbuild = await import("esbuild");
  let sstEsbuild: typeof esbuild = esbuild;
  let sstEsbuildVersion = "";
  try {
    const fromSst = createRequire(join(root, "node_modules/sst/package.json"));
    sstEsbuild = fromSst("esbuild") as typeof esbuild;
    sstEsbuildVersion = (fromSst("esbuild/package.json") as { version: string }).version;
  } catch {}
  const out = join(resultsDir, "lambda");
  rmSync(out, { recursive: true, force: true });
  const banner = [
    `import { createRequire as topLevelCreateRequire } from 'module';`,
    `const require = topLevelCreateRequire(import.meta.url);`,
    `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
    `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  ].join("\n");
  const variants = {
    // What the brief measures: the SDK v3 from the Node.js 22 runtime.
    lambda: { target: "node22", external: ["sharp", "pg-native", "@aws-sdk/*"] },
    // What `sst deploy` (SST 2.49.8, nodejs.format esm) builds with this repository's sst.config.ts: the SDK is bundled.
    sst: { target: "esnext", external: ["sharp", "pg-native"] },
  } as const;
  const built: Record<string, { file: string; bytes: number; gzip: number; inputs: Array<[string, number]>; packages: Array<[string, number]> }> = {};
  for (const [variant, v] of Object.entries(variants))
    for (const name of ["api", "summaries"]) {
      const file = join(out, variant, `${name}.mjs`);
      const result = await (variant === "sst" ? sstEsbuild : esbuild).build({
        entryPoints: [join(root, `packages/functions/src/${name}.ts`)],
        outfile: file,
        bundle: true,
        platform: "node",
        format: "esm",
        target: v.target,
        mainFields: ["module", "main"],
        minify: true,
        keepNames: true,
        sourcemap: false,
        metafile: true,
        logLevel: "silent",
        external: [...v.external],
        banner: { js: banner },
      });
      const output = Object.values(result.metafile.outputs)[0]!;
      const body = readFileSync(file);
      const inputs = Object.entries(output.inputs).map(([k, i]) => [k, i.bytesInOutput] as [string, number]).sort((a, b) => b[1] - a[1]);
      const packages = new Map<string, number>();
      for (const [k, b] of inputs) {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(k);
        const pkg = m ? m[1]! : k.startsWith("packages/") ? k.split("/").slice(0, 2).join("/") : k;
        packages.set(pkg, (packages.get(pkg) ?? 0) + b);
      }
      built[`${variant}/${name}`] = { file, bytes: body.length, gzip: gzipSync(body).length, inputs: inputs.slice(0, 10), packages: [...packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10) };
    }

  const api = built["lambda/api"]!;
  const sum = built["lambda/summaries"]!;
  const sstApi = built["sst/api"]!;
  row({ id: "3.1", figure: "API Lambda bundle (minified)", median: `${kb(api.bytes)} (gzip ${kb(api.gzip)})`, goal: "≤ 400 KB", status: api.bytes <= 400 * 1024 ? "ok" : "MISSED", what: `packages/functions/src/api.ts, esbuild ${(await import("esbuild")).version} ESM, platform node, target node22, minify, keepNames, external @aws-sdk/* (runtime SDK v3)` });
  api.inputs.slice(0, 5).forEach(([k, b], i) => row({ id: `3.1.${i + 1}`, figure: `  API input #${i + 1}`, median: kb(b), what: k }));
  row({ id: "3.1.6", figure: "  API by package (top 5)", median: "", what: api.packages.slice(0, 5).map(([k, b]) => `${k} ${kb(b)}`).join(", ") });
  row({ id: "3.2", figure: "Summaries Lambda bundle (minified)", median: `${kb(sum.bytes)} (gzip ${kb(sum.gzip)})`, what: "packages/functions/src/summaries.ts, same options" });
  sum.inputs.slice(0, 5).forEach(([k, b], i) => row({ id: `3.2.${i + 1}`, figure: `  summaries input #${i + 1}`, median: kb(b), what: k }));
  row({
    id: "3.3",
    figure: "API bundle as `sst deploy` builds it",
    median: `${kb(sstApi.bytes)} (gzip ${kb(sstApi.gzip)})`,
    what: `SST 2.49.8's own build (esbuild ${sstEsbuildVersion || "(root)"}, format esm, target esnext) with this sst.config.ts does not mark @aws-sdk/* external: the SDK is bundled (summaries: ${kb(built["sst/summaries"]!.bytes)})`,
  });

  // Cold module initialisation: a fresh node importing the bundle, minus a bare node.
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: "eu-central-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    SST_APP: "secretariat-tracker",
    SST_STAGE: "bench",
    SST_REGION: "eu-central-1",
    SST_Secret_value_SESSION_SECRET: randomBytes(48).toString("base64url"),
    SST_Table_tableName_Database: "tracker-bench",
    MAIL_TRANSPORT: "ses",
    MAIL_FROM: "CICA Secretariat <statements@example.org>",
  };
  const spawnMs = (args: string[]) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { env, encoding: "utf8" });
    const elapsedMs = performance.now() - t;
    if (r.status !== 0) throw new Error(`node ${args.join(" ")}: ${r.status}\n${r.stderr}`);
    return elapsedMs;
  };
  const importScript = (file: string) =>
    `const m = await import(${JSON.stringify(`file://${file}`)}); if (typeof m.handler !== "function") { console.error("no handler"); process.exit(3); }`;
  const RUNS = 10;
  const bare: number[] = [];
  const times: Record<string, number[]> = { "lambda/api": [], "lambda/summaries": [], "sst/api": [] };
  spawnMs(["-e", ""]);
  for (let i = 0; i < RUNS; i++) {
    bare.push(spawnMs(["-e", ""]));
    for (const k of Object.keys(times)) times[k]!.push(spawnMs(["--input-type=module", "-e", importScript(built[k]!.file)]));
  }
  const bareMedian = median(bare);
  // Where the API's cold init goes: the SDK clients it loads from the runtime, then the bundle's own code.
  const parts: Record<string, number[]> = { dynamodb: [], ssm: [], bundle: [] };
  const breakdown = [
    `let t = performance.now(); await import("@aws-sdk/client-dynamodb"); await import("@aws-sdk/lib-dynamodb"); const dynamodb = performance.now() - t;`,
    `t = performance.now(); await import("@aws-sdk/client-ssm"); const ssm = performance.now() - t;`,
    `t = performance.now(); await import(${JSON.stringify(`file://${built["lambda/api"]!.file}`)}); const bundle = performance.now() - t;`,
    `console.log(JSON.stringify({ dynamodb, ssm, bundle }));`,
  ].join("\n");
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", breakdown], { env, encoding: "utf8", cwd: out });
    if (r.status !== 0) throw new Error(`cold init breakdown: ${r.stderr}`);
    const p = JSON.parse(r.stdout.trim()) as Record<string, number>;
    for (const k of Object.keys(parts)) parts[k]!.push(p[k]!);
  }
  const part = (k: string) => median(parts[k]!);
  const cold = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v) - bareMedian]));
  row({ id: "3.4", figure: "API cold module init", median: ms(cold["lambda/api"]!, 0), goal: "≤ 150 ms", status: cold["lambda/api"]! <= 150 ? "ok" : "MISSED", what: `a fresh \`node\` importing the bundle (median of ${RUNS}; slowest ${ms(Math.max(...times["lambda/api"]!) - bareMedian, 0)}) minus a bare \`node -e ""\` (${ms(bareMedian, 0)}); the SDK loads from node_modules as the runtime's would` });
  row({
    id: "3.4.1",
    figure: "  API cold init: where it goes",
    median: "",
    what: `@aws-sdk/client-dynamodb + lib-dynamodb ${ms(part("dynamodb"), 0)}, @aws-sdk/client-ssm (imported by sst/node/config) ${ms(part("ssm"), 0)}, the bundle's own code ${ms(part("bundle"), 0)} (medians of 5, imported in this order)`,
  });
  row({ id: "3.5", figure: "Summaries cold module init", median: ms(cold["lambda/summaries"]!, 0), what: `same measure, statements Lambda (slowest ${ms(Math.max(...times["lambda/summaries"]!) - bareMedian, 0)})` });
  row({ id: "3.6", figure: "API cold init, SDK bundled (sst deploy)", median: ms(cold["sst/api"]!, 0), what: `same measure, the bundle of row 3.3 (slowest ${ms(Math.max(...times["sst/api"]!) - bareMedian, 0)})` });
  details.bundles = { built, cold, bare, times, breakdown: parts };
}

// ---------------------------------------------------------------------------------------------
// 4. Statements at scale

async function statementsAtScale() {
  log("4. statements at scale");
  const sizes = [
    { key: "small", states: 28, perState: 50, synthetic: false, load: "core" as const },
    { key: "large", states: 200, perState: LARGE_PER_STATE, synthetic: true, load: "batch" as const },
  ];
  const results: Record<string, any> = {};
  let scans = 0;
  let requests = 0;
  for (const size of sizes) {
    // The statement run after the load takes about a third of the load's time (measured here): the load gets what is left / 1.4.
    const loadBudgetSeconds = Math.max(30, Math.min(300, (RUN_BUDGET_SECONDS - elapsed() - 10) / 1.4));
    const env = {
      ...process.env,
      DYNAMODB_ENDPOINT: endpoint,
      TABLE_NAME: `bench-statements-${size.key}-${randomBytes(3).toString("hex")}`,
      SESSION_SECRET: randomBytes(48).toString("base64url"),
      MAIL_OUTBOX: mkdtempSync(join(tmpdir(), "bench-statements-")),
      MAIL_TRANSPORT: "outbox",
    };
    delete (env as Record<string, unknown>).SMTP_URL;
    log(`  ${size.states} states × ${size.perState} contributions (${size.load === "core" ? "Contribution.create" : "batch writes"}; load budget ${loadBudgetSeconds.toFixed(0)} s)`);
    const r = JSON.parse(
      await runNode(["bench/statements.ts", JSON.stringify({ ...size, loadBudgetSeconds })], { env, timeoutMs: 600_000 }),
    );
    rmSync(env.MAIL_OUTBOX, { recursive: true, force: true });
    results[size.key] = r;
    scans += r.scans;
    requests += r.requests;
    log(`    loaded ${int(r.contributions)} in ${r.loadSeconds.toFixed(0)} s; run ${(r.runMs / 1000).toFixed(1)} s, ${r.requests} requests`);
  }
  details.statementScans = scans;
  details.statementRequests = requests;
  details.statements = results;
  const s = results.small;
  const l = results.large;
  let n = 0;
  for (const r of [s, l]) {
    const label = `statements ${r.states} × ${int(r.perState)}`;
    row({
      id: `4.${++n}`,
      figure: `${label}: time`,
      median: `${(r.runMs / 1000).toFixed(1)} s = ${(r.runMs / r.states).toFixed(1)} ms/state`,
      status: r.failed || r.sent !== r.states ? "FAILED" : "",
      what: `Summary.run for ${r.period}, ${r.states} states × 1 focal point → ${int(r.emails)} emails in the outbox (${mb(r.emailBytes)}${r.failed ? `; ${r.failed} FAILED: ${JSON.stringify(r.failures)}` : ""}); ${((r.runMs / r.contributions) * 1000).toFixed(0)} µs per contribution; ${int(r.contributions)} contributions (half ${r.period}, half the year before) loaded by ${r.load === "core" ? "Contribution.create" : "BatchWriteItem of core's ContributionEntity"} in ${r.loadSeconds.toFixed(0)} s${r.reducedFrom ? `; REDUCED from ${int(r.reducedFrom)} per state to fit the 10-minute run` : ""}`,
    });
    row({
      id: `4.${++n}`,
      figure: `${label}: DynamoDB requests`,
      median: `${int(r.requests)} = ${(r.requests / r.states).toFixed(2)}/state`,
      what: `${Object.entries(r.counts).map(([k, v]) => `${k} ${int(v as number)}`).join(", ")}; items read ${int(r.items)} (every contribution once, plus the member-state list)`,
    });
  }
  const reqGrowth = l.requests / l.states / (s.requests / s.states);
  const msPerContribution = [s.runMs / s.contributions, l.runMs / l.contributions];
  const linear = reqGrowth <= 1.1 && msPerContribution[1]! <= msPerContribution[0]! * 1.5;
  row({
    id: `4.${++n}`,
    figure: "statements: growth with the data",
    median: `req/state ×${reqGrowth.toFixed(2)}, µs/contribution ×${(msPerContribution[1]! / msPerContribution[0]!).toFixed(2)}`,
    goal: "linear",
    status: linear ? "ok" : "MISSED",
    what: `contributions per state grow ${(l.perState / s.perState).toFixed(0)}× and states ${(l.states / s.states).toFixed(1)}×: requests per state stay flat (${(s.requests / s.states).toFixed(2)} → ${(l.requests / l.states).toFixed(2)}), time per contribution ${(msPerContribution[0]! * 1000).toFixed(0)} → ${(msPerContribution[1]! * 1000).toFixed(0)} µs (linear: requests/state ≤ 1.1×, µs/contribution ≤ 1.5×)`,
  });
  if (l.reducedFrom) notes.push(`Statements at scale: the large size was reduced to 200 states × ${l.perState} (from ${l.reducedFrom}): loading at this machine's rate would not fit the 10-minute run.`);
}

await main();
