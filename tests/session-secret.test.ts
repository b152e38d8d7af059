/**
 * The session key from a lazy provider (the SSM fetch on AWS): asked for on the first request that
 * needs it, not before; asked once and cached; a failed fetch is tried again by the next request.
 */
import { Auth } from "@tracker/core";
import { afterAll, describe, expect, it } from "vitest";
import { call, login, PASSWORD, userWith } from "./support/api";

const local = process.env.SESSION_SECRET!;
afterAll(() => Auth.setSecret(local));

describe("session secret from a lazy provider", () => {
  it("is fetched on the first sign-in, once, and a failure is retried", async () => {
    const { email } = await userWith(["finance"]);
    let asked = 0;
    let fail = true;
    Auth.setSecret(async () => {
      asked++;
      if (fail) throw new Error("SSM unreachable");
      return local;
    });
    expect(asked).toBe(0);
    // No key: the request fails (500), nothing is signed.
    const failed = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
    expect(failed.status).toBe(500);
    expect(failed.headers.get("set-cookie")).toBeNull();
    expect(asked).toBe(1);
    fail = false;
    const cookie = await login(email);
    expect(asked).toBe(2);
    const me = await call("GET", "/api/auth/me", { cookie });
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({ email });
    await call("GET", "/api/auth/me", { cookie });
    expect(asked).toBe(2);
  });

  it("signs with the provider's value: a cookie signed with another key is refused", async () => {
    const { email } = await userWith(["finance"]);
    Auth.setSecret(local);
    const cookie = await login(email);
    Auth.setSecret(async () => "another-key-of-at-least-thirty-two-characters");
    expect((await call("GET", "/api/auth/me", { cookie })).status).toBe(401);
    Auth.setSecret(async () => local);
    expect((await call("GET", "/api/auth/me", { cookie })).status).toBe(200);
  });
});
