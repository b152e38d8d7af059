/**
 * The API reference for people: the generated OpenAPI document rendered on the server as plain
 * HTML with a linked stylesheet, so it runs no script and fits the app's CSP (no inline script
 * or style, nothing from another origin). The document and the page are built on demand, in a chunk of
 * their own (openapi.ts, docs-page.ts), not at cold start.
 */
import { Hono } from "hono";
import { op } from "../op";
import * as z from "zod";

const OpenApiDocument = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) });

const CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;display:grid;grid-template-columns:18rem 1fr}
header{grid-column:1/3;padding:1rem 2rem;background:#0b3d61;color:#fff}header a{color:#cde6ff}
nav{padding:1rem;border-right:1px solid #ddd;font-size:13px;position:sticky;top:0;max-height:100vh;overflow:auto}
nav ul{list-style:none;padding-left:.75rem;margin:.25rem 0}main{padding:1rem 2rem;max-width:70rem}
.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}.op h3{margin:.25rem 0;font-size:16px}
.method{display:inline-block;min-width:4rem;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 6px;background:#555}
.get{background:#1d6fb8}.post{background:#2e7d32}.put{background:#8d5a00}.patch{background:#6a4c93}.delete{background:#b3261e}
.meta{color:#555;font-size:13px}.media{color:#555;font-size:12px}table{border-collapse:collapse;font-size:13px}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}pre{background:#f5f7f9;padding:.5rem;overflow:auto;font-size:12px}`;

export const docs = new Hono()
  .get("/openapi.json", op("getOpenApi", { summary: "This API's OpenAPI 3.1 description", response: OpenApiDocument }), async (c) => {
    const { document } = await import("../openapi");
    return c.json(await document(await root()), 200);
  })
  .get("/docs", op("getApiDocs", { summary: "This API's reference, as a page", produces: "text/html" }), async (c) => {
    const [{ document }, { render }] = await Promise.all([import("../openapi"), import("./docs-page")]);
    return c.html(render(await document(await root())), 200);
  })
  .get("/docs.css", op("getApiDocsStylesheet", { summary: "The reference page's stylesheet", produces: "text/css" }), (c) =>
    c.body(CSS, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=3600" }),
  );

let rootApp: (() => Promise<Hono<any, any, any>>) | undefined;
let built: Promise<Hono<any, any, any>> | undefined;
/** The app whose routes the document describes, with every route group (set by app.ts, which mounts this router). */
export function describe(app: () => Promise<Hono<any, any, any>>) {
  rootApp = app;
}
function root(): Promise<Hono<any, any, any>> {
  if (!rootApp) throw new Error("The documented app is not set.");
  built ??= rootApp();
  return built;
}
