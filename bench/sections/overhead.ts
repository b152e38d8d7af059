/** 1. Stack overhead: API latency (autocannon, concurrency 1 and 16) beside the same DynamoDB requests issued directly. */
import { randomUUID } from "node:crypto";
import { DynamoDB, type Operation } from "@tracker/core/ddb/client";
import type { LoadResult, LoadStep } from "../load";
import { details, LATENCY_SLICES, log, row, session } from "../lib/context";
import { shape, waves, type Recorded } from "../lib/ddb-counter";
import { load } from "../lib/processes";
import { uniqueBody, type Route } from "../lib/session";
import { int, median, ms, p99, rng } from "../lib/stats";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const OPERATIONS = new Set(["GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems"]);

/** The recorded requests of one call, replayed wave by wave (parallel within a wave); writes get fresh ids. */
function replayer(requests: Recorded[]) {
  const plan = waves(requests).map((w) => w.map((q) => ({ command: q.command, json: JSON.stringify(q.input) })));
  const writes = requests.some((q) => /Put|Update|Delete|Write/.test(q.command));
  for (const w of plan) for (const q of w) if (!OPERATIONS.has(q.command)) throw new Error(`cannot replay ${q.command}`);
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
    async run(client: DynamoDB, prepared: Array<Array<{ command: string; input: unknown }>>) {
      for (const w of prepared) await Promise.all(w.map((q) => client.send(q.command as Operation, q.input as never)));
    },
  };
}

/** Direct replays of a call at a concurrency: for `seconds`, or exactly `runs` of them (each waited for). */
async function rawLatency(client: DynamoDB, requests: Recorded[], connections: number, limit: { seconds?: number; runs?: number }) {
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
    const headers: Record<string, string> = { cookie: session.cookie };
    let body: string | undefined;
    if (step.method === "POST") {
      body = JSON.stringify(uniqueBody({ states: step.create!.states }, rng(i + 1), step.create!.refPrefix));
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(body));
      headers["idempotency-key"] = randomUUID();
    }
    const t = performance.now();
    const res = await app.request(`${session.base}${step.path}`, { method: step.method, headers, body });
    await res.text();
    latencies.push(performance.now() - t);
    if (res.status >= 300) throw new Error(`${step.method} ${step.path} in-process: ${res.status}`);
  }
  return latencies;
}

export async function stackOverhead(routes: Route[], captured: Map<string, Recorded[]>) {
  log("1. stack overhead");
  const { app } = await import("@tracker/functions/app");
  // The same HTTP client as the API's (core's own), a separate instance with its own connections.
  const raw = new DynamoDB({
    endpoint: session.endpoint,
    region: "local",
    credentials: () => ({ accessKeyId: "local", secretAccessKey: "local" }),
    timeoutMs: 5000,
    connectTimeoutMs: 1000,
    maxAttempts: 3,
    backoffMs: 100,
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
        const a = await load({ url: session.base, cookie: session.cookie, connections, duration: 0, amount: perSlice, steps: [route.step], seed: 1000 + 100 * n + slice });
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
