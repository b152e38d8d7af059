import { Secondment } from "@tracker/core/secondment/index";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { op } from "../op";
import { v } from "../validate";
import { Page } from "./page";

export const SecondmentIdParam = z.object({ id: z.string().min(1).max(100) });
export const ExtendBody = Secondment.ExtendInput.omit({ id: true, version: true }).extend({ version: Secondment.ExtendInput.shape.version.optional() });
export const EndBody = Secondment.EndInput.omit({ id: true, version: true }).extend({ version: Secondment.EndInput.shape.version.optional() });

export const secondments = new Hono()
  .get(
    "/",
    op("listSecondments", {
      summary: "Secondments by state, post, year, status; ?endingWithinDays= (empty: 90) gives the rotation alerts",
      response: Page(Secondment.Info),
    }),
    v("query", Secondment.ListInput),
    async (c) => c.json(await Secondment.list(c.req.valid("query")), 200),
  )
  .post(
    "/",
    op("createSecondment", {
      summary: "Record a secondment",
      description: "409 if the post has an incumbent for overlapping dates.",
      status: 201,
      response: Secondment.Info,
      errors: [409],
    }),
    v("json", Secondment.CreateInput),
    async (c) => c.json(await Secondment.create(await c.req.json()), 201),
  )
  .get("/:id", op("getSecondment", { summary: "One secondment", response: Secondment.Info }), v("param", SecondmentIdParam), async (c) =>
    c.json(await Secondment.get(c.req.valid("param")), 200),
  )
  .post(
    "/:id/extend",
    op("extendSecondment", { summary: "Extend a secondment to a later end", response: Secondment.Info, errors: [409] }),
    v("param", SecondmentIdParam),
    v("json", ExtendBody),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await Secondment.extend({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
    },
  )
  .post(
    "/:id/end",
    op("endSecondment", { summary: "End a secondment early", response: Secondment.Info, errors: [409] }),
    v("param", SecondmentIdParam),
    v("json", EndBody),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await Secondment.end({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
    },
  );
