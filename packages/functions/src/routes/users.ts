import { Auth, User } from "@tracker/core";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { v } from "../validate";

export const UpdateBody = User.UpdateInput.omit({ email: true, version: true }).extend({
  version: User.UpdateInput.shape.version.optional(),
});

export const users = new Hono()
  .get("/", async (c) => c.json({ items: await User.list({}) }, 200))
  .post("/", v("json", User.CreateInput), async (c) => c.json(await User.create(c.req.valid("json")), 201))
  .patch("/:email", v("param", z.object({ email: z.string().max(254) })), v("json", UpdateBody), async (c) => {
    const body = c.req.valid("json");
    const user = await User.update({ ...body, email: c.req.valid("param").email, version: body.version ?? ifMatch(c)! });
    return c.json(user, 200);
  })
  .post("/:email/unlock", v("param", z.object({ email: z.string().max(254) })), async (c) =>
    c.json(await Auth.unlock({ email: c.req.valid("param").email }), 200),
  );
