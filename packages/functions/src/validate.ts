import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type * as z from "zod";

/**
 * Validation at the edge with the core's zod schemas. A failure is thrown as
 * the ZodError itself; the one error handler turns it into a 400 naming each
 * field, before anything is written.
 */
export function v<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw result.error;
  });
}
