/**
 * The OpenAPI document is generated from the routes: every served route is documented and every
 * documented operation is served, each operation is named by its key in the permission table and
 * gives the answers its kind has, the document and its reference page are public, and Redocly's
 * recommended rules find no error in it.
 */
import { PERMISSIONS, type Operation } from "@tracker/core/permissions";
import { operations, type Document } from "@tracker/functions/openapi";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { servedRoutes } from "@tracker/functions/app";
import { call } from "./support/api";

/** Routes the app really serves (each route group loaded), as "METHOD /api/path/{param}". */
async function served(): Promise<string[]> {
  return [
    ...new Set(
      (await servedRoutes())
        .filter((r) => r.method !== "ALL" && !r.path.includes("*"))
        .map((r) => `${r.method} ${r.path.replace(/\/$/, "").replace(/:(\w+)/g, "{$1}")}`),
    ),
  ].sort();
}

let doc: Document;
beforeAll(async () => {
  const res = await call("GET", "/api/openapi.json");
  expect(res.status).toBe(200);
  doc = res.json;
});

describe("the OpenAPI document", () => {
  it("is public and lists exactly the routes the app serves", async () => {
    const documented = operations(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    expect(documented).toEqual(await served());
  });

  it("names each operation by its key in the permission table, each key once", () => {
    const ids = operations(doc).map((o) => o.operation.operationId).sort();
    expect(ids).toEqual(Object.keys(PERMISSIONS).sort());
  });

  it("gives each operation a summary, its roles, its success answer and the error answers of its kind", () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
    const errorRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
    for (const { method, path, operation: o } of operations(doc)) {
      const id = o.operationId as Operation;
      const access = PERMISSIONS[id];
      const where = `${method} ${path}`;
      expect(o.summary, where).toMatch(/\w/);
      expect(o["x-roles"], where).toEqual(access);
      const statuses = Object.keys(o.responses);
      const ok = statuses.filter((s) => s.startsWith("2"));
      expect(ok, where).toHaveLength(1);
      if (ok[0] !== "204") expect(o.responses[ok[0]!]!.content, where).toBeDefined();
      expect(statuses.includes("401"), `${where} 401`).toBe(access !== "public");
      expect(statuses.includes("403"), `${where} 403`).toBe(access !== "public" && access !== "scoped");
      expect(statuses.includes("404"), `${where} 404`).toBe(path.includes("{"));
      const validates = !!(o.parameters?.length || o.requestBody);
      expect(statuses.includes("400"), `${where} 400`).toBe(validates);
      if (o.requestBody) {
        expect(o.responses["413"], where).toEqual(errorRef("PayloadTooLarge"));
        expect(o.responses["415"], where).toEqual(errorRef("UnsupportedMediaType"));
      }
      if (validates) expect(o.responses["400"], where).toEqual(errorRef("BadRequest"));
      if (access === "public") expect(o.security, where).toEqual([]);
    }
    // Writes of a versioned record answer 409; sign-in answers 429.
    const byId = Object.fromEntries(operations(doc).map((o) => [o.operation.operationId, o.operation]));
    for (const id of ["replaceState", "updateUser", "updateContribution", "putBudget", "updatePost", "updateVacancy", "extendSecondment"])
      expect(Object.keys(byId[id]!.responses), id).toContain("409");
    expect(Object.keys(byId.login!.responses)).toContain("429");
    // One error schema, shared by every error answer.
    const responses = doc.components.responses as Record<string, { content: Record<string, { schema: unknown }> }>;
    for (const r of Object.values(responses)) expect(r.content["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/Error" });
  });

  it("documents a body's fields and a path's parameters from the route's own validators", () => {
    const patch = doc.paths["/api/contributions/{id}"]!.patch!;
    expect(patch.parameters).toEqual([expect.objectContaining({ in: "path", name: "id", required: true })]);
    const body = (patch.requestBody as any).content["application/json"].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(["amount", "currency", "version"]));
    const list = doc.paths["/api/contributions"]!.get!;
    expect(list.parameters!.map((p: any) => p.name)).toEqual(expect.arrayContaining(["year", "state", "cursor"]));
  });

  it("lints with Redocly's recommended rules: no error", () => {
    const dir = mkdtempSync(join(tmpdir(), "openapi-"));
    const file = join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const require = createRequire(import.meta.url);
    const cli = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
    const run = spawnSync(process.execPath, [cli, "lint", "--extends", "recommended", "--format", "json", file], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
      timeout: 120_000,
    });
    const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: Array<{ severity: string; ruleId: string; message: string }> };
    expect(report.problems.filter((p) => p.severity === "error"), run.stderr).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(run.status).toBe(0);
  }, 150_000);
});

describe("the reference page", () => {
  it("is public, readable, and needs no script, inline style or other origin", async () => {
    const page = await call("GET", "/api/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(page.text).not.toMatch(/<script|<style|\sstyle=|\son\w+=|https?:\/\//i);
    expect(page.text).toContain('<link rel="stylesheet" href="/api/docs.css">');
    for (const { operation } of operations(doc)) expect(page.text).toContain(`id="${operation.operationId}"`);
    expect(page.text).toContain("a user with the finance role");

    const css = await call("GET", "/api/docs.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
  });
});
