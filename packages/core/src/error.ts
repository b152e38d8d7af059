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

export interface ErrorIssue {
  path: string;
  message: string;
}

/** An error whose code and message are safe to show to the caller. */
export class VisibleError extends Error {
  constructor(
    public readonly kind: ErrorKind,
    public readonly code: string,
    message: string,
    public readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.name = "VisibleError";
  }
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
