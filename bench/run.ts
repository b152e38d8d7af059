/**
 * `npm run bench`: the product's performance on this machine, in one table
 * (also saved as JSON under bench/results/).
 *
 *  1. Stack overhead: API latency (autocannon, concurrency 1 and 16) beside the
 *     same DynamoDB requests issued directly with the SDK.
 *  2. DynamoDB requests per API call (SDK middleware on core's client); no Scan.
 *  3. Lambda bundles as `sst deploy` builds them (SST's own build of sst.config.ts): size, largest
 *     inputs, cold init, network calls during init, and the other choice for the AWS SDK.
 *  4. Statements at scale: time and requests for 28 × 50 and 200 × 1,000.
 *  5. Web: first-load JavaScript and CSS of the production build, gzip.
 *  6. Soak: two minutes of mixed reads and writes at concurrency 16.
 *  7. Sign-in cost: one scrypt hash, beside the API function's memory setting.
 *  8. Year report against the ledger's size: items read at 5,000 to 200,000 contributions; verify.
 *
 * The last line says how many goals were met.
 * Everything runs on its own DynamoDB Local and server (free ports, loopback).
 * BENCH_ONLY=1,2 runs some sections (5 and 7 need no database; 3 uses it for the first signed-in request); BENCH_SOAK_SECONDS, BENCH_LATENCY_SLICES,
 * BENCH_STATEMENTS_PER_STATE and BENCH_BUDGET_SECONDS change the sizes (the defaults are the benchmark).
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ensureTable, freePort, startDynamoLocal, type RunningDynamo } from "../packages/core/src/dev/dynamo-local";
import { details, elapsed, log, notes, only, printTable, resultsDir, root, row, rows, session, startedAt } from "./lib/context";
import { installCounter, type Counter, type Recorded } from "./lib/ddb-counter";
import { machine } from "./lib/machine";
import { stopLoader } from "./lib/processes";
import { latencyRoutes, loadDataset, login, warmUp } from "./lib/session";
import { int } from "./lib/stats";
import { bundles } from "./sections/bundles";
import { importRows } from "./sections/imports";
import { stackOverhead } from "./sections/overhead";
import { requestsPerCall } from "./sections/requests";
import { soak } from "./sections/soak";
import { statementsAtScale } from "./sections/statements";
import { signIn } from "./sections/signin";
import { totalsAtScale } from "./sections/totals";
import { web } from "./sections/web";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= "1";

let dynamo: RunningDynamo | undefined;
let server: { close(cb?: () => void): unknown } | undefined;
async function cleanup() {
  stopLoader();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
  await dynamo?.stop();
  dynamo = undefined;
}
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });

/** Seconds each section took, for the run's own row. */
const sectionSeconds: Array<[string, number]> = [];

async function section<T>(id: string, run: () => Promise<T>): Promise<T | undefined> {
  const start = elapsed();
  try {
    return await run();
  } finally {
    sectionSeconds.push([id, elapsed() - start]);
  }
}

async function guarded<T>(id: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await section(id, run);
  } catch (error) {
    console.error(error);
    row({ id: `${id}.0.0`, figure: `section ${id}`, status: "FAILED", what: String((error as Error).message ?? error).split("\n").slice(0, 3).join(" / ") });
    process.exitCode = 1;
    return undefined;
  }
}

async function main() {
  const info = machine();
  details.machine = info;
  log(`${info.nproc} × ${info.cpu}, ${info.memory}, Node ${info.node}; load average ${info.loadavgStart}`);

  // 5. Web: built first (npm run build:web), measured at once.
  if (only.has("5")) await section("5", async () => web());

  // The database (sections 1, 2, 3, 4, 6, 8) and the in-process server (1, 2, 6).
  const needDatabase = ["1", "2", "3", "4", "6", "8", "9"].some((s) => only.has(s));
  const needServer = ["1", "2", "6"].some((s) => only.has(s));
  let counter: Counter | undefined;
  let core: typeof import("@tracker/core") | undefined;
  const TABLE = `bench-main-${randomBytes(3).toString("hex")}`;
  const exitCode = { value: 0 };

  try {
    if (needDatabase) {
      log("starting DynamoDB Local (in memory)");
      dynamo = await startDynamoLocal();
      session.endpoint = dynamo.endpoint;
      await ensureTable(session.endpoint, TABLE);
      process.env.DYNAMODB_ENDPOINT = session.endpoint;
      process.env.TABLE_NAME = TABLE;
      process.env.SESSION_SECRET = randomBytes(48).toString("base64url");
      process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "bench-outbox-"));
      // Imported only now: the core reads DYNAMODB_ENDPOINT / TABLE_NAME / SESSION_SECRET at import.
      core = await import("@tracker/core");
      const dynamoModule = await import("@tracker/core/dynamo");
      counter = installCounter(dynamoModule.client);
    }

    if (needServer && core && counter) {
      const dataset = (await section("0", () => loadDataset(core!)))!;
      const { startServer } = await import("@tracker/functions/local");
      const port = await freePort();
      server = await startServer({ port, webRoot: join(root, "packages/web/dist"), hostname: "127.0.0.1" });
      session.base = `http://127.0.0.1:${port}`;
      session.cookie = await login(session.base, dataset.adminEmail, dataset.adminPassword);
      log(`server on ${session.base}`);

      const routes = latencyRoutes(dataset);
      await warmUp(routes);
      let captured: Map<string, Recorded[]> | undefined;
      if (only.has("2") || only.has("1")) captured = await guarded("2", () => requestsPerCall(core!, counter!, dataset, routes));
      if (only.has("1") && captured) await guarded("1", () => stackOverhead(routes, captured!));
      if (only.has("6")) await guarded("6", () => soak(core!, dataset));
    }
    if (only.has("3")) await guarded("3", () => bundles());
    if (only.has("7")) await guarded("7", () => signIn());
    // 8 before 4: the large statement load takes what is left of the run's budget.
    if (only.has("8") && core && counter) await guarded("8", () => totalsAtScale(core!, counter!));
    if (only.has("9") && core && counter) await guarded("9", () => importRows(core!, counter!));
    if (only.has("4") && session.endpoint) await guarded("4", () => statementsAtScale());
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
  row({
    id: "0.2",
    figure: "time per section",
    median: sectionSeconds.map(([id, s]) => `${id}: ${s.toFixed(0)} s`).join(", "),
    what: "wall time of each section, in the order run (0 is the dataset and the server's start)",
  });
  if (only.size >= 8)
    row({
      id: "0.3",
      figure: "the whole run",
      median: `${seconds.toFixed(0)} s`,
      goal: "≤ 600 s",
      status: seconds <= 600 ? "ok" : "MISSED",
      what: "from the start to the table, every section",
    });
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
  console.log(`${goals.length - missed.length} of ${goals.length} goals met`);
  process.exit(exitCode.value || Number(process.exitCode ?? 0));
}


await main();
