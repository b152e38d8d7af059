import { MemberState } from "@tracker/core";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { v } from "../validate";

export const CodeParam = z.object({ code: MemberState.Code });
export const UpdateBody = MemberState.UpdateInput.omit({ code: true, version: true }).extend({
  version: MemberState.UpdateInput.shape.version.optional(),
});

export const states = new Hono()
  .get("/", async (c) => c.json({ items: await MemberState.list({}) }, 200))
  .get("/:code", v("param", CodeParam), async (c) => c.json(await MemberState.get(c.req.valid("param")), 200))
  .post("/", v("json", MemberState.CreateInput), async (c) => c.json(await MemberState.create(c.req.valid("json")), 201))
  .put("/:code", v("param", CodeParam), v("json", UpdateBody), async (c) => {
    const body = c.req.valid("json");
    const state = await MemberState.update({ ...body, code: c.req.valid("param").code, version: body.version ?? ifMatch(c)! });
    return c.json(state, 200);
  });
