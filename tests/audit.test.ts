/**
 * "What changed, and who did it" over HTTP: GET /api/audit/changes across kinds of record, by user,
 * kind and date range, with records and users named, one row per change (a creation is one row),
 * paged by cursor; a role that keeps no such records gets 403. And the stale-edit message names who
 * changed the record and when.
 */
import { Clock, MemberState } from "@tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

let admin: { email: string; cookie: string };
let finance: { email: string; cookie: string };
let hr: { email: string; cookie: string };
let viewer: { email: string; cookie: string };
let postId: string;
let contributionId: string;
const today = new Date().toISOString().slice(0, 10);

const changes = async (cookie: string, query: Record<string, string> = {}) =>
  call("GET", `/api/audit/changes?${new URLSearchParams(query)}`, { cookie });

interface Row {
  eventId: string;
  at: string;
  actor: string;
  actorName: string;
  entity: string;
  id: string;
  action: string;
  kind: string;
  field?: string;
  before?: unknown;
  after?: unknown;
  fields?: Array<{ field: string; value: unknown }>;
}

beforeAll(async () => {
  await asSystem(() => MemberState.seed(seedStates()));
  admin = await userWith(["admin"]);
  finance = await userWith(["finance"]);
  hr = await userWith(["hr"]);
  viewer = await userWith(["viewer"]);

  // A post created on 1 June 2025 (the clock set back), then changed today.
  Clock.set(() => Date.parse("2025-06-01T09:30:00Z"));
  const post = await call("POST", "/api/posts", {
    cookie: hr.cookie,
    body: { number: "AU-01", title: { en: "Audit Expert", ru: "Эксперт по аудиту" }, category: "expert", funding: "regular_budget" },
  });
  Clock.reset();
  expect(post.status).toBe(201);
  postId = post.json.id;
  const changed = await call("PATCH", `/api/posts/${postId}`, { cookie: hr.cookie, body: { grade: "P-3", unit: "Audit", version: post.json.version } });
  expect(changed.status).toBe(200);

  const c = await call("POST", "/api/contributions", {
    cookie: finance.cookie,
    body: { stateCode: "KZ", kind: "cash", status: "received", amount: "46025000.00", currency: "KZT", exchangeRate: "460.25", date: "2022-03-15", purpose: "regular_budget" },
  });
  expect(c.status).toBe(201);
  contributionId = c.json.id;
});

afterAll(() => Clock.reset());

