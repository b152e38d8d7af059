/**
 * The typed API client: hono's `hc` over the same app type the server exports,
 * and one helper, `call`, that turns every non-2xx answer into an ApiError.
 */
import { hc, type ClientResponse } from "hono/client";
import type { AppType } from "@tracker/functions/app";
import { knows, translateActive } from "./i18n";

export const client = hc<AppType>("/", {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, credentials: "same-origin" }),
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

export const ROLES = ["admin", "finance", "hr", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const STATUSES = ["member", "observer", "partner"] as const;
export type StateStatus = (typeof STATUSES)[number];

export interface User {
  email: string;
  name: string;
  roles: Role[];
}

export interface Contact {
  name: string;
  email: string;
  language: "en" | "ru";
}

export interface MemberState {
  code: string;
  name: { en: string; ru: string };
  status: StateStatus;
  joinedOn?: string;
  contacts: Contact[];
  version: number;
  updatedAt?: string;
  updatedBy?: string;
}

export interface AuditEvent {
  at: string;
  actor: string;
  entity: string;
  id: string;
  action: string;
  changes: Record<string, [unknown, unknown]>;
}

export const KINDS = ["cash", "in_kind"] as const;
export type Kind = (typeof KINDS)[number];
export const CONTRIBUTION_STATUSES = ["pledged", "received"] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];
export const PURPOSES = ["regular_budget", "cica_fund", "earmarked"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** A contribution as the API returns it: amounts are decimal strings, never numbers. */
export interface Contribution {
  id: string;
  stateCode: string;
  kind: Kind;
  status: ContributionStatus;
  amount: string;
  currency: string;
  /** Units of the currency per 1 USD ("1" for USD). */
  exchangeRate: string;
  amountUsd: string;
  date: string;
  fiscalYear: number;
  purpose: Purpose;
  earmark?: string;
  description?: string;
  reference?: string;
  pledgeId?: string;
  /** Pledges: what is still to come. */
  outstanding?: string;
  outstandingUsd?: string;
  /** Pledges: paid in full, or closed: no further payment. */
  fulfilled?: boolean;
  closedOn?: string;
  voided: boolean;
  voidReason?: string;
  voidedAt?: string;
  voidedBy?: string;
  version: number;
  createdAt?: string;
  createdBy?: string;
  updatedAt?: string;
  updatedBy?: string;
}

export type BudgetStatus = "draft" | "approved";

export interface BudgetLine {
  code: string;
  name: string;
  amountUsd: string;
}

export interface Budget {
  year: number;
  status: BudgetStatus;
  lines: BudgetLine[];
  totalUsd: string;
  note?: string;
  approvedOn?: string;
  decisionRef?: string;
  version: number;
  createdAt: string;
  createdBy: string;
}

export interface StateTotals {
  code: string;
  name: { en: string; ru: string };
  receivedUsd: string;
  inKindUsd: string;
  pledgedOutstandingUsd: string;
  count: number;
}

export interface YearReport {
  year: number;
  budgetUsd: string;
  budgetStatus: BudgetStatus | "none";
  budgetVersion?: number;
  receivedUsd: string;
  inKindUsd: string;
  pledgedOutstandingUsd: string;
  gapUsd: string;
  coveragePercent?: string;
  contributors: number;
  byState: StateTotals[];
  noContribution: Array<{ code: string; name: { en: string; ru: string } }>;
}

/** Statements: a year ("2026"), a quarter ("2026-Q4") or a month ("2026-11"). */
export type StatementLang = "en" | "ru";

export interface StatementPreview {
  subject: string;
  text: string;
  html: string;
  reference: string;
  lang: StatementLang;
  to: Contact[];
}

export const SKIP_REASONS = ["no_contacts", "already_sent", "in_progress", "not_a_member", "unknown_state"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SentItem {
  state: string;
  email: string;
  lang: StatementLang;
  reference: string;
  messageId: string;
}

export interface SkippedItem {
  state: string;
  email?: string;
  reason: SkipReason;
}

export interface FailedItem {
  state: string;
  email?: string;
  error: string;
  attempts?: number;
}

export interface RunResult {
  runId: string;
  period: string;
  dryRun: boolean;
  sent: SentItem[];
  skipped: SkippedItem[];
  failed: FailedItem[];
}

export type RunTrigger = "schedule" | "manual" | "cli";

export interface StatementRun extends RunResult {
  trigger: RunTrigger;
  actor: string;
  startedAt: string;
  finishedAt: string;
}

export type DeliveryStatus = "claimed" | "sent" | "failed";

export interface Delivery {
  period: string;
  state: string;
  email: string;
  lang: StatementLang;
  status: DeliveryStatus;
  attempts: number;
  lastError?: string;
  reference: string;
  messageId: string;
  sentAt?: string;
  updatedAt: string;
}
