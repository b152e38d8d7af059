/**
 * The lists in Chromium: search narrows a list, a sort button toggles `aria-sort` and the
 * order, "Show more" reaches past the first page, the totals row sums every matching row
 * exactly (per currency and in USD), and the export links carry the list's filters, search,
 * sort and language; the XLSX they give opens with exceljs and holds what the list shows.
 */
import { MemberState } from "@tracker/core";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
const N = 55;
const ref = (i: number) => `REF-${String(i).padStart(3, "0")}`;
const rows = '[data-testid="contributions-table"] tbody tr[data-id]';

async function count(page: Page, n: number) {
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel as string).length === n, [rows, n] as const);
}

/** The export as the browser downloads it, with the session's cookie. */
async function download(page: Page, href: string) {
  const bytes = await page.evaluate(async (h) => Array.from(new Uint8Array(await (await fetch(h)).arrayBuffer())), href);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = book.worksheets[0]!;
  const out: unknown[][] = [];
  ws.eachRow((row) => {
    const values: unknown[] = [];
    for (let i = 1; i <= ws.columnCount; i++) values.push(row.getCell(i).value ?? null);
    out.push(values);
  });
  return out;
}

describe.skipIf(!chromiumAvailable && !mustRun)("lists people can work in", () => {
  let site: Site;
  let finance: { email: string; cookie: string };
  let admin: { email: string };

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    finance = await userWith(["finance"]);
    admin = await userWith(["admin"], "list-admin@example.org");
    await userWith(["finance"], "finance-two@example.org");
    await userWith(["viewer"], "reader@example.org");
    // Odd i: Kazakhstan, i × 1,000.00 KZT at 500 (i × 2.00 USD); even i: Qatar, i.50 USD.
    for (let i = 1; i <= N; i++) {
      const day = `2019-${String(1 + Math.floor((i - 1) / 28)).padStart(2, "0")}-${String(1 + ((i - 1) % 28)).padStart(2, "0")}`;
      const body =
        i % 2
          ? { stateCode: "KZ", amount: `${i * 1000}.00`, currency: "KZT", exchangeRate: "500" }
          : { stateCode: "QA", amount: `${i}.50`, currency: "USD" };
      const res = await call("POST", "/api/contributions", {
        cookie: finance.cookie,
        body: { ...body, kind: "cash", status: "received", purpose: "regular_budget", date: day, reference: ref(i) },
      });
      expect(res.status).toBe(201);
    }
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("pages past the first 50, with exact totals of every row per currency and in USD", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, `${site.url}/contributions?year=2019`, finance.email, PASSWORD);
    await count(page, 50);
    expect(plain(await page.textContent('[data-testid="list-count"]'))).toBe("Showing 50 of 55");
    // Sums: KZT 1,000 × (1 + 3 + … + 55) = 784,000.00; USD (2 + 4 + … + 54) + 27 × 0.50 = 769.50; in USD 1,568.00 + 769.50.
    expect((await page.locator('[data-testid="total-amounts"] [data-currency]').allTextContents()).map(plain)).toEqual(["784,000.00 KZT", "769.50 USD"]);
    expect(plain(await page.textContent('[data-testid="total-usd"]'))).toBe("2,337.50 USD");
    await page.click('[data-testid="show-more"]');
    await count(page, N);
    expect(plain(await page.textContent('[data-testid="list-count"]'))).toBe("Showing 55 of 55");
    expect(await page.locator('[data-testid="show-more"]').count()).toBe(0);
    // The region scrolls and takes focus from the keyboard.
    const region = page.locator('[data-testid="contributions-table-list"] .table-wrap');
    expect(await region.getAttribute("tabindex")).toBe("0");
    expect(await region.getAttribute("role")).toBe("region");
    expect(await region.getAttribute("aria-label")).toBe("Contributions recorded for 2019");
  });

  it("sorts by a column, toggling aria-sort and the order; searches; the export link carries every filter", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, `${site.url}/contributions?year=2019`, finance.email, PASSWORD);
    await count(page, 50);
    const sortOf = (key: string) => page.getAttribute(`th[data-column="${key}"]`, "aria-sort");
    expect(await sortOf("date")).toBe("descending");
    expect(await sortOf("usd")).toBe("none");
    // Newest first: the 55th.
    expect(plain(await page.locator(`${rows} >> nth=0`).locator('[data-testid="amount"]').textContent())).toBe("55,000.00 KZT");

    await page.click('[data-testid="sort-usd"]');
    await page.waitForFunction(() => document.querySelector('th[data-column="usd"]')?.getAttribute("aria-sort") === "ascending");
    expect(await sortOf("date")).toBe("none");
    expect(page.url()).toContain("sort=usd");
    // Smallest in USD first: 1,000 KZT = 2.00 USD, then 2.50 USD.
    expect(await page.locator(`${rows} >> nth=0`).getAttribute("data-state")).toBe("KZ");
    expect(plain(await page.locator(`${rows} >> nth=1`).locator('[data-testid="amount-usd"]').textContent())).toBe("2.50 USD");

    await page.click('[data-testid="sort-usd"]');
    await page.waitForFunction(() => document.querySelector('th[data-column="usd"]')?.getAttribute("aria-sort") === "descending");
    expect(plain(await page.locator(`${rows} >> nth=0`).locator('[data-testid="amount-usd"]').textContent())).toBe("110.00 USD");

    // Search narrows the list (and the totals) to what matches.
    await page.fill('[data-testid="list-search"]', "REF-007");
    await count(page, 1);
    expect(plain(await page.textContent('[data-testid="list-count"]'))).toBe("Showing 1 of 1 · 55 in the list");
    expect(plain(await page.textContent('[data-testid="total-usd"]'))).toBe("14.00 USD");
    await page.fill('[data-testid="list-search"]', "qatar");
    await count(page, 27);
    await page.selectOption('[data-testid="filter-kind"]', "cash");
    await page.selectOption('[data-testid="filter-status"]', "received");
    await page.waitForFunction(() => location.search.includes("status=received"));
    const xlsx = await page.getAttribute('[data-testid="contributions-xlsx"]', "href");
    expect(xlsx).toBe("/api/exports/contributions?year=2019&kind=cash&status=received&q=qatar&sort=-usd&lang=en&format=xlsx");
    expect(await page.getAttribute('[data-testid="contributions-csv"]', "href")).toBe(
      "/api/exports/contributions?year=2019&kind=cash&status=received&q=qatar&sort=-usd&lang=en&format=csv",
    );
    // The file holds the rows the list shows, in its order, then the totals.
    const sheet = await download(page, xlsx!);
    expect(sheet[0]!.slice(0, 3)).toEqual(["Number", "Date", "Member state"]);
    expect(sheet.slice(1, 3).map((r) => [r[2], r[7], r[12]])).toEqual([
      ["Qatar", 54.5, ref(54)],
      ["Qatar", 52.5, ref(52)],
    ]);
    expect(sheet).toHaveLength(1 + 27 + 2);
    expect(sheet.slice(-2).map((r) => [r[0], r[7], r[10]])).toEqual([
      ["Total in USD", 769.5, null],
      ["Total", null, 769.5],
    ]);

    // In Russian, the links ask for Russian.
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === "ru");
    expect(await page.getAttribute('[data-testid="contributions-xlsx"]', "href")).toContain("&lang=ru&format=xlsx");
    const ru = await download(page, (await page.getAttribute('[data-testid="contributions-xlsx"]', "href"))!);
    expect(ru[0]!.slice(0, 3)).toEqual(["Номер", "Дата", "Государство-член"]);
    expect(ru[1]![2]).toBe("Катар");
    expect(plain(await page.textContent('[data-testid="total-usd"]'))).toBe("769,50 USD");
  });

  it("searches and sorts the users", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, `${site.url}/users`, admin.email, PASSWORD);
    const emails = () => page.locator('[data-testid="users-table"] tbody tr[data-email]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-email")));
    await page.locator('[data-testid="users-table"] tr[data-email="reader@example.org"]').waitFor();
    expect(await page.getAttribute('th[data-column="email"]', "aria-sort")).toBe("ascending");
    await page.fill('[data-testid="list-search"]', "finance");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="users-table"] tbody tr[data-email]').length === 2);
    expect((await emails()).includes("finance-two@example.org")).toBe(true);
    await page.click('[data-testid="sort-email"]');
    await page.waitForFunction(() => document.querySelector('th[data-column="email"]')?.getAttribute("aria-sort") === "descending");
    const sorted = await emails();
    expect(sorted).toEqual([...sorted].sort().reverse());
    expect(await page.getAttribute('[data-testid="users-csv"]', "href")).toBe("/api/exports/users?q=finance&sort=-email&lang=en&format=csv");
  });
});
