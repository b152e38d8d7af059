/**
 * The OpenAPI 3.1 description, generated from the routes themselves: each route's `op()` gives its
 * operationId, summary and answer, its validators give its parameters and body (the same zod
 * schemas the route validates with), and the permission table gives its roles (`x-roles`) and so
 * its 401 and 403 answers. Nothing here lists the routes.
 *
 * Loaded on demand (routes/docs.ts imports it dynamically when the document or the page is asked
 * for), so hono-openapi and zod's JSON Schema conversion are not part of the API's cold start.
 */
import { PERMISSIONS, type Operation } from "@tracker/core/permissions";
import type { Hono } from "hono";
import { generateSpecs, uniqueSymbol } from "hono-openapi";
import { findTargetHandler } from "hono/utils/handler";
import * as z from "zod";
import { operationOf, SPECS } from "./op";
import { VALIDATED, type Validated } from "./validate";

type Json = Record<string, unknown>;
interface OperationObject extends Json {
  operationId: Operation;
  summary?: string;
  parameters?: Array<{ in: string }>;
  requestBody?: Json;
  responses: Record<string, Json>;
}
export interface Document extends Json {
  paths: Record<string, Record<string, OperationObject>>;
  components: Json;
}

export const METHODS = ["get", "put", "post", "patch", "delete"] as const;

const ErrorSchema = {
  type: "object",
  description: "Every error answer: a stable code (the web translates by it), the English message, and for a 400 the fields at fault.",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", examples: ["request.invalid"] },
        message: { type: "string" },
        params: { type: "object", additionalProperties: { type: ["string", "number"] } },
        issues: {
          type: "array",
          items: {
            type: "object",
            required: ["path", "code", "params", "message"],
            properties: {
              path: { type: "string", description: "The field, dotted (name.en, lines.0.amountUsd)." },
              code: { type: "string" },
              params: { type: "object", additionalProperties: { type: ["string", "number"] } },
              message: { type: "string" },
            },
          },
        },
        requestId: { type: "string" },
      },
    },
  },
};

/** The error answers, each once, by status. */
const ERRORS: Record<string, [name: string, description: string]> = {
  "400": ["BadRequest", "A field is missing or not valid (`request.invalid`, each field in `issues`), or the body is not JSON."],
  "401": ["Unauthorized", "No valid session (`auth.required`)."],
  "403": ["Forbidden", "The signed-in user lacks the role (`auth.forbidden`), whatever the body."],
  "404": ["NotFound", "No such record."],
  "409": ["Conflict", "The record changed since it was read (send the version you read), or the write collides with another record."],
  "413": ["PayloadTooLarge", "The body is larger than 100 KB (`request.too_large`)."],
  "415": ["UnsupportedMediaType", "The body is not application/json (`request.unsupported_media_type`)."],
  "422": ["Unprocessable", "The Idempotency-Key was used before with another body."],
  "429": ["TooManyRequests", "Too many failed sign-ins for this email (`auth.too_many_attempts`)."],
  "503": ["Unavailable", "The database cannot be reached right now (`database.unreachable`)."],
};

const TAGS: Record<string, string> = {
  health: "Service health",
  auth: "Sign-in and the session",
  users: "Users and their roles (admin)",
  states: "Member states, observers and partners",
  organisation: "The organisation's profile: names, city, references, signature, bank details",
  contributions: "Contributions: pledges, receipts, in-kind",
  budgets: "The year's budget and its versions",
  "fiscal-years": "Year-end close: a fiscal year open, closed provisionally or closed finally",
  rates: "The exchange-rate register: rates to USD by currency and effective date, with their source",
  reports: "Contribution and staffing reports, and the draft of the Secretary General's report",
  summaries: "Statements to member states",
  posts: "The staff matrix",
  secondments: "Secondments of staff by member states",
  "tour-rules": "Tour rules: the longest tour by category or grade, and the longest service in all",
  "standard-costs": "HR's standard-cost table: what a month of a post costs, by category, grade and component",
  vacancies: "Vacancies and the recommendations of member states",
  recommendations: "Recommendations across vacancies",
  audit: "The audit trail",
  exports: "The lists as CSV or XLSX, in English or Russian, with their filters",
  imports: "Imports of contributions from spreadsheets (CSV, XLSX): upload, mapping, preview, duplicates, confirmation, progress",
  docs: "This description",
};

function tagOf(path: string): string {
  const first = path.split("/")[2] ?? "";
  const base = first.replace(/\..*$/, "");
  return base === "openapi" || base === "docs" ? "docs" : base;
}

const PUBLIC_DOCS: readonly Operation[] = ["getOpenApi", "getApiDocs", "getApiDocsStylesheet"];

function ref(status: string) {
  return { $ref: `#/components/responses/${ERRORS[status]![0]}` };
}

