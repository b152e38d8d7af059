import { isUnavailable } from "@tracker/core/dynamo";
import { invalidFields, STATUS_BY_KIND, VisibleError, type ErrorIssue, type MessageCode, type MessageParams } from "@tracker/core/error";
import { english } from "@tracker/core/messages/index";
import { issuesOf } from "@tracker/core/messages/zod";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as z from "zod";

/** The API's error shape: a stable code and its parameters (the web translates them), and the English message. */
export interface ErrorBody {
  error: { code: MessageCode; message: string; params?: MessageParams; issues?: ErrorIssue[]; requestId?: string };
}

export function errorBody(code: MessageCode, params: MessageParams = {}, issues?: ErrorIssue[]): ErrorBody {
  return {
    error: { code, message: english(code, params), ...(Object.keys(params).length ? { params } : {}), ...(issues ? { issues } : {}) },
  };
}

const bodyOf = (error: VisibleError) => errorBody(error.code, error.params, error.issues);

/** The one place where errors become HTTP answers (API.md error shape). */
export function onError(error: Error, c: Context) {
  if (error instanceof VisibleError) {
    const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retryAfter) c.header("Retry-After", String(retryAfter));
    return c.json(bodyOf(error), STATUS_BY_KIND[error.kind] as ContentfulStatusCode);
  }
  if (error instanceof z.ZodError) return c.json(bodyOf(invalidFields(issuesOf(error))), 400);
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) return c.json(errorBody("request.too_large"), 413, { Connection: "close" });
    if (status === 400 && /json/i.test(error.message)) return c.json(errorBody("request.malformed_json"), 400);
    if (status === 403) return c.json(errorBody("request.forbidden_origin"), 403);
    return c.json(errorBody("request.failed"), status as ContentfulStatusCode);
  }
  if (isUnavailable(error)) return c.json(errorBody("database.unreachable"), 503);
  const requestId = c.get("requestId" as never) as string | undefined;
  console.error(JSON.stringify({ level: "error", requestId, path: c.req.path, error: String(error?.stack ?? error) }));
  return c.json({ error: { ...errorBody("internal").error, requestId } }, 500);
}
