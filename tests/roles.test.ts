/**
 * The role matrix over every write route of the OpenAPI document: a role
 * without the right gets 403, no session gets 401, and in both cases the
 * database is unchanged. A write route without a sample request here fails
 * the test, so new routes join the matrix.
 */
import { Budget, Contribution, MemberState, Organisation, Post, Secondment, Vacancy } from "@tracker/core";
import type { Role } from "@tracker/core/actor";
import { ROUTES } from "@tracker/functions/openapi";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { snapshot } from "./support/db";

process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "roles-outbox-"));

const ROLES: Role[] = ["admin", "finance", "hr", "viewer"];
const cookies = {} as Record<Role, string>;
const ids: Record<string, string> = {};

/** A request each write route accepts from a role that has the right. */
const SAMPLES: Record<string, () => { path: string; body?: unknown }> = {
  "POST /api/states": () => ({ path: "/api/states", body: { code: "KH", name: { en: "Cambodia", ru: "Камбоджа" }, status: "member" } }),
  "PUT /api/states/{code}": () => ({ path: "/api/states/MN", body: { name: { en: "Mongolia!", ru: "Монголия" }, status: "member", version: 1 } }),
  "POST /api/users": () => ({ path: "/api/users", body: { email: "new.user@example.org", name: "New", roles: ["viewer"], password: "long enough password" } }),
  "PATCH /api/users/{email}": () => ({ path: `/api/users/${ids.user}`, body: { roles: ["admin"], version: 1 } }),
  "POST /api/contributions": () => ({
    path: "/api/contributions",
    body: { stateCode: "MN", kind: "cash", status: "received", amount: "10.00", currency: "USD", date: "2022-01-01", purpose: "regular_budget" },
  }),
  "PATCH /api/contributions/{id}": () => ({ path: `/api/contributions/${ids.contribution}`, body: { amount: "11.00", version: 1 } }),
  "POST /api/contributions/{id}/void": () => ({ path: `/api/contributions/${ids.contribution}/void`, body: { reason: "test", version: 1 } }),
  "POST /api/contributions/{id}/close": () => ({ path: `/api/contributions/${ids.pledge}/close`, body: { date: "2022-03-01", reason: "test", version: 1 } }),
  "PUT /api/budgets/{year}": () => ({ path: "/api/budgets/2022", body: { status: "draft", lines: [{ code: "A", name: "A", amountUsd: "1.00" }], version: 1 } }),
  "PUT /api/organisation": () => {
    const { version: _v, createdAt: _a, createdBy: _b, updatedAt: _c, updatedBy: _d, ...fields } = Organisation.defaults();
    return { path: "/api/organisation", body: { ...fields, version: 0 } };
  },
  "POST /api/summaries/run": () => ({ path: "/api/summaries/run", body: { period: "2022", states: ["MN"] } }),
  "POST /api/posts": () => ({ path: "/api/posts", body: { number: "P-99", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "secondment" } }),
  "PATCH /api/posts/{id}": () => ({ path: `/api/posts/${ids.post}`, body: { grade: "P-3", version: 2 } }),
  "POST /api/posts/{id}/rename": () => ({
    path: `/api/posts/${ids.post}/rename`,
    body: { title: { en: "Senior Expert", ru: "Старший эксперт" }, effectiveOn: "2030-01-01", decisionRef: "D-1", version: 2 },
  }),
  "POST /api/secondments": () => ({
    path: "/api/secondments",
    body: { personName: "A B", sendingState: "MN", postId: ids.post, startOn: "2031-01-01", endOn: "2031-12-31" },
  }),
  "POST /api/secondments/{id}/extend": () => ({ path: `/api/secondments/${ids.secondment}/extend`, body: { endOn: "2030-06-30", version: 1 } }),
  "POST /api/secondments/{id}/end": () => ({ path: `/api/secondments/${ids.secondment}/end`, body: { endedOn: "2029-06-30", reason: "test", version: 1 } }),
  "POST /api/vacancies": () => ({ path: "/api/vacancies", body: { postId: ids.post, basis: "competitive", publishedOn: "2022-01-10", deadline: "2022-02-15" } }),
  "PATCH /api/vacancies/{id}": () => ({ path: `/api/vacancies/${ids.vacancy}`, body: { status: "closed", version: 1 } }),
  "POST /api/vacancies/{id}/recommendations": () => ({
    path: `/api/vacancies/${ids.vacancy}/recommendations`,
    body: { stateCode: "MN", candidateName: "C D", receivedOn: "2022-02-01" },
  }),
  "PATCH /api/vacancies/{id}/recommendations/{rid}": () => ({
    path: `/api/vacancies/${ids.vacancy}/recommendations/${ids.recommendation}`,
    body: { status: "shortlisted" },
  }),
  "POST /api/vacancies/{id}/fill": () => ({ path: `/api/vacancies/${ids.vacancy}/fill`, body: { recommendationId: ids.recommendation, startOn: "2032-01-01" } }),
};

/** Roles a route names as allowed ("finance, admin" → both). */
function allowedRoles(roles: string): Role[] {
  return (roles.match(/\b(admin|finance|hr|viewer)\b/g) ?? []) as Role[];
}

const WRITES = ROUTES.filter((r) => r.method !== "get" && !r.path.startsWith("/api/auth/")).map((r) => ({
  key: `${r.method.toUpperCase()} ${r.path}`,
  method: r.method.toUpperCase(),
  allowed: allowedRoles(r.roles),
}));

