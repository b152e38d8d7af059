/** The first local start: reference data, the first admin, and the demonstration data; a second start adds nothing. */
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login } from "./support/api";

const root = resolve(import.meta.dirname, "..");

describe("first start", () => {
  let cookie: string;
  beforeAll(async () => {
    process.env.ADMIN_PASSWORD = "first admin password";
    const { firstStart } = await import("../scripts/seed");
    await firstStart(root);
    await firstStart(root);
    cookie = await login("admin@localhost", "first admin password");
  });

  it("seeds the 28 member states once, and the first admin", async () => {
    const states = (await call("GET", "/api/states", { cookie })).json.items;
    expect(states).toHaveLength(28);
    expect(states.find((s: { code: string }) => s.code === "KW")).toMatchObject({ joinedOn: "2022-10-13", name: { ru: "Кувейт" } });
    const users = (await call("GET", "/api/users", { cookie })).json.items;
    expect(users.map((u: { email: string }) => u.email)).toEqual(["admin@localhost"]);
    // The first admin can also record contributions and keep the staff matrix, without adding roles first.
    expect(users[0].roles).toEqual(["admin", "finance", "hr"]);
  });

  it("loads the 2022 demonstration year: seven contributors, some in kind, a budget, pledges, all labelled", async () => {
    const r = (await call("GET", "/api/reports/contributions?year=2022", { cookie })).json;
    expect(r.byState.map((s: { code: string }) => s.code).sort()).toEqual(["CN", "IL", "KR", "KZ", "QA", "TJ", "TR"]);
    expect(Number(r.inKindUsd)).toBeGreaterThan(0);
    expect(Number(r.pledgedOutstandingUsd)).toBeGreaterThan(0);
    expect(r.budgetStatus).toBe("approved");
    const items = (await call("GET", "/api/contributions?year=2022", { cookie })).json.items as Array<{ reference?: string; description?: string }>;
    expect(items).toHaveLength(11);
    for (const c of items) expect(`${c.reference ?? ""} ${c.description ?? ""}`).toContain("[Demo data]");
    expect((await call("GET", "/api/budgets/2022", { cookie })).json.note).toContain("[Demo data]");
  });

  it("loads the demonstration staff matrix: two Kazakh Senior Officers seconded in 2022, a renamed post, two open expert positions", async () => {
    const posts = (await call("GET", "/api/posts", { cookie })).json.items as Array<{ number: string; status: string; title: { en: string } }>;
    expect(posts).toHaveLength(10);
    expect(posts.find((p) => p.number === "DED-01")!.title.en).toBe("Deputy Secretary General");
    expect(posts.find((p) => p.number === "SO-04")!.status).toBe("vacant");
    const kz = (await call("GET", "/api/secondments?state=KZ", { cookie })).json.items as Array<{ startOn: string }>;
    expect(kz.map((s) => s.startOn.slice(0, 4))).toEqual(["2022", "2022"]);
    const alerts = (await call("GET", "/api/secondments?endingWithinDays=90", { cookie })).json.items;
    expect(alerts).toHaveLength(1);
    const vacancies = (await call("GET", "/api/vacancies?status=open", { cookie })).json.items as Array<{ recommendations: unknown[] }>;
    expect(vacancies).toHaveLength(2);
    expect(vacancies.flatMap((v) => v.recommendations)).toHaveLength(3);
    const before = (await call("GET", "/api/posts/" + (posts.find((p) => p.number === "DED-01") as unknown as { id: string }).id + "?asOf=2022-06-01", { cookie })).json;
    expect(before.title.en).toBe("Deputy Executive Director");
  });
});

