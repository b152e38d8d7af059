/**
 * Sign-in lockout. Every attempt is counted BEFORE its password is checked, with
 * an atomic ADD on a counter shared by every process, so parallel guesses count
 * one by one and an attempt refused by the count never costs a hash.
 *
 * Two counters, in one window of WINDOW_MINUTES from the first attempt:
 * - the email from one client address: refused after PAIR_MAX attempts;
 * - the email from every client: refused after ACCOUNT_MAX attempts, except for
 *   a client address that signed in to it successfully within KNOWN_DAYS.
 * So a stranger elsewhere is slowed down (five guesses a window from one
 * address, fifty from all), while the owner at a usual address still signs in.
 * A successful sign-in resets its client's counter unless that counter has
 * already refused someone (a lock in force is never lifted by a success).
 * An admin can clear both (unlock).
 */
import * as Clock from "../clock";
import { VisibleError } from "../error";
import { KnownClientEntity, LoginAttemptEntity } from "./auth.entity";

export const WINDOW_MINUTES = 15;
export const PAIR_MAX = 5;
export const ACCOUNT_MAX = 50;
export const KNOWN_DAYS = 90;
/** The account-wide counter's client value. */
export const ANY_CLIENT = "*";

const windowMs = () => WINDOW_MINUTES * 60_000;

function conditionFailed(error: unknown): boolean {
  for (let e = error as { name?: string; cause?: unknown } | undefined, d = 0; e && d < 5; e = e.cause as typeof e, d++) {
    if (e.name === "ConditionalCheckFailedException") return true;
  }
  return false;
}

export interface Count {
  failures: number;
  windowStart: number;
}

/**
 * Adds one attempt to the counter and returns its new value: an ADD on a window
 * still open, or a fresh window when there is none or it has passed. Both are
 * conditional, so two processes never both start a window or overwrite a count.
 */
export async function count(email: string, client: string): Promise<Count> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = Clock.nowMs();
    const floor = now - windowMs();
    try {
      const updated = await LoginAttemptEntity.update({ email, client })
        .add({ failures: 1 })
        .where((a, op) => op.gt(a.windowStart, floor))
        .go({ response: "all_new" });
      return { failures: updated.data.failures!, windowStart: updated.data.windowStart! };
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
    try {
      await LoginAttemptEntity.put({
        email,
        client,
        failures: 1,
        windowStart: now,
        expiresAt: Math.ceil((now + windowMs()) / 1000),
      })
        .where((a, op) => `${op.notExists(a.windowStart)} OR ${op.lte(a.windowStart, floor)}`)
        .go();
      return { failures: 1, windowStart: now };
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      // Another attempt opened the window first: count on it.
    }
  }
  throw new Error("The sign-in counter did not settle");
}

/** The stored counter, for tests and the unlock answer. */
export async function read(email: string, client: string): Promise<Count | undefined> {
  const r = await LoginAttemptEntity.get({ email, client }).go({ consistent: true });
  if (!r.data || r.data.windowStart + windowMs() <= Clock.nowMs()) return undefined;
  return { failures: r.data.failures, windowStart: r.data.windowStart };
}

export function tooMany(c: Count): VisibleError {
  const ms = Math.max(1000, c.windowStart + windowMs() - Clock.nowMs());
  const error = new VisibleError("rate_limit", "auth.too_many_attempts", { minutes: Math.ceil(ms / 60_000) });
  return Object.assign(error, { retryAfterSeconds: Math.ceil(ms / 1000) });
}

export type Refusal = { scope: "client" | "account"; count: Count };

/**
 * Counts this attempt; returns the refusal when a lock is in force (the
 * password must then not be checked), else undefined.
 */
export async function admit(email: string, client: string): Promise<Refusal | undefined> {
  const pair = await count(email, client);
  if (pair.failures > PAIR_MAX) return { scope: "client", count: pair };
  const account = await count(email, ANY_CLIENT);
  if (account.failures > ACCOUNT_MAX) {
    const known = await KnownClientEntity.get({ email, client }).go({ consistent: true });
    if (!known.data || known.data.expiresAt * 1000 <= Clock.nowMs()) return { scope: "account", count: account };
  }
  return undefined;
}

/** After a right password: the client's counter is reset unless a lock is in force, and the client is known. */
export async function succeeded(email: string, client: string): Promise<void> {
  const now = Clock.nowMs();
  await Promise.all([
    LoginAttemptEntity.delete({ email, client })
      .where((a, op) => op.lte(a.failures, PAIR_MAX))
      .go()
      .catch((error) => {
        if (!conditionFailed(error)) throw error;
      }),
    client === ANY_CLIENT
      ? undefined
      : KnownClientEntity.put({
          email,
          client,
          lastSignIn: new Date(now).toISOString(),
          expiresAt: Math.ceil(now / 1000) + KNOWN_DAYS * 86_400,
        }).go(),
  ]);
}

/**
 * Until when the email's sign-ins are refused, as an ISO time: the latest end of a window whose
 * next attempt is refused (PAIR_MAX attempts from one client, or ACCOUNT_MAX from every client,
 * which refuses every client not known to the account). Undefined when nothing is in force.
 */
export async function lockedUntil(email: string): Promise<string | undefined> {
  const all = await LoginAttemptEntity.query.primary({ email }).go({ pages: "all" });
  const now = Clock.nowMs();
  let until = 0;
  for (const a of all.data) {
    const end = a.windowStart + windowMs();
    if (end > now && a.failures >= (a.client === ANY_CLIENT ? ACCOUNT_MAX : PAIR_MAX)) until = Math.max(until, end);
  }
  return until ? new Date(until).toISOString() : undefined;
}

/** Clears every counter of the email (admin unlock): the account-wide one and each client's. Returns how many. */
export async function clear(email: string): Promise<number> {
  const all = await LoginAttemptEntity.query.primary({ email }).go({ pages: "all" });
  if (all.data.length) await LoginAttemptEntity.delete(all.data.map((a) => ({ email: a.email, client: a.client }))).go();
  return all.data.length;
}
