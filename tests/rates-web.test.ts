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
});
