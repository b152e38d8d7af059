/**
 * The audit trail as a list people work in: a search over who, the record, the action, the fields
 * and their values (server-side, paged); CSV and XLSX exports in English and Russian with the page's
 * filters, search and sort; the system's actors and the parts of a field by name. In Chromium: the
 * search and the sort kept in the address, `aria-sort`, the export links following the filters, and
 * a record's history reading a formal name part by part.
 */
import { Actor, MemberState } from "@tracker/core";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

let admin: { email: string; cookie: string };
let finance: { email: string; cookie: string };
let hr: { email: string; cookie: string };
let viewer: { email: string; cookie: string };
let postId: string;

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
}

const changes = async (cookie: string, query: Record<string, string> = {}) => call("GET", `/api/audit/changes?${new URLSearchParams(query)}`, { cookie });

async function bytes(path: string, cookie: string) {
  const res = await app.request(`http://localhost${path}`, { headers: { cookie } });
  return { status: res.status, type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"), body: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  // The states as the seed writes them: by the system, with their formal names.
  await Actor.provide({ type: "system", name: "seed" }, () => MemberState.seed(seedStates().filter((s) => ["KZ", "QA", "TR"].includes(s.code))));
  admin = await userWith(["admin"]);
  finance = await userWith(["finance"]);
  hr = await userWith(["hr"]);
  viewer = await userWith(["viewer"]);
  const post = await call("POST", "/api/posts", {
    cookie: hr.cookie,
    body: { number: "AL-07", title: { en: "Protocol Officer", ru: "Сотрудник протокола" }, category: "professional", funding: "regular_budget" },
  });
  expect(post.status).toBe(201);
  postId = post.json.id;
  expect((await call("PATCH", `/api/posts/${postId}`, { cookie: hr.cookie, body: { grade: "P-2", version: 1 } })).status).toBe(200);
  expect((await call("PATCH", `/api/posts/${postId}`, { cookie: hr.cookie, body: { grade: "P-3", version: 2 } })).status).toBe(200);
  const c = await call("POST", "/api/contributions", {
    cookie: finance.cookie,
    body: { stateCode: "QA", kind: "cash", status: "received", amount: "50000.00", currency: "USD", date: "2022-06-01", purpose: "regular_budget", reference: "Wire 4471" },
  });
  expect(c.status).toBe(201);
});

describe("searching the trail", () => {
  it("finds a change by a word of a value, of the record's Russian name, of a field's label, or of who did it", async () => {
    const byValue: Row[] = (await changes(admin.cookie, { q: "wire 4471" })).json.items;
    expect(byValue.map((r) => [r.entity, r.action, r.kind])).toEqual([["contribution", "create", "created"]]);

    const byName: Row[] = (await changes(admin.cookie, { q: "протокола" })).json.items;
    expect(byName.map((r) => [r.action, r.field ?? ""])).toEqual([["update", "grade"], ["update", "grade"], ["create", ""]]);

    // "Класс" is the Russian label of the grade: the two changes of grade, not the creation (which has no grade).
    const byLabel: Row[] = (await changes(admin.cookie, { q: "класс" })).json.items;
    expect(byLabel.map((r) => r.field)).toEqual(["grade", "grade"]);

    const byWho: Row[] = (await changes(admin.cookie, { q: "Test finance" })).json.items;
    // Finance's contribution, and the sign-ins and account of that user.
    expect(byWho.some((r) => r.entity === "contribution")).toBe(true);
    expect(byWho.every((r) => r.actor === finance.email || r.id === finance.email)).toBe(true);
    const none = await changes(admin.cookie, { q: "nothing-like-this" });
    expect(none.json.items).toEqual([]);
    expect(none.json.cursor).toBeUndefined();
  });

  it("pages a search by cursor, and keeps to the kinds of record the caller may read", async () => {
    const first = await changes(admin.cookie, { q: "AL-07", limit: "1" });
    expect(first.json.items.map((r: Row) => r.field)).toEqual(["grade"]);
    expect(first.json.names[`post:${postId}`]).toEqual({ en: "AL-07 Protocol Officer", ru: "AL-07 Сотрудник протокола" });
    const second = await changes(admin.cookie, { q: "AL-07", limit: "1", cursor: first.json.cursor });
    const third = await changes(admin.cookie, { q: "AL-07", limit: "1", cursor: second.json.cursor });
    expect([...first.json.items, ...second.json.items, ...third.json.items].map((r: Row) => r.action)).toEqual(["update", "update", "create"]);
    expect(new Set([first, second, third].map((p) => p.json.items[0].eventId)).size).toBe(3);
    expect((await changes(finance.cookie, { q: "AL-07" })).json.items).toEqual([]);
    expect((await changes(viewer.cookie, { q: "AL-07" })).status).toBe(403);
  });
});

