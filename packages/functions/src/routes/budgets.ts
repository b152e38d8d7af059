import { Budget } from "@tracker/core/budget/index";
import { ALWAYS, readBack, samePath } from "@tracker/core/schema";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { op } from "../op";
import { v } from "../validate";
import { Page } from "./page";

export const YearParam = z.object({ year: Budget.Year });
/** The budget as read may be sent back: its year (the path's), total and stamps are ignored when unchanged. */
export const PutBody = readBack(Budget.PutFields, Budget.Info).extend({ year: Budget.Year.optional() }).superRefine(Budget.checkRules, ALWAYS);
export const GetQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const budgets = new Hono()
  .get(
    "/:year",
    op("getBudget", { summary: "A year's budget (its newest version, or ?version=)", response: Budget.Info }),
    v("param", YearParam),
    v("query", GetQuery),
    async (c) => c.json(await Budget.get({ ...c.req.valid("param"), ...c.req.valid("query") }), 200),
  )
  .get(
    "/:year/history",
    op("listBudgetVersions", { summary: "Every version of a year's budget", response: Page(Budget.Info) }),
    v("param", YearParam),
    async (c) => c.json({ items: await Budget.history(c.req.valid("param")) }, 200),
  )
  .put(
    "/:year",
    op("putBudget", {
      summary: "Set a year's budget: writes a new version (send the version you read)",
      description: "A body equal to the budget in force writes nothing and answers it as it is. Approval needs decisionRef.",
      response: Budget.Info,
      errors: [409],
    }),
    v("param", YearParam),
    v("json", PutBody),
    async (c) => {
      const body = samePath(c.req.valid("json"), "year", c.req.valid("param").year);
      return c.json(await Budget.put({ ...body, year: c.req.valid("param").year, version: body.version ?? ifMatch(c) }), 200);
    },
  );
