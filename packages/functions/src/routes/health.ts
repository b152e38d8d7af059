import { Hono } from "hono";
import { Health } from "@tracker/core/health";
import * as z from "zod";
import { op } from "../op";

export const health = new Hono().get(
  "/",
  op("getHealth", {
    summary: "Service and database health",
    response: z.object({ status: z.enum(["ok", "degraded"]), database: z.enum(["ok", "unreachable"]) }),
  }),
  async (c) => {
    const database = await Health.database();
    return c.json({ status: database === "ok" ? "ok" : "degraded", database }, database === "ok" ? 200 : 503);
  },
);
