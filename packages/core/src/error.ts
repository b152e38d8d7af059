import { english, type MessageCode, type MessageParams } from "./messages";

export type ErrorKind =
  | "input"
  | "auth"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "idempotency"
  | "rate_limit"
  | "too_large"
  | "unavailable";

export type { MessageCode, MessageParams };

/** One field's problem: a stable code with its parameters (the web translates them), and the English text. */
export interface ErrorIssue {
  path: string;
  code: MessageCode;
  params: MessageParams;
  message: string;
}

/**
 * An error whose code, parameters and message are safe to show to the caller. The message is the
 * English text of the code (messages/en.ts) with the parameters; the web translates by code.
 */
export class VisibleError extends Error {
  constructor(
    public readonly kind: ErrorKind,
    public readonly code: MessageCode,
    public readonly params: MessageParams = {},
    public readonly issues?: ErrorIssue[],
  ) {
    super(english(code, params));
    this.name = "VisibleError";
  }
}

/** 400 naming each field: `request.invalid` with the fields' coded issues. */
export function invalidFields(issues: ErrorIssue[]): VisibleError {
  const fields = [...new Set(issues.map((i) => i.path || "(body)"))].join(", ");
  return new VisibleError("input", "request.invalid", { fields }, issues);
}

/** HTTP status for each kind, used by the one error handler. */
export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  input: 400,
  auth: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  idempotency: 422,
  rate_limit: 429,
  unavailable: 503,
};
