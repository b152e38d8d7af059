/**
 * The OpenAPI 3.1 description, generated from the same zod schemas that the
 * routes validate with. Each route of app.ts is listed here once; a test
 * checks that every documented route exists.
 */
import { Audit, Auth, Budget, Contribution, ContributionReport, MemberState, Organisation, Statement, Summary, User } from "@tracker/core";
import * as z from "zod";
import { GetQuery as BudgetGetQuery, PutBody as BudgetPutBody, YearParam } from "./routes/budgets";
import { CloseBody, IdempotencyHeader, IdParam, PatchBody as ContributionPatchBody, VoidBody } from "./routes/contributions";
import { CodeParam, UpdateBody as StateUpdateBody } from "./routes/states";
import { UpdateBody as OrganisationUpdateBody } from "./routes/organisation";
import { RunsQuery } from "./routes/summaries";
import { UpdateBody as UserUpdateBody } from "./routes/users";
import { GetQuery as PostGetQuery, PatchBody as PostPatchBody, PostIdParam, RenameBody as PostRenameBody } from "./routes/posts";
import { EndBody as SecondmentEndBody, ExtendBody as SecondmentExtendBody, SecondmentIdParam } from "./routes/secondments";
import {
  FillBody as VacancyFillBody,
  PatchBody as VacancyPatchBody,
  RecommendationParam,
  RecommendationPatchBody,
  RecommendBody,
  VacancyIdParam,
} from "./routes/vacancies";
import { Post, Secondment, StaffingReport, Vacancy } from "@tracker/core";

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
  { method: "get", path: "/api/auth/me", summary: "The signed-in user", roles: "signed in", response: z.object({ user: Auth.Me }) },
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
  { method: "get", path: "/api/organisation", summary: "The organisation's profile: names, city, reference format, signature, bank details, finance contact",
    roles: "signed in", response: Organisation.Info },
  { method: "put", path: "/api/organisation", summary: "Replace the organisation's profile (send the version you read; 0 while the seeded one is in force)",
    roles: "admin", body: OrganisationUpdateBody, response: Organisation.Info },
  { method: "get", path: "/api/contributions", summary: "Contributions of a year (default: this year) and/or a state", roles: "any role",
    query: Contribution.ListInput, response: Item(Contribution.Info) },
  { method: "post", path: "/api/contributions", summary: "Record a contribution (Idempotency-Key accepted)", roles: "finance",
    headers: IdempotencyHeader, body: Contribution.CreateInput, response: Contribution.Info, status: 201 },
  { method: "get", path: "/api/contributions/{id}", summary: "One contribution", roles: "any role", params: IdParam, response: Contribution.Info },
  { method: "patch", path: "/api/contributions/{id}", summary: "Correct a contribution (send the version you read)", roles: "finance",
    params: IdParam, body: ContributionPatchBody, response: Contribution.Info },
  { method: "post", path: "/api/contributions/{id}/void", summary: "Void a contribution: it stays, out of every total", roles: "finance",
    params: IdParam, body: VoidBody, response: Contribution.Info },
  { method: "post", path: "/api/contributions/{id}/close", summary: "Close a pledge the state withdrew: from its date no longer outstanding", roles: "finance",
    params: IdParam, body: CloseBody, response: Contribution.Info },
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
  { method: "get", path: "/api/summaries/preview.html", summary: "The statement's HTML alone, for a sandboxed frame", roles: "finance, admin",
    query: Statement.PreviewInput, produces: "text/html" },
  { method: "get", path: "/api/summaries/preview.pdf", summary: "The statement as the PDF note verbale attached to its email", roles: "finance, admin",
    query: Statement.PreviewInput, produces: "application/pdf" },
  { method: "post", path: "/api/summaries/run", summary: "Send (or, with dryRun, list) the statements of a period now", roles: "finance, admin",
    body: Summary.RunInput },
  { method: "get", path: "/api/summaries/runs", summary: "The statement runs, newest first", roles: "finance, admin", query: RunsQuery },
  { method: "get", path: "/api/summaries/deliveries", summary: "Each recipient's statement for a period: sent, failed, attempts", roles: "finance, admin",
    query: Summary.DeliveriesInput },
  { method: "get", path: "/api/posts", summary: "The staff matrix (status, title and incumbent as of ?asOf=, default today)", roles: "any role",
    query: Post.ListInput, response: Item(Post.Info) },
  { method: "post", path: "/api/posts", summary: "Add a post to the staff matrix", roles: "hr", body: Post.CreateInput, response: Post.Detail, status: 201 },
  { method: "get", path: "/api/posts/{id}", summary: "One post, with the history of its titles and statuses (?asOf= gives those in force that day)",
    roles: "any role", params: PostIdParam, query: PostGetQuery, response: Post.Detail },
  { method: "patch", path: "/api/posts/{id}", summary: "Change a post's number, category, grade, unit, funding, status or directly appointed incumbent",
    roles: "hr", params: PostIdParam, body: PostPatchBody, response: Post.Detail },
  { method: "post", path: "/api/posts/{id}/rename", summary: "Rename a post from a date; the old title stays in the history", roles: "hr",
    params: PostIdParam, body: PostRenameBody, response: Post.Detail },
  { method: "get", path: "/api/posts.csv", summary: "The staff matrix as CSV (UTF-8 with BOM)", roles: "any role",
    query: StaffingReport.MatrixCsvInput, produces: "text/csv" },
  { method: "get", path: "/api/secondments", summary: "Secondments by state, post, year, status; ?endingWithinDays= (empty: 90) gives the rotation alerts",
    roles: "any role", query: Secondment.ListInput, response: Item(Secondment.Info) },
  { method: "post", path: "/api/secondments", summary: "Record a secondment; 409 if the post has an incumbent for overlapping dates", roles: "hr",
    body: Secondment.CreateInput, response: Secondment.Info, status: 201 },
  { method: "get", path: "/api/secondments/{id}", summary: "One secondment", roles: "any role", params: SecondmentIdParam, response: Secondment.Info },
  { method: "post", path: "/api/secondments/{id}/extend", summary: "Extend a secondment to a later end", roles: "hr",
    params: SecondmentIdParam, body: SecondmentExtendBody, response: Secondment.Info },
  { method: "post", path: "/api/secondments/{id}/end", summary: "End a secondment early", roles: "hr",
    params: SecondmentIdParam, body: SecondmentEndBody, response: Secondment.Info },
  { method: "get", path: "/api/vacancies", summary: "Vacancies (open positions) by status or post, with their recommendations", roles: "any role",
    query: Vacancy.ListInput, response: Item(Vacancy.Info) },
  { method: "post", path: "/api/vacancies", summary: "Publish a vacancy on a post", roles: "hr", body: Vacancy.CreateInput, response: Vacancy.Info, status: 201 },
  { method: "get", path: "/api/vacancies/{id}", summary: "One vacancy with its recommendations", roles: "any role", params: VacancyIdParam, response: Vacancy.Info },
  { method: "patch", path: "/api/vacancies/{id}", summary: "Change a vacancy, close, reopen or cancel it", roles: "hr",
    params: VacancyIdParam, body: VacancyPatchBody, response: Vacancy.Info },
  { method: "post", path: "/api/vacancies/{id}/recommendations", summary: "Record a member state's recommendation (after the deadline only with late: true)",
    roles: "hr", params: VacancyIdParam, body: RecommendBody, response: Vacancy.RecommendationInfo, status: 201 },
  { method: "patch", path: "/api/vacancies/{id}/recommendations/{rid}", summary: "Shortlist, select or not select a recommended candidate",
    roles: "hr", params: RecommendationParam, body: RecommendationPatchBody, response: Vacancy.RecommendationInfo },
  { method: "post", path: "/api/vacancies/{id}/fill", summary: "Fill the vacancy with a shortlisted or selected candidate: vacancy, recommendation and post in one transaction",
    roles: "hr", params: VacancyIdParam, body: VacancyFillBody, response: Vacancy.Info },
  { method: "get", path: "/api/recommendations", summary: "Recommendations of a member state (?state=) or of a vacancy (?vacancyId=)", roles: "any role",
    query: Vacancy.RecommendationListInput, response: Item(Vacancy.RecommendationInfo) },
  { method: "get", path: "/api/reports/staffing", summary: "Staffing report: posts by category and status, vacancy rate, nationalities, secondments by state, rotation alerts",
    roles: "any role", query: StaffingReport.YearInput, response: StaffingReport.Report },
  { method: "get", path: "/api/reports/staffing.csv", summary: "Staffing report as CSV (UTF-8 with BOM)", roles: "any role",
    query: StaffingReport.YearInput, produces: "text/csv" },
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
        params: { type: "object", additionalProperties: { type: ["string", "number"] } },
        issues: { type: "array", items: { type: "object", required: ["path", "code", "params", "message"], properties: { path: { type: "string" }, code: { type: "string" }, params: { type: "object", additionalProperties: { type: ["string", "number"] } }, message: { type: "string" } } } },
        requestId: { type: "string" },
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
