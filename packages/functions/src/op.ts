/**
 * One declaration per route: `op("createContribution", { summary, response, ... })` names the
 * operation (its key in the permission table, its OpenAPI operationId), documents its answer, and
 * checks the caller's role before anything else of the route runs, so a lacking role gets 403
 * whatever the body. The validators (`v()` in validate.ts) document the parameters and the body.
 *
 * Declaring costs nothing at cold start: the spec is only kept here. The OpenAPI document (openapi.ts,
 * with hono-openapi and zod's JSON Schema conversion) is built from these specs when it is first asked
 * for, in a chunk of its own.
 */
import * as Actor from "@tracker/core/actor";
import { PERMISSIONS, type Operation } from "@tracker/core/permissions";
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { findTargetHandler } from "hono/utils/handler";
import type * as z from "zod";

export interface OpSpec {
  summary: string;
  description?: string;
  /** The success status (default 200). */
  status?: 200 | 201 | 204;
  /** The JSON answer's schema. */
  response?: z.ZodType;
  /** The answer is not JSON (CSV, HTML, XLSX), or besides JSON when a query chooses; several when a query chooses. */
  produces?: Produces | Produces[];
  /** Error statuses besides those every operation of its kind has: 409 for a versioned write, 422, 429. */
  errors?: Array<409 | 422 | 429>;
}

type Produces =
  | "text/csv"
  | "text/html"
  | "text/css"
  | "application/pdf"
  | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  | "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const OPERATION = Symbol("operation");

/** Each declared operation's spec, for the document (built on demand by openapi.ts). */
export const SPECS = new Map<Operation, OpSpec>();

/** The route's operation: its docs, then the permission check. */
export function op(operation: Operation, spec: OpSpec): MiddlewareHandler {
  SPECS.set(operation, spec);
  const check: MiddlewareHandler = async (_c, next) => {
    // "public" is settled by the session middleware; the rest here ("signedIn" is staff only,
    // "scoped" admits a `state` user too, whose scope the core applies).
    if (PERMISSIONS[operation] !== "public") Actor.assertCan(operation);
    await next();
  };
  Object.defineProperty(check, "name", { value: `op:${operation}` });
  return Object.assign(check, { [OPERATION]: operation });
}

/** The operation a handler declares, if it is an `op()` middleware. */
export function operationOf(handler: unknown): Operation | undefined {
  return (findTargetHandler(handler as never) as unknown as Record<symbol, Operation | undefined>)[OPERATION];
}

/** The operation of the route that answers this request (the first matched route that declares one). */
export function requestOperation(c: Context): Operation | undefined {
  for (const route of matchedRoutes(c)) {
    const operation = operationOf(route.handler);
    if (operation) return operation;
  }
  return undefined;
}