describe("GET /api/audit/changes", () => {
  it("gives an admin every kind, newest first, each creation as one row and each change of a field as its own row, records and users named", async () => {
    const res = await changes(admin.cookie, { limit: "200" });
    expect(res.status).toBe(200);
    const rows: Row[] = res.json.items;
    const times = rows.map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);

    const created = rows.filter((r) => r.entity === "contribution" && r.id === contributionId);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ kind: "created", action: "create", actor: finance.email, actorName: "Test finance" });
    expect(created[0]!.fields!.find((f) => f.field === "amount")?.value).toBe("46025000.00");
    expect(created[0]!.fields!.find((f) => f.field === "stateCode")?.value).toBe("KZ");

    const update = rows.filter((r) => r.entity === "post" && r.id === postId && r.action === "update");
    expect(update.map((r) => [r.kind, r.field, r.before, r.after]).sort()).toEqual([
      ["field", "grade", null, "P-3"],
      ["field", "unit", null, "Audit"],
    ]);
    expect(update.every((r) => r.actorName === "Test hr")).toBe(true);

    // Names instead of ids: the post's number and title, the state's name, the contribution's number.
    expect(res.json.names[`post:${postId}`]).toEqual({ en: "AU-01 Audit Expert", ru: "AU-01 Эксперт по аудиту" });
    expect(res.json.names["memberState:KZ"]).toEqual({ en: "Kazakhstan", ru: "Казахстан" });
    expect(res.json.names[`contribution:${contributionId}`].en).toMatch(/^R-2022-\d{4} \(KZ\)$/);
    // Users by name and email.
    const userRow = rows.find((r) => r.entity === "user" || r.entity === "auth");
    if (userRow) expect(res.json.names[`${userRow.entity}:${userRow.id}`].en).toContain(userRow.id);
  });

  it("filters by user, by kind of record and by date range", async () => {
    const byFinance: Row[] = (await changes(admin.cookie, { user: finance.email, limit: "200" })).json.items;
    expect(byFinance.length).toBeGreaterThan(0);
    expect(new Set(byFinance.map((r) => r.actor))).toEqual(new Set([finance.email]));
    expect(byFinance.some((r) => r.id === contributionId)).toBe(true);

    const posts: Row[] = (await changes(admin.cookie, { entity: "post" })).json.items;
    expect(new Set(posts.map((r) => r.entity))).toEqual(new Set(["post"]));
    expect(posts.filter((r) => r.id === postId)).toHaveLength(3);

    const june: Row[] = (await changes(admin.cookie, { from: "2025-06-01", to: "2025-06-01" })).json.items;
    expect(june.map((r) => [r.entity, r.id, r.kind, r.at])).toEqual([["post", postId, "created", "2025-06-01T09:30:00.000Z"]]);
    const since: Row[] = (await changes(admin.cookie, { from: today, entity: "post" })).json.items;
    expect(since.map((r) => r.field).sort()).toEqual(["grade", "unit"]);
    expect((await changes(admin.cookie, { from: "2025-06-02", to: "2025-06-30" })).json.items).toEqual([]);
    const one: Row[] = (await changes(admin.cookie, { entity: "post", id: postId })).json.items;
    expect(one).toHaveLength(3);

    const bad = await changes(admin.cookie, { from: "2025-06-30", to: "2025-06-01" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe("to");
    expect((await changes(admin.cookie, { id: postId })).status).toBe(400);
  });

  it("pages by cursor across kinds, with no row twice and none left out", async () => {
    const all: Row[] = (await changes(admin.cookie, { limit: "200" })).json.items;
    const events = [...new Set(all.map((r) => r.eventId))];
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await changes(admin.cookie, { limit: "2", ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...new Set((page.json.items as Row[]).map((r) => r.eventId)));
      cursor = page.json.cursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(events);
    expect((await changes(admin.cookie, { cursor: "not-a-cursor" })).status).toBe(400);
  });

  it("keeps finance and hr to the kinds they keep, and refuses a viewer whatever it asks", async () => {
    const mine: Row[] = (await changes(finance.cookie, { limit: "200" })).json.items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.entity === "contribution" || r.entity === "budget")).toBe(true);
    expect((await changes(finance.cookie, { entity: "post" })).status).toBe(403);
    expect((await changes(hr.cookie, { entity: "post" })).status).toBe(200);
    expect((await changes(hr.cookie, { entity: "user" })).status).toBe(403);
    expect((await changes(viewer.cookie)).status).toBe(403);
    expect((await changes(viewer.cookie, { entity: "contribution" })).status).toBe(403);
    expect((await call("GET", "/api/audit/changes")).status).toBe(401);
  });
});

