import type * as z from "zod";
import "./messages/zod";

/** Values a schema has already produced (the route's validator parsed them): not parsed again. */
const parsedBy = new WeakMap<object, z.ZodType>();

/**
 * Marks a value as the output of `schema`, so that a domain function of that same schema takes it
 * as it is: a request body or query is validated once, at the edge, not again in core.
 */
export function markParsed(schema: z.ZodType, value: unknown): void {
  if (typeof value === "object" && value !== null) parsedBy.set(value, schema);
}

/**
 * Wraps a domain function: its input is parsed with the schema (a ZodError
 * becomes a 400 naming the fields) and the schema stays reachable as `.schema`
 * so routes and the OpenAPI document reuse it. An input this schema already
 * produced (`markParsed`) is not parsed twice.
 */
export function fn<S extends z.ZodType, R>(schema: S, handler: (input: z.output<S>) => R) {
  const result = (input: z.input<S>): R =>
    handler(typeof input === "object" && input !== null && parsedBy.get(input) === schema ? (input as z.output<S>) : schema.parse(input));
  result.schema = schema;
  return result;
}
