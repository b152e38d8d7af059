export * as Auth from "./index";

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { User } from "../user";
import { LoginAttemptEntity, SessionEntity } from "./auth.entity";
import * as Password from "./password";

export { Password };

export const SESSION_HOURS = 8;
export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;

let secret: string | undefined = process.env.SESSION_SECRET;

/** The HMAC key for session cookies: an SST Config.Secret on AWS, SESSION_SECRET locally. */
export function setSecret(value: string) {
  secret = value;
}

function key(): string {
  if (!secret || secret.length < 32) throw new Error("SESSION_SECRET is missing or shorter than 32 characters");
  return secret;
}

function sign(payload: string): string {
  return createHmac("sha256", key()).update(payload).digest("base64url");
}

/** Token: `v1.<sid>.<email base64url>.<exp seconds>.<hmac>`. */
function encode(sid: string, email: string, exp: number): string {
  const payload = `v1.${sid}.${Buffer.from(email).toString("base64url")}.${exp}`;
  return `${payload}.${sign(payload)}`;
}

function decode(token: string): { sid: string; email: string; exp: number } | undefined {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") return undefined;
  const payload = parts.slice(0, 4).join(".");
  // Compared as text: base64url has spare bits, and two spellings of one signature must not both pass.
  const given = Buffer.from(parts[4]!, "utf8");
  const expected = Buffer.from(sign(payload), "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const exp = Number(parts[3]);
  if (!Number.isInteger(exp)) return undefined;
  return { sid: parts[1]!, email: Buffer.from(parts[2]!, "base64url").toString(), exp };
}

export const LoginInput = z.strictObject({
  email: User.LoginEmail,
  password: z.string().min(1).max(200),
});

const invalid = () => new VisibleError("auth", "auth.invalid_credentials");

/**
 * Signs a user in. Unknown email, wrong password and disabled account answer
 * alike (and take as long: the password is always hashed). After five failures
 * within fifteen minutes the email is locked until the window passes.
 */
export const login = fn(LoginInput, async ({ email, password }) => {
  const nowMs = Clock.nowMs();
  const [attempts, user] = await Promise.all([LoginAttemptEntity.get({ email }).go(), User.findStored(email)]);
  const windowOpen = attempts.data && attempts.data.windowStart + WINDOW_MINUTES * 60_000 > nowMs;
  if (windowOpen && attempts.data!.failures >= MAX_FAILURES) {
    const minutes = Math.ceil((attempts.data!.windowStart + WINDOW_MINUTES * 60_000 - nowMs) / 60_000);
    throw new VisibleError("rate_limit", "auth.too_many_attempts", { minutes });
  }
  const ok = await Password.verify(password, user?.passwordHash ?? (await Password.decoyHash()));
  if (!user || !ok || user.disabled) {
    if (windowOpen) await LoginAttemptEntity.patch({ email }).add({ failures: 1 }).go();
    else
      await LoginAttemptEntity.put({
        email,
        failures: 1,
        windowStart: nowMs,
        expiresAt: Math.ceil((nowMs + WINDOW_MINUTES * 60_000) / 1000),
      }).go();
    throw invalid();
  }
  if (attempts.data) await LoginAttemptEntity.delete({ email }).go();
  const sid = randomBytes(24).toString("base64url");
  const exp = Math.floor(nowMs / 1000) + SESSION_HOURS * 3600;
  await SessionEntity.create({
    sid,
    email: user.email,
    sessionVersion: user.sessionVersion,
    createdAt: new Date(nowMs).toISOString(),
    expiresAt: exp,
  }).go();
  return { user: User.toInfo(user), token: encode(sid, user.email, exp), expiresAt: new Date(exp * 1000) };
});

/**
 * The actor a session token stands for, or undefined when the token is
 * forged, expired, logged out, or its user disabled or reset since.
 */
export async function authenticate(token: string | undefined): Promise<Extract<Actor.Actor, { type: "user" }> | undefined> {
  if (!token) return undefined;
  const decoded = decode(token);
  if (!decoded || decoded.exp * 1000 <= Clock.nowMs()) return undefined;
  const [session, user] = await Promise.all([SessionEntity.get({ sid: decoded.sid }).go(), User.findStored(decoded.email)]);
  const s = session.data;
  if (!s || !user || s.email !== user.email || s.expiresAt * 1000 <= Clock.nowMs()) return undefined;
  if (user.disabled || s.sessionVersion !== user.sessionVersion) return undefined;
  return { type: "user", email: user.email, name: user.name, roles: user.roles };
}

/** Ends the session of this token (server-side: the old cookie no longer works). */
export async function logout(token: string | undefined): Promise<void> {
  const decoded = token ? decode(token) : undefined;
  if (decoded) await SessionEntity.delete({ sid: decoded.sid }).go();
}

export const Me = z.object({ email: z.string(), name: z.string(), roles: z.array(z.enum(Actor.ROLES)) });

/** The signed-in user as the session check just read it (no second read). */
export function me(): z.infer<typeof Me> {
  const actor = Actor.assertSignedIn();
  if (actor.type !== "user") throw new VisibleError("auth", "auth.required");
  return { email: actor.email, name: actor.name, roles: actor.roles };
}
