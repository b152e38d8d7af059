import * as Actor from "@tracker/core/actor";
import { Auth } from "@tracker/core/auth/index";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { PERMISSIONS } from "@tracker/core/permissions";
import { errorBody } from "./errors";
import { requestOperation } from "./op";

/** Plain http is allowed only on the local machine; everywhere else the cookie is __Host- and Secure. */
function isLocalHttp(c: Context): boolean {
  const url = new URL(c.req.url);
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** `session` over http://localhost; `__Host-session` (hono adds the prefix) everywhere else. */
const COOKIE = "session";

export function setSessionCookie(c: Context, token: string, expires: Date) {
  const secure = !isLocalHttp(c);
  setCookie(c, COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: "Strict",
    path: "/",
    expires,
    ...(secure ? { prefix: "host" as const } : {}),
  });
}

export function clearSessionCookie(c: Context) {
  const secure = !isLocalHttp(c);
  deleteCookie(c, COOKIE, { path: "/", secure, httpOnly: true, sameSite: "Strict", ...(secure ? { prefix: "host" as const } : {}) });
}

export function sessionToken(c: Context): string | undefined {
  return isLocalHttp(c) ? getCookie(c, COOKIE) : getCookie(c, COOKIE, "host");
}

/**
 * Reads the session cookie, checks it against DynamoDB (logout, disabled user
 * and password reset end it), and runs the request as that actor. Anything but
 * the operations that the permission table makes "public" without a valid session is a 401.
 */
export const session: MiddlewareHandler = async (c, next) => {
  const operation = requestOperation(c);
  if (operation && PERMISSIONS[operation] === "public") return Actor.provide({ type: "public" }, () => next());
  const actor = await Auth.authenticate(sessionToken(c));
  if (!actor) return c.json(errorBody("auth.required"), 401);
  return Actor.provide(actor, () => next());
};
