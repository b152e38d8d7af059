/**
 * Every route group mounted at once, under /api, in the order the API matches them. The server does
 * not serve this router: it loads each group on the first request to one of its paths (app.ts). This
 * one is the typed client's type (`AppType`) and what the OpenAPI document describes (built from it
 * when the document is asked for).
 */
import { Hono } from "hono";
import { audit } from "./audit";
import { auth } from "./auth";
import { budgets } from "./budgets";
import { closes } from "./closes";
import { contributions, contributionsCsv } from "./contributions";
import { docs } from "./docs";
import { exports } from "./exports";
import { health } from "./health";
import { imports } from "./imports";
import { moneyPeopleExport, moneyPeopleReport } from "./money-people";
import { organisation } from "./organisation";
import { posts, postsCsv } from "./posts";
import { rates } from "./rates";
import { reportDraft } from "./report-draft";
import { reports } from "./reports";
import { secondments } from "./secondments";
import { staffingReports } from "./staffing-reports";
import { secondmentCosts, standardCosts } from "./standard-costs";
import { states } from "./states";
import { summaries } from "./summaries";
import { tourRules } from "./tour-rules";
import { users } from "./users";
import { recommendations, vacancies } from "./vacancies";

export const routes = new Hono()
  .route("/health", health)
  .route("/auth", auth)
  .route("/users", users)
  .route("/states", states)
  .route("/organisation", organisation)
  .route("/contributions.csv", contributionsCsv)
  .route("/contributions", contributions)
  .route("/budgets", budgets)
  .route("/fiscal-years", closes)
  .route("/rates", rates)
  .route("/reports", reports)
  .route("/reports", staffingReports)
  .route("/reports", reportDraft)
  .route("/reports", moneyPeopleReport)
  .route("/posts.csv", postsCsv)
  .route("/posts", posts)
  .route("/secondments", secondments)
  .route("/secondments", secondmentCosts)
  .route("/tour-rules", tourRules)
  .route("/standard-costs", standardCosts)
  .route("/vacancies", vacancies)
  .route("/recommendations", recommendations)
  .route("/summaries", summaries)
  .route("/audit", audit)
  .route("/exports", exports)
  .route("/exports", moneyPeopleExport)
  .route("/imports", imports)
  .route("/", docs);
