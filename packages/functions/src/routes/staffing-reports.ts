import { StaffingReport } from "@tracker/core";
import { Hono } from "hono";
import { v } from "../validate";
import { csv } from "./contributions";

/** Mounted at /api/reports beside the contribution reports. */
export const staffingReports = new Hono()
  .get("/staffing", v("query", StaffingReport.YearInput), async (c) => c.json(await StaffingReport.year(c.req.valid("query")), 200))
  .get("/staffing.csv", v("query", StaffingReport.YearInput), async (c) => {
    const q = c.req.valid("query");
    return csv(await StaffingReport.yearCsv(q), `staffing-report${q.year ? `-${q.year}` : ""}.csv`);
  });
