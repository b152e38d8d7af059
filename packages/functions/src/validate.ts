import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type * as z from "zod";
import { markParsed } from "@tracker/core/fn";

/** What a validator validates, for the OpenAPI document (read by openapi.ts when it is built). */
export const VALIDATED = Symbol("validated");
export interface Validated {
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

/**
 * Validation at the edge with the core's zod schemas. A failure is thrown as
 * the ZodError itself; the one error handler turns it into a 400 naming each
 * field, before anything is written. The schema also documents the route's
 * parameters or body in the OpenAPI document.
 */
export function v<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success) throw result.error;
    // Validated once: the core function of this same schema takes the value as it is.
    markParsed(schema, result.data);
  });
  const validated: Validated = { target, schema };
  return Object.assign(middleware, { [VALIDATED]: validated });
}
