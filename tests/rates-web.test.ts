/**
 * The contribution form in Chromium shows the register's rate in force for the chosen currency and
 * value date (its source and effective date), or that none is in force; left empty, the rate in
 * force is what the record takes.
 */
import { ExchangeRate, MemberState } from "@tracker/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
/** Waits until the element reads `text`; otherwise fails showing what it reads. */
async function textIs(page: Page, testId: string, text: string) {
  try {
    await page.waitForFunction(([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, " ").trim() === want, [testId, text] as const, { timeout: 10_000 });
  } catch {
    expect(plain(await page.locator(`[data-testid="${testId}"]`).first().textContent())).toBe(text);
  }
}

describe.skipIf(!chromiumAvailable && !mustRun)("the rate in force in the contribution form", () => {
  let site: Site;
  let finance: { email: string; cookie: string };

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    finance = await userWith(["finance"]);
    await asSystem(async () => {
      await ExchangeRate.put({ currency: "KZT", effectiveDate: "2023-03-01", rate: "470.25", source: "nbk" });
      await ExchangeRate.put({ currency: "KZT", effectiveDate: "2023-04-01", rate: "445.5", source: "un_operational" });
    });
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("shows the rate in force for the currency and date, or none; an empty rate records the register's with its provenance", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/`, finance.email, PASSWORD);
    await page.goto(`${site.url}/contributions/new`);
    await page.locator('[data-testid="contribution-form"]').waitFor();
    await page.selectOption('select[name="stateCode"]', "KZ");
    await page.fill('input[name="amount"]', "1000000.00");
    await page.selectOption('select[name="currency"]', "KZT");
    await page.fill('input[name="date"]', "2023-03-15");
    await textIs(page, "rate-in-force", "In force: 470.25 (National Bank of Kazakhstan, from 1 March 2023). Leave the rate empty to take it.");
    // 1,000,000.00 / 470.25 = 2,126.528… → 2,126.53 USD, with the rate field left empty.
    await textIs(page, "usd-preview", "2,126.53 USD");

    await page.fill('input[name="date"]', "2023-04-01");
    await textIs(page, "rate-in-force", "In force: 445.5 (UN operational rate, from 1 April 2023). Leave the rate empty to take it.");
    await page.fill('input[name="date"]', "2023-02-28");
    await textIs(page, "rate-in-force", "No KZT rate in force on 28 February 2023: give the rate.");
    expect(plain(await page.locator('[data-testid="usd-preview"]').textContent())).not.toContain("USD");

    // Another rate than the one in force asks why.
    await page.fill('input[name="date"]', "2023-03-15");
    await textIs(page, "rate-in-force", "In force: 470.25 (National Bank of Kazakhstan, from 1 March 2023). Leave the rate empty to take it.");
    await page.fill('input[name="exchangeRate"]', "480");
    await page.locator('input[name="rateReason"]').waitFor();
    await page.fill('input[name="exchangeRate"]', "");
    await page.locator('input[name="rateReason"]').waitFor({ state: "detached" });

    await page.click('[data-testid="save-contribution"]');
    await page.waitForURL(/\/contributions\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop()!;
    const saved = await call("GET", `/api/contributions/${id}`, { cookie: finance.cookie });
    expect(saved.json).toMatchObject({ exchangeRate: "470.25", rateSource: "nbk", rateDate: "2023-03-01", amountUsd: "2126.53" });
  });

  it("on the rates page, a file with a bad row is refused row by row in the interface's language, then the corrected file is imported", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/`, finance.email, PASSWORD);
    await page.click('[data-testid="nav-rates"]');
    await page.locator('[data-testid="rates-table"]').waitFor();
    // Entered by hand: the rate of a new effective date, then shown in the register.
    await page.fill('[data-testid="rate-form"] input[name="currency"]', "RUB");
    await page.fill('[data-testid="rate-form"] input[name="effectiveDate"]', "2023-05-01");
    await page.fill('[data-testid="rate-form"] input[name="rate"]', "80.4");
    await page.selectOption('[data-testid="rate-form"] select[name="source"]', "un_operational");
    await page.click('[data-testid="save-rate"]');
    await textIs(page, "rate-saved", "Rate saved: 80.4 RUB per 1 USD from 1 May 2023.");
    await page.locator('[data-rate="RUB 2023-05-01"]').waitFor();
    expect(plain(await page.locator('[data-rate="RUB 2023-05-01"]').textContent())).toContain("UN operational rate");
    await page.click('[data-testid="lang-switch"]');
    await page.locator('h1:has-text("Курсы валют")').waitFor();
    const file = (csv: string) => ({ name: "rates.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.setInputFiles('[data-testid="rates-file"]', file("currency,effective_date,rate,source\nAZN,2023-01-01,1.70,nbk\nAZN,2023-01-01,1.75,nbk\n"));
    await page.click('[data-testid="import-rates"]');
    await textIs(page, "import-issues", "Строка 3, столбец rate: В строке 2 тоже AZN на 1 января 2023 г., с другим курсом или источником.");
    expect((await call("GET", "/api/rates?currency=AZN", { cookie: finance.cookie })).json.items).toEqual([]);
    await page.setInputFiles('[data-testid="rates-file"]', file("currency,effective_date,rate,source\nAZN,2023-01-01,1.70,nbk\n"));
    await page.click('[data-testid="import-rates"]');
    await textIs(page, "import-done", "Добавлен 1 курс; строк, уже внесённых в реестр, нет.");
    await page.locator('[data-rate="AZN 2023-01-01"]').waitFor();
  });
});
