import { StaffingReport } from "@tracker/core";
import { reportRoutes } from "./report";

/** Mounted at /api/reports beside the contribution reports. */
export const staffingReports = reportRoutes(
  "staffing",
  StaffingReport.YearInput,
  {
    operation: "getStaffingReport",
    summary: "Staffing report: posts by category and status, vacancy rate, nationalities, secondments by state, rotation alerts",
    response: StaffingReport.Report,
    read: StaffingReport.year,
  },
  {
    operation: "exportStaffingReportCsv",
    summary: "Staffing report as CSV (UTF-8 with BOM)",
    read: StaffingReport.yearCsv,
    filename: (q) => `staffing-report${q.year ? `-${q.year}` : ""}.csv`,
  },
);
