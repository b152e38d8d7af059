import { Export } from "@tracker/core/export/index";
import { StaffingReport } from "@tracker/core/report/staffing";
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
    summary: "Staffing report as CSV (UTF-8 with BOM), ?lang=en|ru; the same as /api/exports/reports/staffing?format=csv",
    query: Export.StaffingReportInput.omit({ format: true }),
    read: (q) => Export.staffingReport({ ...q, format: "csv" }),
  },
);
