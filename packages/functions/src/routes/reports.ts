import { ContributionReport, MemberState, Totals } from "@tracker/core";
import { Hono } from "hono";
import * as z from "zod";
import { op } from "../op";
import { v } from "../validate";
import { csv } from "./contributions";

export const reports = new Hono()
  .get(
    "/years",
    op("listFiscalYears", {
      summary: "The fiscal years with contributions in force, and the year pages open on (the latest up to the current one)",
      response: Totals.FiscalYears,
    }),
    async (c) => c.json(await Totals.fiscalYears({}), 200),
  )
  .get(
    "/contributions",
    op("getContributionReport", {
      summary: "Year report: budget, received, in kind, outstanding pledges, gap, by state",
      response: ContributionReport.YearReport,
    }),
    v("query", ContributionReport.YearInput),
    async (c) => c.json(await ContributionReport.year(c.req.valid("query")), 200),
  )
  .get(
    "/contributions.csv",
    op("exportContributionReportCsv", { summary: "Year report as CSV (UTF-8 with BOM)", produces: "text/csv" }),
    v("query", ContributionReport.YearInput),
    async (c) => {
      const { year } = c.req.valid("query");
      return csv(await ContributionReport.yearCsv({ year }), `contributions-report-${year}.csv`);
    },
  )
  .get(
    "/contributions/states/:code",
    op("getStateHistory", { summary: "A state's contributions across the years", response: ContributionReport.StateHistory }),
    v("param", z.object({ code: MemberState.Code })),
    async (c) => c.json(await ContributionReport.stateHistory(c.req.valid("param")), 200),
  );
