import { Contribution } from "@tracker/core/contribution/index";
import { ContributionReport } from "@tracker/core/report/contributions";
import { Idempotency } from "@tracker/core/idempotency/index";
import { samePath } from "@tracker/core/schema";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { op } from "../op";
import { v } from "../validate";
import { Page } from "./page";

export const IdParam = z.object({ id: z.string().max(100) });
/** The contribution as read may be sent back: its id (the path's), stamps and derived fields are ignored when unchanged. */
export const PatchBody = Contribution.update.schema.extend({
  id: z.string().max(100).optional(),
  version: Contribution.PatchInput.shape.version.optional(),
});
export const VoidBody = Contribution.VoidInput.omit({ id: true, version: true }).extend({
  version: Contribution.VoidInput.shape.version.optional(),
});
export const CloseBody = Contribution.CloseInput.omit({ id: true, version: true }).extend({
  version: Contribution.CloseInput.shape.version.optional(),
});
export const IdempotencyHeader = z.object({ "idempotency-key": Idempotency.Key.optional() });

export const contributions = new Hono()
  .get(
    "/",
    op("listContributions", { summary: "Contributions of a year (default: this year) and/or a state", response: Page(Contribution.Info) }),
    v("query", Contribution.ListInput),
    async (c) => c.json(await Contribution.list(c.req.valid("query")), 200),
  )
  .post(
    "/",
    op("createContribution", {
      summary: "Record a contribution",
      description:
        "An Idempotency-Key header makes a retry answer the first result instead of recording twice. A likely duplicate of a record " +
        "(same state, status, value date, amount, currency and reference) is 409 contribution.likely_duplicate unless the body says confirmDuplicate: true.",
      status: 201,
      response: Contribution.Info,
      errors: [409, 422],
    }),
    v("header", IdempotencyHeader),
    v("json", Contribution.CreateInput),
    async (c) => {
      const key = c.req.valid("header")["idempotency-key"];
      const created = await Contribution.create(await c.req.json(), { idempotencyKey: key });
      return c.json(created, 201);
    },
  )
  .get(
    "/overdue",
    op("listOverdueInstalments", {
      summary: "Instalments of pledges overdue today (due before today, not settled), earliest first; ?state= for one state's",
      response: Page(Contribution.Overdue),
    }),
    v("query", Contribution.OverdueInput),
    async (c) => c.json(await Contribution.overdue(c.req.valid("query")), 200),
  )
  .get("/:id", op("getContribution", { summary: "One contribution", response: Contribution.Info }), v("param", IdParam), async (c) =>
    c.json(await Contribution.get(c.req.valid("param")), 200),
  )
  .patch(
    "/:id",
    op("updateContribution", { summary: "Correct a contribution (send the version you read)", response: Contribution.Info, errors: [409] }),
    v("param", IdParam),
    v("json", PatchBody),
    async (c) => {
      const body = samePath(c.req.valid("json"), "id", c.req.valid("param").id);
      return c.json(await Contribution.update({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
    },
  )
  .post(
    "/:id/void",
    op("voidContribution", { summary: "Void a contribution: it stays, out of every total", response: Contribution.Info, errors: [409] }),
    v("param", IdParam),
    v("json", VoidBody),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await Contribution.voidIt({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
    },
  )
  .post(
    "/:id/close",
    op("closeContribution", {
      summary: "Close a pledge the state withdraws, from a date (earlier statements still show it)",
      response: Contribution.Info,
      errors: [409],
    }),
    v("param", IdParam),
    v("json", CloseBody),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await Contribution.close({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
    },
  );

export function csv(body: string, filename: string) {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
    },
  });
}

export const contributionsCsv = new Hono().get(
  "/",
  op("exportContributionsCsv", { summary: "Contributions as CSV (UTF-8 with BOM)", produces: "text/csv" }),
  v("query", ContributionReport.ListCsvInput),
  async (c) => {
    const q = c.req.valid("query");
    const name = `contributions${q.year ? `-${q.year}` : ""}${q.state ? `-${q.state}` : ""}.csv`;
    return csv(await ContributionReport.contributionsCsv(q), name);
  },
);
