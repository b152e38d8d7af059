/**
 * Idempotent creation: the key is claimed with a conditional put in the same
 * transaction as the record it creates, so a retry (or a concurrent duplicate)
 * gets the first answer and writes nothing.
 */
export * as Idempotency from "./index";

import { createHash } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { asTransactItem, type TransactItem } from "../dynamo";
import { VisibleError } from "../error";
import { issue } from "../messages/zod";
import { IdempotencyEntity } from "./idempotency.entity";

export const TTL_HOURS = 24;

export const Key = z
  .string()
  .min(8, issue("idempotency.key_form"))
  .max(200)
  .regex(/^[\x21-\x7e]+$/, issue("idempotency.key_chars"));

/** Stable hash of a request body: key order does not matter. */
export function hash(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
        : v;
  return createHash("sha256").update(JSON.stringify(canonical(body))).digest("base64url");
}

export interface Claim {
  scope: string;
  key: string;
  requestHash: string;
}

/** Keys are per route and per user: two users cannot collide. */
export function claim(route: string, key: string, body: unknown): Claim {
  return { scope: `${route}:${Actor.label()}`, key, requestHash: hash(body) };
}

/** The stored first answer for this claim, or undefined; 422 when the key was used with another body. */
export async function replay<T>(c: Claim): Promise<T | undefined> {
  const found = await IdempotencyEntity.get({ scope: c.scope, key: c.key }).go({ consistent: true });
  if (!found.data) return undefined;
  if (found.data.requestHash !== c.requestHash) {
    throw new VisibleError("idempotency", "idempotency.key_reused");
  }
  return JSON.parse(found.data.response) as T;
}

/**
 * The conditional put that claims the key, to run in the creating transaction: when another
 * request holds the key, the write answers `idempotency.in_flight` (then the first answer may be replayed).
 */
export function item(c: Claim, response: unknown, status = 201): TransactItem {
  const now = Clock.nowMs();
  return asTransactItem(
    "Put",
    IdempotencyEntity.create({
      scope: c.scope,
      key: c.key,
      requestHash: c.requestHash,
      status,
      response: JSON.stringify(response),
      createdAt: new Date(now).toISOString(),
      expiresAt: Math.ceil(now / 1000) + TTL_HOURS * 3600,
    }).params(),
    new VisibleError("conflict", "idempotency.in_flight"),
  );
}
