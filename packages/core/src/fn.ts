import type * as z from "zod";
import "./messages/zod";

/**
 * Wraps a domain function: its input is parsed with the schema (a ZodError
 * becomes a 400 naming the fields) and the schema stays reachable as `.schema`
 * so routes and the OpenAPI document reuse it.
 */
export function fn<S extends z.ZodType, R>(schema: S, handler: (input: z.output<S>) => R) {
  const result = (input: z.input<S>): R => handler(schema.parse(input));
  result.schema = schema;
  return result;
}
