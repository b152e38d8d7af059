export * as Auth from "./index";

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { User } from "../user";
import { getRecord, type EntityItem } from "../entity";
import { LoginAttemptEntity, SessionEntity } from "./auth.entity";
import { Audit } from "../audit";
import * as Lockout from "./lockout";
import * as Password from "./password";

export { Password };

export const SESSION_HOURS = 8;
export { Lockout };
/** @deprecated the per-client limit; see Lockout. */
export const MAX_FAILURES = Lockout.PAIR_MAX;
export const WINDOW_MINUTES = Lockout.WINDOW_MINUTES;

let secret: string | undefined = process.env.SESSION_SECRET;
let provider: (() => Promise<string>) | undefined;
let pending: Promise<string> | undefined;

/**
 * The HMAC key for session cookies: SESSION_SECRET locally; on AWS a provider that fetches the SST
 * Config.Secret on the first request that needs it (nothing is fetched at module init). The value a
 * provider gives is cached; a failed fetch is tried again by the next request.
 */
export function setSecret(value: string | (() => Promise<string>)) {
  pending = undefined;
  if (typeof value === "string") {
    secret = value;
    provider = undefined;
  } else {
    secret = undefined;
    provider = value;
  }
}

function checked(value: string | undefined): string {
  if (!value || value.length < 32) throw new Error("SESSION_SECRET is missing or shorter than 32 characters");
  return value;
}

