/**
 * The load generator, in its own process so that it does not share the
 * server's event loop: autocannon against the in-process server of bench/run.ts.
 * Forked once by bench/run.ts; takes jobs over the IPC channel.
 *
 * Latencies are taken from autocannon's per-response event (float ms;
 * autocannon's own histogram keeps whole milliseconds).
 */
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { contribution, dayOf } from "./lib/dataset";
import { rng } from "./lib/stats";

export interface LoadStep {
  method: "GET" | "POST";
  path: string;
  /** POST /api/contributions: a unique contribution (own Idempotency-Key) of a state in `states`, dated in `year`. */
  create?: { states: string[]; year: number; refPrefix: string };
}

export interface LoadJob {
  url: string;
  cookie: string;
  connections: number;
  /** Seconds (ignored when `amount` is given). */
  duration: number;
  /** This many requests, all waited for (autocannon's `amount`). */
  amount?: number;
  steps: LoadStep[];
  seed: number;
  /** Keep the ids of the contributions acknowledged with 201. */
  collectIds?: boolean;
}

export interface LoadResult {
  latencies: number[];
  requests: number;
  status: Record<string, number>;
  errors: number;
  timeouts: number;
  seconds: number;
  ackedIds: string[];
  ackedNoId: number;
}

/** Runs one job: autocannon with the job's requests; latencies from its per-response event. */
async function runJob(job: LoadJob): Promise<LoadResult> {
  const r = rng(job.seed);
  const latencies: number[] = [];
  const status: Record<string, number> = {};
  const ackedIds: string[] = [];
  let ackedNoId = 0;

  const requests = job.steps.map((step) => {
    if (step.method === "GET") return { method: "GET" as const, path: step.path };
    const create = step.create!;
    return {
      method: "POST" as const,
      path: step.path,
      setupRequest: (req: Record<string, unknown>) => {
        const state = r.pick(create.states);
        const body = contribution(r, state, dayOf(r, create.year), `${create.refPrefix}-${randomUUID()}`);
        if (body.status === "pledged") body.status = "received";
        return {
          ...req,
          body: JSON.stringify(body),
          headers: { ...(req.headers as Record<string, string>), "content-type": "application/json", "idempotency-key": randomUUID() },
        };
      },
      onResponse: (code: number, body: string) => {
        if (code !== 201 || !job.collectIds) return;
        try {
          const id = (JSON.parse(body) as { id?: string }).id;
          if (id) ackedIds.push(id);
          else ackedNoId++;
        } catch {
          ackedNoId++;
        }
      },
    };
  });

  const started = performance.now();
  const instance = autocannon({
    url: job.url,
    connections: job.connections,
    pipelining: 1,
    ...(job.amount ? { amount: job.amount } : { duration: job.duration }),
    timeout: 10,
    headers: { cookie: job.cookie },
    requests,
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    status[statusCode] = (status[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  return {
    latencies,
    requests: latencies.length,
    status,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: (performance.now() - started) / 1000,
    ackedIds,
    ackedNoId,
  };
}

// Jobs arrive over the IPC channel (bench/run.ts forks this file once and reuses it); the answer goes back the same way.
process.on("message", (message: { id: number; job: LoadJob }) => {
  runJob(message.job).then(
    (result) => process.send!({ id: message.id, result }),
    (error: Error) => process.send!({ id: message.id, error: String(error.stack ?? error) }),
  );
});
process.send?.({ ready: true });
