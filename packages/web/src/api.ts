/**
 * The typed API client: hono's `hc` over the same app type the server exports,
 * and one helper, `call`, that turns every non-2xx answer into an ApiError.
 */
import { hc, type ClientResponse, type InferRequestType, type InferResponseType } from "hono/client";
import type { AppType } from "@tracker/functions/app";
import { knows, translateActive } from "./i18n";

let onWrite: (() => void) | undefined;

/** Called after every successful write (any method but GET and HEAD): cached reads are then stale. */
export function setWriteHandler(handler: (() => void) | undefined) {
  onWrite = handler;
}

const client = hc<AppType>("/", {
  fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await fetch(input, { ...init, credentials: "same-origin" });
    const method = (init?.method ?? "GET").toUpperCase();
    if (res.ok && method !== "GET" && method !== "HEAD" && !String(input).includes("/api/auth/")) onWrite?.();
    return res;
  },
});
export const api = client.api;

/** One field's problem: the API's code and parameters (translated by errors.ts) and its English text. */
export interface Issue {
  path: string;
  code?: string;
  params?: Record<string, string | number>;
  message: string;
}

/** An answer other than 2xx, in the API's error shape; status 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The message for one field (`name.en`, `contacts.0.email`), if the API named it. */
  issue(path: string): string | undefined {
    return this.issues.find((i) => i.path === path)?.message;
  }
}

let onUnauthorized: (() => void) | undefined;

/** Called on any 401 (except a failed sign-in): the app returns to the sign-in page. */
export function setUnauthorizedHandler(handler: (() => void) | undefined) {
  onUnauthorized = handler;
}

/**
 * Awaits a client request and returns its JSON body (undefined for 204), or
 * throws an ApiError carrying status, code, message and issues.
 */
export async function call<T>(
  request: Promise<ClientResponse<T, number, string>>,
  options: { quiet401?: boolean } = {},
): Promise<T> {
  let res: ClientResponse<T, number, string>;
  try {
    res = await request;
  } catch {
    throw new ApiError(0, "network", "The server cannot be reached.");
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; params?: unknown; issues?: unknown } } | undefined)?.error;
  const issues = Array.isArray(error?.issues)
    ? (error.issues as unknown[])
        .filter((i): i is Issue => typeof i === "object" && i !== null && typeof (i as Issue).path === "string")
        .map(issueOf)
    : [];
  const apiError = new ApiError(
    res.status,
    typeof error?.code === "string" ? error.code : `http.${res.status}`,
    typeof error?.message === "string" ? error.message : res.statusText || `HTTP ${res.status}`,
    issues,
    paramsOf(error?.params),
  );
  if (res.status === 401 && !options.quiet401) onUnauthorized?.();
  throw apiError;
}

/** An issue as the API sent it; its `message` reads in the language in use (by code), the API's English otherwise. */
function issueOf(raw: Issue): Issue {
  const english = String(raw.message ?? "");
  const code = typeof raw.code === "string" ? raw.code : undefined;
  const params = paramsOf(raw.params);
  return {
    path: raw.path,
    code,
    params,
    get message() {
      return code && knows(code) ? translateActive(code, params) : english;
    },
  };
}

function paramsOf(value: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  return out;
}

/** Puts a value into a path segment safely (hc does not encode parameters). */
export const seg = (value: string) => encodeURIComponent(value);

/** The body of a 2xx answer of one client method: the server's own type, as JSON. */
type Ok<F extends (...args: never[]) => unknown> = InferResponseType<F, 200>;
type Item<L> = L extends { items: Array<infer I> } ? I : never;
/** The JSON body one client method sends: the server's own input type. */
export type Json<F extends (...args: never[]) => unknown> = InferRequestType<F> extends { json: infer J } ? J : never;

export type { Role } from "@tracker/core/permissions";
export { ROLES } from "@tracker/core/permissions";

export type User = Ok<typeof api.auth.me.$get>["user"];
export type Account = Item<Ok<typeof api.users.$get>>;
export type MemberState = Ok<(typeof api.states)[":code"]["$get"]>;
export type StateStatus = MemberState["status"];
export type Contact = MemberState["contacts"][number];
export type OrganisationProfile = Ok<typeof api.organisation.$get>;
export const STATUSES = ["member", "observer", "partner"] as const satisfies readonly StateStatus[];


/** A contribution as the API returns it: amounts are decimal strings, never numbers. */
export type Contribution = Ok<(typeof api.contributions)[":id"]["$get"]>;
export type Kind = Contribution["kind"];
export type ContributionStatus = Contribution["status"];
export type Purpose = Contribution["purpose"];
export const KINDS = ["cash", "in_kind"] as const satisfies readonly Kind[];
export const CONTRIBUTION_STATUSES = ["pledged", "received"] as const satisfies readonly ContributionStatus[];
export const PURPOSES = ["regular_budget", "cica_fund", "earmarked"] as const satisfies readonly Purpose[];

export type Budget = Ok<(typeof api.budgets)[":year"]["$get"]>;
export type BudgetStatus = Budget["status"];
export type BudgetLine = Budget["lines"][number];

type YearReport = Ok<typeof api.reports.contributions.$get>;
export type StateTotals = YearReport["byState"][number];

/** Statements: a year ("2026"), a quarter ("2026-Q4") or a month ("2026-11"). */
type StatementPreview = Ok<typeof api.summaries.preview.$get>;
export type StatementLang = StatementPreview["lang"];
export type RunResult = Ok<typeof api.summaries.run.$post>;
export type QueuedRun = InferResponseType<typeof api.summaries.run.$post, 202>;
