/**
 * Core's DynamoDB client (packages/core/src/ddb): its SigV4 signature is the AWS SDK's own signer's,
 * byte for byte; DynamoDB's errors keep the shape the core tells them by (the short `__type` as
 * `name`, `CancellationReasons`), through ElectroDB too; a hung endpoint gives up after the timeout
 * with a TimeoutError, a stopped one with a network error, both after MAX_ATTEMPTS tries and both
 * "unavailable"; a throttled or failing (5xx) answer is tried again and succeeds. The faults are
 * made by small HTTP servers of this file: one that never answers, and one in front of the shared
 * DynamoDB Local that answers the first request of each call with an error and passes the rest on.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDB, isRetryable, type DynamoError } from "@tracker/core/ddb/client";
import { sign } from "@tracker/core/ddb/sign";
import { client, documents, isUnavailable, MAX_ATTEMPTS, tableName } from "@tracker/core/dynamo";
import { MemberStateEntity } from "@tracker/core/member-state/member-state.entity";

/** The signer the AWS SDK's DynamoDB client signs with (resolved where @aws-sdk/core resolves it). */
const fromClient = createRequire(createRequire(import.meta.url).resolve("@aws-sdk/client-dynamodb"));
const { SignatureV4 } = createRequire(fromClient.resolve("@aws-sdk/core"))("@smithy/signature-v4") as {
  SignatureV4: new (options: Record<string, unknown>) => { sign(request: Record<string, unknown>, options: { signingDate: Date }): Promise<{ headers: Record<string, string> }> };
};
const { Hash } = fromClient("@smithy/hash-node") as { Hash: new (algorithm: string) => unknown };

