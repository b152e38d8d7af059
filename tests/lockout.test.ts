/**
 * The sign-in lockout under parallel guesses, per account and per client, the
 * admin unlock, the bound on concurrent hashes, and the sign-in events in the
 * audit trail.
 */
import { Actor, Auth } from "@tracker/core";
import { afterEach, describe, expect, it } from "vitest";
import { Clock } from "@tracker/core";
import { call, PASSWORD, userWith } from "./support/api";

const { Lockout, Password } = Auth;

afterEach(() => Clock.reset());

const from = (client: string) => ({ "x-forwarded-for": `${client}, 130.176.0.1` });
const signIn = (email: string, password: string, client = "198.51.100.7") =>
  call("POST", "/api/auth/login", { body: { email, password }, headers: from(client) });
const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

describe("the lockout under parallel guesses", () => {
  it("counts twenty parallel wrong passwords as twenty, checks at most five, and refuses the right one after", async () => {
    const { email } = await userWith(["viewer"]);
    const attacker = "203.0.113.20";
    const batch = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(email, `wrong password ${i}`, attacker)));
    const statuses = tally(batch.map((r) => r.status));
    // Five attempts got past the count (each either checked, 401, or refused as busy, 503); fifteen were refused unchecked.
    expect(statuses[429]).toBe(15);
    expect((statuses[401] ?? 0) + (statuses[503] ?? 0)).toBe(5);
    expect(await Lockout.read(email, attacker)).toMatchObject({ failures: 20 });
    // Only the attempts that got past the client's limit reach the account-wide counter (and the first sign-in).
    expect(await Lockout.read(email, Lockout.ANY_CLIENT)).toMatchObject({ failures: 1 + 5 });

    // The right password while the lock holds: refused, with Retry-After, and the lock stays.
    const right = await Promise.all([signIn(email, PASSWORD, attacker), signIn(email, PASSWORD, attacker)]);
    for (const r of right) {
      expect(r.status).toBe(429);
      expect(r.json.error.code).toBe("auth.too_many_attempts");
      expect(r.json.error.params).toEqual({ minutes: 15 });
      const retryAfter = Number(r.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(r.headers.get("set-cookie")).toBeNull();
    }
    expect(await Lockout.read(email, attacker)).toMatchObject({ failures: 22 });
  });

  it("a right password resets the client's count when no lock is in force", async () => {
    const { email } = await userWith(["viewer"]);
    for (let i = 0; i < 4; i++) expect((await signIn(email, "wrong password")).status).toBe(401);
    expect(await Lockout.read(email, "198.51.100.7")).toMatchObject({ failures: 4 });
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    expect(await Lockout.read(email, "198.51.100.7")).toBeUndefined();
    // The account-wide count (every attempt, the first sign-in too) is not reset by one client's success.
    expect(await Lockout.read(email, Lockout.ANY_CLIENT)).toMatchObject({ failures: 1 + 4 + 1 });
  });

  it("a success cannot lift a lock already in force", async () => {
    const { email } = await userWith(["viewer"]);
    const client = "198.51.100.8";
    for (let i = 0; i < 6; i++) await Lockout.count(email, client);
    await Lockout.succeeded(email, client);
    expect(await Lockout.read(email, client)).toMatchObject({ failures: 6 });
  });
});