async function key(): Promise<string> {
  if (secret !== undefined || !provider) return checked(secret);
  pending ??= provider().then(
    (value) => (secret = checked(value)),
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}

async function sign(payload: string): Promise<string> {
  return createHmac("sha256", await key()).update(payload).digest("base64url");
}

/** Token: `v1.<sid>.<email base64url>.<exp seconds>.<hmac>`. */
async function encode(sid: string, email: string, exp: number): Promise<string> {
  const payload = `v1.${sid}.${Buffer.from(email).toString("base64url")}.${exp}`;
  return `${payload}.${await sign(payload)}`;
}

async function decode(token: string): Promise<{ sid: string; email: string; exp: number } | undefined> {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") return undefined;
  const payload = parts.slice(0, 4).join(".");
  // Compared as text: base64url has spare bits, and two spellings of one signature must not both pass.
  const given = Buffer.from(parts[4]!, "utf8");
  const expected = Buffer.from(await sign(payload), "utf8");
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

/** Seconds a refused sign-in is told to wait when every hashing slot is taken. */
export const BUSY_RETRY_SECONDS = 2;

/**
 * The client address of a request, for the per-client counter: the viewer's
 * address that CloudFront sets (CloudFront-Viewer-Address, when the origin
 * request policy forwards it), else the first X-Forwarded-For entry, else the
 * socket's peer, else "local". Only ever a counter key, never trusted for access.
 */
export function clientAddress(from: { viewerAddress?: string; forwardedFor?: string; socket?: string }): string {
  const viewer = from.viewerAddress?.trim();
  if (viewer) return viewer.replace(/:\d+$/, "").replace(/^\[|\]$/g, "").slice(0, 64).toLowerCase();
  const first = from.forwardedFor?.split(",")[0]?.trim();
  if (first) return first.slice(0, 64).toLowerCase();
  return from.socket?.slice(0, 64).toLowerCase() || "local";
}

export interface LoginContext {
  /** See clientAddress(). */
  client?: string;
}

/**
 * Signs a user in. Unknown email, wrong password and disabled account answer
 * alike (and take as long: the password is always hashed). The attempt is
 * counted before the hash (see lockout.ts); a lock in force refuses it, right
 * password or not, without hashing. At most Password.MAX_CONCURRENT hashes run
 * at once; beyond that the answer is a quick 503 auth.busy.
 */
async function signIn(input: z.output<typeof LoginInput>, context: LoginContext = {}) {
  const { email, password } = input;
  const client = context.client ?? "local";
  // Counted first, whatever follows: a refusal for a lock or for a busy process is an attempt too.
  const refusal = await Lockout.admit(email, client);
  if (refusal) {
    // The attempt that starts a lock is recorded once; the ones it refuses after are not.
    const limit = refusal.scope === "client" ? Lockout.PAIR_MAX : Lockout.ACCOUNT_MAX;
    if (refusal.count.failures === limit + 1)
      await Audit.record({ entity: "auth", id: email, action: "lockout", actor: "public", changes: { scope: [null, refusal.scope], client: [null, client] } });
    throw Lockout.tooMany(refusal.count);
  }
  const release = Password.tryAcquire();
  if (!release) {
    throw Object.assign(new VisibleError("unavailable", "auth.busy", { seconds: BUSY_RETRY_SECONDS }), {
      retryAfterSeconds: BUSY_RETRY_SECONDS,
    });
  }
  let user: Awaited<ReturnType<typeof User.findStored>>;
  let ok: boolean;
  try {
    user = await User.findStored(email);
    ok = await Password.verify(password, user?.passwordHash ?? (await Password.decoyHash()));
  } finally {
    release();
  }
  if (!user || !ok || user.disabled) {
    const reason = !user ? "unknown_email" : user.disabled ? "disabled" : "wrong_password";
    await Audit.record({ entity: "auth", id: email, action: "login_failed", actor: "public", changes: { reason: [null, reason], client: [null, client] } });
    throw invalid();
  }
  const nowMs = Clock.nowMs();
  const sid = randomBytes(24).toString("base64url");
  const exp = Math.floor(nowMs / 1000) + SESSION_HOURS * 3600;
  // Signed before the session is stored: without the key nothing is written.
  const token = await encode(sid, user.email, exp);
  await Promise.all([
    Lockout.succeeded(email, client),
    SessionEntity.create({
      sid,
      email: user.email,
      sessionVersion: user.sessionVersion,
      createdAt: new Date(nowMs).toISOString(),
      expiresAt: exp,
    }).go(),
    Audit.record({ entity: "auth", id: user.email, action: "login", actor: user.email, changes: { client: [null, client] } }),
  ]);
  return { user: User.toInfo(user), token, expiresAt: new Date(exp * 1000) };
}

export const login = Object.assign(
  (input: z.input<typeof LoginInput>, context?: LoginContext) => signIn(LoginInput.parse(input), context),
  { schema: LoginInput },
);

export const UnlockInput = z.strictObject({ email: User.LoginEmail });

/** Clears the sign-in counters of an email (every client's), recorded in the audit trail. */
export const unlock = fn(UnlockInput, async ({ email }) => {
  Actor.assertCan("unlockUser");
  const cleared = await Lockout.clear(email);
  await Audit.record({ entity: "auth", id: email, action: "unlock", changes: { counters: [cleared, 0] } });
  return { email, cleared };
});

/**
 * The actor a session token stands for, or undefined when the token is
 * forged, expired, logged out, or its user disabled or reset since.
 */
export async function authenticate(token: string | undefined): Promise<Extract<Actor.Actor, { type: "user" }> | undefined> {
  if (!token) return undefined;
  const decoded = await decode(token);
  if (!decoded || decoded.exp * 1000 <= Clock.nowMs()) return undefined;
  const [s, user] = await Promise.all([
    getRecord<EntityItem<typeof SessionEntity>>(SessionEntity.get({ sid: decoded.sid }).params()),
    User.findStored(decoded.email),
  ]);
  if (!s || !user || s.email !== user.email || s.expiresAt * 1000 <= Clock.nowMs()) return undefined;
  if (user.disabled || s.sessionVersion !== user.sessionVersion) return undefined;
  return { type: "user", email: user.email, name: user.name, roles: user.roles, ...(user.stateCode ? { stateCode: user.stateCode } : {}) };
}

/** Ends the session of this token (server-side: the old cookie no longer works). */
export async function logout(token: string | undefined): Promise<void> {
  const decoded = token ? await decode(token) : undefined;
  if (!decoded) return;
  await SessionEntity.delete({ sid: decoded.sid }).go();
  await Audit.record({ entity: "auth", id: decoded.email, action: "logout" });
}

export const Me = z.object({
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(Actor.ROLES)),
  /** A `state` user's member state: all it sees. */
  stateCode: z.string().optional(),
});

/** The signed-in user as the session check just read it (no second read). */
export function me(): z.infer<typeof Me> {
  const actor = Actor.assertSession();
  if (actor.type !== "user") throw new VisibleError("auth", "auth.required");
  return { email: actor.email, name: actor.name, roles: actor.roles, ...(actor.stateCode ? { stateCode: actor.stateCode } : {}) };
}
