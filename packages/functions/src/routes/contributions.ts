import { Contribution, ContributionReport, Idempotency } from "@tracker/core";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { v } from "../validate";

export const IdParam = z.object({ id: z.string().max(100) });
export const PatchBody = Contribution.PatchInput.omit({ id: true, version: true }).extend({
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
  .get("/", v("query", Contribution.ListInput), async (c) => c.json(await Contribution.list(c.req.valid("query")), 200))
  .post("/", v("header", IdempotencyHeader), v("json", Contribution.CreateInput), async (c) => {
    const key = c.req.valid("header")["idempotency-key"];
    const created = await Contribution.create(await c.req.json(), { idempotencyKey: key });
    return c.json(created, 201);
  })
  .get("/:id", v("param", IdParam), async (c) => c.json(await Contribution.get(c.req.valid("param")), 200))
  .patch("/:id", v("param", IdParam), v("json", PatchBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await Contribution.update({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
  })
  .post("/:id/void", v("param", IdParam), v("json", VoidBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await Contribution.voidIt({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
  })
  .post("/:id/close", v("param", IdParam), v("json", CloseBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await Contribution.close({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
  });

export function csv(body: string, filename: string) {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
    },
  });
}

export const contributionsCsv = new Hono().get("/", v("query", ContributionReport.ListCsvInput), async (c) => {
  const q = c.req.valid("query");
  const name = `contributions${q.year ? `-${q.year}` : ""}${q.state ? `-${q.state}` : ""}.csv`;
  return csv(await ContributionReport.contributionsCsv(q), name);
});
