/**
 * The OpenAPI 3.1 description, generated from the same zod schemas that the
 * routes validate with. Each route of app.ts is listed here once; a test
 * checks that every documented route exists.
 */
import { Audit, Auth, Budget, Contribution, ContributionReport, MemberState, Statement, Summary, User } from "@tracker/core";
import * as z from "zod";
import { GetQuery as BudgetGetQuery, PutBody as BudgetPutBody, YearParam } from "./routes/budgets";
import { IdempotencyHeader, IdParam, PatchBody as ContributionPatchBody, VoidBody } from "./routes/contributions";
import { CodeParam, UpdateBody as StateUpdateBody } from "./routes/states";
import { RunsQuery } from "./routes/summaries";
import { UpdateBody as UserUpdateBody } from "./routes/users";

type Method = "get" | "post" | "put" | "patch" | "delete";
export interface RouteDoc {
  method: Method;
  path: string;
  summary: string;
  roles: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  /** The answer is not JSON (CSV). */
  produces?: string;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
}

const Item = (schema: z.ZodType) => z.object({ items: z.array(schema), cursor: z.string().optional() });

export const ROUTES: RouteDoc[] = [
  { method: "get", path: "/api/health", summary: "Service and database health", roles: "anyone",
    response: z.object({ status: z.string(), database: z.enum(["ok", "unreachable"]) }) },
  { method: "post", path: "/api/auth/login", summary: "Sign in; sets the session cookie", roles: "anyone",
    body: Auth.LoginInput, response: z.object({ user: User.Info }) },
  { method: "post", path: "/api/auth/logout", summary: "Sign out; the session ends server-side", roles: "signed in", status: 204 },
  { method: "get", path: "/api/auth/me", summary: "The signed-in user", roles: "signed in", response: z.object({ user: User.Info }) },
  { method: "get", path: "/api/users", summary: "List users", roles: "admin", response: Item(User.Info) },
  { method: "post", path: "/api/users", summary: "Create a user", roles: "admin", body: User.CreateInput, response: User.Info, status: 201 },
  { method: "patch", path: "/api/users/{email}", summary: "Change name, roles, password or disabled", roles: "admin",
    params: z.object({ email: z.string() }), body: UserUpdateBody, response: User.Info },
  { method: "get", path: "/api/states", summary: "List member states, observers and partners", roles: "any role", response: Item(MemberState.Info) },
  { method: "get", path: "/api/states/{code}", summary: "One member state", roles: "any role", params: CodeParam, response: MemberState.Info },
  { method: "post", path: "/api/states", summary: "Add a member state", roles: "admin", body: MemberState.CreateInput,
    response: MemberState.Info, status: 201 },
  { method: "put", path: "/api/states/{code}", summary: "Replace a member state (send the version you read)", roles: "admin",
    params: CodeParam, body: StateUpdateBody, response: MemberState.Info },
  { method: "get", path: "/api/contributions", summary: "Contributions of a year (default: this year) and/or a state", roles: "any role",
    query: Contribution.ListInput, response: Item(Contribution.Info) },
  { method: "post", path: "/api/contributions", summary: "Record a contribution (Idempotency-Key accepted)", roles: "finance",
    headers: IdempotencyHeader, body: Contribution.CreateInput, response: Contribution.Info, status: 201 },
  { method: "get", path: "/api/contributions/{id}", summary: "One contribution", roles: "any role", params: IdParam, response: Contribution.Info },
  { method: "patch", path: "/api/contributions/{id}", summary: "Correct a contribution (send the version you read)", roles: "finance",
    params: IdParam, body: ContributionPatchBody, response: Contribution.Info },
  { method: "post", path: "/api/contributions/{id}/void", summary: "Void a contribution: it stays, out of every total", roles: "finance",
    params: IdParam, body: VoidBody, response: Contribution.Info },
  { method: "get", path: "/api/contributions.csv", summary: "Contributions as CSV (UTF-8 with BOM)", roles: "any role",
    query: ContributionReport.ListCsvInput, produces: "text/csv" },
  { method: "get", path: "/api/budgets/{year}", summary: "A year's budget (its newest version, or ?version=)", roles: "any role",
    params: YearParam, query: BudgetGetQuery, response: Budget.Info },
  { method: "get", path: "/api/budgets/{year}/history", summary: "Every version of a year's budget", roles: "any role",
    params: YearParam, response: Item(Budget.Info) },
  { method: "put", path: "/api/budgets/{year}", summary: "Set a year's budget: writes a new version", roles: "finance",
    params: YearParam, body: BudgetPutBody, response: Budget.Info },
  { method: "get", path: "/api/reports/contributions", summary: "Year report: budget, received, in kind, outstanding pledges, gap, by state",
    roles: "any role", query: ContributionReport.YearInput, response: ContributionReport.YearReport },
  { method: "get", path: "/api/reports/contributions.csv", summary: "Year report as CSV (UTF-8 with BOM)", roles: "any role",
    query: ContributionReport.YearInput, produces: "text/csv" },
  { method: "get", path: "/api/reports/contributions/states/{code}", summary: "A state's contributions across the years", roles: "any role",
    params: CodeParam, response: ContributionReport.StateHistory },
  { method: "get", path: "/api/summaries/preview", summary: "A member state's statement for a period, as its recipients will see it",
    roles: "finance, admin", query: Statement.PreviewInput,
    response: z.object({ subject: z.string(), text: z.string(), html: z.string(), reference: z.string(), lang: z.string(),
      to: z.array(z.object({ name: z.string(), email: z.string(), language: z.string() })) }) },
  { method: "post", path: "/api/summaries/run", summary: "Send (or, with dryRun, list) the statements of a period now", roles: "finance, admin",
    body: Summary.RunInput },
  { method: "get", path: "/api/summaries/runs", summary: "The statement runs, newest first", roles: "finance, admin", query: RunsQuery },
  { method: "get", path: "/api/summaries/deliveries", summary: "Each recipient's statement for a period: sent, failed, attempts", roles: "finance, admin",
    query: Summary.DeliveriesInput },
  { method: "get", path: "/api/audit", summary: "Audit trail of a record or of a kind of record", roles: "admin; finance and hr for their own records",
    query: Audit.ListInput, response: Item(Audit.Event) },
  { method: "get", path: "/api/openapi.json", summary: "This document", roles: "signed in" },
];

const ErrorSchema = {
  type: "object",
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
      },
    },
  },
};

function json(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
}

let cached: object | undefined;

export function document(): object {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [["path", r.params], ["query", r.query], ["header", r.headers]] as const) {
      if (!schema) continue;
      for (const [name, field] of Object.entries(schema.shape)) {
        parameters.push({ name, in: where, required: where === "path" || !(field as z.ZodType).safeParse(undefined).success,
          schema: json(field as z.ZodType, "input") });
      }
    }
    const status = String(r.status ?? 200);
    paths[r.path] ??= {};
    paths[r.path]![r.method] = {
      summary: r.summary,
      description: `Who: ${r.roles}.`,
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: json(r.body, "input") } } } } : {}),
      responses: {
        [status]: r.response
          ? { description: "OK", content: { "application/json": { schema: json(r.response, "output") } } }
          : r.produces
            ? { description: "OK", content: { [r.produces]: { schema: { type: "string" } } } }
            : { description: "OK" },
        default: { description: "Error", content: { "application/json": { schema: ErrorSchema } } },
      },
    };
  }
  cached = {
    openapi: "3.1.0",
    info: { title: "Secretariat budget, contribution and staffing tracker", version: "1" },
    components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "__Host-session" } } },
    security: [{ session: [] }],
    paths,
  };
  return cached;
}
