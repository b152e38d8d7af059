/**
 * 3. Lambda bundles, as `sst deploy` builds them (bench/lib/sst-build.ts drives SST's own build with
 * sst.config.ts and the stacks): size, largest inputs, cold module init, network calls during init, and
 * the other choice for the AWS SDK (runtime or bundle) measured beside the deployed one.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import { details, log, resultsDir, root, row, session } from "../lib/context";
import { runNode } from "../lib/processes";
import type { BuiltFunction } from "../lib/sst-build";
import { kb, median, ms } from "../lib/stats";

const API_BAR_KB = 400;
const API_GOAL_KB = 250;
const INIT_BAR_MS = 150;
const INIT_GOAL_MS = 80;
const RUNS = 10;

interface Measured extends BuiltFunction {
  /** What loads at init: the entry file and every chunk it imports statically (transitively), minified. */
  bytes: number;
  gzip: number;
  /** The entry file alone. */
  entryBytes: number;
  /** Every file of the artifact (what Lambda unzips), lazy chunks included. */
  totalBytes: number;
  /** Files loaded at init. */
  files: number;
  inputs: Array<[string, number]>;
  packages: Array<[string, number]>;
  /** External packages the bundle imports at load (not dynamic imports). */
  externalAtLoad: string[];
}

type Output = Metafile["outputs"][string] & { entryPoint?: string; imports?: Array<{ path: string; kind: string; external?: boolean }> };
type Metafile = BuiltFunction["metafile"];

/** The package (or our own folder) an esbuild input belongs to. */
function packageOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)(?!.*node_modules)/.exec(input);
  if (m) return m[1]!;
  return input.startsWith("packages/") ? input.split("/").slice(0, 4).join("/").replace(/\.tsx?$/, "") : input;
}

/**
 * With code splitting the entry file is only part of what loads: the chunks it imports statically load
 * with it. So the size is the entry plus its static chunks (transitively); dynamic imports are left out
 * (they load on demand) but counted in the artifact's total.
 */
function measure(f: BuiltFunction): Measured {
  const outputs = f.metafile.outputs as Record<string, Output>;
  const source = `${f.handler.replace(/\.[^.]+$/, "")}.ts`;
  const entry = Object.keys(outputs).find((k) => outputs[k]!.entryPoint === source) ?? Object.keys(outputs).find((k) => outputs[k]!.entryPoint)!;
  const atLoad = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const k = stack.pop()!;
    if (atLoad.has(k) || !outputs[k]) continue;
    atLoad.add(k);
    for (const i of outputs[k]!.imports ?? []) if (!i.external && i.kind === "import-statement") stack.push(i.path);
  }
  // The output paths are relative to SST's artifact folder; the files were copied to f.dir.
  const entryFile = f.file;
  const base = entry.slice(0, entry.length - entryFile.split("/").pop()!.length);
  const local = (k: string) => join(dirname(entryFile), k.slice(base.length));
  let bytes = 0;
  let gzip = 0;
  const inputs = new Map<string, number>();
  const imports: NonNullable<Output["imports"]> = [];
  for (const k of atLoad) {
    const body = readFileSync(local(k));
    bytes += body.length;
    gzip += gzipSync(body).length;
    for (const [i, v] of Object.entries(outputs[k]!.inputs)) inputs.set(i, (inputs.get(i) ?? 0) + v.bytesInOutput);
    imports.push(...(outputs[k]!.imports ?? []));
  }
  const sorted = [...inputs.entries()].sort((a, b) => b[1] - a[1]);
  const packages = new Map<string, number>();
  for (const [k, b] of sorted) packages.set(packageOf(k), (packages.get(packageOf(k)) ?? 0) + b);
  const externalAtLoad = [...new Set(imports.filter((i) => i.external && i.kind !== "dynamic-import" && !i.path.startsWith("node:") && !/^[a-z_]+$/.test(i.path)).map((i) => i.path))].sort();
  return {
    ...f,
    bytes,
    gzip,
    entryBytes: outputs[entry]!.bytes,
    totalBytes: Object.values(outputs).reduce((a, o) => a + o.bytes, 0),
    files: atLoad.size,
    inputs: sorted,
    packages: [...packages.entries()].sort((a, b) => b[1] - a[1]),
    externalAtLoad,
  };
}

