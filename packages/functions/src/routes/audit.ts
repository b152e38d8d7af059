import { Audit } from "@tracker/core";
import { Hono } from "hono";
import { op } from "../op";
import { v } from "../validate";
import { Page } from "./page";

export const audit = new Hono().get(
  "/",
  op("listAudit", {
    summary: "Audit trail of a record or of a kind of record",
    description: "Admins read every trail; finance and hr the trails of the records they keep.",
    response: Page(Audit.Event),
  }),
  v("query", Audit.ListInput),
  async (c) => c.json(await Audit.list(c.req.valid("query")), 200),
);
