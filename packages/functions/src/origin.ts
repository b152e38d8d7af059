/**
 * Requests that bypass CloudFront are refused. On AWS, CloudFront adds the
 * header `x-origin-verify` with the ORIGIN_SECRET (an SST Config.Secret) to
 * every /api/* request it forwards; the API Gateway URL called directly lacks
 * it and gets 403. Locally and in tests no secret is set and the check is off.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { errorBody } from "./errors";

export const ORIGIN_HEADER = "x-origin-verify";

/** On Lambda, the bound secret (api.ts: its value, or a function that fetches it from SSM on first use). */
let configured: string | (() => Promise<string>) | undefined;
let fetched: Promise<string> | undefined;

export function setOriginSecret(secret: string | (() => Promise<string>)) {
  configured = secret;
  fetched = undefined;
}

async function expected(): Promise<string | undefined> {
  if (process.env.ORIGIN_SECRET) return process.env.ORIGIN_SECRET;
  if (typeof configured !== "function") return configured || undefined;
  const fetch = configured;
  fetched ??= fetch().catch((error: unknown) => {
    fetched = undefined;
    throw error;
  });
  return fetched;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Constant-time comparison (both sides hashed to the same length first). */
export function sameSecret(given: string | undefined, secret: string): boolean {
  return timingSafeEqual(digest(given ?? ""), digest(secret)) && given !== undefined;
}

export const originCheck: MiddlewareHandler = async (c, next) => {
  const secret = await expected();
  if (secret && !sameSecret(c.req.header(ORIGIN_HEADER), secret)) {
    return c.json(errorBody("request.forbidden_origin"), 403);
  }
  return next();
};
