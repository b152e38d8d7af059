import { Post, StaffingReport } from "@tracker/core";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { v } from "../validate";
import { csv } from "./contributions";

export const PostIdParam = z.object({ id: Post.Id });
export const GetQuery = z.strictObject({ asOf: Post.GetInput.shape.asOf });
export const PatchBody = Post.PatchInput.omit({ id: true, version: true }).extend({ version: Post.PatchInput.shape.version.optional() });
export const RenameBody = Post.RenameInput.omit({ id: true, version: true }).extend({ version: Post.RenameInput.shape.version.optional() });

export const posts = new Hono()
  .get("/", v("query", Post.ListInput), async (c) => c.json(await Post.list(c.req.valid("query")), 200))
  .post("/", v("json", Post.CreateInput), async (c) => c.json(await Post.create(await c.req.json()), 201))
  .get("/:id", v("param", PostIdParam), v("query", GetQuery), async (c) =>
    c.json(await Post.get({ ...c.req.valid("param"), ...c.req.valid("query") }), 200),
  )
  .patch("/:id", v("param", PostIdParam), v("json", PatchBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await Post.update({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
  })
  .post("/:id/rename", v("param", PostIdParam), v("json", RenameBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await Post.rename({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
  });

export const postsCsv = new Hono().get("/", v("query", StaffingReport.MatrixCsvInput), async (c) => {
  const q = c.req.valid("query");
  return csv(await StaffingReport.matrixCsv(q), `staff-matrix${q.asOf ? `-${q.asOf}` : ""}.csv`);
});