/** Adds to an operation the answers its kind has, from the permission table and its shape. */
function complete(path: string, method: string, o: OperationObject) {
  const access = PERMISSIONS[o.operationId];
  const spec = SPECS.get(o.operationId);
  const statuses = new Set<string>();
  if (o.parameters?.length || o.requestBody) statuses.add("400");
  if (access !== "public") statuses.add("401");
  if (access !== "public" && access !== "scoped") statuses.add("403");
  if (path.includes("{")) statuses.add("404");
  for (const s of spec?.errors ?? []) statuses.add(String(s));
  if (o.requestBody) {
    statuses.add("413");
    statuses.add("415");
  }
  if (!PUBLIC_DOCS.includes(o.operationId) && o.operationId !== "getHealth") statuses.add("503");
  for (const s of [...statuses].sort()) o.responses[s] = ref(s);
  if (o.operationId === "getHealth") o.responses["503"] = { ...o.responses["200"], description: "The database cannot be reached" };
  o["x-roles"] = access;
  o.tags = [tagOf(path)];
  if (access === "public") o.security = [];
  void method;
}

/** The JSON Schema (2020-12, as OpenAPI 3.1 takes it) of a zod schema, as sent (input) or as answered (output). */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  return rest;
}

/**
 * Gives each route's `op()` and `v()` middleware what hono-openapi reads (its `uniqueSymbol`): the
 * operation's id, summary and answer, and each validator's parameters or body as JSON Schema.
 */
function annotate(app: Hono<any, any, any>) {
  for (const route of app.routes) {
    const target = findTargetHandler(route.handler) as unknown as Record<symbol, unknown>;
    if (target[uniqueSymbol]) continue;
    const operation = operationOf(route.handler);
    const spec = operation && SPECS.get(operation);
    if (operation && spec) {
      const status = String(spec.status ?? 200);
      // JSON, files, or both (a query choosing the format).
      const content = {
        ...(spec.response ? { "application/json": { schema: jsonSchema(spec.response, "output") } } : {}),
        ...Object.fromEntries(
          [spec.produces ?? []].flat().map((type) => [type, { schema: type.startsWith("text/") ? { type: "string" as const } : { type: "string" as const, format: "binary" } }]),
        ),
      };
      const ok = Object.keys(content).length ? { description: "OK", content } : { description: status === "204" ? "No content" : "OK" };
      target[uniqueSymbol] = {
        spec: { operationId: operation, summary: spec.summary, ...(spec.description ? { description: spec.description } : {}), responses: { [status]: ok } },
      };
      continue;
    }
    const validated = target[VALIDATED] as Validated | undefined;
    if (validated)
      target[uniqueSymbol] = { target: validated.target, toOpenAPISchema: async () => ({ schema: jsonSchema(validated.schema, "input"), components: undefined }) };
  }
}

let cached: Promise<Document> | undefined;

/** The document of the app's routes (generated once per process). */
export function document(app: Hono<any, any, any>): Promise<Document> {
  cached ??= build(app);
  return cached;
}

async function build(app: Hono<any, any, any>): Promise<Document> {
  annotate(app);
  const generated = (await generateSpecs(app, {
    excludeStaticFile: false,
    defaultValidationErrorResponse: false,
    documentation: {
      info: {
        title: "Secretariat budget, contribution and staffing tracker",
        version: "1",
        description:
          "The HTTP API of the tracker. Sign in with POST /api/auth/login; the session cookie then goes with each request. " +
          "Money is a decimal string in the record's currency; dates are YYYY-MM-DD. Each operation names who may call it in `x-roles` " +
          "(`public`: anyone; `signedIn`: any signed-in staff user; `scoped`: a member state's `state` user too, which sees its own state only: " +
          "lists hold its state's records, another state's record answers 404; a list: a user holding one of those roles, `state` scoped as said).",
        license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      },
      servers: [{ url: "/", description: "The same origin as the web" }],
    },
  })) as unknown as Document;
  const paths: Document["paths"] = {};
  for (const [raw, item] of Object.entries(generated.paths)) {
    const path = raw.length > 1 ? raw.replace(/\/+$/, "") : raw;
    for (const method of METHODS) {
      const o = item[method];
      if (!o) continue;
      complete(path, method, o);
      (paths[path] ??= {})[method] = o;
    }
  }
  const used = new Set(Object.values(paths).flatMap((i) => Object.values(i).flatMap((o) => o.tags as string[])));
  return {
    openapi: "3.1.0",
    info: generated.info,
    servers: generated.servers,
    security: [{ session: [] }],
    tags: Object.entries(TAGS)
      .filter(([name]) => used.has(name))
      .map(([name, description]) => ({ name, description })),
    paths,
    components: {
      ...generated.components,
      schemas: { ...(generated.components?.schemas as Json | undefined), Error: ErrorSchema },
      responses: Object.fromEntries(
        Object.values(ERRORS).map(([name, description]) => [
          name,
          { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ]),
      ),
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "__Host-session", description: "Set by POST /api/auth/login (`session` over http://localhost)." } },
    },
  };
}

/** Each operation of the document, with its method and path. */
export function operations(doc: Document): Array<{ method: (typeof METHODS)[number]; path: string; operation: OperationObject }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, operation: item[method]! })),
  );
}
