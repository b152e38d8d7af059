/**
 * The database hangs (its process stopped with SIGSTOP: connections open, no
 * answer): health and the routes answer 503 database.unreachable within the
 * client's timeouts, and the API recovers when it resumes. This file runs its
 * own DynamoDB Local so it can stop it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTable, startDynamoLocal, type RunningDynamo } from "../packages/core/src/dev/dynamo-local";

let dynamo: RunningDynamo;
let support: typeof import("./support/api");
let viewer: string;

beforeAll(async () => {
  dynamo = await startDynamoLocal();
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  // The timeout used on AWS (DynamoDB Local gets a longer one by default).
  process.env.DYNAMODB_TIMEOUT_MS = "1200";
  await ensureTable(dynamo.endpoint, process.env.TABLE_NAME!);
  // A fresh DynamoDB Local's first transaction can take longer than the AWS timeout on a loaded
  // machine: one is run first with a generous timeout, so the setup's writes see a warm one.
  const { DynamoDB } = await import("@tracker/core/ddb/client");
  const warm = new DynamoDB({ endpoint: dynamo.endpoint, region: "local", credentials: () => ({ accessKeyId: "local", secretAccessKey: "local" }), timeoutMs: 60_000, connectTimeoutMs: 10_000, maxAttempts: 1, backoffMs: 0 });
  await warm.send("TransactWriteItems", { TransactItems: [{ Put: { TableName: process.env.TABLE_NAME!, Item: { pk: { S: "warm-up" }, sk: { S: "warm-up" } } } }] });
  warm.destroy();
  // Imported after the endpoint is set: the core reads it once.
  support = await import("./support/api");
  viewer = (await support.userWith(["viewer"])).cookie;
});

afterAll(async () => {
  if (dynamo?.process.pid) process.kill(dynamo.process.pid, "SIGCONT");
  await dynamo?.stop();
});

/** The answer and how long it took (a bound on the server's behaviour, not a benchmark). */
async function timed(method: string, path: string, cookie?: string) {
  const started = performance.now();
  const res = await support.call(method, path, { cookie });
  return { ...res, ms: performance.now() - started };
}

describe("when DynamoDB hangs", () => {
  it("health and a data route answer 503 within the timeouts, and recover after SIGCONT", async () => {
    expect((await timed("GET", "/api/states", viewer)).status).toBe(200);
    const { TIMEOUT_MS, MAX_ATTEMPTS } = await import("@tracker/core/dynamo");
    // Each call may take its attempts' timeouts and the pause between them; the rest is slack for a loaded machine.
    const bound = MAX_ATTEMPTS * TIMEOUT_MS + 100 + 1500;
    expect(bound).toBeLessThan(4500);

    process.kill(dynamo.process.pid!, "SIGSTOP");
    try {
      const [health, states, me] = await Promise.all([
        timed("GET", "/api/health"),
        timed("GET", "/api/states", viewer),
        timed("GET", "/api/auth/me", viewer),
      ]);
      expect(health.status).toBe(503);
      expect(health.json).toEqual({ status: "degraded", database: "unreachable" });
      expect(states.status).toBe(503);
      expect(states.json.error.code).toBe("database.unreachable");
      expect(me.status).toBe(503);
      for (const r of [health, states, me]) expect(r.ms).toBeLessThan(bound);
    } finally {
      process.kill(dynamo.process.pid!, "SIGCONT");
    }

    expect((await timed("GET", "/api/health")).status).toBe(200);
    const back = await timed("GET", "/api/states", viewer);
    expect(back.status).toBe(200);
  });
});