describe("per account and per client", () => {
  it("a stranger elsewhere is locked out; the owner at the usual address signs in", async () => {
    const { email } = await userWith(["finance"]);
    for (let i = 0; i < 5; i++) expect((await signIn(email, "a guess " + i, "203.0.113.5")).status).toBe(401);
    expect((await signIn(email, PASSWORD, "203.0.113.5")).status).toBe(429);
    expect((await signIn(email, PASSWORD, "198.51.100.7")).status).toBe(200);
  });

  it("past fifty attempts from everywhere, only addresses that signed in before are let through", async () => {
    const { email } = await userWith(["finance"]);
    const usual = "198.51.100.7";
    expect((await signIn(email, PASSWORD, usual)).status).toBe(200);
    // Guesses spread over many addresses (each below its client's limit), up to one below the account's limit.
    const sofar = (await Lockout.read(email, Lockout.ANY_CLIENT))!.failures;
    for (let i = sofar; i < Lockout.ACCOUNT_MAX - 1; i++) await Lockout.count(email, Lockout.ANY_CLIENT);
    const stranger = await signIn(email, "one more guess", "203.0.113.77");
    expect(stranger.status).toBe(401);
    const next = await signIn(email, PASSWORD, "203.0.113.78");
    expect(next.status).toBe(429);
    expect(next.json.error.code).toBe("auth.too_many_attempts");
    expect((await signIn(email, PASSWORD, usual)).status).toBe(200);
  });

  it("an admin unlocks an account; the unlock and the lockout are in the trail", async () => {
    const { email } = await userWith(["hr"]);
    const admin = await userWith(["admin"]);
    const viewer = await userWith(["viewer"]);
    for (let i = 0; i < 6; i++) await signIn(email, "a wrong password", "203.0.113.9");
    expect((await signIn(email, PASSWORD, "203.0.113.9")).status).toBe(429);

    const refused = await call("POST", `/api/users/${email}/unlock`, { cookie: viewer.cookie });
    expect(refused.status).toBe(403);
    expect((await signIn(email, PASSWORD, "203.0.113.9")).status).toBe(429);

    const unlocked = await call("POST", `/api/users/${encodeURIComponent(email)}/unlock`, { cookie: admin.cookie });
    expect(unlocked.status).toBe(200);
    expect(unlocked.json).toEqual({ email, cleared: 2 });
    expect((await signIn(email, PASSWORD, "203.0.113.9")).status).toBe(200);

    const trail = await call("GET", `/api/audit?entity=auth&id=${encodeURIComponent(email)}`, { cookie: admin.cookie });
    expect(trail.status).toBe(200);
    const actions = trail.json.items.map((e: { action: string }) => e.action);
    // Newest first: the sign-in, the unlock, the one lockout event, the five failures, the first sign-in.
    expect(actions).toEqual(["login", "unlock", "lockout", ...Array(5).fill("login_failed"), "login"]);
    expect(trail.json.items[1].actor).toBe(admin.email);
    expect(trail.json.items[2].changes).toEqual({ scope: [null, "client"], client: [null, "203.0.113.9"] });
    expect(trail.json.items[3].changes).toEqual({ reason: [null, "wrong_password"], client: [null, "203.0.113.9"] });
    expect(JSON.stringify(trail.json)).not.toMatch(/wrong password|correct horse|scrypt/);
    // Only an admin reads the sign-in trail.
    expect((await call("GET", "/api/audit?entity=auth", { cookie: viewer.cookie })).status).toBe(403);
  });
});

describe("sign-in events in the audit trail", () => {
  it("a password reset, a role change and a disabling are auth events, without the password", async () => {
    const admin = await userWith(["admin"]);
    const { email } = await userWith(["viewer"]);
    const changed = await call("PATCH", `/api/users/${email}`, {
      cookie: admin.cookie,
      body: { password: "another long password", roles: ["viewer", "hr"], version: 1 },
    });
    expect(changed.status).toBe(200);
    expect((await call("PATCH", `/api/users/${email}`, { cookie: admin.cookie, body: { disabled: true, version: 2 } })).status).toBe(200);
    const trail = await call("GET", `/api/audit?entity=auth&id=${encodeURIComponent(email)}`, { cookie: admin.cookie });
    const events = trail.json.items.map((e: { action: string; actor: string; changes: unknown }) => [e.action, e.actor, e.changes]);
    expect(events.slice(0, 3).map((e: unknown[]) => e[0]).sort()).toEqual(["disable", "password_reset", "role_change"]);
    expect(events.find((e: unknown[]) => e[0] === "role_change")).toEqual(["role_change", admin.email, { roles: [["viewer"], ["viewer", "hr"]] }]);
    expect(events.at(-1)[0]).toBe("login");
    expect(JSON.stringify(trail.json)).not.toMatch(/another long password|scrypt/);
  });
});

describe("bounded hashing", () => {
  it("many parallel sign-ins get an answer or a quick 503 auth.busy, and no more hashes run than allowed", async () => {
    const { email } = await userWith(["viewer"]);
    Password.resetPeak();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(email, PASSWORD, `192.0.2.${i + 1}`)));
    const statuses = tally(answers.map((r) => r.status));
    expect((statuses[200] ?? 0) + (statuses[503] ?? 0)).toBe(12);
    expect(statuses[200]).toBeGreaterThanOrEqual(1);
    expect(statuses[503]).toBeGreaterThanOrEqual(1);
    for (const r of answers.filter((a) => a.status === 503)) {
      expect(r.json.error.code).toBe("auth.busy");
      expect(r.headers.get("retry-after")).toBe(String(Auth.BUSY_RETRY_SECONDS));
    }
    expect(Password.peak).toBeLessThanOrEqual(Password.MAX_CONCURRENT);
    expect(Password.peak).toBeGreaterThanOrEqual(1);
    expect(Password.active()).toBe(0);
  });
});

describe("the client address", () => {
  it("is CloudFront's viewer address, else the first X-Forwarded-For entry, else the socket's, else local", () => {
    expect(Auth.clientAddress({ viewerAddress: "203.0.113.4:51234", forwardedFor: "10.0.0.1" })).toBe("203.0.113.4");
    expect(Auth.clientAddress({ viewerAddress: "[2001:DB8::1]:443" })).toBe("2001:db8::1");
    expect(Auth.clientAddress({ forwardedFor: " 203.0.113.4 , 130.176.0.1" })).toBe("203.0.113.4");
    expect(Auth.clientAddress({ socket: "::1" })).toBe("::1");
    expect(Auth.clientAddress({})).toBe("local");
    void Actor;
  });
});
