/**
 * A body over the limit is answered 413 and the connection is closed cleanly,
 * so the client's next request (on a new connection) works. Over a real socket
 * against the local server, with fetch's keep-alive pool.
 */
import type { ServerType } from "@hono/node-server";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../packages/core/src/dev/dynamo-local";

let server: ServerType;
let base: string;

beforeAll(async () => {
  const { startServer } = await import("@tracker/functions/local");
  const port = await freePort();
  server = await startServer({ port, webRoot: tmpdir(), hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe("a body over the limit", () => {
  it("is answered 413 with Connection: close, and the next requests on that client work", async () => {
    const big = JSON.stringify({ email: "someone@example.org", password: "x".repeat(400 * 1024) });
    for (let round = 0; round < 3; round++) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: big,
      });
      expect(res.status).toBe(413);
      expect(res.headers.get("connection")).toBe("close");
      expect((await res.json()).error.code).toBe("request.too_large");
      const next = await fetch(`${base}/api/health`);
      expect(next.status).toBe(200);
      expect(await next.json()).toEqual({ status: "ok", database: "ok" });
    }
  });
});
