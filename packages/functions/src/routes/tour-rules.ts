import { TourRules } from "@tracker/core/tour/index";
import { Hono } from "hono";
import { op } from "../op";
import { ifMatch } from "../version";
import { v } from "../validate";

/** The rules, with the version read in the body or in If-Match (0 while the defaults are in force). */
export const UpdateBody = TourRules.refined(TourRules.UpdateFields.extend({ version: TourRules.UpdateFields.shape.version.optional() }));

export const tourRules = new Hono()
  .get(
    "/",
    op("getTourRules", {
      summary: "The tour rules: the longest tour by post category (or grade) and the longest service of one person, in months",
      response: TourRules.Info,
    }),
    async (c) => c.json(await TourRules.get({}), 200),
  )
  .put(
    "/",
    op("updateTourRules", {
      summary: "Replace the tour rules (send the version you read; 0 while the defaults are in force)",
      response: TourRules.Info,
      errors: [409],
    }),
    v("json", UpdateBody),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await TourRules.update({ ...body, version: body.version ?? ifMatch(c)! }), 200);
    },
  );
