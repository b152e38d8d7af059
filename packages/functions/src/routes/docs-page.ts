/**
 * The API reference page: the generated OpenAPI document rendered as plain HTML (no script, no inline
 * style). Loaded on demand with the document (routes/docs.ts).
 */
import { operations, type Document } from "../openapi";

type Json = Record<string, unknown>;

const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

function who(roles: unknown): string {
  if (roles === "public") return "anyone, without signing in";
  if (roles === "signedIn") return "any signed-in staff user";
  if (roles === "scoped") return "any signed-in user; a member state's user for its own state only";
  const named = roles as string[];
  return `a user with the ${named.join(" or ")} role${named.includes("state") ? " (state: its own state only)" : ""}`;
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
