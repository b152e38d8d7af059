/**
 * The database goes away and comes back: health and every route answer 503
 * with the error shape (no crash, no stack trace), then recover without a
 * restart of the app. This file runs its own DynamoDB Local so it can stop it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTable, startDynamoLocal, type RunningDynamo } from "../packages/core/src/dev/dynamo-local";

let dynamo: RunningDynamo;
let support: typeof import("./support/api");

beforeAll(async () => {
  dynamo = await startDynamoLocal();
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  await ensureTable(dynamo.endpoint, process.env.TABLE_NAME!);
  // Imported after the endpoint is set: the core reads it once.
  support = await import("./support/api");
});

afterAll(async () => {
  await dynamo?.stop();
});

describe("when DynamoDB is unreachable", () => {
  it("health is ok while the database answers", async () => {
    const res = await support.call("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok", database: "ok" });
  });

  it("health answers 503 with database: unreachable, and other routes 503 with the error shape", async () => {
    const { cookie } = await support.userWith(["viewer"]);
    await dynamo.stop();

    const health = await support.call("GET", "/api/health");
    expect(health.status).toBe(503);
    expect(health.json).toEqual({ status: "degraded", database: "unreachable" });

    const states = await support.call("GET", "/api/states", { cookie });
    expect(states.status).toBe(503);
    expect(states.json.error.code).toBe("database.unreachable");
    expect(states.text).not.toMatch(/ECONNREFUSED|\.ts:\d+/);

    const login = await support.call("POST", "/api/auth/login", { body: { email: "x@example.org", password: "whatever it is" } });
    expect(login.status).toBe(503);
  });

  it("recovers without a restart once the database is back", async () => {
    dynamo = await startDynamoLocal({ port: dynamo.port });
    await ensureTable(dynamo.endpoint, process.env.TABLE_NAME!);
    const health = await support.call("GET", "/api/health");
    expect(health.status).toBe(200);
  });
});
