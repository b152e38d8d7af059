import { MoneyPeople } from "@tracker/core/report/money-people";
import { Hono } from "hono";
import { op } from "../op";
import { v } from "../validate";
import { file } from "./exports";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Mounted at /api/reports beside the contribution and staffing reports. */
export const moneyPeopleReport = new Hono().get(
  "/money-people",
  op("getMoneyPeopleReport", {
    summary: "Money and people side by side for a year (default the current one): each state's share of the contributions and of the staff posts, its seconded person-months, and the states that give neither",
    description: "Shares are per cent with two decimals and add up to 100.00 exactly (largest remainder on basis points). The secondments' value counts in the contribution shares only when the organisation recognises it (basis).",
    response: MoneyPeople.Report,
  }),
  v("query", MoneyPeople.YearInput),
  async (c) => c.json(await MoneyPeople.year(c.req.valid("query")), 200),
);

/** Mounted at /api/exports. */
export const moneyPeopleExport = new Hono().get(
  "/reports/money-people",
  op("exportMoneyPeopleReport", {
    summary: "The money-and-people report of a year: a row per state, the totals, the states that give neither, the basis",
    description: "?format=csv|xlsx (default csv), ?lang=en|ru (default en): headers in that language; CSV is UTF-8 with a BOM, in that language's spreadsheet conventions.",
    produces: ["text/csv", XLSX],
  }),
  v("query", MoneyPeople.ExportInput),
  async (c) => file(await MoneyPeople.exportFile(c.req.valid("query"))),
);
