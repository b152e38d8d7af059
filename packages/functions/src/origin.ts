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

// On Lambda the secret is bound (SST_Secret_value_ORIGIN_SECRET) and fetched with the others from SSM
// by sst/node/config, which the Lambda entry has already loaded: no extra round trip.
const bound: string | undefined = process.env.SST_Secret_value_ORIGIN_SECRET
  ? ((await import("sst/node/config")).Config as unknown as Record<string, string>).ORIGIN_SECRET
  : undefined;

function expected(): string | undefined {
  return process.env.ORIGIN_SECRET || bound || undefined;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Constant-time comparison (both sides hashed to the same length first). */
export function sameSecret(given: string | undefined, secret: string): boolean {
  return timingSafeEqual(digest(given ?? ""), digest(secret)) && given !== undefined;
}

export const originCheck: MiddlewareHandler = async (c, next) => {
  const secret = expected();
  if (secret && !sameSecret(c.req.header(ORIGIN_HEADER), secret)) {
    return c.json(errorBody("request.forbidden_origin"), 403);
  }
  return next();
};