describe("the stale-edit message", () => {
  it("names who changed the record and when, from its latest audit event", async () => {
    const res = await call("PATCH", `/api/posts/${postId}`, { cookie: hr.cookie, body: { grade: "P-4", version: 1 } });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("post.version_conflict");
    const last: Row[] = (await changes(admin.cookie, { entity: "post", id: postId, limit: "1" })).json.items;
    const at = last[0]!.at;
    const when = `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
    // The instant too, which the web writes in its own language; the English message keeps the UTC time.
    expect(res.json.error.params).toMatchObject({ by: "Test hr", when, at });
    expect(res.json.error.message).toBe(`This post was changed by Test hr at ${when}; reload and try again.`);
    expect(res.json.error.message).not.toContain(postId);

    // A save that changes something (an unchanged one writes nothing), then one on the version it replaced.
    const state = await call("PUT", "/api/states/KZ", { cookie: admin.cookie, body: { name: { en: "Kazakhstan", ru: "Казахстан" }, status: "member", joinedOn: "1992-10-05", version: 1 } });
    expect(state.status).toBe(200);
    const stale = await call("PUT", "/api/states/KZ", { cookie: admin.cookie, body: { name: { en: "Kazakhstan!", ru: "Казахстан" }, status: "member", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.params.by).toBe("Test admin");
    expect(stale.json.error.message).toMatch(/^Member state KZ was changed by Test admin at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC; reload and try again\.$/);
  });
});

describe.skipIf(!chromiumAvailable && !mustRun)("the audit page in Chromium", () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

  it("filters by user and kind (kept in the address), names the post and the user, one row per change, a creation opening on its fields", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, site.url, admin.email, PASSWORD);
    await page.click('[data-testid="nav-audit"]');
    await page.locator('[data-testid="audit-table"]').waitFor();

    await page.selectOption('select[name="entity"]', "post");
    await page.fill('input[name="user"]', hr.email);
    await page.click('[data-testid="audit-apply"]');
    await page.waitForURL((u) => u.searchParams.get("entity") === "post" && u.searchParams.get("user") === hr.email);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-table"] [data-testid="history-entry"]').length === 2);

    const events = page.locator('[data-testid="audit-table"] [data-testid="history-entry"]');
    const update = events.nth(0);
    expect(await update.getAttribute("data-action")).toBe("update");
    expect(await update.locator('[data-testid="change-row"]').count()).toBe(2);
    expect(plain(await update.locator('[data-testid="history-record"]').textContent())).toBe("Post AU-01 Audit Expert");
    expect(plain(await update.locator('[data-testid="history-who"]').textContent())).toBe(`Test hr ${hr.email}`);
    expect(plain(await update.locator('tr[data-field="grade"]').textContent())).toContain("P-3");

    const created = events.nth(1);
    expect(await created.getAttribute("data-action")).toBe("create");
    expect(await created.locator('[data-testid="change-row"]').count()).toBe(1);
    const fields = created.locator('[data-testid="created-fields"] details');
    expect(await fields.getAttribute("open")).toBeNull();
    await fields.locator("summary").click();
    expect(plain(await fields.locator('[data-field="number"]').textContent())).toContain("AU-01");
    expect(plain(await page.locator('[data-testid="audit-table"]').textContent())).not.toContain(postId);

    // The filters survive a reload (they are the address), and the date range narrows to June 2025.
    await page.reload();
    await page.locator('[data-testid="audit-table"]').waitFor();
    expect(await page.inputValue('input[name="user"]')).toBe(hr.email);
    await page.fill('input[name="from"]', "2025-06-01");
    await page.fill('input[name="to"]', "2025-06-01");
    await page.waitForURL((u) => u.searchParams.get("to") === "2025-06-01");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-table"] [data-testid="history-entry"]').length === 1);

    // In Russian: the kind of record and the post's Russian title.
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="audit-page"] h1')?.textContent === "Журнал изменений");
    expect(plain(await page.locator('[data-testid="history-record"]').first().textContent())).toBe("Должность AU-01 Эксперт по аудиту");
    await page.screenshot({ path: "test-results/audit-page-ru.png", fullPage: true });
  });

  it("is not in a viewer's navigation, and refuses a viewer who opens it", async () => {
    const page = await site.page();
    await signIn(page, site.url, viewer.email, PASSWORD);
    expect(await page.locator('[data-testid="nav-audit"]').count()).toBe(0);
    await page.goto(`${site.url}/audit`);
    await page.locator('[data-testid="forbidden"]').waitFor();
  });
});