describe("SigV4", () => {
  const cases = [
    {
      what: "a GetItem with the session token of a Lambda role",
      region: "eu-central-1",
      target: "GetItem",
      body: JSON.stringify({ TableName: "tracker-prod", Key: { pk: { S: "$tracker#id_1" }, sk: { S: "$user_1" } } }),
      credentials: { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//////////token+/=" },
      date: new Date("2026-12-01T23:59:59.123Z"),
    },
    {
      what: "a Query with Cyrillic text and no session token",
      region: "us-east-1",
      target: "Query",
      body: JSON.stringify({ TableName: "t", KeyConditionExpression: "#pk = :pk", ExpressionAttributeValues: { ":pk": { S: "Казахстан  два  пробела" } } }),
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
      date: new Date("2027-01-01T00:00:00.000Z"),
    },
    {
      what: "a TransactWriteItems on the same day as the first (the kept signing key)",
      region: "eu-central-1",
      target: "TransactWriteItems",
      body: JSON.stringify({ TransactItems: [{ Put: { TableName: "tracker-prod", Item: { pk: { S: "a" }, n: { N: "12345678901234567890.5" } } } }] }),
      credentials: { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken: "another token" },
      date: new Date("2026-12-01T08:00:00.000Z"),
    },
  ];

  for (const c of cases) {
    it(`signs ${c.what} as the AWS SDK's signer does`, async () => {
      const host = `dynamodb.${c.region}.amazonaws.com`;
      const headers = { "content-type": "application/x-amz-json-1.0", "x-amz-target": `DynamoDB_20120810.${c.target}` };
      const ours = sign({ method: "POST", host, path: "/", headers, body: c.body, region: c.region, service: "dynamodb", credentials: c.credentials, date: c.date });
      const signer = new SignatureV4({ credentials: c.credentials, region: c.region, service: "dynamodb", sha256: Hash.bind(null, "sha256"), applyChecksum: false });
      const theirs = await signer.sign({ method: "POST", protocol: "https:", hostname: host, path: "/", query: {}, headers: { ...headers, host }, body: c.body }, { signingDate: c.date });
      expect(ours.authorization).toBe(theirs.headers.authorization);
      expect(ours["x-amz-date"]).toBe(theirs.headers["x-amz-date"]);
      expect(ours["x-amz-security-token"]).toBe(theirs.headers["x-amz-security-token"]);
      expect(ours.authorization).toContain(c.credentials.sessionToken ? "x-amz-security-token;x-amz-target" : "x-amz-date;x-amz-target");
    });
  }
});

describe("DynamoDB's errors, on DynamoDB Local", () => {
  it("a failed condition rejects as ConditionalCheckFailedException, with the item when asked for", async () => {
    const Key = { pk: `ddb-test#${randomUUID()}`, sk: "x" };
    await documents.put({ TableName: tableName, Item: { ...Key, figure: 1, gone: undefined } });
    const stored = await documents.get({ TableName: tableName, Key, ConsistentRead: true });
    expect(stored.Item).toEqual({ ...Key, figure: 1 });
    const error = (await documents
      .put({ TableName: tableName, Item: { ...Key, figure: 2 }, ConditionExpression: "attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" })
      .catch((e: unknown) => e)) as DynamoError & { Item?: unknown };
    expect(error.name).toBe("ConditionalCheckFailedException");
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.$fault).toBe("client");
    expect(error.Item).toEqual({ pk: { S: Key.pk }, sk: { S: "x" }, figure: { N: "1" } });
    expect(isUnavailable(error)).toBe(false);
    expect(isRetryable(error)).toBe(false);
  });

  it("a cancelled transaction rejects as TransactionCanceledException with a reason per item", async () => {
    const a = { pk: { S: `ddb-test#${randomUUID()}` }, sk: { S: "a" } };
    const b = { pk: { S: `ddb-test#${randomUUID()}` }, sk: { S: "b" } };
    await client.send("PutItem", { TableName: tableName, Item: a });
    const error = (await client
      .send("TransactWriteItems", {
        TransactItems: [
          { Put: { TableName: tableName, Item: b } },
          { Put: { TableName: tableName, Item: a, ConditionExpression: "attribute_not_exists(pk)" } },
        ],
      })
      .catch((e: unknown) => e)) as DynamoError;
    expect(error.name).toBe("TransactionCanceledException");
    expect(error.CancellationReasons?.map((r) => r.Code)).toEqual(["None", "ConditionalCheckFailed"]);
    expect((await client.send("GetItem", { TableName: tableName, Key: b, ConsistentRead: true })).Item).toBeUndefined();
  });

  it("a malformed request rejects as ValidationException, and ElectroDB's errors keep DynamoDB's as their cause", async () => {
    const error = (await client.send("GetItem", { TableName: tableName, Key: { nope: { S: "x" } } }).catch((e: unknown) => e)) as DynamoError;
    expect(error.name).toBe("ValidationException");
    expect(error.message.length).toBeGreaterThan(0);
    const state = { code: "ZZ", name: { en: "Nowhere", ru: "Нигде" }, status: "member", version: 1, createdAt: "2026-01-01T00:00:00.000Z", createdBy: "t", updatedAt: "2026-01-01T00:00:00.000Z", updatedBy: "t" } as const;
    await MemberStateEntity.create(state).go();
    const again = (await MemberStateEntity.create(state).go().catch((e: unknown) => e)) as { cause?: { name?: string } };
    expect(again.cause?.name).toBe("ConditionalCheckFailedException");
  });
});

/** An HTTP server of this test; `handle` answers each request (or never does). */
async function server(handle: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, n: number) => void) {
  let n = 0;
  const sockets = new Set<Socket>();
  const closed: Socket[] = [];
  const s: Server = createServer((req, res) => handle(req, res, ++n));
  s.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => closed.push(socket));
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return {
    endpoint: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    requests: () => n,
    closed: () => closed.length,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => s.close(r));
    },
  };
}

const local = (endpoint: string, timeoutMs = 400) =>
  new DynamoDB({ endpoint, region: "local", credentials: () => ({ accessKeyId: "local", secretAccessKey: "local" }), timeoutMs, connectTimeoutMs: 300, maxAttempts: MAX_ATTEMPTS, backoffMs: 100 });

