import { Post } from "@tracker/core/post/index";
import { StaffingReport } from "@tracker/core/report/staffing";
import { samePath } from "@tracker/core/schema";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { op } from "../op";
import { v } from "../validate";
import { csv } from "./contributions";
import { Page } from "./page";

export const PostIdParam = z.object({ id: Post.Id });
export const GetQuery = z.strictObject({ asOf: Post.GetInput.shape.asOf });
/** The post as read may be sent back: its id (the path's), title, history, incumbent and stamps are ignored when unchanged. */
export const PatchBody = Post.update.schema.extend({ id: Post.Id.optional(), version: Post.PatchInput.shape.version.optional() });
export const RenameBody = Post.RenameInput.omit({ id: true, version: true }).extend({ version: Post.RenameInput.shape.version.optional() });

export const posts = new Hono()
  .get(
    "/",
    op("listPosts", { summary: "The staff matrix (status, title and incumbent as of ?asOf=, default today)", response: Page(Post.Info) }),
    v("query", Post.ListInput),
    async (c) => c.json(await Post.list(c.req.valid("query")), 200),
  )
  .post(
    "/",
    op("createPost", { summary: "Add a post to the staff matrix", status: 201, response: Post.Detail, errors: [409] }),
    v("json", Post.CreateInput),
    async (c) => c.json(await Post.create(await c.req.json()), 201),
  )
  .get(
    "/:id",
    op("getPost", {
      summary: "One post, with the history of its titles and statuses (?asOf= gives those in force that day)",
      response: Post.Detail,
    }),
    v("param", PostIdParam),
    v("query", GetQuery),
    async (c) => c.json(await Post.get({ ...c.req.valid("param"), ...c.req.valid("query") }), 200),
  )
  .patch(
    "/:id",
    op("updatePost", {
      summary: "Change a post's number, category, grade, unit, funding, status or directly appointed incumbent",
      response: Post.Detail,
      errors: [409],
    }),
    v("param", PostIdParam),
    v("json", PatchBody),
    async (c) => {
      const body = samePath(c.req.valid("json"), "id", c.req.valid("param").id);
      return c.json(await Post.update({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
    },
  )
  .post(
    "/:id/rename",
    op("renamePost", { summary: "Rename a post from a date; the old title stays in the history", response: Post.Detail, errors: [409] }),
    v("param", PostIdParam),
    v("json", RenameBody),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await Post.rename({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
    },
  );

export const postsCsv = new Hono().get(
  "/",
  op("exportPostsCsv", { summary: "The staff matrix as CSV (UTF-8 with BOM)", produces: "text/csv" }),
  v("query", StaffingReport.MatrixCsvInput),
  async (c) => {
    const q = c.req.valid("query");
    return csv(await StaffingReport.matrixCsv(q), `staff-matrix${q.asOf ? `-${q.asOf}` : ""}.csv`);
  },
);