/** What Lambda sets for a Node.js function bound by SST (the secret as SST binds it: a placeholder). */
function lambdaEnv(f: BuiltFunction): NodeJS.ProcessEnv {
  const region = "eu-central-1";
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_OPTIONS: "",
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${f.props.runtime ?? "nodejs22.x"}`,
    AWS_LAMBDA_FUNCTION_NAME: `bench-secretariat-tracker-${f.name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(f.props.memorySize ?? 1024),
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    AWS_SESSION_TOKEN: "bench",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
    SST_APP: "secretariat-tracker",
    SST_STAGE: "bench",
    SST_REGION: region,
    SST_SSM_PREFIX: "/sst/secretariat-tracker/bench/",
    SST_Secret_value_SESSION_SECRET: "__FETCH_FROM_SSM__",
    SST_Secret_value_ORIGIN_SECRET: "__FETCH_FROM_SSM__",
    SST_Table_tableName_Database: "bench-secretariat-tracker-Database-table",
    MAIL_TRANSPORT: "ses",
    MAIL_FROM: "CICA Secretariat <statements@example.org>",
  };
}

const preload = join(root, "bench/lib/count-network.mjs");
const probe = join(root, "bench/lib/cold-init.mjs");

function coldRun(f: BuiltFunction | undefined, options: object = {}, envChange?: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv) {
  const base = f ? lambdaEnv(f) : lambdaEnv({ name: "bare", props: {} } as BuiltFunction);
  const env = envChange ? envChange(base) : base;
  // The network counter refuses every call; a run that answers a request against DynamoDB Local goes without it.
  const args = [...(envChange ? [] : ["--import", preload]), probe, ...(f ? [f.file] : [""]), JSON.stringify(options)];
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { env, encoding: "utf8", cwd: f?.dir ?? root });
  const elapsedMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`cold init of ${f?.file ?? "bare node"}: exit ${r.status}\n${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as { ok: boolean; error?: string; calls: string[]; parts: Record<string, number>; status?: number };
  return { ms: elapsedMs, ...out };
}

/** packages/functions/src/origin.ts ORIGIN_HEADER (not imported: it would load core before run.ts sets its environment). */
const ORIGIN_HEADER = "x-origin-verify";
const FIRST_REQUEST = "/api/contributions?state=KZ&year=2022";
const REQUEST_RUNS = 5;

/**
 * A signed-in session on DynamoDB Local (the run's table): a user made through core and signed in
 * through Auth.login, as the web would be before the function went cold.
 */
async function signedInSession(): Promise<{ request: object; env: (e: NodeJS.ProcessEnv) => NodeJS.ProcessEnv } | undefined> {
  if (!session.endpoint || !process.env.SESSION_SECRET) return undefined;
  const core = await import("@tracker/core");
  const email = `cold-start-${Date.now()}@example.org`;
  const password = randomBytes(18).toString("base64url");
  await core.Actor.provide({ type: "system", name: "bench" }, () => core.User.create({ email, name: "Cold start", roles: ["finance"], password }));
  const { token } = await core.Auth.login({ email, password });
  const originSecret = randomBytes(24).toString("base64url");
  return {
    request: { path: FIRST_REQUEST, cookie: `__Host-session=${token}`, headers: { [ORIGIN_HEADER]: originSecret } },
    env: (e) => {
      const { SST_Secret_value_SESSION_SECRET: _s, SST_Secret_value_ORIGIN_SECRET: _o, ...rest } = e;
      return { ...rest, DYNAMODB_ENDPOINT: session.endpoint, TABLE_NAME: process.env.TABLE_NAME, SESSION_SECRET: process.env.SESSION_SECRET, ORIGIN_SECRET: originSecret };
    },
  };
}

export async function bundles() {
  log("3. Lambda bundles: SST's own build (deploy mode) of every function in sst.config.ts");
  const out = join(resultsDir, "lambda");
  const t = performance.now();
  await runNode(["bench/lib/sst-build.ts", out], { timeoutMs: 300_000 });
  const buildSeconds = (performance.now() - t) / 1000;
  const report = JSON.parse(readFileSync(join(out, "builds.json"), "utf8")) as { sst: string; stage: string; functions: BuiltFunction[] };
  const all = report.functions.map(measure);
  const deployed = all.filter((f) => f.variant === "deployed");
  const other = all.filter((f) => f.variant !== "deployed");
  const otherLabel = other[0]?.variant === "sdk-bundled" ? "SDK bundled" : "SDK from the runtime";
  const api = deployed.find((f) => f.name === "api");
  if (!api) throw new Error(`no API function among ${deployed.map((f) => f.handler).join(", ")}`);
  const sdkExternal = api.external.includes("@aws-sdk/*");
  const options = api.esbuild.options as { target?: string; format?: string; minify?: boolean };
  const how = `SST ${report.sst}'s node handler (deploy mode, esbuild ${api.esbuild.version}, ${options.format} ${options.target}${options.minify ? ", minify" : ""}, external ${api.external.join(" ")}), props from sst.config.ts and the stacks; runtime ${api.props.runtime}, ${api.props.architecture}, ${api.props.memorySize} MB (built in ${buildSeconds.toFixed(0)} s)`;

  // Sizes.
  let id = 0;
  for (const f of deployed) {
    const n = ++id;
    const isApi = f === api;
    row({
      id: `3.${n}`,
      figure: `${f.name} Lambda bundle loaded at init (minified)`,
      median: `${kb(f.bytes)} (gzip ${kb(f.gzip)})`,
      ...(isApi ? { goal: `≤ ${API_BAR_KB} KB (goal ≤ ${API_GOAL_KB})`, status: f.bytes <= API_BAR_KB * 1024 ? "ok" : "MISSED" } : {}),
      what: `${f.handler}: the entry (${kb(f.entryBytes)}) and the ${f.files - 1} chunks it imports statically; the artifact with its lazy chunks is ${kb(f.totalBytes)}. ${isApi ? how : "Same build."}`,
    });
    f.inputs.slice(0, isApi ? 5 : 3).forEach(([k, b], i) => row({ id: `3.${n}.${i + 1}`, figure: `  ${f.name} input #${i + 1}`, median: kb(b), what: k }));
    row({ id: `3.${n}.9`, figure: `  ${f.name} by package (top ${isApi ? 10 : 6})`, median: "", what: f.packages.slice(0, isApi ? 10 : 6).map(([k, b]) => `${k} ${kb(b)}`).join(", ") });
  }
  const mail = Object.keys(api.metafile.inputs).filter((k) => /node_modules\/nodemailer\//.test(k));
  row({
    id: `3.${++id}`,
    figure: "API import graph: nodemailer",
    median: mail.length ? `${mail.length} modules` : "none",
    goal: "none",
    status: mail.length ? "MISSED" : "ok",
    what: "modules of nodemailer among the API bundle's esbuild metafile inputs (the MIME builder and transports belong to the statements function)",
  });
  row({
    id: `3.${++id}`,
    figure: `bundles with ${otherLabel}`,
    median: other.map((f) => `${f.name} ${kb(f.bytes)}`).join(", "),
    what: `the same SST build with @aws-sdk/* ${sdkExternal ? "removed from" : "added to"} nodejs.esbuild.external, for the comparison below`,
  });

  // Cold module init: a fresh node importing the bundle, minus a bare node (both with the network counter preloaded).
  coldRun(undefined);
  const bare: number[] = [];
  const times = new Map<Measured, number[]>(all.map((f) => [f, []]));
  const cpuTimes = new Map<Measured, number[]>(all.map((f) => [f, []]));
  const failures = new Map<Measured, string>();
  for (let i = 0; i < RUNS; i++) {
    bare.push(coldRun(undefined).ms);
    for (const f of all) {
      const r = coldRun(f);
      if (!r.ok) failures.set(f, r.error ?? "failed");
      times.get(f)!.push(r.ms);
      cpuTimes.get(f)!.push(r.parts.bundleCpu ?? NaN);
    }
  }
  const bareMedian = median(bare);
  const cold = (f: Measured) => median(times.get(f)!) - bareMedian;
  const slowest = (f: Measured) => Math.max(...times.get(f)!) - bareMedian;
  /** CPU time of the import alone (every thread of the process): far less inflated than wall time on a loaded machine. */
  const cpu = (f: Measured) => median(cpuTimes.get(f)!);
  // Network calls during init (and 200 ms after it, for calls started and not awaited).
  const network = new Map(deployed.map((f) => [f, coldRun(f, { settle: 200 })]));
  // Where the API's init goes: the external SDK packages it imports at load, then its own code.
  const parts: Record<string, number[]> = {};
  for (let i = 0; i < 5; i++) {
    const r = coldRun(api, { first: api.externalAtLoad });
    for (const [k, v] of Object.entries(r.parts)) (parts[k] ??= []).push(v);
  }

  for (const f of deployed) {
    const isApi = f === api;
    const failed = failures.get(f);
    const c = cold(f);
    row({
      id: `3.${++id}`,
      figure: `${f.name} cold module init`,
      median: ms(c, 0),
      ...(isApi ? { goal: `≤ ${INIT_BAR_MS} ms (goal ≤ ${INIT_GOAL_MS})`, status: failed ? "FAILED" : c <= INIT_BAR_MS ? "ok" : "MISSED" } : failed ? { status: "FAILED" } : {}),
      what: failed
        ? `init failed: ${failed}`
        : `a fresh \`node\` importing the deployed bundle with Lambda's environment (median of ${RUNS}; slowest ${ms(slowest(f), 0)}) minus a bare \`node\` (${ms(bareMedian, 0)}); CPU time of the import ${ms(cpu(f), 0)}${sdkExternal ? "; @aws-sdk/* loads from node_modules as from the runtime's" : ""}`,
    });
    if (isApi)
      row({
        id: `3.${id}.1`,
        figure: "  API cold init: where it goes",
        median: "",
        what: `${Object.entries(parts).map(([k, v]) => `${k === "bundle" ? "the bundle's own code" : k === "bundleCpu" ? "(its CPU time" : k} ${ms(median(v), 0)}${k === "bundleCpu" ? ")" : ""}`).join(", ")} (medians of 5, imported in this order)`,
      });
  }
  for (const f of other) {
    const d = deployed.find((x) => x.name === f.name)!;
    row({
      id: `3.${++id}`,
      figure: `${f.name} cold init, ${otherLabel}`,
      median: ms(cold(f), 0),
      ...(failures.get(f) ? { status: "FAILED" as const } : {}),
      what: failures.get(f) ? `init failed: ${failures.get(f)}` : `same measure (slowest ${ms(slowest(f), 0)}; CPU time ${ms(cpu(f), 0)}); deployed choice: ${ms(cold(d), 0)} (CPU ${ms(cpu(d), 0)}), ${kb(d.bytes)}; this one ${kb(f.bytes)}`,
    });
  }
  for (const f of deployed) {
    const r = network.get(f)!;
    row({
      id: `3.${++id}`,
      figure: `${f.name}: network calls during init`,
      median: String(r.calls.length),
      goal: "0",
      status: r.calls.length === 0 ? "ok" : "MISSED",
      what: r.calls.length
        ? `${r.calls.slice(0, 3).join("; ")}${r.calls.length > 3 ? " …" : ""} (counted by a preloaded hook on net/tls/http(s)/fetch/dns, each refused)`
        : "net/tls connect, http(s) request, fetch and DNS lookups counted by a preloaded hook, during the import and 200 ms after, with Lambda's environment and SST's secret placeholder",
    });
  }
  // Cold init and the first signed-in request, in a fresh process against DynamoDB Local: each API build
  // (the deployed one and the other SDK choice), interleaved.
  const signedIn = await signedInSession();
  const firstRequest = new Map<Measured, Array<{ ms: number; request: number }>>();
  if (signedIn) {
    const apis = all.filter((f) => f.name === "api");
    coldRun(api, { request: signedIn.request }, signedIn.env);
    for (let i = 0; i < REQUEST_RUNS; i++)
      for (const f of apis) {
        const r = coldRun(f, { request: signedIn.request }, signedIn.env);
        if (!r.ok) failures.set(f, r.error ?? "failed");
        else (firstRequest.get(f) ?? firstRequest.set(f, []).get(f)!).push({ ms: r.ms, request: r.parts.request ?? NaN });
      }
    for (const f of apis) {
      const runs = firstRequest.get(f) ?? [];
      const deployedOne = f === api;
      row({
        id: `3.${++id}`,
        figure: deployedOne ? "API cold init + first signed-in request" : `API cold init + first signed-in request, ${otherLabel}`,
        median: runs.length ? ms(median(runs.map((r) => r.ms)) - bareMedian, 0) : "—",
        ...(runs.length ? {} : { status: "FAILED" as const }),
        what: runs.length
          ? `a fresh \`node\` importing the ${deployedOne ? "deployed" : "other"} bundle, then its handler answering GET ${FIRST_REQUEST} (API Gateway's event, a session cookie, the origin header) from DynamoDB Local, minus a bare \`node\`; the request alone ${ms(median(runs.map((r) => r.request)), 0)} (medians of ${runs.length})`
          : `failed: ${failures.get(f) ?? "no run"}`,
      });
    }
  } else {
    row({ id: `3.${++id}`, figure: "API cold init + first signed-in request", median: "—", what: "not measured: no DynamoDB Local in this run" });
  }
  details.bundles = {
    sst: report.sst,
    stage: report.stage,
    buildSeconds,
    functions: all.map((f) => ({
      name: f.name,
      variant: f.variant,
      handler: f.handler,
      file: f.file,
      bytes: f.bytes,
      gzip: f.gzip,
      entryBytes: f.entryBytes,
      totalBytes: f.totalBytes,
      files: f.files,
      props: f.props,
      esbuild: f.esbuild,
      externalAtLoad: f.externalAtLoad,
      inputs: f.inputs.slice(0, 15),
      packages: f.packages.slice(0, 15),
      coldMs: cold(f),
      runsMs: times.get(f),
      coldCpuMs: cpu(f),
      runsCpuMs: cpuTimes.get(f),
      initError: failures.get(f),
    })),
    bareMs: bare,
    firstRequest: Object.fromEntries([...firstRequest].map(([f, runs]) => [`${f.name} ${f.variant}`, runs])),
    breakdown: parts,
    network: Object.fromEntries([...network].map(([f, r]) => [f.name, r.calls])),
  };
}
