/**
 * Helpers for route tests: the real Hono app (app.request, no network), real
 * users with real password hashes, real sessions, all in DynamoDB Local.
 */
import { Actor, User } from "@tracker/core";
// As the local server does (packages/functions/src/local.ts): this process sends statements itself.
import "@tracker/core/mail";
import { app } from "@tracker/functions/app";
import type { Role } from "@tracker/core/actor";

export { app };

export const PASSWORD = "correct horse battery staple";

export interface Call {
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
  origin?: string;
}

/** A request to the app as a browser on http://localhost would send it. */
export async function call(method: string, path: string, options: Call = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
    headers["content-length"] ??= String(Buffer.byteLength(body));
  }
  const origin = options.origin ?? "http://localhost";
  // A browser sends its Origin with every state-changing request.
  if (!["GET", "HEAD"].includes(method)) headers.origin ??= origin;
  const response = await app.request(`${origin}${path}`, { method, headers, body });
  // Keep a byte-order mark if there is one (CSV exports start with it).
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}

/** Creates a user as the system (no audit noise from a test admin) and signs in; returns the cookie. A `state` user needs its `stateCode`. */
export async function userWith(roles: Role[], email = `${roles.join("-") || "none"}-${Math.random().toString(36).slice(2, 8)}@example.org`, stateCode?: string) {
  await Actor.provide({ type: "system", name: "test" }, () =>
    User.create({ email, name: `Test ${roles.join(" ")}`, roles, password: PASSWORD, ...(stateCode ? { stateCode } : {}) }),
  );
  return { email, cookie: await login(email) };
}

export async function login(email: string, password = PASSWORD): Promise<string> {
  const res = await call("POST", "/api/auth/login", { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
  const setCookie = res.headers.get("set-cookie") ?? "";
  return setCookie.split(";")[0]!;
}

/** Runs core code as the system actor (setting up fixtures). */
export function asSystem<T>(run: () => Promise<T>): Promise<T> {
  return Actor.provide({ type: "system", name: "test" }, run);
}
