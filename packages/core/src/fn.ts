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

/** Takes the rejection and the function's input (which may hold what names the record a stale-edit error is about). */
type ErrorHook = (error: unknown, input: unknown) => Promise<unknown>;
let errorHook: ErrorHook | undefined;

/** What a domain function's rejection passes through first (the audit trail adds who last changed a stale record). */
export function setErrorHook(hook: ErrorHook): void {
  errorHook = hook;
}

/**
 * Wraps a domain function: its input is parsed with the schema (a ZodError
 * becomes a 400 naming the fields) and the schema stays reachable as `.schema`
 * so routes and the OpenAPI document reuse it. An input this schema already
 * produced (`markParsed`) is not parsed twice.
 */
export function fn<S extends z.ZodType, R>(schema: S, handler: (input: z.output<S>) => R) {
  const result = (input: z.input<S>): R => {
    const out = handler(typeof input === "object" && input !== null && parsedBy.get(input) === schema ? (input as z.output<S>) : schema.parse(input));
    const hook = errorHook;
    return hook && out instanceof Promise ? (out.catch(async (error: unknown) => Promise.reject(await hook(error, input))) as R) : out;
  };
  result.schema = schema;
  return result;
}
