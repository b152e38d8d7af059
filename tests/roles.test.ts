/**
 * The role matrix over every write operation of the generated OpenAPI document (its roles read
 * from `x-roles`, i.e. the permission table): a role without the right gets 403, no session gets
 * 401, and in both cases the database is unchanged. A write operation without a sample request
 * here fails the test, so new operations join the matrix. Every operation with roles answers a
 * lacking role 403 whatever the body or query, before validating it. The `state` role (a member
 * state's focal point, bound to MN here) is in the matrix: "signedIn" operations are staff only, so
 * it lacks every operation but the "scoped" ones and those that name it.
 */
import { Budget, Contribution, Import, MemberState, Organisation, Post, Recommendation, Secondment, TourRules, Vacancy } from "@tracker/core";
import type { Role } from "@tracker/core/actor";
import type { Operation } from "@tracker/core/permissions";
import { operations, type Document } from "@tracker/functions/openapi";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { app, asSystem, call, userWith } from "./support/api";
import { snapshot } from "./support/db";

process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "roles-outbox-"));

const STAFF: Role[] = ["admin", "finance", "hr", "viewer"];
const ROLES: Role[] = [...STAFF, "state"];
const cookies = {} as Record<Role, string>;
const ids: Record<string, string> = {};
const IMPORT_CSV = "State,Date,Amount,Currency\nMN,2022-03-01,10.00,USD\n";

/** A request each write route accepts from a role that has the right. */
const SAMPLES: Partial<Record<Operation, () => { path: string; body?: unknown }>> = {
  createState: () => ({ path: "/api/states", body: { code: "KH", name: { en: "Cambodia", ru: "Камбоджа" }, status: "member" } }),
  replaceState: () => ({ path: "/api/states/MN", body: { name: { en: "Mongolia!", ru: "Монголия" }, status: "member", version: 1 } }),
  createUser: () => ({ path: "/api/users", body: { email: "new.user@example.org", name: "New", roles: ["viewer"], password: "long enough password" } }),
  updateUser: () => ({ path: `/api/users/${ids.user}`, body: { roles: ["admin"], version: 1 } }),
  createContribution: () => ({
    path: "/api/contributions",
    body: { stateCode: "MN", kind: "cash", status: "received", amount: "10.00", currency: "USD", date: "2022-01-01", purpose: "regular_budget" },
  }),
  updateContribution: () => ({ path: `/api/contributions/${ids.contribution}`, body: { amount: "11.00", version: 1 } }),
  voidContribution: () => ({ path: `/api/contributions/${ids.contribution}/void`, body: { reason: "test", version: 1 } }),
  closeContribution: () => ({ path: `/api/contributions/${ids.pledge}/close`, body: { date: "2022-03-01", reason: "test", version: 1 } }),
  putExchangeRate: () => ({ path: "/api/rates/KZT/2022-01-01", body: { rate: "431.80", source: "nbk" } }),
  uploadImport: () => ({ path: "/api/imports", body: { filename: "mn.csv", data: Buffer.from(IMPORT_CSV).toString("base64") } }),
  setImportMapping: () => ({ path: `/api/imports/${ids.import}/mapping`, body: { columns: { stateCode: "State", date: "Date", amount: "Amount", currency: "Currency" }, defaults: { kind: "cash", status: "received", purpose: "regular_budget" } } }),
  resolveImportDuplicates: () => ({ path: `/api/imports/${ids.import}/resolutions`, body: { rows: [2], action: "skip" } }),
  confirmImport: () => ({ path: `/api/imports/${ids.import}/confirm` }),
  importExchangeRates: () => ({ path: "/api/rates/import", body: { csv: "currency,effective_date,rate,source\nKZT,2022-02-01,435.56,nbk\n" } }),
  closeFiscalYear: () => ({ path: "/api/fiscal-years/2019/close", body: { status: "provisional", reason: "test" } }),
  reopenFiscalYear: () => ({ path: "/api/fiscal-years/2019/reopen", body: { reason: "test" } }),
  putBudget: () => ({ path: "/api/budgets/2022", body: { status: "draft", lines: [{ code: "A", name: "A", amountUsd: "1.00" }], version: 1 } }),
  unlockUser: () => ({ path: `/api/users/${ids.user}/unlock` }),
  updateOrganisation: () => {
    const { version: _v, createdAt: _a, createdBy: _b, updatedAt: _c, updatedBy: _d, ...fields } = Organisation.defaults();
    return { path: "/api/organisation", body: { ...fields, version: 0 } };
  },
  runStatements: () => ({ path: "/api/summaries/run", body: { period: "2022", states: ["MN"] } }),
  sendStatementRevision: () => ({ path: "/api/summaries/revisions", body: { period: "2022", state: "MN", revision: 1 } }),
  createPost: () => ({ path: "/api/posts", body: { number: "P-99", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "secondment" } }),
  updatePost: () => ({ path: `/api/posts/${ids.post}`, body: { grade: "P-3", version: 2 } }),
  renamePost: () => ({
    path: `/api/posts/${ids.post}/rename`,
    body: { title: { en: "Senior Expert", ru: "Старший эксперт" }, effectiveOn: "2030-01-01", decisionRef: "D-1", version: 2 },
  }),
  createSecondment: () => ({
    path: "/api/secondments",
    body: { personName: "A B", sendingState: "MN", postId: ids.post, startOn: "2031-01-01", endOn: "2031-12-31" },
  }),
  extendSecondment: () => ({ path: `/api/secondments/${ids.secondment}/extend`, body: { endOn: "2030-06-30", version: 1 } }),
  updateTourRules: () => ({ path: "/api/tour-rules", body: { ...TourRules.Rules.DEFAULTS, cumulativeMonths: 121, version: 0 } }),
  setSecondmentCostBearers: () => ({
    path: `/api/secondments/${ids.secondment}/cost-bearers`,
    body: { costBearers: { salary: "sending_state", allowances: "secretariat", insurance: "secretariat", travel: "sending_state" }, version: 1 },
  }),
  putStandardCost: () => ({
    path: "/api/standard-costs",
    body: { category: "expert", grade: "E-1", effectiveOn: "2022-01-01", salaryUsd: "3000.00", allowancesUsd: "1000.00", insuranceUsd: "200.00", travelUsd: "100.00" },
  }),
  endSecondment: () => ({ path: `/api/secondments/${ids.secondment}/end`, body: { endedOn: "2029-06-30", reason: "test", version: 1 } }),
  createVacancy: () => ({ path: "/api/vacancies", body: { postId: ids.post, basis: "competitive", publishedOn: "2022-01-10", deadline: "2022-02-15" } }),
  updateVacancy: () => ({ path: `/api/vacancies/${ids.vacancy}`, body: { status: "closed", version: 1 } }),
  recommendCandidate: () => ({
    path: `/api/vacancies/${ids.vacancy}/recommendations`,
    body: { stateCode: "MN", candidateName: "C D", receivedOn: "2022-02-01" },
  }),
  updateRecommendation: () => ({
    path: `/api/vacancies/${ids.vacancy}/recommendations/${ids.recommendation}`,
    body: { status: "shortlisted" },
  }),
  fillVacancy: () => ({ path: `/api/vacancies/${ids.vacancy}/fill`, body: { recommendationId: ids.recommendation, startOn: "2032-01-01" } }),
};

