import { ROUTES } from "@tracker/functions/openapi";
import { describe, expect, it } from "vitest";
import { app } from "./support/api";

/** Routes the app really serves, as "METHOD /api/path/{param}". */
function served(): string[] {
  return [
    ...new Set(
      app.routes
        .filter((r) => r.method !== "ALL" && !r.path.includes("*"))
        .map((r) => `${r.method} ${r.path.replace(/\/$/, "").replace(/:(\w+)/g, "{$1}")}`),
    ),
  ].sort();
}

describe("the OpenAPI document", () => {
  it("lists exactly the routes the app serves", () => {
    const documented = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    expect(documented).toEqual(served());
  });
});