describe("exporting the trail", () => {
  it("CSV in English: the filters and the search honoured, one row per change, a creation a row per field, names for people and the system", async () => {
    const res = await call("GET", `/api/exports/audit?entity=post&q=AL-07&sort=at`, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="audit-post-en.csv"');
    const rows = parse(res.text, { bom: true }) as string[][];
    expect(rows[0]).toEqual(["When (UTC)", "Who", "Account", "Kind of record", "Record", "Action", "Field", "Before", "After"]);
    const body = rows.slice(1);
    // Oldest first: the creation's fields, then the two changes of grade.
    expect(body.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r[0]!))).toBe(true);
    expect(body.every((r) => r[1] === "Test hr" && r[2] === hr.email && r[3] === "Post" && r[4] === "AL-07 Protocol Officer")).toBe(true);
    const created = body.filter((r) => r[5] === "Created");
    expect(created.find((r) => r[6] === "Category")?.slice(7)).toEqual(["", "Officers"]);
    expect(created.find((r) => r[6] === "Title")?.slice(7)).toEqual(["", "Protocol Officer / Сотрудник протокола"]);
    expect(body.filter((r) => r[5] === "Updated").map((r) => r.slice(6))).toEqual([
      ["Grade", "", "P-2"],
      ["Grade", "P-2", "P-3"],
    ]);
    expect(body.indexOf(created[0]!)).toBe(0);

    const states = parse((await call("GET", `/api/exports/audit?entity=memberState&q=KZ`, { cookie: admin.cookie })).text, { bom: true }) as string[][];
    const kz = states.slice(1);
    expect(kz.length).toBeGreaterThan(0);
    expect(kz.every((r) => r[1] === "System (seed data)" && r[2] === "system:seed" && r[4] === "Kazakhstan")).toBe(true);
    expect(kz.find((r) => r[6] === "Formal name")?.[8]).toBe(
      "English: the Republic of Kazakhstan; Russian: Республика Казахстан; Russian, genitive: Республики Казахстан; Russian, dative: Республике Казахстан",
    );
  });

  it("XLSX in Russian: the time as a date-time, Russian words, newest first", async () => {
    const res = await bytes(`/api/exports/audit?entity=post&user=${encodeURIComponent(hr.email)}&format=xlsx&lang=ru`, admin.cookie);
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = book.worksheets[0]!;
    expect(ws.name).toBe("Журнал изменений");
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push(Array.from({ length: 9 }, (_, i) => row.getCell(i + 1).value ?? null)));
    expect(rows[0]).toEqual(["Когда (UTC)", "Кто", "Учётная запись", "Вид записи", "Запись", "Действие", "Поле", "Было", "Стало"]);
    expect(rows[1]!.slice(3)).toEqual(["Должность", "AL-07 Сотрудник протокола", "Изменение", "Класс", "P-2", "P-3"]);
    expect(rows[1]![0]).toBeInstanceOf(Date);
    const trail: Row[] = (await changes(admin.cookie, { entity: "post", id: postId, limit: "1" })).json.items;
    expect((rows[1]![0] as Date).toISOString().slice(0, 16)).toBe(trail[0]!.at.slice(0, 16));
    expect(ws.getCell("A2").numFmt).toMatch(/^m\/d\/yy "?h"?:mm$/);
    expect(rows.at(-1)![5]).toBe("Создание");
  });

  it("CSV in Russian: `;` and DD.MM.YYYY HH:MM", async () => {
    const text = (await call("GET", `/api/exports/audit?entity=contribution&lang=ru`, { cookie: finance.cookie })).text;
    const rows = parse(text, { bom: true, delimiter: ";" }) as string[][];
    expect(rows[0]![0]).toBe("Когда (UTC)");
    expect(rows.slice(1).every((r) => /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/.test(r[0]!))).toBe(true);
    expect(rows.find((r) => r[6] === "Номер документа")?.[8]).toBe("Wire 4471");
  });

  it("a kind the role does not keep is 403, a viewer 403 whatever it asks, a bad sort 400 naming it", async () => {
    expect((await call("GET", "/api/exports/audit?entity=post", { cookie: finance.cookie })).status).toBe(403);
    expect((await call("GET", "/api/exports/audit", { cookie: viewer.cookie })).status).toBe(403);
    expect((await call("GET", "/api/exports/audit?format=xlsx", { cookie: viewer.cookie })).status).toBe(403);
    const bad = await call("GET", "/api/exports/audit?sort=amount", { cookie: admin.cookie });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["sort"]);
    expect((await call("GET", "/api/exports/audit")).status).toBe(401);
  });
});

