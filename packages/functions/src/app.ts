/**
 * The one Hono app: served on Lambda by api.ts and locally by local.ts.
 * Handlers stay thin: parse, call one core function, shape the answer.
 *
 * What every request runs loads at init: the origin check, the body limit, CSRF, the session check,
 * the error mapping, and the routes of health, sign-in and the docs. Every other route group, with the
 * core modules it calls, loads on the first request to one of its paths, in a chunk of its own
 * (`lazy` below). routes/index.ts mounts every group at once: its type is the typed client's
 * (`AppType`), and the OpenAPI document is built from it.
 */
import { Hono, type Context, type Env, type Handler, type Schema } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { HonoBase } from "hono/hono-base";
import { secureHeaders } from "hono/secure-headers";
import { PERMISSIONS } from "@tracker/core/permissions";
import { errorBody, onError } from "./errors";
import { operationOf } from "./op";
import { originCheck } from "./origin";
import { auth } from "./routes/auth";
import { describe, docs } from "./routes/docs";
import { health } from "./routes/health";
import { session } from "./session";

export const MAX_BODY_BYTES = 100 * 1024;
/** An upload of a spreadsheet to import (base64 in JSON; a Lambda takes at most 6 MB a request). */
export const IMPORT_BODY_BYTES = 5_800_000;

/** Where the API's routes are mounted. */
const BASE = "/api";

/** Origins allowed besides the request's own (the web's public address on AWS). */
const extraOrigins = (process.env.SITE_URL ?? "").split(",").map((s) => s.trim()).filter(Boolean);
/** The browser's origin matches the request's own, the public site's (CloudFront passes it as x-forwarded-host), or SITE_URL. */
function sameOrigin(origin: string, c: Context): boolean {
  if (origin === new URL(c.req.url).origin || extraOrigins.includes(origin)) return true;
  const forwardedHost = c.req.header("x-forwarded-host");
  return !!forwardedHost && origin === `https://${forwardedHost}`;
}

const notFound = (c: Context) => c.json(errorBody("route.not_found", { method: c.req.method, path: c.req.path }), 404);

type Router = Hono<any, any, any>;

