import { Export } from "@tracker/core/export/index";
import { Hono } from "hono";
import { op } from "../op";
import { v } from "../validate";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function file(f: Export.File) {
  return new Response(f.body, {
    headers: { "content-type": f.contentType, "content-disposition": `attachment; filename="${f.filename}"` },
  });
}

const DESCRIPTION =
  "?format=csv|xlsx (default csv), ?lang=en|ru (default en): headers and value words in that language. " +
  "CSV is UTF-8 with a BOM; English uses `,`, a decimal point and ISO dates, Russian `;`, a decimal comma and DD.MM.YYYY, " +
  "as a spreadsheet in that language's locale reads them. XLSX has numbers as numbers and dates as dates. " +
  "?q= keeps rows holding every word, ?sort= orders them (a key, `-` first for descending), as the web's list does.";

const produces = ["text/csv", XLSX] as ("text/csv" | typeof XLSX)[];

/** Mounted at /api/exports. */
export const exports = new Hono()
  .get(
    "/contributions",
    op("exportContributions", { summary: "Contributions with the list's filters, and totals per currency and in USD", description: DESCRIPTION, produces }),
    v("query", Export.ContributionsInput),
    async (c) => file(await Export.contributions(c.req.valid("query"))),
  )
  .get(
    "/posts",
    op("exportPosts", { summary: "The staff matrix as of a date, with the list's filters", description: DESCRIPTION, produces }),
    v("query", Export.PostsInput),
    async (c) => file(await Export.posts(c.req.valid("query"))),
  )
  .get(
    "/secondments",
    op("exportSecondments", { summary: "Secondments with the list's filters", description: DESCRIPTION, produces }),
    v("query", Export.SecondmentsInput),
    async (c) => file(await Export.secondments(c.req.valid("query"))),
  )
  .get(
    "/vacancies",
    op("exportVacancies", { summary: "Vacancies with the list's filters", description: DESCRIPTION, produces }),
    v("query", Export.VacanciesInput),
    async (c) => file(await Export.vacancies(c.req.valid("query"))),
  )
  .get(
    "/users",
    op("exportUsers", { summary: "Users and their roles", description: DESCRIPTION, produces }),
    v("query", Export.UsersInput),
    async (c) => file(await Export.users(c.req.valid("query"))),
  )
  .get(
    "/audit",
    op("exportAuditChanges", {
      summary: "The audit trail with the audit page's filters and search, one row per change (a creation: a row per field)",
      description:
        DESCRIPTION.replace(/ \?q=.*$/, "") +
        " ?entity, ?id, ?user, ?from, ?to and ?q as GET /api/audit/changes takes them; ?sort= at, who, record or action (`-` first for descending; default -at). " +
        "Finance and hr get the kinds of record they keep.",
      produces,
    }),
    v("query", Export.AuditInput),
    async (c) => file(await Export.auditChanges(c.req.valid("query"))),
  )
  .get(
    "/reports/contributions",
    op("exportContributionReport", {
      summary: "The contribution year report: by state, then the totals, the budget and the funding gap",
      description: DESCRIPTION.replace(/ \?q=.*$/, ""),
      produces,
    }),
    v("query", Export.ContributionReportInput),
    async (c) => file(await Export.contributionReport(c.req.valid("query"))),
  )
  .get(
    "/reports/staffing",
    op("exportStaffingReport", {
      summary: "The staffing report of a year (default the current one), one figure a row",
      description: DESCRIPTION.replace(/ \?q=.*$/, ""),
      produces,
    }),
    v("query", Export.StaffingReportInput),
    async (c) => file(await Export.staffingReport(c.req.valid("query"))),
  );
