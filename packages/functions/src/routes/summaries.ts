import { Statement } from "@tracker/core/statement/index";
import { Summary } from "@tracker/core/summary/index";
import { Hono } from "hono";
import * as z from "zod";
import { op } from "../op";
import { reviseNow, runNow } from "../run-now";
import { v } from "../validate";
import { Items } from "./page";

export const RunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).optional() });

const Preview = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  reference: z.string(),
  lang: z.string(),
  /** Whether the period's fiscal year is open, closed provisionally or closed finally (the statement says so). */
  close: z.enum(["open", "provisional", "final"]),
  to: z.array(z.object({ name: z.string(), email: z.string(), language: z.string() })),
});

const Sent = z.object({ state: z.string(), email: z.string(), lang: z.enum(["en", "ru"]), reference: z.string(), messageId: z.string() });
const Skipped = z.object({ state: z.string(), email: z.string().optional(), reason: z.string() });
const Failed = z.object({ state: z.string(), email: z.string().optional(), error: z.string(), attempts: z.number().int().optional() });
/** What a run or a revision did, recipient by recipient. */
const OUTCOME = { sent: z.array(Sent), skipped: z.array(Skipped), failed: z.array(Failed) };
const Run = z.object({ runId: z.string(), period: z.string(), dryRun: z.boolean(), ...OUTCOME });
const RunRecord = Run.extend({ trigger: z.string(), actor: z.string().optional(), startedAt: z.string(), finishedAt: z.string().optional() });
const Delivery = z.object({
  period: z.string(),
  state: z.string(),
  email: z.string(),
  lang: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  reference: z.string().optional(),
  messageId: z.string().optional(),
  sentAt: z.string().optional(),
  updatedAt: z.string().optional(),
  /** A revised statement: its number and the reference of the note it replaces. */
  revision: z.number().int().optional(),
  replaces: z.string().optional(),
});

const Change = z.object({ figure: z.enum(Statement.FIGURES), then: z.string(), now: z.string() });
const AffectedItem = z.object({
  period: z.string(),
  state: z.string(),
  stateName: z.object({ en: z.string(), ru: z.string() }),
  email: z.string(),
  lang: z.enum(["en", "ru"]),
  reference: z.string(),
  revision: z.number().int(),
  sentAt: z.string(),
  nextRevision: z.number().int(),
  changes: z.array(Change),
  linesChanged: z.boolean(),
  lines: z.object({ then: z.number().int(), now: z.number().int() }),
});
const Revised = z.object({
  period: z.string(),
  state: z.string(),
  revision: z.number().int(),
  reference: z.string(),
  ...OUTCOME,
});

export const summaries = new Hono()
  .get(
    "/preview",
    op("previewStatement", { summary: "A member state's statement for a period, as its recipients will see it", response: Preview }),
    v("query", Statement.PreviewInput),
    async (c) => c.json(await Statement.preview(c.req.valid("query")), 200),
  )
  // The statement's HTML as the recipient sees it, for a sandboxed frame in the web: inline styles
  // (as email needs) allowed, nothing else, and framed only by this site.
  .get(
    "/preview.html",
    op("previewStatementHtml", { summary: "The statement's HTML alone, for a sandboxed frame", produces: "text/html" }),
    v("query", Statement.PreviewInput),
    async (c) => {
      const preview = await Statement.preview(c.req.valid("query"));
      c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'");
      return c.html(preview.html, 200);
    },
  )
  // The statement's PDF note verbale, as attached to the statement's email.
  .get(
    "/preview.pdf",
    op("previewStatementPdf", { summary: "The statement as the PDF note verbale attached to its email", produces: "application/pdf" }),
    v("query", Statement.PreviewInput),
    async (c) => {
      const { filename, pdf } = await Statement.previewPdf(c.req.valid("query"));
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${filename}"`, "Cache-Control": "no-store" });
    },
  )
  .post(
    "/run",
    op("runStatements", { summary: "Send (or, with dryRun, list) the statements of a period now", response: Run }),
    v("json", Summary.RunInput),
    async (c) => {
      const result = await runNow(c.req.valid("json"));
      return "status" in result ? c.json(result, 202) : c.json(result, 200);
    },
  )
  .get("/runs", op("listStatementRuns", { summary: "The statement runs, newest first", response: Items(RunRecord) }), v("query", RunsQuery), async (c) =>
    c.json({ items: await Summary.runs({ limit: c.req.valid("query").limit ?? 20 }) }, 200),
  )
  .get(
    "/deliveries",
    op("listStatementDeliveries", { summary: "Each recipient's statement for a period: sent, failed, attempts", response: Items(Delivery) }),
    v("query", Summary.DeliveriesInput),
    async (c) => c.json({ items: await Summary.deliveries(c.req.valid("query")) }, 200),
  )
  .get(
    "/affected",
    op("listAffectedStatements", {
      summary: "Statements sent whose figures or lines have changed since (a correction, a void, a late entry), per recipient: then and now",
      response: Items(AffectedItem),
    }),
    v("query", Summary.AffectedInput),
    async (c) => c.json({ items: await Summary.affected(c.req.valid("query")) }, 200),
  )
  .post(
    "/revisions",
    op("sendStatementRevision", {
      summary: "Send a revised statement (Rev. n) to the recipients whose statement has changed; once per revision and recipient",
      response: Revised,
      errors: [409],
    }),
    v("json", Summary.ReviseInput),
    async (c) => {
      const result = await reviseNow(c.req.valid("json"));
      return "status" in result ? c.json(result, 202) : c.json(result, 200);
    },
  );
