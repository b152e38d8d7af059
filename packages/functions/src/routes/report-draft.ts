import { ReportDraft } from "@tracker/core/draft/index";
import { Hono } from "hono";
import { op } from "../op";
import { v } from "../validate";

/** Mounted at /api/reports beside the contribution and staffing reports. */
export const reportDraft = new Hono().get(
  "/draft",
  op("getReportDraft", {
    summary: "The management part of the Secretary General's report for a year, drafted from the records",
    description:
      "?year= (required), ?lang=en|ru (default en), ?format=json|docx|pdf (default json). The text thanks the states whose contributions " +
      "were received in the year, records the secondments that started in it, calls for secondments, names the open positions awaiting " +
      "recommendations and notes the posts renamed; notes for the editor follow with the records behind each sentence.",
    response: ReportDraft.Draft,
    produces: ["application/pdf", ReportDraft.DOCX],
  }),
  v("query", ReportDraft.Input),
  async (c) => {
    const r = await ReportDraft.draft(c.req.valid("query"));
    if ("json" in r) return c.json(r.json, 200);
    return c.body(r.file.body, 200, {
      "Content-Type": r.file.contentType,
      "Content-Disposition": `attachment; filename="${r.file.filename}"`,
      "Cache-Control": "no-store",
    });
  },
);
