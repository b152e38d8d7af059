import type { Export } from "@tracker/core/export/index";
import type { Operation } from "@tracker/core/permissions";
import { Hono } from "hono";
import type * as z from "zod";
import { op } from "../op";
import { v } from "../validate";
import { file } from "./exports";

/**
 * A report's two routes, `/<path>` (JSON) and `/<path>.csv` (UTF-8 with BOM; `?lang=en|ru` for its
 * headers and conventions, English by default, as the same report under /api/exports gives it): one
 * declaration for the contribution and the staffing year reports. The `.csv` address is kept for
 * links made before the report came as XLSX too.
 */
export function reportRoutes<P extends string, Q extends z.ZodType, T extends z.ZodType, R>(
  path: P,
  query: Q,
  json: { operation: Operation; summary: string; response: z.ZodType; read: (q: z.output<Q>) => Promise<R> },
  table: { operation: Operation; summary: string; query: T; read: (q: z.output<T>) => Promise<Export.File> },
) {
  return new Hono()
    .get(`/${path}`, op(json.operation, { summary: json.summary, response: json.response }), v("query", query), async (c) =>
      c.json(await json.read(c.req.valid("query")), 200),
    )
    .get(`/${path}.csv`, op(table.operation, { summary: table.summary, produces: "text/csv" }), v("query", table.query), async (c) =>
      file(await table.read(c.req.valid("query"))),
    );
}