/** The app around a set of routes (mounted under /api): every request's middleware, then the routes, then 404. */
function build<E extends Env, S extends Schema, B extends string, P extends string>(routes: HonoBase<E, S, B, P>) {
  const api = new Hono()
    .use(originCheck)
    // The rest of an oversized body is not read: the connection is closed after the answer, so the client's next request starts clean.
    .use((c, next) =>
      bodyLimit({
        maxSize: c.req.method === "POST" && c.req.path === `${BASE}/imports` ? IMPORT_BODY_BYTES : MAX_BODY_BYTES,
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
    .route("/", routes)
    .all("*", notFound);

  const app = new Hono()
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
    .route(BASE, api);

  app.onError(onError);
  api.onError(onError);
  return app;
}

/**
 * The routes the server dispatches: health, sign-in and the docs at once; each other group on the
 * first request to one of its paths (specific paths before the general ones of the same prefix).
 * The same routers as routes/index.ts, mounted at the same prefixes.
 */
const served = new Hono().route("/health", health).route("/auth", auth).route("/", docs);

/**
 * Loads a route module on the first request to one of `paths` (relative to /api) and mounts its
 * routers (prefix → router) in an app of their own, to which each such request is handed.
 * The request has passed every middleware above, the session check included: the module's `op()`
 * checks the role before its validators, an unknown path under the prefix gets the same 404, and
 * an error is mapped by the app's handler (errors.ts), as if the routes were mounted directly.
 */
function lazy(paths: string[], load: () => Promise<Record<string, Router>>) {
  let group: Promise<Router> | undefined;
  const loaded = () =>
    (group ??= load().then(mount, (error: unknown) => {
      group = undefined;
      throw error;
    }));
  const dispatch: Handler = async (c) => (await loaded()).fetch(c.req.raw, c.env);
  for (const path of paths) served.all(path, dispatch);
  groups.push(loaded);
}
const groups: Array<() => Promise<Router>> = [];

/** Every route the app serves: those mounted at init and those of each group, every group loaded. */
export async function servedRoutes() {
  const loaded = await Promise.all(groups.map((group) => group()));
  return [...app.routes, ...loaded.flatMap((group) => group.routes)];
}

function mount(routers: Record<string, Router>): Router {
  const group = new Hono();
  for (const [prefix, router] of Object.entries(routers)) group.route(`${BASE}${prefix}`, router);
  for (const route of group.routes) {
    // The session check sees only the routes mounted at init: a public route must be one of them.
    const operation = operationOf(route.handler);
    if (operation && PERMISSIONS[operation] === "public") throw new Error(`${operation} is public: mount it at init, not in a lazy group`);
  }
  group.notFound(notFound);
  // Errors go to the app's own handler, with the request's context (its request id).
  group.onError((error) => {
    throw error;
  });
  return group;
}

lazy(["/users/*"], async () => ({ "/users": (await import("./routes/users")).users }));
lazy(["/states/*"], async () => ({ "/states": (await import("./routes/states")).states }));
lazy(["/organisation/*"], async () => ({ "/organisation": (await import("./routes/organisation")).organisation }));
lazy(["/contributions.csv", "/contributions/*"], async () => {
  const m = await import("./routes/contributions");
  return { "/contributions.csv": m.contributionsCsv, "/contributions": m.contributions };
});
lazy(["/budgets/*"], async () => ({ "/budgets": (await import("./routes/budgets")).budgets }));
lazy(["/fiscal-years/*"], async () => ({ "/fiscal-years": (await import("./routes/closes")).closes }));
lazy(["/rates/*"], async () => ({ "/rates": (await import("./routes/rates")).rates }));
lazy(["/reports/staffing", "/reports/staffing.csv"], async () => ({ "/reports": (await import("./routes/staffing-reports")).staffingReports }));
lazy(["/reports/draft"], async () => ({ "/reports": (await import("./routes/report-draft")).reportDraft }));
lazy(["/reports/money-people", "/exports/reports/money-people"], async () => {
  const m = await import("./routes/money-people");
  return { "/reports": m.moneyPeopleReport, "/exports": m.moneyPeopleExport };
});
lazy(["/reports/*"], async () => ({ "/reports": (await import("./routes/reports")).reports }));
lazy(["/posts.csv", "/posts/*"], async () => {
  const m = await import("./routes/posts");
  return { "/posts.csv": m.postsCsv, "/posts": m.posts };
});
lazy(["/secondments/:id/value", "/secondments/:id/cost-bearers", "/standard-costs/*"], async () => {
  const m = await import("./routes/standard-costs");
  return { "/secondments": m.secondmentCosts, "/standard-costs": m.standardCosts };
});
lazy(["/secondments/*"], async () => ({ "/secondments": (await import("./routes/secondments")).secondments }));
lazy(["/tour-rules/*"], async () => ({ "/tour-rules": (await import("./routes/tour-rules")).tourRules }));
lazy(["/vacancies/*", "/recommendations/*"], async () => {
  const m = await import("./routes/vacancies");
  return { "/vacancies": m.vacancies, "/recommendations": m.recommendations };
});
lazy(["/summaries/*"], async () => ({ "/summaries": (await import("./routes/summaries")).summaries }));
lazy(["/audit/*"], async () => ({ "/audit": (await import("./routes/audit")).audit }));
lazy(["/exports/*"], async () => ({ "/exports": (await import("./routes/exports")).exports }));
lazy(["/imports/*"], async () => ({ "/imports": (await import("./routes/imports")).imports }));

export const app = build(served);
// The document describes every group: built, when first asked for, from the app with all of them mounted.
describe(async () => build((await import("./routes/index")).routes));

/** The app's type, as the typed client sees it: every group mounted (routes/index.ts). */
type AllRoutes = typeof import("./routes/index").routes;
export type AppType = AllRoutes extends HonoBase<infer E, infer S, infer B, infer P> ? ReturnType<typeof build<E, S, B, P>> : never;
