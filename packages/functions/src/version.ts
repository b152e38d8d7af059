import type { Context } from "hono";

/** The version from an `If-Match` header ("3" or "\"3\""), when the body does not carry one. */
export function ifMatch(c: Context): number | undefined {
  const header = c.req.header("if-match");
  if (!header) return undefined;
  const n = Number(header.replace(/^W\//, "").replace(/"/g, ""));
  return Number.isInteger(n) ? n : undefined;
}
