import { Budget, MemberState } from "@tracker/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

/** Text with every kind of space (no-break, narrow no-break) as a plain space. */
const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

async function textOf(page: Page, selector: string) {
  return plain(await page.locator(selector).first().textContent());
}

describe.skipIf(!chromiumAvailable && !mustRun)("the finance pages in Chromium", () => {
  let site: Site;
  let finance: { email: string; cookie: string };
  let viewer: string;

  /** The 2022 contributions as the API lists them (voided ones included). */
  const contributions2022 = async () => {
    const res = await call("GET", "/api/contributions?year=2022", { cookie: finance.cookie });
    expect(res.status).toBe(200);
    return res.json.items as Array<{ id: string; stateCode: string; amount: string; currency: string; amountUsd: string; voided: boolean }>;
  };

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    finance = await userWith(["finance"]);
    viewer = (await userWith(["viewer"])).email;
    await asSystem(() =>
      Budget.put({
        year: 2022,
        status: "approved",
        approvedOn: "2021-12-09",
        decisionRef: "SOC/2021/12",
        lines: [
          { code: "STAFF", name: "Staff costs", amountUsd: "300000.00" },
          { code: "OPS", name: "Operations", amountUsd: "150000.00" },
          { code: "EVENTS", name: "Meetings and events", amountUsd: "50000.00" },
        ],
      }),
    );
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("records a KZT contribution with an exact USD preview, lists it for 2022 and counts it on the dashboard; a bad amount is refused next to the field", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/`, finance.email, PASSWORD);
    // `/` is the dashboard for everyone, and its nav entry comes first.
    await page.locator('[data-testid="dashboard"]').waitFor();
    expect(plain(await page.locator('[data-testid="nav"] li').first().textContent())).toBe("Dashboard");

    // Record: 46,025,000.00 KZT at 460.25 KZT per 1 USD = 100,000.00 USD.
    await page.goto(`${site.url}/contributions`);
    await page.click('[data-testid="record-contribution"]');
    await page.locator('[data-testid="contribution-form"]').waitFor();
    await page.selectOption('select[name="stateCode"]', "KZ");
    await page.selectOption('select[name="kind"]', "cash");
    await page.selectOption('select[name="status"]', "received");
    await page.fill('input[name="amount"]', "46025000.00");
    await page.selectOption('select[name="currency"]', "KZT");
    await page.locator('input[name="exchangeRate"]').waitFor();
    expect(await textOf(page, 'label:has(+ input[name="exchangeRate"])')).toBe("KZT per 1 USD");
    await page.fill('input[name="exchangeRate"]', "460.25");
    await page.fill('input[name="date"]', "2022-03-15");
    await page.selectOption('select[name="purpose"]', "regular_budget");
    await page.fill('input[name="reference"]', "MFA KZ transfer 2022/117");
    await page.waitForFunction(() => document.querySelector('[data-testid="usd-preview"]')?.textContent?.replace(/\s+/g, " ").includes("100,000.00 USD"));
    expect(await textOf(page, '[data-testid="usd-preview"]')).toBe("100,000.00 USD");
    // A rate with more decimals still previews exactly: 46,025,000.00 / 460.2501 = 99,999.978… → 99,999.98 (half-even to cents).
    await page.fill('input[name="exchangeRate"]', "460.2501");
    await page.waitForFunction(() => document.querySelector('[data-testid="usd-preview"]')?.textContent?.replace(/\s+/g, " ") === "99,999.98 USD");
    await page.fill('input[name="exchangeRate"]', "460.25");
    await page.waitForFunction(() => document.querySelector('[data-testid="usd-preview"]')?.textContent?.replace(/\s+/g, " ") === "100,000.00 USD");
    await page.screenshot({ path: "test-results/finance-form.png", fullPage: true });

    // A double click records one contribution (one Idempotency-Key per opening of the form).
    await page.dblclick('[data-testid="save-contribution"]');
    await page.locator('[data-testid="contribution-page"]').waitFor();
    expect(page.url()).toMatch(/\/contributions\/[0-9a-f-]{36}$/);
    expect(await textOf(page, '[data-testid="detail-usd"]')).toBe("100,000.00 USD");
    expect(await textOf(page, '[data-testid="detail-amount"]')).toBe("46,025,000.00 KZT");
    let items = await contributions2022();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ stateCode: "KZ", amount: "46025000.00", currency: "KZT", amountUsd: "100000.00", voided: false });
    await page.locator('[data-testid="history-entry"][data-action="create"]').waitFor();

    // The list for 2022, chosen with the year selector.
    await page.goto(`${site.url}/contributions`);
    await page.selectOption('[data-testid="contribution-filters"] select[name="year"]', "2022");
    await page.waitForURL(/year=2022/);
    const row = page.locator('[data-testid="contributions-table"] tr[data-state="KZ"]');
    await row.waitFor();
    expect(plain(await row.textContent())).toContain("Kazakhstan");
    expect(await textOf(page, '[data-testid="contributions-table"] tr[data-state="KZ"] [data-testid="amount"]')).toBe("46,025,000.00 KZT");
    expect(await textOf(page, '[data-testid="contributions-table"] tr[data-state="KZ"] [data-testid="amount-usd"]')).toBe("100,000.00 USD");
    await page.waitForFunction(() => document.querySelector('[data-testid="total-received"] dd')?.textContent?.replace(/\s+/g, " ") === "100,000.00 USD");
    expect(await page.getAttribute('[data-testid="contributions-csv"]', "href")).toBe("/api/exports/contributions?year=2022&lang=en&format=csv");

    // Void a second, wrong record: it stays listed, struck through and badged, and leaves the totals.
    const wrong = await call("POST", "/api/contributions", {
      cookie: finance.cookie,
      body: { stateCode: "CN", kind: "cash", status: "received", amount: "5000.00", currency: "USD", date: "2022-04-01", purpose: "cica_fund" },
    });
    expect(wrong.status).toBe(201);
    await page.goto(`${site.url}/contributions/${wrong.json.id}`);
    await page.click('[data-testid="void-contribution"]');
    await page.click('[data-testid="confirm-void"]');
    await page.locator('[data-error-for="reason"]').waitFor();
    await page.fill('input[name="reason"]', "Recorded twice");
    await page.click('[data-testid="confirm-void"]');
    await page.locator('[data-testid="void-notice"]').waitFor();
    await page.goto(`${site.url}/contributions?year=2022`);
    const voided = page.locator(`[data-testid="contributions-table"] tr[data-id="${wrong.json.id}"]`);
    await voided.waitFor();
    expect(await voided.getAttribute("class")).toContain("is-voided");
    expect(await voided.locator('[data-testid="voided-badge"]').textContent()).toBe("Voided");
    expect(await voided.locator("td").nth(1).evaluate((td) => getComputedStyle(td).textDecorationLine)).toBe("line-through");
    await page.waitForFunction(() => document.querySelector('[data-testid="total-received"] dd')?.textContent?.replace(/\s+/g, " ") === "100,000.00 USD");
    await page.screenshot({ path: "test-results/finance-list.png", fullPage: true });

    // The dashboard: cards, chart and table for 2022, in English and in Russian.
    await page.goto(`${site.url}/?year=2022`);
    const card = page.locator('[data-testid="card-received"]');
    await card.waitFor();
    expect(plain(await card.textContent())).toContain("100,000.00 USD");
    expect(await textOf(page, '[data-testid="card-budget-value"]')).toBe("500,000.00 USD");
    expect(await textOf(page, '[data-testid="card-gap-value"]')).toBe("400,000.00 USD");
    expect(await textOf(page, '[data-testid="coverage"]')).toContain("20.0%");
    expect(await textOf(page, '[data-testid="card-in-kind-value"]')).toBe("0.00 USD");
    expect(await textOf(page, '[data-testid="card-outstanding-value"]')).toBe("0.00 USD");
    const chart = page.locator('[data-testid="by-state-chart"] svg[role="img"]');
    expect(await chart.getAttribute("aria-label")).toContain("Kazakhstan: cash 100,000.00");
    expect(await page.locator('[data-testid="by-state-chart"] g[data-code="KZ"] text').allTextContents()).toContain("100,000.00");
    expect(await page.locator('[data-testid="by-state-table"] tr[data-code]').count()).toBe(1);
    expect(plain(await page.locator('[data-testid="by-state-table"] tr[data-code="KZ"]').textContent())).toContain("100,000.00");
    expect(await page.locator('[data-testid="no-contribution"] li[data-code]').count()).toBe(27);
    await page.screenshot({ path: "test-results/finance-dashboard-en.png", fullPage: true });

    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="dashboard"] h1')?.textContent?.includes("Сводка"));
    expect(plain(await card.textContent())).toContain("100 000,00 USD");
    expect(plain(await page.locator('[data-testid="by-state-table"] tr[data-code="KZ"]').textContent())).toContain("Казахстан");
    expect(await textOf(page, '[data-testid="card-gap"] .card-label')).toBe("Дефицит финансирования");
    await page.screenshot({ path: "test-results/finance-dashboard-ru.png", fullPage: true });
    await page.goto(`${site.url}/contributions?year=2022`);
    await page.locator('[data-testid="contributions-table"] tr[data-state="KZ"]').waitFor();
    expect(plain(await page.locator('[data-testid="contributions-table"] tr[data-state="KZ"]').textContent())).toContain("46 025 000,00 KZT");
    await page.screenshot({ path: "test-results/finance-list-ru.png", fullPage: true });
    await page.goto(`${site.url}/contributions/new`);
    await page.selectOption('select[name="currency"]', "KZT");
    expect(await textOf(page, 'label:has(+ input[name="exchangeRate"])')).toBe("KZT за 1 USD");
    await page.selectOption('select[name="kind"]', "in_kind");
    await page.selectOption('select[name="purpose"]', "earmarked");
    await page.screenshot({ path: "test-results/finance-form-ru.png", fullPage: true });
    await page.click('[data-testid="lang-switch"]');

    // A bad amount: the API's message next to the amount field, and nothing recorded.
    await page.goto(`${site.url}/contributions/new`);
    await page.selectOption('select[name="stateCode"]', "KZ");
    await page.fill('input[name="amount"]', "12.345");
    await page.selectOption('select[name="currency"]', "KZT");
    await page.fill('input[name="exchangeRate"]', "460.25");
    await page.fill('input[name="date"]', "2022-03-16");
    expect(await textOf(page, '[data-testid="usd-preview"]')).not.toContain("USD");
    await page.click('[data-testid="save-contribution"]');
    const amountError = page.locator('[data-error-for="amount"]');
    await amountError.waitFor();
    expect(plain(await amountError.textContent())).toMatch(/KZT allows at most 2 decimals/);
    expect(await page.locator('input[name="amount"]').getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: "test-results/finance-form-error.png", fullPage: true });
    items = await contributions2022();
    expect(items).toHaveLength(2);
    expect(items.filter((c) => !c.voided)).toHaveLength(1);

    // The budget page shows the approved 2022 budget, version 1.
    await page.goto(`${site.url}/budget?year=2022`);
    await page.locator('[data-testid="budget-current"]').waitFor();
    expect(await page.getAttribute('[data-testid="budget-current"] [data-testid="budget-status"]', "data-status")).toBe("approved");
    expect(await textOf(page, '[data-testid="budget-version-label"]')).toBe("Version 1");
    expect(await textOf(page, '[data-testid="budget-total"]')).toBe("500,000.00");
    await page.screenshot({ path: "test-results/finance-budget.png", fullPage: true });
    await page.context().close();
  });

  it("shows a viewer the contributions and the dashboard, without the record button", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/contributions?year=2022`, viewer, PASSWORD);
    await page.locator('[data-testid="contributions-table"] tr[data-state="KZ"]').waitFor();
    expect(await page.locator('[data-testid="record-contribution"]').count()).toBe(0);
    await page.goto(`${site.url}/contributions/new`);
    await page.locator('[data-testid="forbidden"]').waitFor();
    await page.goto(`${site.url}/budget?year=2022`);
    await page.locator('[data-testid="budget-current"]').waitFor();
    expect(await page.locator('[data-testid="edit-budget"]').count()).toBe(0);
    expect(await page.locator('[data-testid="history"]').count()).toBe(0);
    await page.goto(`${site.url}/`);
    await page.locator('[data-testid="dashboard"]').waitFor();
    await page.context().close();
  });

  it("records a payment of a pledge from its page, corrects a record after a stale save, and sets a budget in versions", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/contributions?year=2023`, finance.email, PASSWORD);
    // 364,000.00 QAR pledged at 3.64 QAR per 1 USD = 100,000.00 USD.
    const pledge = await call("POST", "/api/contributions", {
      cookie: finance.cookie,
      body: { stateCode: "QA", kind: "cash", status: "pledged", amount: "364000.00", currency: "QAR", exchangeRate: "3.64", date: "2023-02-01", purpose: "cica_fund" },
    });
    expect(pledge.status).toBe(201);
    const pledgeId = pledge.json.id as string;

    await page.goto(`${site.url}/contributions/${pledgeId}`);
    await page.click('[data-testid="record-payment"]');
    await page.locator('[data-testid="contribution-form"]').waitFor();
    await page.locator('select[name="stateCode"] option[value="QA"]').waitFor({ state: "attached" });
    expect(await page.inputValue('select[name="stateCode"]')).toBe("QA");
    expect(await page.inputValue('select[name="currency"]')).toBe("QAR");
    expect(await page.inputValue('select[name="status"]')).toBe("received");
    await page.locator(`select[name="pledgeId"] option[value="${pledgeId}"]`).waitFor({ state: "attached" });
    expect(await page.inputValue('select[name="pledgeId"]')).toBe(pledgeId);
    expect(plain(await page.locator(`select[name="pledgeId"] option[value="${pledgeId}"]`).textContent())).toContain("outstanding 364,000.00 QAR");
    await page.fill('input[name="amount"]', "182000.00");
    await page.fill('input[name="exchangeRate"]', "3.64");
    await page.fill('input[name="date"]', "2023-05-10");
    await page.waitForFunction(() => document.querySelector('[data-testid="usd-preview"]')?.textContent?.replace(/\s+/g, " ") === "50,000.00 USD");
    await page.click('[data-testid="save-contribution"]');
    await page.locator('[data-testid="detail-pledge"]').waitFor();
    await page.click('[data-testid="detail-pledge"] a');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="detail-outstanding"]')?.textContent?.replace(/\s+/g, " ") === "182,000.00 QAR = 50,000.00 USD",
    );
    await page.locator('[data-testid="pledge-payments"] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="pledge-payments"] tbody tr').count()).toBe(1);
    await page.locator('[data-testid="history-entry"][data-action="payment_recorded"]').waitFor();

    // A correction saved over someone else's change is refused (409) with a reload; after reloading it saves.
    await page.click('[data-testid="edit-contribution"]');
    await page.fill('input[name="reference"]', "Note verbale 12/2023");
    const current = await call("GET", `/api/contributions/${pledgeId}`, { cookie: finance.cookie });
    const other = await call("PATCH", `/api/contributions/${pledgeId}`, {
      cookie: finance.cookie,
      body: { description: "Pledged at the SOC meeting", version: current.json.version },
    });
    expect(other.status).toBe(200);
    await page.click('[data-testid="save-contribution"]');
    await page.locator('[data-testid="form-error"] [data-testid="reload"]').waitFor();
    expect((await call("GET", `/api/contributions/${pledgeId}`, { cookie: finance.cookie })).json.reference).toBeUndefined();
    await page.click('[data-testid="form-error"] [data-testid="reload"]');
    await page.locator('[data-testid="detail-description"]').waitFor();
    await page.click('[data-testid="edit-contribution"]');
    await page.fill('input[name="reference"]', "Note verbale 12/2023");
    await page.click('[data-testid="save-contribution"]');
    await page.locator('[data-testid="saved-notice"]').waitFor();
    const corrected = (await call("GET", `/api/contributions/${pledgeId}`, { cookie: finance.cookie })).json;
    expect(corrected).toMatchObject({ reference: "Note verbale 12/2023", description: "Pledged at the SOC meeting" });
    await page.screenshot({ path: "test-results/finance-pledge.png", fullPage: true });

    // No 2023 budget yet: finance sets it (version 1, draft), then approves it (version 2).
    await page.goto(`${site.url}/budget?year=2023`);
    await page.click('[data-testid="set-budget"]');
    // The form takes focus to its heading; leaving it takes focus back to the budget.
    await page.waitForFunction(() => document.activeElement?.id === "budget-form-title");
    await page.fill('input[name="lines.0.code"]', "STAFF");
    await page.fill('input[name="lines.0.name"]', "Staff costs");
    await page.fill('input[name="lines.0.amountUsd"]', "250000.00");
    await page.click('[data-testid="add-line"]');
    await page.fill('input[name="lines.1.code"]', "OPS");
    await page.fill('input[name="lines.1.name"]', "Operations");
    await page.fill('input[name="lines.1.amountUsd"]', "abc");
    await page.click('[data-testid="save-budget"]');
    await page.locator('[data-error-for="lines.1.amountUsd"]').waitFor();
    expect((await call("GET", "/api/budgets/2023", { cookie: finance.cookie })).status).toBe(404);
    await page.fill('input[name="lines.1.amountUsd"]', "100000.50");
    expect(await textOf(page, '[data-testid="budget-form-total"] strong')).toBe("350,000.50 USD");
    await page.click('[data-testid="save-budget"]');
    await page.locator('[data-testid="budget-current"]').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "budget-current-title");
    expect(await textOf(page, '[data-testid="budget-version-label"]')).toBe("Version 1");
    expect(await page.getAttribute('[data-testid="budget-current"] [data-testid="budget-status"]', "data-status")).toBe("draft");
    await page.click('[data-testid="edit-budget"]');
    await page.selectOption('[data-testid="budget-form"] select[name="status"]', "approved");
    await page.fill('input[name="approvedOn"]', "2022-12-08");
    await page.fill('input[name="decisionRef"]', "SOC/2022/09");
    await page.click('[data-testid="save-budget"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="budget-version-label"]')?.textContent === "Version 2");
    expect(await page.getAttribute('[data-testid="budget-current"] [data-testid="budget-status"]', "data-status")).toBe("approved");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="budget-version"]').length === 2);
    await page.locator('[data-testid="history-entry"][data-action="update"]').waitFor();
    await page.screenshot({ path: "test-results/finance-budget-2023.png", fullPage: true });

    await page.goto(`${site.url}/?year=2023`);
    await page.locator('[data-testid="card-budget"]').waitFor();
    expect(await textOf(page, '[data-testid="card-budget-value"]')).toBe("350,000.50 USD");
    expect(await textOf(page, '[data-testid="card-received-value"]')).toBe("50,000.00 USD");
    expect(await textOf(page, '[data-testid="card-outstanding-value"]')).toBe("50,000.00 USD");
    expect(await textOf(page, '[data-testid="card-gap-value"]')).toBe("300,000.50 USD");
    await page.context().close();
  });

  it("offers to record the excess of a refused overpayment as a contribution of its own, and records both after confirming", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/contributions?year=2024`, finance.email, PASSWORD);
    // 500,000.00 CNY pledged at 6.25 per 1 USD = 80,000.00 USD.
    const pledge = await call("POST", "/api/contributions", {
      cookie: finance.cookie,
      body: { stateCode: "CN", kind: "cash", status: "pledged", amount: "500000.00", currency: "CNY", exchangeRate: "6.25", date: "2024-03-01", purpose: "regular_budget" },
    });
    expect(pledge.status).toBe(201);
    const pledgeId = pledge.json.id as string;
    await page.goto(`${site.url}/contributions/${pledgeId}`);
    await page.click('[data-testid="record-payment"]');
    await page.locator(`select[name="pledgeId"] option[value="${pledgeId}"]`).waitFor({ state: "attached" });
    await page.fill('input[name="amount"]', "600000.00");
    await page.fill('input[name="exchangeRate"]', "6.25");
    await page.fill('input[name="date"]', "2024-04-15");
    await page.fill('input[name="reference"]', "PO-2024-CN-3");
    await page.click('[data-testid="save-contribution"]');

    // Refused, naming the amount outstanding; the offer gives the excess, exactly.
    const offer = page.locator('[data-testid="overpayment-offer"]');
    await offer.waitFor();
    expect(await offer.getAttribute("data-excess")).toBe("100000.00");
    expect(await offer.getAttribute("data-pays")).toBe("500000.00");
    expect(plain(await offer.textContent())).toContain("Record the excess of 100,000.00 CNY as a contribution of its own");
    expect((await call("GET", "/api/contributions?year=2024&state=CN", { cookie: finance.cookie })).json.items).toHaveLength(1);
    await page.click('[data-testid="record-excess"]');
    const confirm = page.locator('[data-testid="overpayment-confirm"]');
    await confirm.waitFor();
    expect(plain(await confirm.textContent())).toContain(
      "Record 500,000.00 CNY as the payment of the pledge and 100,000.00 CNY as a separate contribution (same state, date, currency, rate and reference)?",
    );
    await page.screenshot({ path: "test-results/finance-overpayment.png", fullPage: true });
    await page.click('[data-testid="confirm-excess"]');
    await page.locator('[data-testid="detail-pledge"]').waitFor();

    const items = (await call("GET", "/api/contributions?year=2024&state=CN", { cookie: finance.cookie })).json.items as Array<Record<string, unknown>>;
    const pick = (c: Record<string, unknown>) => [c.status, c.amount, c.currency, c.exchangeRate, c.amountUsd, c.date, c.reference ?? null, c.pledgeId ?? null];
    expect(items.map(pick).sort()).toEqual(
      [
        ["pledged", "500000.00", "CNY", "6.25", "80000.00", "2024-03-01", null, null],
        ["received", "500000.00", "CNY", "6.25", "80000.00", "2024-04-15", "PO-2024-CN-3", pledgeId],
        ["received", "100000.00", "CNY", "6.25", "16000.00", "2024-04-15", "PO-2024-CN-3", null],
      ].sort(),
    );
    const paid = (await call("GET", `/api/contributions/${pledgeId}`, { cookie: finance.cookie })).json;
    expect(paid.outstanding).toBe("0.00");
    await page.context().close();
  });
});
