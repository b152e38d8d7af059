import { Audit } from "@tracker/core/audit/index";
import { Hono } from "hono";
import { op } from "../op";
import { v } from "../validate";
import { Page } from "./page";

export const audit = new Hono()
  .get(
    "/",
    op("listAudit", {
      summary: "Audit trail of a record or of a kind of record",
      description: "Admins read every trail; finance and hr the trails of the records they keep.",
      response: Page(Audit.Event),
    }),
    v("query", Audit.ListInput),
    async (c) => c.json(await Audit.list(c.req.valid("query")), 200),
  )
  .get(
    "/changes",
    op("listAuditChanges", {
      summary: "What changed, and who did it: across kinds of record (or in one record), by user and date range, one row per change",
      description:
        "Newest first; a creation is one row with its fields. Records and users are named (`names`, `actorName`). Without `entity`, every kind the caller may read; a kind the caller may not read is 403.",
      response: Audit.ChangesPage,
    }),
    v("query", Audit.ChangesInput),
    async (c) => c.json(await Audit.changes(c.req.valid("query")), 200),
  );
