/**
 * A record as read can be written back: the body of a GET, sent to the record's PUT or PATCH, is
 * accepted. The fields the server keeps (stamps, derived values, the key of the path) are ignored
 * when they come back as read, and refused, naming them, when they differ; nothing is written then.
 */
import { Budget, Contribution, MemberState, Post, Recommendation, Vacancy } from "@tracker/core";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { snapshot } from "./support/db";

const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  for (const role of ["admin", "finance", "hr"] as const) cookies[role] = (await userWith([role])).cookie;
  ids.user = (await userWith(["viewer"])).email;
  await asSystem(async () => {
    await MemberState.create({ code: "MN", name: { en: "Mongolia", ru: "Монголия" }, status: "member", joinedOn: "2002-06-01", contacts: [{ name: "MFA", email: "mfa@example.org", language: "en" }] });
    await Budget.put({ year: 2024, status: "draft", lines: [{ code: "A", name: "Staff", amountUsd: "1200.50" }, { code: "B", name: "Travel", amountUsd: "300.00" }] });
    ids.contribution = (await Contribution.create({ stateCode: "MN", kind: "cash", status: "received", amount: "250000.00", currency: "KZT", exchangeRate: "500", date: "2024-03-01", purpose: "regular_budget", reference: "R-1" })).id;
    ids.pledge = (await Contribution.create({ stateCode: "MN", kind: "cash", status: "pledged", amount: "1000.00", currency: "USD", date: "2024-01-10", purpose: "regular_budget" })).id;
    ids.post = (await Post.create({ number: "P-10", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "secondment", status: "filled", incumbent: { name: "A B", nationality: "MN", since: "2024-01-01" } })).id;
    ids.openPost = (await Post.create({ number: "P-11", title: { en: "Officer", ru: "Сотрудник" }, category: "professional", grade: "P-3", funding: "regular_budget" })).id;
    ids.vacancy = (await Vacancy.create({ postId: ids.openPost, basis: "competitive", publishedOn: "2024-01-10", deadline: "2030-02-15" })).id;
    await Recommendation.create({ vacancyId: ids.vacancy, stateCode: "MN", candidateName: "C D", receivedOn: "2024-02-01" });
  });
});

/** Each record: where it is read, how it is written back, and by whom. */
const RECORDS = [
  { name: "a member state", read: () => "/api/states/MN", write: "PUT", role: "admin", key: "code" },
  { name: "a user", read: () => `/api/users/${encodeURIComponent(ids.user!)}`, write: "PATCH", role: "admin", key: "email" },
  { name: "a contribution in another currency", read: () => `/api/contributions/${ids.contribution}`, write: "PATCH", role: "finance", key: "id" },
  { name: "a pledge (outstanding derived)", read: () => `/api/contributions/${ids.pledge}`, write: "PATCH", role: "finance", key: "id" },
  { name: "a budget", read: () => "/api/budgets/2024", write: "PUT", role: "finance", key: "year" },
  { name: "a post with its incumbent", read: () => `/api/posts/${ids.post}`, write: "PATCH", role: "hr", key: "id" },
  { name: "a post without one", read: () => `/api/posts/${ids.openPost}`, write: "PATCH", role: "hr", key: "id" },
  { name: "a vacancy with a recommendation", read: () => `/api/vacancies/${ids.vacancy}`, write: "PATCH", role: "hr", key: "id" },
] as const;

/** The record as GET answers it (users are read from the list: there is no GET of one user). */
async function read(path: string, cookie: string) {
  if (path.startsWith("/api/users/")) {
    const email = decodeURIComponent(path.split("/").pop()!);
    const list = await call("GET", "/api/users", { cookie });
    return list.json.items.find((u: { email: string }) => u.email === email);
  }
  const res = await call("GET", path, { cookie });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

describe.each(RECORDS)("$name", ({ read: where, write, role, key }) => {
  it("written back as read: 200, the record as stored, and nothing written (an unchanged save)", async () => {
    const path = where();
    const record = await read(path, cookies[role]!);
    const before = await snapshot();
    const res = await call(write, path, { cookie: cookies[role], body: record });
    expect(res.status, res.text).toBe(200);
    expect(res.json[key]).toEqual(record[key]);
    expect(res.json.version).toBe(record.version);
    expect(res.json.createdBy).toEqual(record.createdBy);
    expect(await snapshot()).toBe(before);
  });

  it("a changed createdBy: 400 naming it, nothing written", async () => {
    const path = where();
    const record = await read(path, cookies[role]!);
    const before = await snapshot();
    const res = await call(write, path, { cookie: cookies[role], body: { ...record, createdBy: "someone.else@example.org" } });
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.code).toBe("request.invalid");
    expect(res.json.error.issues).toEqual([expect.objectContaining({ path: "createdBy", code: "field.read_only" })]);
    expect(res.json.error.message).toBe("Some fields are not valid: createdBy.");
    expect(await snapshot()).toBe(before);
  });

  it(`a ${key} other than the path's: 400 naming it, nothing written`, async () => {
    const path = where();
    const record = await read(path, cookies[role]!);
    const before = await snapshot();
    const other = typeof record[key] === "number" ? record[key] + 1 : key === "code" ? "KZ" : `${record[key]}x`;
    const res = await call(write, path, { cookie: cookies[role], body: { ...record, [key]: other } });
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.issues).toEqual([expect.objectContaining({ path: key, code: "field.read_only" })]);
    expect(await snapshot()).toBe(before);
  });
});

describe("derived fields", () => {
  it("a contribution's amountUsd, fiscalYear and updatedAt sent changed are each named", async () => {
    const path = `/api/contributions/${ids.contribution}`;
    const record = await read(path, cookies.finance!);
    expect(record).toMatchObject({ amount: "250000.00", currency: "KZT", amountUsd: "500.00", fiscalYear: 2024 });
    const before = await snapshot();
    const res = await call("PATCH", path, {
      cookie: cookies.finance,
      body: { ...record, amountUsd: "600.00", fiscalYear: 2023, updatedAt: "2020-01-01T00:00:00.000Z" },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["amountUsd", "fiscalYear", "updatedAt"]);
    expect(await snapshot()).toBe(before);
  });

  it("a pledge's outstanding comes back as read and a real change goes through beside it", async () => {
    const path = `/api/contributions/${ids.pledge}`;
    const record = await read(path, cookies.finance!);
    expect(record.outstanding).toBe("1000.00");
    const res = await call("PATCH", path, { cookie: cookies.finance, body: { ...record, amount: "1500.00" } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ amount: "1500.00", amountUsd: "1500.00", outstanding: "1500.00" });
  });

  it("a post's incumbent sent back as read changes nothing; another one must be valid input", async () => {
    const path = `/api/posts/${ids.post}`;
    const record = await read(path, cookies.hr!);
    expect(record.incumbent).toMatchObject({ name: "A B", nationality: "MN", since: "2024-01-01" });
    const res = await call("PATCH", path, { cookie: cookies.hr, body: record });
    expect(res.status, res.text).toBe(200);
    expect(res.json.incumbencies).toEqual(record.incumbencies);
    const wrong = await call("PATCH", path, { cookie: cookies.hr, body: { ...res.json, incumbent: { ...record.incumbent, nationality: "mn" } } });
    expect(wrong.status, wrong.text).toBe(400);
    expect(wrong.json.error.issues.map((i: { path: string }) => i.path)).toContain("incumbent.nationality");
  });
});