beforeAll(async () => {
  for (const role of ROLES) cookies[role] = (await userWith([role])).cookie;
  ids.user = (await userWith(["viewer"])).email;
  await asSystem(async () => {
    await MemberState.create({ code: "MN", name: { en: "Mongolia", ru: "Монголия" }, status: "member", contacts: [{ name: "MN", email: "mn@example.org", language: "en" }] });
    await Budget.put({ year: 2022, status: "draft", lines: [{ code: "A", name: "A", amountUsd: "1.00" }] });
    ids.post = (await Post.create({ number: "P-01", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "secondment" })).id;
    ids.secondment = (await Secondment.create({ personName: "E F", sendingState: "MN", postId: ids.post, startOn: "2029-01-01", endOn: "2029-12-31" })).id;
    ids.vacancy = (await Vacancy.create({ postId: ids.post, basis: "competitive", publishedOn: "2022-01-10", deadline: "2022-02-15" })).id;
    ids.recommendation = (await Vacancy.recommend({ vacancyId: ids.vacancy, stateCode: "MN", candidateName: "G H", receivedOn: "2022-02-01" })).id;
    ids.contribution = (await Contribution.create({ stateCode: "MN", kind: "cash", status: "received", amount: "5.00", currency: "USD", date: "2022-02-02", purpose: "regular_budget" })).id;
    ids.pledge = (await Contribution.create({ stateCode: "MN", kind: "cash", status: "pledged", amount: "7.00", currency: "USD", date: "2022-02-02", purpose: "regular_budget" })).id;
  });
});

describe("every write route has a sample request here", () => {
  it.each(WRITES)("$key", ({ key, allowed }) => {
    expect(SAMPLES[key], `add a sample request for ${key} to tests/roles.test.ts`).toBeDefined();
    expect(allowed.length, `${key} names no role in openapi.ts`).toBeGreaterThan(0);
  });
});

describe.each(WRITES.filter((w) => SAMPLES[w.key]))("$key", ({ key, method, allowed }) => {
  it("without a session: 401, nothing changed", async () => {
    const sample = SAMPLES[key]!();
    const before = await snapshot();
    const res = await call(method, sample.path, { body: sample.body });
    expect(res.status).toBe(401);
    expect(await snapshot()).toBe(before);
  });

  it.each(ROLES.filter((r) => !allowed.includes(r)))("as %s: 403, nothing changed", async (role) => {
    const sample = SAMPLES[key]!();
    const before = await snapshot();
    const res = await call(method, sample.path, { cookie: cookies[role], body: sample.body });
    expect(res.status, res.text).toBe(403);
    expect(res.json.error.code).toBe("auth.forbidden");
    expect(await snapshot()).toBe(before);
  });
});

describe("allowed writes leave exactly one audit event with the actor and the changes", () => {
  const trail = async (entity: string, id?: string) =>
    (await call("GET", `/api/audit?entity=${entity}${id ? `&id=${id}` : ""}`, { cookie: cookies.admin })).json.items as Array<{
      actor: string; action: string; changes: Record<string, unknown>;
    }>;

  it("a member state replaced by an admin", async () => {
    const before = (await trail("memberState", "MN")).length;
    const { path, body } = SAMPLES["PUT /api/states/{code}"]!();
    expect((await call("PUT", path, { cookie: cookies.admin, body })).status).toBe(200);
    const after = await trail("memberState", "MN");
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ action: "update", actor: expect.stringMatching(/^admin-.*@example.org$/), changes: { name: [{ en: "Mongolia" }, { en: "Mongolia!" }] } });
  });

  it("a user changed by an admin, with no password or hash in the trail", async () => {
    const { path } = SAMPLES["PATCH /api/users/{email}"]!();
    expect((await call("PATCH", path, { cookie: cookies.admin, body: { password: "another long password", version: 1 } })).status).toBe(200);
    const events = await trail("user", ids.user);
    expect(events[0]!.changes).toEqual({ password: ["(hidden)", "(reset)"] });
    expect(JSON.stringify(events)).not.toMatch(/scrypt|another long password/);
  });

  it("a contribution corrected by finance", async () => {
    const { path, body } = SAMPLES["PATCH /api/contributions/{id}"]!();
    expect((await call("PATCH", path, { cookie: cookies.finance, body })).status).toBe(200);
    const events = await trail("contribution", ids.contribution);
    expect(events.map((e) => e.action)).toEqual(["update", "create"]);
    expect(events[0]).toMatchObject({ actor: expect.stringMatching(/^finance-/), changes: { amount: ["5.00", "11.00"], amountUsd: ["5.00", "11.00"] } });
  });

  it("a failed write leaves none", async () => {
    const before = await snapshot();
    const res = await call("PUT", "/api/states/MN", { cookie: cookies.admin, body: { name: { en: "X", ru: "Х" }, status: "member", version: 99 } });
    expect(res.status).toBe(409);
    expect(await snapshot()).toBe(before);
  });
});

describe("reads", () => {
  it.each(ROLES)("every role (%s) reads member states, contributions and the year report", async (role) => {
    for (const path of ["/api/states", "/api/contributions?year=2022", "/api/reports/contributions?year=2022", "/api/budgets/2022"]) {
      expect((await call("GET", path, { cookie: cookies[role] })).status).toBe(200);
    }
  });

  it("only admins list users; the member-state trail is the admin's, the contribution trail finance's too", async () => {
    for (const role of ["finance", "hr", "viewer"] as Role[]) {
      expect((await call("GET", "/api/users", { cookie: cookies[role] })).status).toBe(403);
      expect((await call("GET", "/api/audit?entity=memberState", { cookie: cookies[role] })).status).toBe(403);
    }
    expect((await call("GET", "/api/audit?entity=contribution", { cookie: cookies.finance })).status).toBe(200);
    expect((await call("GET", "/api/audit?entity=contribution", { cookie: cookies.hr })).status).toBe(403);
  });
});