/** The generated document, read as the app serves it (the routes are registered when the app is imported). */
const doc = (await (await app.request("http://localhost/api/openapi.json")).json()) as Document;

/** The roles an operation admits by its `x-roles`: every role for "public" and "scoped", the staff roles for "signedIn". */
const allowedRoles = (roles: unknown): Role[] =>
  Array.isArray(roles) ? roles : roles === "signedIn" ? STAFF : roles === "public" || roles === "scoped" ? ROLES : [];

const WRITES = operations(doc)
  .filter((o) => o.method !== "get" && !o.path.startsWith("/api/auth/"))
  .map((o) => ({ key: o.operation.operationId, method: o.method.toUpperCase(), path: o.path, allowed: allowedRoles(o.operation["x-roles"]) }));

/** Every operation that some role lacks, reads too. */
const GUARDED = operations(doc)
  .filter((o) => ROLES.some((r) => !allowedRoles(o.operation["x-roles"]).includes(r)))
  .map((o) => ({ key: o.operation.operationId, method: o.method.toUpperCase(), path: o.path, allowed: allowedRoles(o.operation["x-roles"]), hasBody: !!o.operation.requestBody }));

beforeAll(async () => {
  ids.user = (await userWith(["viewer"])).email;
  await asSystem(async () => {
    await MemberState.create({ code: "MN", name: { en: "Mongolia", ru: "Монголия" }, status: "member", contacts: [{ name: "MN", email: "mn@example.org", language: "en" }] });
    await Budget.put({ year: 2022, status: "draft", lines: [{ code: "A", name: "A", amountUsd: "1.00" }] });
    ids.post = (await Post.create({ number: "P-01", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "secondment" })).id;
    ids.secondment = (await Secondment.create({ personName: "E F", sendingState: "MN", postId: ids.post, startOn: "2029-01-01", endOn: "2029-12-31" })).id;
    ids.vacancy = (await Vacancy.create({ postId: ids.post, basis: "competitive", publishedOn: "2022-01-10", deadline: "2022-02-15" })).id;
    ids.recommendation = (await Recommendation.create({ vacancyId: ids.vacancy, stateCode: "MN", candidateName: "G H", receivedOn: "2022-02-01" })).id;
    ids.contribution = (await Contribution.create({ stateCode: "MN", kind: "cash", status: "received", amount: "5.00", currency: "USD", date: "2022-02-02", purpose: "regular_budget" })).id;
    ids.pledge = (await Contribution.create({ stateCode: "MN", kind: "cash", status: "pledged", amount: "7.00", currency: "USD", date: "2022-02-02", purpose: "regular_budget" })).id;
    ids.import = (await Import.upload({ filename: "mn.csv", data: Buffer.from(IMPORT_CSV).toString("base64") })).id;
  });
  for (const role of ROLES) cookies[role] = (await userWith([role], undefined, role === "state" ? "MN" : undefined)).cookie;
});

