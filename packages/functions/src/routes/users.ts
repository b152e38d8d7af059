import { Auth } from "@tracker/core/auth/index";
import { User } from "@tracker/core/user/index";
import { Hono } from "hono";
import * as z from "zod";
import { atPath } from "../version";
import { op } from "../op";
import { v } from "../validate";
import { Page } from "./page";

/** The user as read may be sent back: the email (the path's) and stamps are ignored when unchanged. */
export const UpdateBody = User.update.schema.extend({
  email: z.string().max(254).optional(),
  version: User.UpdateInput.shape.version.optional(),
});

export const users = new Hono()
  .get("/", op("listUsers", { summary: "List users (lockedUntil: sign-ins refused until then)", response: Page(User.Listed) }), async (c) => c.json({ items: await User.list({}) }, 200))
  .post(
    "/",
    op("createUser", { summary: "Create a user", status: 201, response: User.Info, errors: [409] }),
    v("json", User.CreateInput),
    async (c) => c.json(await User.create(c.req.valid("json")), 201),
  )
  .patch(
    "/:email",
    op("updateUser", { summary: "Change name, roles, language, password or disabled (send the version you read)", response: User.Info, errors: [409] }),
    v("param", z.object({ email: z.string().max(254) })),
    v("json", UpdateBody),
    async (c) => c.json(await User.update(atPath(c, c.req.valid("json"), "email", c.req.valid("param").email)), 200),
  )
  .post(
    "/:email/unlock",
    op("unlockUser", { summary: "Clear the sign-in counters of an account (every client's)", response: z.object({ email: z.string(), cleared: z.number() }) }),
    v("param", z.object({ email: z.string().max(254) })),
    async (c) => c.json(await Auth.unlock({ email: c.req.valid("param").email }), 200),
  );
