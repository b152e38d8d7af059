/**
 * The one Hono app: served on Lambda by api.ts and locally by local.ts.
 * Handlers stay thin: parse, call one core function, shape the answer.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { errorBody, onError } from "./errors";
import { originCheck } from "./origin";
import { audit } from "./routes/audit";
import { budgets } from "./routes/budgets";
import { closes } from "./routes/closes";
import { contributions, contributionsCsv } from "./routes/contributions";
import { describe, docs } from "./routes/docs";
import { exports } from "./routes/exports";
import { reportDraft } from "./routes/report-draft";
import { reports } from "./routes/reports";
import { posts, postsCsv } from "./routes/posts";
import { rates } from "./routes/rates";
import { secondments } from "./routes/secondments";
import { tourRules } from "./routes/tour-rules";
import { secondmentCosts, standardCosts } from "./routes/standard-costs";
import { moneyPeopleExport, moneyPeopleReport } from "./routes/money-people";
import { staffingReports } from "./routes/staffing-reports";
import { recommendations, vacancies } from "./routes/vacancies";
import { auth } from "./routes/auth";
import { health } from "./routes/health";
import { imports } from "./routes/imports";
import { organisation } from "./routes/organisation";
import { states } from "./routes/states";
import { summaries } from "./routes/summaries";
import { users } from "./routes/users";
import { session } from "./session";

export const MAX_BODY_BYTES = 100 * 1024;
/** An upload of a spreadsheet to import (base64 in JSON; a Lambda takes at most 6 MB a request). */
export const IMPORT_BODY_BYTES = 5_800_000;

/** Origins allowed besides the request's own (the web's public address on AWS). */
const extraOrigins = (process.env.SITE_URL ?? "").split(",").map((s) => s.trim()).filter(Boolean);
/** The browser's origin matches the request's own, the public site's (CloudFront passes it as x-forwarded-host), or SITE_URL. */
function sameOrigin(origin: string, c: Context): boolean {
  if (origin === new URL(c.req.url).origin || extraOrigins.includes(origin)) return true;
  const forwardedHost = c.req.header("x-forwarded-host");
  return !!forwardedHost && origin === `https://${forwardedHost}`;
}

const api = new Hono()
  .use(originCheck)
  // The rest of an oversized body is not read: the connection is closed after the answer, so the client's next request starts clean.
  .use((c, next) =>
    bodyLimit({
      maxSize: c.req.method === "POST" && c.req.path === "/api/imports" ? IMPORT_BODY_BYTES : MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody("request.too_large"), 413, { Connection: "close" }),
    })(c, next),
  )
  // Cross-site form posts are refused (hono's origin check) ...
  .use(csrf({ origin: (origin, c) => sameOrigin(origin, c) }))
  // ... and so is any state-changing request from another origin, whatever its type.
  .use(async (c, next) => {
    if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
      const origin = c.req.header("origin");
      if (origin && !sameOrigin(origin, c)) throw new HTTPException(403, { message: "cross-origin" });
      const length = c.req.header("content-length");
      const hasBody = (length && length !== "0") || c.req.header("transfer-encoding");
      if (hasBody && !/^application\/json\b/i.test(c.req.header("content-type") ?? "")) {
        return c.json(errorBody("request.unsupported_media_type"), 415);
      }
    }
    return next();
  })
  .use(session)
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
  .route("/", docs)
  .all("*", (c) => c.json(errorBody("route.not_found", { method: c.req.method, path: c.req.path }), 404));

export const app = new Hono()
  .use(requestId())
  .use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: "max-age=63072000; includeSubDomains",
      referrerPolicy: "strict-origin-when-cross-origin",
      // A route may set a stricter or narrower policy of its own (the statement preview does).
      overwrite: false,
    }),
  )
  .route("/api", api);

app.onError(onError);
describe(app);
api.onError(onError);

export type AppType = typeof app;