describe("every write operation has a sample request here", () => {
  it.each(WRITES)("$key", ({ key, allowed }) => {
    expect(SAMPLES[key], `add a sample request for ${key} to tests/roles.test.ts`).toBeDefined();
    expect(allowed.length, `${key} names no role in the permission table`).toBeGreaterThan(0);
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

/** A path of the operation with its parameters filled in: a real record's where a sample names one, else junk. */
function pathFor(key: Operation, template: string): string {
  const sample = SAMPLES[key]?.();
  return sample?.path ?? template.replace(/\{\w+\}/g, "not-a-valid-id");
}

describe("a lacking role gets 403 whatever the body, before it is validated", () => {
  it("covers every operation that names roles, and every staff operation for the state role", () => {
    expect(GUARDED.length).toBeGreaterThan(50);
  });

  describe.each(GUARDED)("$key", ({ key, method, path, allowed, hasBody }) => {
    const lacking = ROLES.filter((r) => !allowed.includes(r));
    const bodies: Array<[string, unknown]> = hasBody
      ? [
          ["an invalid body", { version: "not a number", unknownField: ["x"], amount: 5, name: null }],
          ["an empty body", {}],
          ["no body", undefined],
        ]
      : [["an invalid query", undefined]];
    it.each(lacking.flatMap((role) => bodies.map(([what, body]) => ({ role, what, body }))))("as $role with $what: 403, nothing changed", async ({ role, what, body }) => {
      let url = pathFor(key, path);
      if (what === "an invalid query") url += `${url.includes("?") ? "&" : "?"}year=notayear&limit=-1&unknown=1`;
      const before = await snapshot();
      const res = await call(method, url, { cookie: cookies[role], body });
      expect(res.status, res.text).toBe(403);
      expect(res.json.error.code).toBe("auth.forbidden");
      expect(await snapshot()).toBe(before);
    });
  });
});

describe("allowed writes leave exactly one audit event with the actor and the changes", () => {
  const trail = async (entity: string, id?: string) =>
    (await call("GET", `/api/audit?entity=${entity}${id ? `&id=${id}` : ""}`, { cookie: cookies.admin })).json.items as Array<{
      actor: string; action: string; changes: Record<string, unknown>;
    }>;

  it("a member state replaced by an admin", async () => {
    const before = (await trail("memberState", "MN")).length;
    const { path, body } = SAMPLES.replaceState!();
    expect((await call("PUT", path, { cookie: cookies.admin, body })).status).toBe(200);
    const after = await trail("memberState", "MN");
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ action: "update", actor: expect.stringMatching(/^admin-.*@example.org$/), changes: { name: [{ en: "Mongolia" }, { en: "Mongolia!" }] } });
  });

  it("a user changed by an admin, with no password or hash in the trail", async () => {
    const { path } = SAMPLES.updateUser!();
    expect((await call("PATCH", path, { cookie: cookies.admin, body: { password: "another long password", version: 1 } })).status).toBe(200);
    const events = await trail("user", ids.user);
    expect(events[0]!.changes).toEqual({ password: ["(hidden)", "(reset)"] });
    expect(JSON.stringify(events)).not.toMatch(/scrypt|another long password/);
  });

  it("a contribution corrected by finance", async () => {
    const { path, body } = SAMPLES.updateContribution!();
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
  it.each(STAFF)("every staff role (%s) reads member states, contributions and the year report", async (role) => {
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
