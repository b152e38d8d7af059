import { MemberState } from "@tracker/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, asSystem, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

/** Text with every kind of space (no-break, narrow no-break) as a plain space. */
const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

async function textOf(page: Page, selector: string) {
  return plain(await page.locator(selector).first().textContent());
}

/** The figures of each row of the pledge page's schedule: amount, paid, still open. */
async function scheduleRows(page: Page) {
  const rows = page.locator('[data-testid="detail-instalments"] tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator("td").allTextContents()).map(plain).slice(1));
  return out;
}

/** A day `days` from today (UTC), as the API writes it. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A day as typed in the language's date field. */
const typed = (iso: string, lang: "en" | "ru") => (lang === "en" ? iso : iso.split("-").reverse().join("."));

// The first instalment is due before today (overdue until paid), the second in a year.
const DUE = [day(-30), day(365)];

/** How each language writes what the test types and reads. */
const LANGS = {
  en: {
    amounts: { pledge: "100000.00", first: "60000.00", wrong: "30000.00", second: "40000.00", payment: "70000.00" },
    sumShown: "The instalments add up to 90,000.00 USD of the 100,000.00 USD pledged.",
    sumError: "The instalments add up to 90000.00 USD, not the 100000.00 USD pledged.",
    overdue: "overdue",
    before: [
      ["60,000.00 USD", "0.00 USD", "60,000.00 USD"],
      ["40,000.00 USD", "0.00 USD", "40,000.00 USD"],
    ],
    after: [
      ["70,000.00 USD", "70,000.00 USD", "0.00 USD"],
      ["30,000.00 USD", "0.00 USD", "30,000.00 USD"],
    ],
  },
  ru: {
    amounts: { pledge: "100 000,00", first: "60 000,00", wrong: "30 000,00", second: "40 000,00", payment: "70 000,00" },
    sumShown: "Сумма взносов по графику — 90 000,00 USD из 100 000,00 USD по обязательству.",
    sumError: "Сумма взносов по графику — 90000.00 USD, а не 100000.00 USD, как в обязательстве.",
    overdue: "просрочен",
    before: [
      ["60 000,00 USD", "0,00 USD", "60 000,00 USD"],
      ["40 000,00 USD", "0,00 USD", "40 000,00 USD"],
    ],
    after: [
      ["70 000,00 USD", "70 000,00 USD", "0,00 USD"],
      ["30 000,00 USD", "0,00 USD", "30 000,00 USD"],
    ],
  },
} as const;

describe.skipIf(!chromiumAvailable && !mustRun)("a pledge's schedule of instalments in Chromium", () => {
  let site: Site;
  let finance: { email: string; cookie: string };

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    finance = await userWith(["finance"]);
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  for (const [lang, state] of [["en", "KZ"], ["ru", "CN"]] as const) {
    it(`records a scheduled pledge (a sum that does not add up is refused at the schedule), pays it with a changed schedule and shows the exact amounts (${lang})`, async () => {
      const w = LANGS[lang];
      const page = await site.page();
      await page.setViewportSize({ width: 1280, height: 900 });
      await signIn(page, `${site.url}/`, finance.email, PASSWORD);
      await page.locator('[data-testid="dashboard"]').waitFor();
      if (lang === "ru") {
        await page.click('[data-testid="lang-switch"]');
        await page.waitForFunction(() => document.documentElement.lang === "ru");
      }

      await page.goto(`${site.url}/contributions/new`);
      await page.locator('[data-testid="contribution-form"]').waitFor();
      await page.selectOption('select[name="stateCode"]', state);
      await page.selectOption('select[name="status"]', "pledged");
      await page.fill('input[name="amount"]', w.amounts.pledge);
      await page.fill('input[name="date"]', typed(day(-60), lang));
      await page.fill('input[name="payer"]', "Ministry of Finance");
      await page.click('[data-testid="add-instalment"]');
      await page.click('[data-testid="add-instalment"]');
      await page.click('[data-testid="add-instalment"]');
      expect(await page.locator('[data-testid="instalment-row"]').count()).toBe(3);
      await page.locator('[data-testid="instalment-row"][data-index="2"] [data-testid="remove-instalment"]').click();
      expect(await page.locator('[data-testid="instalment-row"]').count()).toBe(2);
      await page.fill('input[name="instalments.0.dueOn"]', typed(DUE[0]!, lang));
      await page.fill('input[name="instalments.0.amount"]', w.amounts.first);
      await page.fill('input[name="instalments.1.dueOn"]', typed(DUE[1]!, lang));
      await page.fill('input[name="instalments.1.amount"]', w.amounts.wrong);
      expect(await textOf(page, '[data-testid="schedule-sum"]')).toBe(w.sumShown);

      // The API refuses the schedule and says so at it; nothing is recorded.
      await page.click('[data-testid="save-contribution"]');
      await page.locator('[data-error-for="instalments"]').waitFor();
      expect(await textOf(page, '[data-error-for="instalments"]')).toBe(w.sumError);
      const listed = await call("GET", `/api/contributions?state=${state}&status=pledged`, { cookie: finance.cookie });
      expect(listed.json.items).toHaveLength(0);

      await page.fill('input[name="instalments.1.amount"]', w.amounts.second);
      await page.click('[data-testid="save-contribution"]');
      await page.locator('[data-testid="contribution-page"]').waitFor();
      const pledgeId = page.url().split("/").pop()!;
      expect(await textOf(page, '[data-testid="detail-payer"]')).toBe("Ministry of Finance");
      await page.locator('[data-testid="detail-instalments"]').waitFor();
      expect(await scheduleRows(page)).toEqual(w.before);
      expect(await page.locator('[data-testid="detail-instalments"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-due")))).toEqual(DUE);
      expect(await page.locator('[data-testid="detail-instalments"] tr[data-overdue="true"]').count()).toBe(1);
      expect(await textOf(page, `[data-testid="detail-instalments"] tr[data-due="${DUE[0]}"] .badge`)).toBe(w.overdue);

      // A payment of 70,000 against the 60,000 due, changing the schedule: the instalment is settled at
      // 70,000 and the later one carries the 30,000 still outstanding (carried to the next instead, the
      // excess would pay 10,000 of a 40,000 instalment).
      await page.click('[data-testid="record-payment"]');
      await page.locator('[data-testid="contribution-form"]').waitFor();
      await page.locator('[data-testid="difference"]').waitFor();
      expect(await page.isChecked('[data-testid="difference-next"]')).toBe(true);
      await page.check('[data-testid="difference-reschedule"]');
      await page.fill('input[name="amount"]', w.amounts.payment);
      await page.fill('input[name="date"]', typed(day(0), lang));
      await page.click('[data-testid="save-contribution"]');
      await page.locator('[data-testid="contribution-page"]').waitFor();
      await page.waitForURL((u) => !u.pathname.endsWith(pledgeId));
      const payment = await call("GET", `/api/contributions/${page.url().split("/").pop()}`, { cookie: finance.cookie });
      expect(payment.json).toMatchObject({ pledgeId, amount: "70000.00", currency: "USD", difference: "reschedule" });

      await page.goto(`${site.url}/contributions/${pledgeId}`);
      await page.locator('[data-testid="detail-instalments"]').waitFor();
      expect(await scheduleRows(page)).toEqual(w.after);
      expect(await page.locator('[data-testid="detail-instalments"] tr[data-overdue="true"]').count()).toBe(0);
      const pledge = await call("GET", `/api/contributions/${pledgeId}`, { cookie: finance.cookie });
      expect(pledge.json.instalments).toEqual([
        { dueOn: DUE[0], amount: "70000.00", paid: "70000.00", open: "0.00", settled: true, overdue: false },
        { dueOn: DUE[1], amount: "30000.00", paid: "0.00", open: "30000.00", settled: false, overdue: false },
      ]);
      await page.close();
    });
  }
});
