/**
 * The API reference for people: the generated OpenAPI document rendered on the server as plain
 * HTML with a linked stylesheet, so it runs no script and fits the app's CSP (no inline script
 * or style, nothing from another origin).
 */
import { Hono } from "hono";
import { document, operations, type Document } from "../openapi";
import { op } from "../op";
import * as z from "zod";

type Json = Record<string, unknown>;

const OpenApiDocument = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) });

const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

function who(roles: unknown): string {
  if (roles === "public") return "anyone, without signing in";
  if (roles === "signedIn") return "any signed-in user";
  return `a user with the ${(roles as string[]).join(" or ")} role`;
}

function resolve(doc: Document, value: Json): Json {
  const ref = value.$ref;
  if (typeof ref !== "string") return value;
  const [, , kind, name] = ref.split("/");
  return ((doc.components[kind!] as Json | undefined)?.[name!] as Json | undefined) ?? value;
}

function schemaBlock(schema: unknown): string {
  return `<details><summary>Schema</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>`;
}

export function render(doc: Document): string {
  const info = doc.info as { title: string; version: string; description?: string };
  const tags = (doc.tags as Array<{ name: string; description: string }>) ?? [];
  const all = operations(doc);
  const sections = tags.map((tag) => {
    const ops = all.filter((o) => (o.operation.tags as string[] | undefined)?.includes(tag.name));
    const items = ops.map(({ method, path, operation: o }) => {
      const params = (o.parameters ?? []) as Array<{ name: string; in: string; required?: boolean; schema?: Json; description?: string }>;
      const body = (o.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.["application/json"]?.schema;
      const responses = Object.entries(o.responses).map(([status, r]) => {
        const res = resolve(doc, r);
        const content = res.content as Record<string, { schema?: unknown }> | undefined;
        const media = content ? Object.keys(content).join(", ") : "";
        const schema = status.startsWith("2") ? content?.["application/json"]?.schema : undefined;
        return `<li><code>${esc(status)}</code> ${esc(res.description)}${media ? ` <span class="media">${esc(media)}</span>` : ""}${schema ? schemaBlock(schema) : ""}</li>`;
      });
      return `<section class="op" id="${esc(o.operationId)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p class="summary">${esc(o.summary)}</p>${o.description ? `<p>${esc(o.description)}</p>` : ""}
<p class="meta">operationId <code>${esc(o.operationId)}</code> · who: ${esc(who(o["x-roles"]))}</p>
${params.length ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Type</th></tr></thead><tbody>${params.map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td><code>${esc(JSON.stringify(p.schema ?? {}))}</code></td></tr>`).join("")}</tbody></table>` : ""}
${body ? `<h4>Body (application/json)</h4>${schemaBlock(body)}` : ""}
<h4>Answers</h4><ul class="responses">${responses.join("")}</ul>
</section>`;
    });
    return `<section class="tag" id="tag-${esc(tag.name)}"><h2>${esc(tag.description)}</h2>${items.join("\n")}</section>`;
  });
  const toc = tags
    .map((t) => {
      const ops = all.filter((o) => (o.operation.tags as string[] | undefined)?.includes(t.name));
      return `<li><a href="#tag-${esc(t.name)}">${esc(t.description)}</a><ul>${ops.map((o) => `<li><a href="#${esc(o.operation.operationId)}">${esc(o.operation.operationId)}</a></li>`).join("")}</ul></li>`;
    })
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} — API reference</title><link rel="stylesheet" href="/api/docs.css"></head>
<body><header><h1>${esc(info.title)}</h1><p>API version ${esc(info.version)} · OpenAPI ${esc(doc.openapi)} · <a href="/api/openapi.json">openapi.json</a></p>
<p>${esc(info.description)}</p></header>
<nav><ul>${toc}</ul></nav><main>${sections.join("\n")}</main></body></html>`;
}

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
  .get("/openapi.json", op("getOpenApi", { summary: "This API's OpenAPI 3.1 description", response: OpenApiDocument }), async (c) => c.json(await document(root()), 200))
  .get("/docs", op("getApiDocs", { summary: "This API's reference, as a page", produces: "text/html" }), async (c) =>
    c.html(render(await document(root())), 200),
  )
  .get("/docs.css", op("getApiDocsStylesheet", { summary: "The reference page's stylesheet", produces: "text/css" }), (c) =>
    c.body(CSS, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=3600" }),
  );

let rootApp: Hono<any, any, any> | undefined;
/** The app whose routes the document describes (set by app.ts, which mounts this router). */
export function describe(app: Hono<any, any, any>) {
  rootApp = app;
}
function root(): Hono<any, any, any> {
  if (!rootApp) throw new Error("The documented app is not set.");
  return rootApp;
}
