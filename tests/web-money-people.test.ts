/**
 * Money and people and the standard-cost table in Chromium: the report of 2022 for a small dataset,
 * its exact figures in English and Russian, its chart's text and its exports in the interface's
 * language; HR enters a standard-cost row through its page (a row of zeros refused next to its field)
 * and records who bears a secondment's costs on its page.
 */
import { MemberState } from "@tracker/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

/** Text with every kind of space (no-break, narrow no-break) as a plain space. */
const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

async function created(cookie: string, path: string, body: unknown) {
  const res = await call("POST", path, { cookie, body });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.json;
}
const usd = (stateCode: string, amount: string, kind = "cash") => ({
  stateCode, kind, status: "received", amount, currency: "USD", date: "2022-05-10", purpose: "regular_budget",
  ...(kind === "in_kind" ? { description: "Conference services" } : {}),
});

/** Whether the report's table fits its box: no horizontal scrolling of the table, nor of the page. */
async function fits(page: Page) {
  return page.evaluate(() => {
    const wrap = document.querySelector('[data-testid="money-people-table"]')!.closest(".table-wrap")!;
    return { table: wrap.scrollWidth - wrap.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
}

/** A state's row of the report: its cells by column. */
async function rowOf(page: Page, code: string) {
  const row = page.locator(`[data-testid="money-people-table"] tr[data-state="${code}"]`);
  await row.waitFor();
  const cell = async (col: string) => plain(await row.locator(`[data-col="${col}"]`).textContent());
  return {
    name: plain(await row.locator("th").textContent()),
    cells: [await cell("contributionShare"), await cell("cash"), await cell("inKind"), await cell("secondmentValue"), await cell("posts"), await cell("postShare"), await cell("personMonths")],
  };
}

describe.skipIf(!chromiumAvailable && !mustRun)("money and people and the standard costs in Chromium", () => {
  let site: Site;
  let hr: { email: string; cookie: string };
  let secondment: { id: string };
  let expertId: string;

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    hr = await userWith(["hr"]);
    const finance = (await userWith(["finance"])).cookie;
    // 1,000.00 each from Kazakhstan (cash), China (cash) and Türkiye (in kind).
    await created(finance, "/api/contributions", usd("KZ", "1000.00"));
    await created(finance, "/api/contributions", usd("CN", "1000.00"));
    await created(finance, "/api/contributions", usd("TR", "1000.00", "in_kind"));
    // An expert seconded by Kazakhstan for the second half of 2022, at 2,000.00 a month, borne by Kazakhstan.
    const put = await call("PUT", "/api/standard-costs", { cookie: hr.cookie, body: { category: "expert", effectiveOn: "2022-01-01", salaryUsd: "2000.00", allowancesUsd: "0", insuranceUsd: "0", travelUsd: "0" } });
    expect(put.status, put.text).toBe(200);
    const expert = await created(hr.cookie, "/api/posts", { number: "E-1", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "secondment" });
    expertId = expert.id;
    secondment = await created(hr.cookie, "/api/secondments", { personName: "Aliya Nurpeis", sendingState: "KZ", postId: expert.id, startOn: "2022-07-01", endOn: "2022-12-31" });
    // An officer of Russian nationality appointed directly.
    await created(hr.cookie, "/api/posts", { number: "O-1", title: { en: "Officer", ru: "Сотрудник" }, category: "professional", funding: "regular_budget", incumbent: { name: "Oleg Ivanov", nationality: "RU", since: "2020-01-01" } });
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("shows the report of 2022 with its exact figures in English and Russian, and its exports in the interface's language", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/reports/money-people?year=2022`, hr.email, PASSWORD);
    await page.locator('[data-testid="money-people-page"][data-year="2022"]').waitFor();
    expect(await page.getAttribute('[data-testid="nav-reports/money-people"]', "aria-current")).toBe("page");
    expect(plain(await page.locator("h1").textContent())).toBe("Money and people, 2022");

    expect(await rowOf(page, "KZ")).toEqual({ name: "Kazakhstan", cells: ["33.33%", "1,000.00", "0.00", "12,000.00", "1", "50.00%", "6.00"] });
    expect(await rowOf(page, "CN")).toEqual({ name: "China", cells: ["33.34%", "1,000.00", "0.00", "0.00", "0", "0.00%", "0.00"] });
    expect((await rowOf(page, "TR")).cells).toEqual(["33.33%", "0.00", "1,000.00", "0.00", "0", "0.00%", "0.00"]);
    expect((await rowOf(page, "RU")).cells).toEqual(["0.00%", "0.00", "0.00", "0.00", "1", "50.00%", "0.00"]);
    expect(await page.locator('[data-testid="money-people-table"] tbody tr').count()).toBe(4);
    expect(plain(await page.locator('[data-testid="money-people-totals"]').textContent())).toBe(
      "Totals: cash 2,000.00 USD, in kind 1,000.00 USD, secondments' value 12,000.00 USD; 2 posts held; 6.00 person-months.",
    );
    expect(plain(await page.locator('[data-testid="money-people-basis"]').textContent())).toBe(
      "The secondments' value is shown beside the contributions and counted in no share. Posts as of 31 December 2022.",
    );
    // The member states giving neither money nor a secondment, by name: Russia's national holds a post, but is not seconded.
    const neither = plain(await page.locator('[data-testid="money-people-neither"] p').textContent()).split(", ");
    expect(neither).toHaveLength(seedStates().length - 3);
    expect(neither).toContain("Russia");
    expect(neither).not.toEqual(expect.arrayContaining(["Kazakhstan"]));
    expect(neither.slice(0, 3)).toEqual(["Afghanistan", "Azerbaijan", "Bahrain"]);
    // The chart: an image named with the shares it draws, the table above being its data.
    const label = plain(await page.getAttribute('[data-testid="money-people-chart"] svg[role="img"]', "aria-label"));
    expect(label).toContain("Kazakhstan 33.33% of contributions, 50.00% of posts");
    expect(await page.locator('[data-testid="money-people-chart"] rect').count()).toBe(8);
    expect(await page.getAttribute('[data-testid="money-people-csv"]', "href")).toBe("/api/exports/reports/money-people?year=2022&lang=en&format=csv");
    expect(await page.getAttribute('[data-testid="money-people-xlsx"]', "href")).toBe("/api/exports/reports/money-people?year=2022&lang=en&format=xlsx");
    // At 1280 px the table fits without scrolling sideways, in both languages.
    expect(await fits(page)).toEqual({ table: 0, page: 0 });
    await page.screenshot({ path: "test-results/money-people-en.png", fullPage: true });

    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Деньги и люди, 2022");
    expect(await rowOf(page, "KZ")).toEqual({ name: "Казахстан", cells: ["33,33 %", "1 000,00", "0,00", "12 000,00", "1", "50,00 %", "6,00"] });
    expect((await rowOf(page, "CN")).cells[0]).toBe("33,34 %");
    expect(plain(await page.getAttribute('[data-testid="money-people-chart"] svg[role="img"]', "aria-label"))).toContain("Казахстан: 33,33 % взносов, 50,00 % должностей");
    expect(await page.getAttribute('[data-testid="money-people-csv"]', "href")).toBe("/api/exports/reports/money-people?year=2022&lang=ru&format=csv");
    expect(await fits(page)).toEqual({ table: 0, page: 0 });
    await page.screenshot({ path: "test-results/money-people-ru.png", fullPage: true });
    // On a phone (390 px) the page does not scroll sideways: each row reads as a block.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await fits(page)).toEqual({ table: 0, page: 0 });
    await page.screenshot({ path: "test-results/money-people-ru-390.png", fullPage: true });
    // On a phone the language switch is behind the menu button.
    await page.click('[data-testid="menu-toggle"]');
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Money and people, 2022");
    expect(await fits(page)).toEqual({ table: 0, page: 0 });
    await page.screenshot({ path: "test-results/money-people-en-390.png", fullPage: true });
    await page.close();
  });

  it("the dashboard shows the secondments' value apart from the in-kind total; each post shows its standard cost a month", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    // The finance dashboard is a finance officer's home.
    const officer = await userWith(["finance"]);
    await signIn(page, `${site.url}/?year=2022`, officer.email, PASSWORD);
    const card = page.locator('[data-testid="card-in-kind"]');
    await card.locator('[data-testid="card-in-kind-seconded"]').waitFor();
    // Disclosed (the default): the in-kind total is Türkiye's 1,000.00; Kazakhstan's 12,000.00 beside it.
    expect(plain(await card.locator('[data-testid="card-in-kind-value"]').textContent())).toBe("1,000.00 USD");
    expect(plain(await card.locator('[data-testid="card-in-kind-seconded"]').textContent())).toBe("Seconded personnel, at standard cost: 12,000.00 USD (shown for information, not counted)");
    expect(plain(await page.locator('[data-testid="col-seconded"]').textContent())).toBe("Seconded personnel (not counted), USD");
    expect(plain(await page.locator('[data-testid="by-state-table"] tr[data-code="KZ"]').textContent())).toContain("12,000.00");

    await page.goto(`${site.url}/staff`);
    await page.locator('[data-testid="post-cost"]').first().waitFor();
    expect((await page.locator('[data-testid="post-cost"]').allTextContents()).map(plain).sort()).toEqual(["2,000.00 USD a month", "No standard cost set"]);
    await page.goto(`${site.url}/staff/${expertId}`);
    const cost = page.locator('[data-testid="detail-cost"]');
    await cost.waitFor();
    expect(plain(await cost.textContent())).toBe("2,000.00 USD a monthstandard-cost table, row for every grade of the category, in force from 1 January 2022");
    await page.close();
  });

  it("lets HR enter a standard-cost row through its page (a row of zeros refused next to its field) and choose who bears a secondment's costs", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/standard-costs`, hr.email, PASSWORD);
    await page.locator('[data-testid="standard-costs-table"] tr[data-row="expert * 2022-01-01"]').waitFor();
    const form = page.locator('[data-testid="standard-cost-form"]');
    await form.locator('select[name="category"]').selectOption("professional");
    await form.locator('input[name="grade"]').fill("P-4");
    await form.locator('input[name="effectiveOn"]').fill("2023-01-01");
    await form.locator('input[name="salaryUsd"]').fill("0");
    await page.click('[data-testid="save-standard-cost"]');
    const error = page.locator('[data-error-for="salaryUsd"]');
    await error.waitFor();
    expect(plain(await error.textContent())).toBe("At least one component must cost more than zero a month.");
    expect(await page.locator('[data-testid="standard-costs-table"] tbody tr').count()).toBe(1);

    await form.locator('input[name="salaryUsd"]').fill("6250.50");
    await form.locator('input[name="allowancesUsd"]').fill("1200");
    await form.locator('input[name="travelUsd"]').fill("300.25");
    await page.click('[data-testid="save-standard-cost"]');
    const row = page.locator('[data-testid="standard-costs-table"] tr[data-row="professional P-4 2023-01-01"]');
    await row.waitFor();
    expect(plain(await row.locator('[data-col="total"]').textContent())).toBe("7750.75");
    expect(plain(await page.locator('[data-testid="standard-cost-saved"]').textContent())).toBe("Saved: Officers, grade P-4, from 1 January 2023, 7750.75 USD a month.");
    const stored = (await call("GET", "/api/standard-costs?category=professional", { cookie: hr.cookie })).json.items;
    expect(stored).toMatchObject([{ grade: "P-4", effectiveOn: "2023-01-01", salaryUsd: "6250.50", allowancesUsd: "1200.00", insuranceUsd: "0.00", travelUsd: "300.25", totalUsd: "7750.75", createdBy: hr.email }]);

    // Who bears the costs of a secondment: the Secretariat takes the salary, its only cost, so it is worth nothing in kind.
    await page.goto(`${site.url}/secondments/${secondment.id}`);
    const bearers = page.locator('[data-testid="cost-bearers"]');
    await bearers.waitFor();
    expect(await bearers.locator('select[name="costBearers.travel"]').inputValue()).toBe("sending_state");
    await bearers.locator('select[name="costBearers.salary"]').selectOption("secretariat");
    await page.click('[data-testid="save-cost-bearers"]');
    await expect.poll(async () => (await call("GET", `/api/secondments/${secondment.id}`, { cookie: hr.cookie })).json.costBearers).toEqual({ salary: "secretariat", allowances: "sending_state", insurance: "sending_state", travel: "sending_state" });
    expect((await call("GET", `/api/secondments/${secondment.id}/value?year=2022`, { cookie: hr.cookie })).json.inKindUsd).toBe("0.00");
    await page.close();
  });
});
