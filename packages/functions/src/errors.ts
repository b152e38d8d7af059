import { isUnavailable, STATUS_BY_KIND, VisibleError, type ErrorIssue } from "@tracker/core";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as z from "zod";

export interface ErrorBody {
  error: { code: string; message: string; issues?: ErrorIssue[]; requestId?: string };
}

export function errorBody(code: string, message: string, issues?: ErrorIssue[]): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

/** zod issues as `{ path, message }`, one per field (unknown fields named one by one). */
export function issuesOf(error: z.ZodError): ErrorIssue[] {
  const out: ErrorIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: base ? `${base}.${key}` : key, message: "Unknown field." });
    } else if (issue.code === "invalid_type" && issue.input === undefined) {
      out.push({ path: base, message: "Required." });
    } else {
      out.push({ path: base, message: issue.message });
    }
  }
  return out;
}

/** The one place where errors become HTTP answers (API.md error shape). */
export function onError(error: Error, c: Context) {
  if (error instanceof VisibleError) {
    const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retryAfter) c.header("Retry-After", String(retryAfter));
    const body = errorBody(error.code, error.message, error.issues);
    if (Object.keys(error.params).length) Object.assign(body.error, { params: error.params });
    return c.json(body, STATUS_BY_KIND[error.kind] as ContentfulStatusCode);
  }
  if (error instanceof z.ZodError) {
    const issues = issuesOf(error);
    const fields = [...new Set(issues.map((i) => i.path || "(body)"))].join(", ");
    return c.json(errorBody("request.invalid", `Some fields are not valid: ${fields}.`, issues), 400);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) return c.json(errorBody("request.too_large", "The request body is larger than 100 KB."), 413, { Connection: "close" });
    if (status === 400 && /json/i.test(error.message))
      return c.json(errorBody("request.malformed_json", "The request body is not valid JSON."), 400);
    if (status === 403) return c.json(errorBody("request.forbidden_origin", "Cross-site requests are not accepted."), 403);
    return c.json(errorBody("request.error", error.message || "The request could not be handled."), status as ContentfulStatusCode);
  }
  if (isUnavailable(error)) {
    return c.json(errorBody("database.unreachable", "The database cannot be reached right now; try again shortly."), 503);
  }
  const requestId = c.get("requestId" as never) as string | undefined;
  console.error(JSON.stringify({ level: "error", requestId, path: c.req.path, error: String(error?.stack ?? error) }));
  return c.json({ error: { code: "internal", message: "Something went wrong on our side.", requestId } }, 500);
}