describe("timeouts and retries", () => {
  let hung: Awaited<ReturnType<typeof server>>;
  let flaky: Awaited<ReturnType<typeof server>>;
  /** What the fault injector answers to the first request of each call (by the call's marker in the body). */
  let fault: { status: number; type: string } = { status: 500, type: "InternalServerError" };
  const faulted = new Set<string>();

  beforeAll(async () => {
    hung = await server(() => {});
    const target = new URL(process.env.DYNAMODB_ENDPOINT!);
    flaky = await server((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const marker = /ddb-retry#[0-9a-f-]+/.exec(body.toString())?.[0];
        if (marker && !faulted.has(marker)) {
          faulted.add(marker);
          res.writeHead(fault.status, { "content-type": "application/x-amz-json-1.0" });
          return res.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${fault.type}`, message: "injected" }));
        }
        const forward = httpRequest({ host: target.hostname, port: target.port, method: "POST", path: "/", headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(res);
        });
        forward.end(body);
      });
    });
  });

  afterAll(async () => {
    await hung?.stop();
    await flaky?.stop();
  });

  it("a hung endpoint: each try gives up after the timeout (its socket closed), MAX_ATTEMPTS tries, then a TimeoutError that counts as unavailable", async () => {
    const error = (await local(hung.endpoint)
      .send("GetItem", { TableName: "t", Key: { pk: { S: "a" } } })
      .catch((e: unknown) => e)) as DynamoError;
    expect(error.name).toBe("TimeoutError");
    expect(error.$metadata?.attempts).toBe(MAX_ATTEMPTS);
    expect(hung.requests()).toBe(MAX_ATTEMPTS);
    await new Promise((r) => setTimeout(r, 50));
    expect(hung.closed()).toBe(MAX_ATTEMPTS);
    expect(isUnavailable(error)).toBe(true);
  });

  it("a stopped endpoint: a network error after MAX_ATTEMPTS tries, unavailable", async () => {
    const gone = await server(() => {});
    const endpoint = gone.endpoint;
    await gone.stop();
    const error = (await local(endpoint)
      .send("GetItem", { TableName: "t", Key: { pk: { S: "a" } } })
      .catch((e: unknown) => e)) as DynamoError & { code?: string };
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.$metadata?.attempts).toBe(MAX_ATTEMPTS);
    expect(isUnavailable(error)).toBe(true);
  });

  for (const f of [
    { status: 500, type: "InternalServerError" },
    { status: 400, type: "ThrottlingException" },
    { status: 400, type: "ProvisionedThroughputExceededException" },
  ]) {
    it(`an answer of ${f.status} ${f.type} is tried again, and the second try's answer is DynamoDB Local's`, async () => {
      fault = f;
      const Key = { pk: { S: `ddb-retry#${randomUUID()}` }, sk: { S: "x" } };
      const db = local(flaky.endpoint, 5000);
      const before = flaky.requests();
      await db.send("PutItem", { TableName: tableName, Item: { ...Key, figure: { N: "7" } } });
      expect(flaky.requests() - before).toBe(2);
      const read = await client.send("GetItem", { TableName: tableName, Key, ConsistentRead: true });
      expect(read.Item?.figure).toEqual({ N: "7" });
    });
  }

  it("an error that will not pass by itself is not tried again", async () => {
    fault = { status: 400, type: "ValidationException" };
    const db = local(flaky.endpoint, 5000);
    const before = flaky.requests();
    const error = (await db.send("GetItem", { TableName: tableName, Key: { pk: { S: `ddb-retry#${randomUUID()}` }, sk: { S: "x" } } }).catch((e: unknown) => e)) as DynamoError;
    expect(error.name).toBe("ValidationException");
    expect(error.message).toBe("injected");
    expect(flaky.requests() - before).toBe(1);
  });
});
