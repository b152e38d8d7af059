/** 6. Soak: mixed reads and writes at concurrency 16; 5xx, lost writes, memory. */
import type { LoadStep } from "../load";
import { details, log, row, session, SOAK_SECONDS } from "../lib/context";
import { load } from "../lib/processes";
import type { Dataset } from "../lib/session";
import { int, mb, median, ms, p99 } from "../lib/stats";

export async function soak(core: typeof import("@tracker/core"), d: Dataset) {
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
  const result = await load({ url: session.base, cookie: session.cookie, connections: 16, duration: SOAK_SECONDS, steps, seed: 4242, collectIds: true });
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
