import { Budget } from "@tracker/core";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { v } from "../validate";

export const YearParam = z.object({ year: Budget.Year });
export const PutBody = Budget.PutFields.omit({ year: true });
export const GetQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const budgets = new Hono()
  .get("/:year", v("param", YearParam), v("query", GetQuery), async (c) =>
    c.json(await Budget.get({ ...c.req.valid("param"), ...c.req.valid("query") }), 200),
  )
  .get("/:year/history", v("param", YearParam), async (c) => c.json({ items: await Budget.history(c.req.valid("param")) }, 200))
  .put("/:year", v("param", YearParam), v("json", PutBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await Budget.put({ ...body, year: c.req.valid("param").year, version: body.version ?? ifMatch(c) }), 200);
  });
