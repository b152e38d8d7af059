import { ContributionReport } from "@tracker/core";
import { Hono } from "hono";
import * as z from "zod";
import { MemberState } from "@tracker/core";
import { csv } from "./contributions";
import { v } from "../validate";

export const reports = new Hono()
  .get("/contributions", v("query", ContributionReport.YearInput), async (c) =>
    c.json(await ContributionReport.year(c.req.valid("query")), 200),
  )
  .get("/contributions.csv", v("query", ContributionReport.YearInput), async (c) => {
    const { year } = c.req.valid("query");
    return csv(await ContributionReport.yearCsv({ year }), `contributions-report-${year}.csv`);
  })
  .get("/contributions/states/:code", v("param", z.object({ code: MemberState.Code })), async (c) =>
    c.json(await ContributionReport.stateHistory(c.req.valid("param")), 200),
  );
