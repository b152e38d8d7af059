import type { Operation } from "@tracker/core/permissions";
import { Hono } from "hono";
import type * as z from "zod";
import { op } from "../op";
import { v } from "../validate";
import { csv } from "./contributions";

/**
 * A report's two routes, `/<path>` (JSON) and `/<path>.csv` (UTF-8 with BOM), on the same query:
 * one declaration for the contribution and the staffing year reports.
 */
export function reportRoutes<P extends string, Q extends z.ZodType, R>(
  path: P,
  query: Q,
  json: { operation: Operation; summary: string; response: z.ZodType; read: (q: z.output<Q>) => Promise<R> },
  table: { operation: Operation; summary: string; read: (q: z.output<Q>) => Promise<string>; filename: (q: z.output<Q>) => string },
) {
  return new Hono()
    .get(`/${path}`, op(json.operation, { summary: json.summary, response: json.response }), v("query", query), async (c) =>
      c.json(await json.read(c.req.valid("query")), 200),
    )
    .get(
      `/${path}.csv`,
      op(table.operation, { summary: table.summary, produces: "text/csv" }),
      v("query", query),
      async (c) => {
        const q = c.req.valid("query");
        return csv(await table.read(q), table.filename(q));
      },
    );
}
