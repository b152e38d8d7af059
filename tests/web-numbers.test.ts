/**
 * Numbers and dates in the interface language, in Chromium: «48 000 000,50», «479,35» and
 * «05.03.2022» in Russian, "48,000,000.50" in English, each recorded exactly as the API's decimal
 * string or ISO date and shown back in the language; a number that does not fit the language's
 * pattern is refused next to its field, with nothing sent. And the first screens: each role lands
 * on its own dashboard, on the latest year with data.
 */
import { MemberState } from "@tracker/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

interface Item {
  id: string;
  amount: string;
  currency: string;
  exchangeRate: string;
  amountUsd: string;
  date: string;
  reference?: string;
}

describe.skipIf(!chromiumAvailable && !mustRun)("numbers and dates in the interface language, in Chromium", () => {
  let site: Site;
  let finance: { email: string; cookie: string };

  const listed = async (): Promise<Item[]> => {
    const res = await call("GET", "/api/contributions?year=2022", { cookie: finance.cookie });
    expect(res.status).toBe(200);
    return res.json.items as Item[];
  };

  async function inRussian(page: Page) {
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === "ru");
  }

  async function newContribution(page: Page, v: { currency: string; amount: string; rate?: string; date: string; reference: string }) {
    await page.goto(`${site.url}/contributions/new`);
    await page.selectOption('select[name="stateCode"]', "KZ");
    await page.selectOption('select[name="currency"]', v.currency);
    await page.fill('input[name="amount"]', v.amount);
    if (v.rate !== undefined) await page.fill('input[name="exchangeRate"]', v.rate);
    await page.fill('input[name="date"]', v.date);
    await page.fill('input[name="reference"]', v.reference);
  }

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    finance = await userWith(["finance"]);
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("records «48 000 000,50» KZT at «479,35» on «05.03.2022» in Russian exactly, and shows them back in Russian", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/`, finance.email, PASSWORD);
    await inRussian(page);
    expect(await page.locator('[data-testid="contribution-form"]').count()).toBe(0);

    await newContribution(page, { currency: "KZT", amount: "48 000 000,50", rate: "479,35", date: "05.03.2022", reference: "RU-1" });
    // The hint says how the language writes it.
    expect(plain(await page.locator('input[name="amount"] ~ .field-hint').textContent())).toContain("1 250 000,00");
    expect(plain(await page.locator('input[name="date"] ~ .field-hint').textContent())).toContain("ДД.ММ.ГГГГ");
    // 48 000 000,50 / 479,35 = 100 135,60 USD (half-even to cents), previewed exactly.
    expect(plain(await page.locator('[data-testid="usd-preview"]').textContent())).toBe("100 135,60 USD");
    await page.click('[data-testid="save-contribution"]');
    await page.locator('[data-testid="contribution-page"], [data-testid="detail-amount"]').first().waitFor();

    const item = (await listed()).find((c) => c.reference === "RU-1")!;
    expect(item).toMatchObject({ amount: "48000000.50", currency: "KZT", exchangeRate: "479.35", amountUsd: "100135.60", date: "2022-03-05" });

    // Shown in Russian: the rate like an amount, the date in the edit form as typed.
    expect(plain(await page.locator('[data-testid="detail-amount"]').textContent())).toBe("48 000 000,50 KZT");
    expect(plain(await page.locator('[data-testid="detail-rate"]').textContent())).toBe("479,35 KZT за 1 USD");
    await page.click('[data-testid="edit-contribution"]');
    expect(await page.inputValue('input[name="date"]')).toBe("05.03.2022");
    expect(plain(await page.inputValue('input[name="amount"]'))).toBe("48 000 000,50");
    expect(await page.inputValue('input[name="exchangeRate"]')).toBe("479,35");

    // A no-break space (as Intl and many documents write it) groups just as well; typed key by key,
    // the text on the way ("1 0", "05.0") is kept as typed.
    await newContribution(page, { currency: "KZT", amount: "1\u00a0000\u202f000,00", rate: "500", date: "", reference: "RU-2" });
    await page.locator('input[name="date"]').pressSequentially("5.3.2022");
    await page.locator('input[name="exchangeRate"]').fill("");
    await page.locator('input[name="exchangeRate"]').pressSequentially("500,0");
    expect(await page.inputValue('input[name="date"]')).toBe("5.3.2022");
    await page.click('[data-testid="save-contribution"]');
    await page.locator('[data-testid="detail-amount"]').waitFor();
    expect((await listed()).find((c) => c.reference === "RU-2")).toMatchObject({ amount: "1000000.00", exchangeRate: "500", amountUsd: "2000.00", date: "2022-03-05" });
  });

  it("refuses, next to the field and sending nothing, a number that does not fit the language, and a day that does not exist", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/`, finance.email, PASSWORD);
    await inRussian(page);
    const before = (await listed()).length;

    // In Russian a point is not read (a decimal point, or thousands as some write them?).
    await newContribution(page, { currency: "KZT", amount: "48.000.000,50", rate: "479,35", date: "31.02.2022", reference: "BAD-1" });
    let requests = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/api/contributions")) requests++;
    });
    await page.click('[data-testid="save-contribution"]');
    const amountError = page.locator('[data-error-for="amount"]');
    await amountError.waitFor();
    expect(plain(await amountError.textContent())).toBe("Дробная часть отделяется запятой, например 479,35.");
    expect(await page.locator('input[name="amount"]').getAttribute("aria-invalid")).toBe("true");
    expect(plain(await page.locator('[data-error-for="date"]').textContent())).toBe("Такого дня в календаре нет.");
    // The first field it cannot read (the date comes before the amount) has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("date");

    // In English, "479,35" is not an English number either.
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await newContribution(page, { currency: "KZT", amount: "479,35", rate: "479.35", date: "2022-03-05", reference: "BAD-2" });
    await page.click('[data-testid="save-contribution"]');
    await amountError.waitFor();
    expect(plain(await amountError.textContent())).toBe("Group thousands in threes with commas, and put a point before the decimals: 48,000,000.50 or 479.35.");

    // Corrected, it is recorded.
    await page.fill('input[name="amount"]', "479.35");
    await page.click('[data-testid="save-contribution"]');
    await page.locator('[data-testid="detail-amount"]').waitFor();
    expect(requests).toBe(1);
    const after = await listed();
    expect(after).toHaveLength(before + 1);
    expect(after.find((c) => c.reference === "BAD-2")).toMatchObject({ amount: "479.35", exchangeRate: "479.35", amountUsd: "1.00" });
  });

  it("records \"48,000,000.50\" in English exactly, the date as yyyy-mm-dd", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/`, finance.email, PASSWORD);
    await newContribution(page, { currency: "USD", amount: "48,000,000.50", date: "2022-03-07", reference: "EN-1" });
    expect(plain(await page.locator('input[name="amount"] ~ .field-hint').textContent())).toContain("1,250,000.00");
    await page.click('[data-testid="save-contribution"]');
    await page.locator('[data-testid="detail-amount"]').waitFor();
    expect((await listed()).find((c) => c.reference === "EN-1")).toMatchObject({ amount: "48000000.50", currency: "USD", amountUsd: "48000000.50", date: "2022-03-07" });
    expect(plain(await page.locator('[data-testid="detail-amount"]').textContent())).toBe("48,000,000.50 USD");
    await page.click('[data-testid="edit-contribution"]');
    expect(await page.inputValue('input[name="date"]')).toBe("2022-03-07");
    expect(await page.inputValue('input[name="amount"]')).toBe("48,000,000.50");
  });

  it("lands each role on its own dashboard, on the latest year with data", async () => {
    const land = async (roles: Parameters<typeof userWith>[0]) => {
      const page = await site.page();
      await signIn(page, `${site.url}/`, (await userWith(roles)).email, PASSWORD);
      return page;
    };
    // Finance: the finance dashboard, on 2022 (the data), not the current year.
    const f = await land(["finance"]);
    await f.locator('[data-testid="dashboard-cards"]').waitFor();
    expect(await f.getAttribute('[data-testid="dashboard"]', "data-year")).toBe("2022");
    expect(new URL(f.url()).pathname).toBe("/");
    // The budget and the contributions open on 2022 too.
    await f.click('[data-testid="nav-budget"]');
    expect(await f.getAttribute('[data-testid="budget-page"]', "data-year")).toBe("2022");

    // HR: the HR dashboard; the finance dashboard is not its home, so not in its menu.
    const h = await land(["hr"]);
    await h.waitForURL((u) => u.pathname === "/staff/report");
    await h.locator('[data-testid="nav-staff/report"][aria-current="page"]').waitFor();
    expect(await h.locator('[data-testid="nav-dashboard"]').count()).toBe(0);

    // An admin without finance or HR: the users.
    const a = await land(["admin"]);
    await a.waitForURL((u) => u.pathname === "/users");

    // Finance and HR together: finance's dashboard first. A viewer: the year at a glance.
    const fh = await land(["finance", "hr"]);
    await fh.locator('[data-testid="dashboard"]').waitFor();
    expect(new URL(fh.url()).pathname).toBe("/");
    const v = await land(["viewer"]);
    await v.locator('[data-testid="dashboard-cards"]').waitFor();
    expect(await v.getAttribute('[data-testid="dashboard"]', "data-year")).toBe("2022");
  });
});
