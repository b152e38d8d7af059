import { Audit } from "@tracker/core";
import { Hono } from "hono";
import { v } from "../validate";

export const audit = new Hono().get("/", v("query", Audit.ListInput), async (c) => c.json(await Audit.list(c.req.valid("query")), 200));