describe.skipIf(!chromiumAvailable && !mustRun)("the audit page and a record's history in Chromium", () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(async () => {
    await site?.close();
  });
  const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

  it("searches and sorts (kept in the address, aria-sort), and its export links follow the filters and the language", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, site.url, admin.email, PASSWORD);
    await page.goto(`${site.url}/audit?entity=post`);
    await page.locator('[data-testid="audit-table"]').waitFor();
    await page.fill('[data-testid="list-search"]', "протокола");
    await page.waitForURL((u) => u.searchParams.get("q") === "протокола");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-table"] [data-testid="history-entry"]').length === 3);
    const actions = () => page.$$eval('[data-testid="audit-table"] [data-testid="history-entry"]', (els) => els.map((e) => e.getAttribute("data-action")));
    expect(await actions()).toEqual(["update", "update", "create"]);
    expect(await page.getAttribute('th[data-column="at"]', "aria-sort")).toBe("descending");
    expect(await page.getAttribute('th[data-column="who"]', "aria-sort")).toBe("none");

    await page.click('[data-testid="sort-at"]');
    await page.waitForURL((u) => u.searchParams.get("sort") === "at");
    expect(await page.getAttribute('th[data-column="at"]', "aria-sort")).toBe("ascending");
    expect(await actions()).toEqual(["create", "update", "update"]);
    expect(await page.getAttribute('[data-testid="audit-csv"]', "href")).toBe(`/api/exports/audit?entity=post&q=${encodeURIComponent("протокола")}&sort=at&lang=en&format=csv`);
    expect(await page.getAttribute('[data-testid="audit-xlsx"]', "href")).toBe(`/api/exports/audit?entity=post&q=${encodeURIComponent("протокола")}&sort=at&lang=en&format=xlsx`);

    // The search and the sort survive a reload, and the download is the XLSX of those rows.
    await page.reload();
    await page.locator('[data-testid="audit-table"]').waitFor();
    expect(await page.inputValue('[data-testid="list-search"]')).toBe("протокола");
    expect(await actions()).toEqual(["create", "update", "update"]);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="audit-xlsx"]')]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const fields: unknown[] = [];
    book.worksheets[0]!.eachRow((row, n) => n > 1 && fields.push(row.getCell(7).value));
    expect(fields.slice(-2)).toEqual(["Grade", "Grade"]);
    await page.context().close();
  });

  it("names the system's actor and reads a formal name part by part, in Russian", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, site.url, admin.email, PASSWORD);
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === "ru");
    await page.goto(`${site.url}/states/KZ`);
    const created = page.locator('[data-testid="history"] [data-testid="history-entry"][data-action="create"]').last();
    await created.waitFor();
    expect(plain(await created.locator('[data-testid="history-who"]').textContent())).toBe("Система (начальные данные)");
    await created.locator("summary").click();
    expect(plain(await created.locator('[data-field="formalName"] dt').textContent())).toBe("Официальное название");
    expect(plain(await created.locator('[data-field="formalName"] dd').textContent())).toBe(
      "по-английски: the Republic of Kazakhstan; по-русски: Республика Казахстан; по-русски, родительный падеж: Республики Казахстан; по-русски, дательный падеж: Республике Казахстан",
    );
    // The footer's "changed by": the system's part by name, never `system:seed`.
    await page.waitForFunction(() => Array.from(document.querySelectorAll("p.muted.small")).some((p) => p.textContent?.includes("Система (начальные данные)")));
    expect(await page.locator("body").textContent()).not.toContain("system:seed");

    // A post's footer names the user who changed it rather than the email.
    await page.goto(`${site.url}/staff/${postId}`);
    await page.locator('[data-testid="history"] [data-testid="history-entry"]').first().waitFor();
    const footer = page.locator("p.muted.small", { hasText: "Изменено" }).first();
    await page.waitForFunction(() => Array.from(document.querySelectorAll("p.muted.small")).some((p) => p.textContent?.includes("Test hr")));
    expect(await footer.textContent()).toContain("Test hr");
    expect(await footer.textContent()).not.toContain(hr.email);
    await page.context().close();
  });
});
