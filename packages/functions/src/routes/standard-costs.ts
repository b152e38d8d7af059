import { Secondment } from "@tracker/core/secondment/index";
import { SecondmentValue } from "@tracker/core/standard-cost/worth";
import { StandardCost } from "@tracker/core/standard-cost/index";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { op } from "../op";
import { v } from "../validate";

/** Mounted at /api/standard-costs. */
export const standardCosts = new Hono()
  .get(
    "/",
    op("listStandardCosts", {
      summary: "HR's standard-cost table: USD a month by category, grade and effective date, by component",
      response: z.object({ items: z.array(StandardCost.Info) }),
    }),
    v("query", StandardCost.ListInput),
    async (c) => c.json(await StandardCost.list(c.req.valid("query")), 200),
  )
  .put(
    "/",
    op("putStandardCost", {
      summary: "Enter a row of the standard-cost table (category, grade or * for every grade, effective date), or change it (send the version you read)",
      description: "The same amounts and note as stored write nothing and answer the row as it is.",
      response: StandardCost.Info,
      errors: [409],
    }),
    v("json", StandardCost.PutInput),
    async (c) => c.json(await StandardCost.put(c.req.valid("json")), 200),
  );

const IdParam = z.object({ id: z.string().min(1).max(100) });
export const CostBearersBody = Secondment.SetCostBearersInput.omit({ id: true, version: true }).extend({ version: Secondment.SetCostBearersInput.shape.version.optional() });

/** Mounted at /api/secondments beside the secondments' own routes: what a secondment is worth, and who bears its costs. */
export const secondmentCosts = new Hono()
  .get(
    "/:id/value",
    op("getSecondmentValue", {
      summary: "What a secondment is worth for a year (?year=, default the current one) or a period (?from=&to=): standard cost, what the Secretariat bears, the in-kind value, by month",
      response: SecondmentValue.Info,
    }),
    v("param", IdParam),
    v("query", SecondmentValue.Query),
    async (c) => c.json(await SecondmentValue.get({ ...c.req.valid("query"), id: c.req.valid("param").id }), 200),
  )
  .put(
    "/:id/cost-bearers",
    op("setSecondmentCostBearers", {
      summary: "Record who bears each cost of a secondment (salary, allowances, insurance, travel): sending_state or secretariat",
      response: Secondment.Info,
      errors: [409],
    }),
    v("param", IdParam),
    v("json", CostBearersBody),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await Secondment.setCostBearers({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
    },
  );
