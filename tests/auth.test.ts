import { Clock } from "@tracker/core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, login, PASSWORD, userWith } from "./support/api";
import { User } from "@tracker/core";

afterEach(() => Clock.reset());

describe("sign-in", () => {
  let email: string;
  beforeAll(async () => {
    ({ email } = await userWith(["finance"]));
  });

  it("signs in with the right password and shows who is signed in", async () => {
    const cookie = await login(email);
    const me = await call("GET", "/api/auth/me", { cookie });
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({ email, roles: ["finance"] });
    expect(JSON.stringify(me.json)).not.toMatch(/passwordHash|scrypt/);
  });

  it("answers a wrong password and an unknown email alike", async () => {
    const wrong = await call("POST", "/api/auth/login", { body: { email, password: "not the password at all" } });
    const unknown = await call("POST", "/api/auth/login", { body: { email: "nobody@example.org", password: "not the password at all" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("takes similar time for an unknown email as for a wrong password (the hash is always computed)", async () => {
    const time = async (e: string) => {
      const t = performance.now();
      await call("POST", "/api/auth/login", { body: { email: e, password: "not the password at all" } });
      return performance.now() - t;
    };
    await time("warm-up@example.org");
    const known = await time(email);
    const unknown = await time("someone-else@example.org");
    // Both include one scrypt (hundreds of ms); without the decoy the unknown one would take a few ms.
    expect(unknown).toBeGreaterThan(known / 3);
  });

  it("refuses a disabled user with the same answer as a wrong password", async () => {
    const { email: e } = await userWith(["viewer"]);
    const user = await asSystem(() => User.findStored(e));
    await asSystem(() => User.update({ email: e, disabled: true, version: user!.version }));
    const res = await call("POST", "/api/auth/login", { body: { email: e, password: PASSWORD } });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("auth.invalid_credentials");
  });

  it("locks an email after five failures in fifteen minutes, and releases it after the window", async () => {
    const { email: e } = await userWith(["viewer"]);
    const start = Date.now();
    Clock.set(() => start);
    for (let i = 0; i < 5; i++) {
      expect((await call("POST", "/api/auth/login", { body: { email: e, password: "wrong password " + i } })).status).toBe(401);
    }
    const sixth = await call("POST", "/api/auth/login", { body: { email: e, password: PASSWORD } });
    expect(sixth.status).toBe(429);
    expect(sixth.json.error.code).toBe("auth.too_many_attempts");
    Clock.set(() => start + 14 * 60_000);
    expect((await call("POST", "/api/auth/login", { body: { email: e, password: PASSWORD } })).status).toBe(429);
    Clock.set(() => start + 15 * 60_000 + 1000);
    expect((await call("POST", "/api/auth/login", { body: { email: e, password: PASSWORD } })).status).toBe(200);
  });

  it("locks an unknown email the same way", async () => {
    for (let i = 0; i < 5; i++) await call("POST", "/api/auth/login", { body: { email: "ghost@example.org", password: "x" } });
    expect((await call("POST", "/api/auth/login", { body: { email: "ghost@example.org", password: "x" } })).status).toBe(429);
  });
});

describe("the session cookie", () => {
  it("is __Host-, Secure, HttpOnly, SameSite=Strict, Path=/ on a non-localhost origin", async () => {
    const { email } = await userWith(["viewer"]);
    const res = await call("POST", "/api/auth/login", { origin: "https://tracker.example.org", body: { email, password: PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-session=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    const expires = new Date(/Expires=([^;]+)/.exec(cookie)![1]!).getTime();
    expect(Math.abs(expires - Date.now() - 8 * 3600_000)).toBeLessThan(60_000);
    const me = await call("GET", "/api/auth/me", { origin: "https://tracker.example.org", cookie: cookie.split(";")[0] });
    expect(me.status).toBe(200);
  });

  it("ends on logout: the old cookie gets 401", async () => {
    const { cookie } = await userWith(["viewer"]);
    expect((await call("POST", "/api/auth/logout", { cookie })).status).toBe(204);
    expect((await call("GET", "/api/auth/me", { cookie })).status).toBe(401);
  });

  it("ends when the user is disabled or the password reset", async () => {
    const a = await userWith(["hr"]);
    const b = await userWith(["hr"]);
    const admin = await userWith(["admin"]);
    expect((await call("PATCH", `/api/users/${a.email}`, { cookie: admin.cookie, body: { disabled: true, version: 1 } })).status).toBe(200);
    expect((await call("GET", "/api/auth/me", { cookie: a.cookie })).status).toBe(401);
    expect((await call("PATCH", `/api/users/${b.email}`, { cookie: admin.cookie, body: { password: "a brand new password", version: 1 } })).status).toBe(200);
    expect((await call("GET", "/api/auth/me", { cookie: b.cookie })).status).toBe(401);
    expect(await login(b.email, "a brand new password")).toMatch(/^session=/);
  });

  it("is refused when forged or tampered with", async () => {
    const { cookie } = await userWith(["viewer"]);
    // The last character of a 32-byte signature in base64url carries 2 spare bits: the three other
    // characters that differ only there decode to the same bytes, and must be refused all the same.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = alphabet.indexOf(cookie.at(-1)!);
    const sameBytes = [0, 1, 2, 3].map((k) => alphabet[(last & ~3) | k]!).filter((c) => c !== cookie.at(-1));
    expect(sameBytes).toHaveLength(3);
    for (const c of [...sameBytes, last === 0 ? "Q" : "A"]) {
      expect((await call("GET", "/api/auth/me", { cookie: cookie.slice(0, -1) + c })).status).toBe(401);
    }
    const middle = cookie.length - 10;
    const flipped = cookie.slice(0, middle) + (cookie[middle] === "x" ? "y" : "x") + cookie.slice(middle + 1);
    expect((await call("GET", "/api/auth/me", { cookie: flipped })).status).toBe(401);
    expect((await call("GET", "/api/auth/me", { cookie: "session=v1.abc.def.9999999999.xyz" })).status).toBe(401);
  });
});

describe("only the public operations (sign-in, health, the API's description) answer without a session", () => {
  it.each([
    ["GET", "/api/states"],
    ["GET", "/api/states/KZ"],
    ["GET", "/api/users"],
    ["GET", "/api/audit?entity=memberState"],
    ["GET", "/api/auth/me"],
    ["POST", "/api/auth/logout"],
  ])("%s %s is 401", async (method, path) => {
    const res = await call(method, path);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("auth.required");
  });

  it("health answers", async () => {
    expect((await call("GET", "/api/health")).json).toEqual({ status: "ok", database: "ok" });
  });

  it("the API's description answers", async () => {
    expect((await call("GET", "/api/openapi.json")).status).toBe(200);
  });
});

describe("cross-site requests", () => {
  it("a state-changing request from another origin is 403, whatever its content type", async () => {
    const { cookie } = await userWith(["admin"]);
    const body = { code: "KW", name: { en: "Kuwait", ru: "Кувейт" }, status: "member" };
    const json = await call("POST", "/api/states", { cookie, body, headers: { origin: "https://evil.example.com" } });
    expect(json.status).toBe(403);
    const form = await call("POST", "/api/states", {
      cookie,
      body: "code=KW",
      headers: { origin: "https://evil.example.com", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(403);
    expect((await call("GET", "/api/states/KW", { cookie })).status).toBe(404);
  });

  it("no CORS headers are given to other origins", async () => {
    const { cookie } = await userWith(["viewer"]);
    const res = await call("GET", "/api/states", { cookie, headers: { origin: "https://evil.example.com" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("pages carry a Content-Security-Policy without inline script", async () => {
    const res = await call("GET", "/api/health");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
  });
});
