import { Statement, Summary } from "@tracker/core";
import { Hono } from "hono";
import * as z from "zod";
import { runNow } from "../run-now";
import { v } from "../validate";

export const RunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).optional() });

export const summaries = new Hono()
  .get("/preview", v("query", Statement.PreviewInput), async (c) => c.json(await Statement.preview(c.req.valid("query")), 200))
  // The statement's HTML as the recipient sees it, for a sandboxed frame in the web: inline styles
  // (as email needs) allowed, nothing else, and framed only by this site.
  .get("/preview.html", v("query", Statement.PreviewInput), async (c) => {
    const preview = await Statement.preview(c.req.valid("query"));
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'");
    return c.html(preview.html, 200);
  })
  // The statement's PDF note verbale, as attached to the statement's email.
  .get("/preview.pdf", v("query", Statement.PreviewInput), async (c) => {
    const { filename, pdf } = await Statement.previewPdf(c.req.valid("query"));
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${filename}"`, "Cache-Control": "no-store" });
  })
  .post("/run", v("json", Summary.RunInput), async (c) => {
    const result = await runNow(c.req.valid("json"));
    return "status" in result ? c.json(result, 202) : c.json(result, 200);
  })
  .get("/runs", v("query", RunsQuery), async (c) => c.json({ items: await Summary.runs({ limit: c.req.valid("query").limit ?? 20 }) }, 200))
  .get("/deliveries", v("query", Summary.DeliveriesInput), async (c) =>
    c.json({ items: await Summary.deliveries(c.req.valid("query")) }, 200),
  );
