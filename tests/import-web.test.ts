/**
 * The import page in Chromium: a small XLSX file of another layout uploaded, its columns mapped,
 * the preview's totals read and the import confirmed, in English; then a second file of the same
 * layout in Russian, mapped by the layout remembered, its row error in Russian.
 */
import { Contribution, ExchangeRate, MemberState } from "@tracker/core";
import * as Xlsx from "@tracker/core/export/xlsx";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

function sheet(rows: string[][]): Buffer {
  return Buffer.from(
    Xlsx.write({
      name: "Ledger",
      columns: [
        { header: "Country", type: "text" },
        { header: "Value date", type: "date" },
        { header: "Sum", type: "money" },
        { header: "Cur", type: "text" },
      ],
      rows,
      totals: 0,
    }),
  );
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function upload(page: Page, name: string, rows: string[][]) {
  await page.setInputFiles('[data-testid="import-file"]', { name, mimeType: XLSX, buffer: sheet(rows) });
  await page.click('[data-testid="import-upload-button"]');
}

describe.skipIf(!chromiumAvailable && !mustRun)("the import page", () => {
  let site: Site;
  let finance: { email: string; cookie: string };

  beforeAll(async () => {
    await asSystem(async () => {
      await MemberState.seed(seedStates());
      await ExchangeRate.put({ currency: "KZT", effectiveDate: "2022-01-01", rate: "460.25", source: "nbk" });
    });
    finance = await userWith(["finance"]);
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("imports a small XLSX file in English, then one of the same layout in Russian", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/`, finance.email, PASSWORD);
    await page.click('[data-testid="nav-import"]');
    await upload(page, "ledger.xlsx", [
      ["Kazakhstan", "2022-03-15", "46025000.00", "KZT"],
      ["QA", "2022-03-20", "50000.00", "USD"],
    ]);
    await page.locator('[data-testid="import-mapping"]').waitFor();
    for (const [field, column] of [["stateCode", "Country"], ["date", "Value date"], ["amount", "Sum"], ["currency", "Cur"]] as const)
      await page.selectOption(`select[name="column-${field}"]`, column);
    await page.selectOption('select[name="default-kind"]', "cash");
    await page.selectOption('select[name="default-status"]', "received");
    await page.selectOption('select[name="default-purpose"]', "regular_budget");
    await page.click('[data-testid="import-save-mapping"]');
    await page.locator('[data-testid="import-totals"]').waitFor();
    expect(plain(await page.locator('[data-testid="import-counts"]').textContent())).toBe(
      "2 rows: 2 to create, 0 in error, 0 already imported, 0 left out.",
    );
    expect(plain(await page.locator('[data-testid="import-total-usd"]').textContent())).toBe("150,000.00 USD");
    await page.click('[data-testid="import-confirm"]');
    await page.locator('[data-testid="import-done"]').waitFor();
    expect(plain(await page.locator('[data-testid="import-done"]').textContent())).toBe("Import finished: 2 contributions created.");
    const kz = await asSystem(() => Contribution.list({ year: 2022, state: "KZ" }));
    expect(kz.items.map((c) => [c.amount, c.currency, c.exchangeRate, c.amountUsd])).toEqual([["46025000.00", "KZT", "460.25", "100000.00"]]);

    await page.click('[data-testid="lang-switch"]');
    await page.reload();
    await page.locator('[data-testid="import-upload"]').waitFor();
    await upload(page, "реестр.xlsx", [
      ["Китай", "2022-04-01", "1000.00", "USD"],
      ["Атлантида", "2022-04-02", "10.00", "USD"],
    ]);
    await page.locator('[data-testid="import-mapped-from"]').waitFor();
    expect(plain(await page.locator('[data-testid="import-mapped-from"]').textContent())).toBe("Применены столбцы, выбранные ранее для этого макета.");
    expect(plain(await page.locator('[data-testid="import-errors"]').textContent())).toBe("Строка 3, Country: Государство с кодом Атлантида не найдено.");
    await page.click('[data-testid="import-confirm"]');
    await page.locator('[data-testid="import-done"]').waitFor();
    expect(plain(await page.locator('[data-testid="import-done"]').textContent())).toBe("Загрузка завершена: создан 1 взнос.");
    const cn = await asSystem(() => Contribution.list({ year: 2022, state: "CN" }));
    expect(cn.items.map((c) => [c.amount, c.currency])).toEqual([["1000.00", "USD"]]);
  });
});
