import { Organisation } from "@tracker/core/organisation/index";
import { Hono } from "hono";
import { op } from "../op";
import { ifMatch } from "../version";
import { v } from "../validate";

/** The profile, with the version read in the body or in If-Match (0 while the seeded profile is in force). */
export const UpdateBody = Organisation.UpdateInput.extend({ version: Organisation.UpdateInput.shape.version.optional() });

export const organisation = new Hono()
  .get(
    "/",
    op("getOrganisation", {
      summary: "The organisation's profile: names, city, reference format, signature, bank details, finance contact",
      response: Organisation.Info,
    }),
    async (c) => c.json(await Organisation.get({}), 200),
  )
  .put(
    "/",
    op("updateOrganisation", {
      summary: "Replace the organisation's profile (send the version you read; 0 while the seeded one is in force)",
      response: Organisation.Info,
      errors: [409],
    }),
    v("json", UpdateBody),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await Organisation.update({ ...body, version: body.version ?? ifMatch(c)! }), 200);
    },
  );
