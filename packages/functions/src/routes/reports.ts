import { ContributionReport } from "@tracker/core/report/contributions";
import { Export } from "@tracker/core/export/index";
import { MemberState } from "@tracker/core/member-state/index";
import { Totals } from "@tracker/core/totals/index";
import * as z from "zod";
import { op } from "../op";
import { v } from "../validate";
import { reportRoutes } from "./report";

export const reports = reportRoutes(
  "contributions",
  ContributionReport.YearInput,
  {
    operation: "getContributionReport",
    summary: "Year report: budget, received, in kind, outstanding pledges, gap, by state",
    response: ContributionReport.YearReport,
    read: ContributionReport.year,
  },
  {
    operation: "exportContributionReportCsv",
    summary: "Year report as CSV (UTF-8 with BOM), ?lang=en|ru; the same as /api/exports/reports/contributions?format=csv",
    query: Export.ContributionReportInput.omit({ format: true }),
    read: (q) => Export.contributionReport({ ...q, format: "csv" }),
  },
)
  .get(
    "/years",
    op("listFiscalYears", {
      summary: "The fiscal years with contributions in force, and the year pages open on (the latest up to the current one)",
      response: Totals.FiscalYears,
    }),
    async (c) => c.json(await Totals.fiscalYears({}), 200),
  )
  .get(
    "/contributions/states/:code",
    op("getStateHistory", { summary: "A state's contributions across the years", response: ContributionReport.StateHistory }),
    v("param", z.object({ code: MemberState.Code })),
    async (c) => c.json(await ContributionReport.stateHistory(c.req.valid("param")), 200),
  );
