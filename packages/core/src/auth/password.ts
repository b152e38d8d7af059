/**
 * Password hashing with scrypt at the OWASP Password Storage Cheat Sheet
 * parameters (N=2^17, r=8, p=1), a 16-byte salt and a 32-byte key. The
 * parameters are stored with each hash, so they can be raised later and old
 * hashes still verify.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

export const PARAMS = { N: 2 ** 17, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;
export const MIN_LENGTH = 12;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number) {
  return new Promise<Buffer>((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; Node's default maxmem (32 MiB) is below that.
    scrypt(password.normalize("NFC"), salt, keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * At most MAX_CONCURRENT scrypt hashes run at once in this process (each takes
 * 128 MiB and a core for a few hundred ms). A sign-in beyond that is refused at
 * once (`tryAcquire`), never queued; the rare admin hash (a new user, a reset)
 * waits its turn (`acquire`).
 */
export const MAX_CONCURRENT = Math.max(1, Number(process.env.AUTH_MAX_HASHES ?? 2) || 2);
let running = 0;
const waiting: Array<() => void> = [];
/** The most hashes that ran at once since the last `resetPeak()` (tests and the benchmark read it). */
export let peak = 0;
export function resetPeak(): void {
  peak = running;
}
export function active(): number {
  return running;
}

function take(): () => void {
  running++;
  peak = Math.max(peak, running);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    running--;
    waiting.shift()?.();
  };
}

/** A hashing slot if one is free now, else undefined. Call the returned function to give it back. */
export function tryAcquire(): (() => void) | undefined {
  return running < MAX_CONCURRENT ? take() : undefined;
}

/** A hashing slot, waiting for one to be free. */
export function acquire(): Promise<() => void> {
  const release = tryAcquire();
  if (release) return Promise.resolve(release);
  return new Promise((resolve) => waiting.push(() => resolve(take())));
}

/** `scrypt$N$r$p$salt$key` (salt and key base64url). Waits for a hashing slot. */
export async function hash(password: string): Promise<string> {
  const release = await acquire();
  try {
    return await hashNow(password);
  } finally {
    release();
  }
}

async function hashNow(password: string): Promise<string> {
  const salt = randomBytes(PARAMS.saltLength);
  const key = await derive(password, salt, PARAMS.N, PARAMS.r, PARAMS.p, PARAMS.keyLength);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Constant-time comparison against a stored hash. The caller holds a hashing slot (`tryAcquire`). */
export async function verify(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), Number(n), Number(r), Number(p), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password: verified against when the email is unknown, so both answers take as long. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  // Computed inside the caller's slot, once per process.
  decoy ??= hashNow(randomBytes(24).toString("base64url"));
  return decoy;
}

/** A random password for a generated first admin: 20 characters from an unambiguous alphabet. */
export function generate(length = 20): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}
