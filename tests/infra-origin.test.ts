/** On AWS the API refuses requests that did not come through CloudFront (the secret origin header). */
import { afterEach, describe, expect, it } from "vitest";
import { ORIGIN_HEADER, sameSecret } from "../packages/functions/src/origin";
import { call, userWith } from "./support/api";

const SECRET = "origin-secret-0123456789abcdefghijklmnopqrstuvwxyz";

describe("the origin check", () => {
  afterEach(() => {
    delete process.env.ORIGIN_SECRET;
  });

  it("is off when no secret is configured (local runs and tests)", async () => {
    const res = await call("GET", "/api/health");
    expect(res.status).toBe(200);
  });

  it("refuses a request without the header with 403 and the API error shape, on every route", async () => {
    process.env.ORIGIN_SECRET = SECRET;
    for (const [method, path] of [
      ["GET", "/api/health"],
      ["GET", "/api/openapi.json"],
      ["POST", "/api/auth/login"],
      ["GET", "/api/no-such-route"],
    ] as const) {
      const res = await call(method, path, method === "POST" ? { body: { email: "a@example.org", password: "x" } } : {});
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json).toEqual({ error: { code: "request.forbidden_origin", message: expect.any(String) } });
    }
  });

  it("refuses a wrong or truncated secret", async () => {
    process.env.ORIGIN_SECRET = SECRET;
    for (const value of ["wrong", SECRET.slice(0, -1), `${SECRET}x`, SECRET.toUpperCase(), ""]) {
      const res = await call("GET", "/api/openapi.json", { headers: { [ORIGIN_HEADER]: value } });
      expect(res.status, JSON.stringify(value)).toBe(403);
    }
  });

  it("lets a request with the right secret through to the routes", async () => {
    const { cookie } = await userWith(["finance"]);
    process.env.ORIGIN_SECRET = SECRET;
    const open = await call("GET", "/api/health", { headers: { [ORIGIN_HEADER]: SECRET } });
    expect(open.status).toBe(200);
    const me = await call("GET", "/api/auth/me", { cookie, headers: { [ORIGIN_HEADER]: SECRET } });
    expect(me.status).toBe(200);
    // An API error passes unchanged: the route's own 404.
    const missing = await call("GET", "/api/no-such-route", { cookie, headers: { [ORIGIN_HEADER]: SECRET } });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("route.not_found");
  });

  it("compares whole secrets", () => {
    expect(sameSecret(SECRET, SECRET)).toBe(true);
    expect(sameSecret(undefined, SECRET)).toBe(false);
    expect(sameSecret(`${SECRET} `, SECRET)).toBe(false);
  });
});
