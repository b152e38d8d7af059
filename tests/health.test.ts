/**
 * The database goes away and comes back: health and every route answer 503
 * with the error shape (no crash, no stack trace), no write is left half done,
 * and the API recovers without a restart. This file runs its own DynamoDB
 * Local, persisted to a folder, so it can stop it in the middle of writes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTable, startDynamoLocal, type RunningDynamo } from "../packages/core/src/dev/dynamo-local";

const dbPath = mkdtempSync(join(tmpdir(), "dynamo-outage-"));
let dynamo: RunningDynamo;
let support: typeof import("./support/api");
let finance: string;
let viewer: string;

beforeAll(async () => {
  dynamo = await startDynamoLocal({ dbPath });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  await ensureTable(dynamo.endpoint, process.env.TABLE_NAME!);
  // Imported after the endpoint is set: the core reads it once.
  support = await import("./support/api");
  const { MemberState } = await import("@tracker/core");
  await support.asSystem(() => MemberState.create({ code: "KZ", name: { en: "Kazakhstan", ru: "Казахстан" }, status: "member" }));
  finance = (await support.userWith(["finance"])).cookie;
  viewer = (await support.userWith(["viewer"])).cookie;
});

afterAll(async () => {
  await dynamo?.stop();
  rmSync(dbPath, { recursive: true, force: true });
});

const body = (i: number) => ({
  stateCode: "KZ", kind: "cash", status: "received", amount: `${100 + i}.00`, currency: "USD", date: "2022-05-01", purpose: "regular_budget",
});

describe("when DynamoDB goes away", () => {
  it("health is ok while the database answers", async () => {
    const res = await support.call("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok", database: "ok" });
  });

  it("writes in flight either happen whole (with their audit event) or not at all, and the rest answer 503", async () => {
    const acknowledged: string[] = [];
    const statuses: number[] = [];
    const writes = Array.from({ length: 60 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 15)).then(async () => {
        const res = await support.call("POST", "/api/contributions", { cookie: finance, body: body(i) });
        statuses.push(res.status);
        if (res.status === 201) acknowledged.push(res.json.id);
        else {
          expect(res.status).toBe(503);
          expect(res.json.error.code).toBe("database.unreachable");
          expect(res.text).not.toMatch(/ECONNREFUSED|\.ts:\d+/);
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    await dynamo.stop();
    await Promise.all(writes);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);

    const health = await support.call("GET", "/api/health");
    expect(health.status).toBe(503);
    expect(health.json).toEqual({ status: "degraded", database: "unreachable" });
    const read = await support.call("GET", "/api/states", { cookie: viewer });
    expect(read.status).toBe(503);
    const login = await support.call("POST", "/api/auth/login", { body: { email: "x@example.org", password: "whatever it is" } });
    expect(login.status).toBe(503);

    // Back on the same data: the API answers again without a restart.
    dynamo = await startDynamoLocal({ port: dynamo.port, dbPath });
    expect((await support.call("GET", "/api/health")).status).toBe(200);
    const stored = (await support.call("GET", "/api/contributions?year=2022&state=KZ", { cookie: finance })).json.items as Array<{ id: string }>;
    // Nothing acknowledged is lost ...
    for (const id of acknowledged) expect(stored.map((s) => s.id)).toContain(id);
    // ... and every stored contribution has exactly its one audit event: no half-written record.
    for (const c of stored) {
      const trail = (await support.call("GET", `/api/audit?entity=contribution&id=${c.id}`, { cookie: finance })).json.items;
      expect(trail.map((e: { action: string }) => e.action)).toEqual(["create"]);
    }
  });
});
