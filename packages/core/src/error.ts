import { en, english, type MessageCode, type MessageParams } from "./messages";

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

/** One field's problem: a stable code with its parameters (the web translates them), and the English text. */
export interface ErrorIssue {
  path: string;
  code?: string;
  params?: MessageParams;
  message: string;
}

/**
 * An error whose code, parameters and message are safe to show to the caller. The message is the
 * English text of the code (messages/en.ts) with the parameters; the web translates by code.
 * (A plain string as the third argument is the older form, a message written out; being removed.)
 */
export class VisibleError extends Error {
  public readonly params: MessageParams;
  constructor(
    public readonly kind: ErrorKind,
    public readonly code: MessageCode | (string & {}),
    paramsOrMessage: MessageParams | string = {},
    public readonly issues?: ErrorIssue[],
  ) {
    const params = typeof paramsOrMessage === "string" ? {} : paramsOrMessage;
    super(typeof paramsOrMessage === "string" ? paramsOrMessage : code in en ? english(code as MessageCode, params) : code);
    this.params = params;
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
