import { Hono } from "hono";
import { Health } from "@tracker/core/health";

export const health = new Hono().get("/", async (c) => {
  const database = await Health.database();
  return c.json({ status: database === "ok" ? "ok" : "degraded", database }, database === "ok" ? 200 : 503);
});
