import { StaffingReport } from "@tracker/core";
import { Hono } from "hono";
import { op } from "../op";
import { v } from "../validate";
import { csv } from "./contributions";

/** Mounted at /api/reports beside the contribution reports. */
export const staffingReports = new Hono()
  .get(
    "/staffing",
    op("getStaffingReport", {
      summary: "Staffing report: posts by category and status, vacancy rate, nationalities, secondments by state, rotation alerts",
      response: StaffingReport.Report,
    }),
    v("query", StaffingReport.YearInput),
    async (c) => c.json(await StaffingReport.year(c.req.valid("query")), 200),
  )
  .get(
    "/staffing.csv",
    op("exportStaffingReportCsv", { summary: "Staffing report as CSV (UTF-8 with BOM)", produces: "text/csv" }),
    v("query", StaffingReport.YearInput),
    async (c) => {
      const q = c.req.valid("query");
      return csv(await StaffingReport.yearCsv(q), `staffing-report${q.year ? `-${q.year}` : ""}.csv`);
    },
  );
