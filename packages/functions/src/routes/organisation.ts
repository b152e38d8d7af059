import { Actor, Organisation } from "@tracker/core";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { ifMatch } from "../version";
import { v } from "../validate";

/** The profile, with the version read in the body or in If-Match (0 while the seeded profile is in force). */
export const UpdateBody = Organisation.UpdateInput.extend({ version: Organisation.UpdateInput.shape.version.optional() });

/** The role is checked before the body: a lacking role gets 403 whatever it sends. */
const mayUpdate = createMiddleware(async (_c, next) => {
  Actor.assertCan("updateOrganisation");
  await next();
});

export const organisation = new Hono()
  .get("/", async (c) => c.json(await Organisation.get({}), 200))
  .put("/", mayUpdate, v("json", UpdateBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await Organisation.update({ ...body, version: body.version ?? ifMatch(c)! }), 200);
  });
