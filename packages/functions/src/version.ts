import { samePath } from "@tracker/core/schema";
import type { Context } from "hono";

/** The version from an `If-Match` header ("3" or "\"3\""), when the body does not carry one. */
export function ifMatch(c: Context): number | undefined {
  const header = c.req.header("if-match");
  if (!header) return undefined;
  const n = Number(header.replace(/^W\//, "").replace(/"/g, ""));
  return Number.isInteger(n) ? n : undefined;
}

/**
 * The body of a write to the record at a path, as the core takes it: the path's key (refused when
 * the body names another, samePath), and the version of the body or else of `If-Match`.
 */
export function atPath<B extends { version?: number }, K extends string, V>(
  c: Context,
  body: B,
  key: K,
  value: V,
): Omit<B, K | "version"> & Record<K, V> & { version: number } {
  const rest = samePath(body, key, value);
  return { ...rest, [key]: value, version: rest.version ?? ifMatch(c)! } as Omit<B, K | "version"> & Record<K, V> & { version: number };
}
