/**
 * The calendar beside a date field, in Chromium: opened from the keyboard, the month and days
 * named in the interface language, moved with the arrows and Page Up, picked with Enter, written
 * into the field in the language's form and saved as the ISO date; Escape closes it with the focus
 * back on its button; and axe finds nothing to fault in the open calendar, in English and Russian,
 * on a desk and on a phone.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { MemberState } from "@tracker/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe.run;
    const r = await run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, iframes: false, resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`);
  });
}

const focused = (page: Page) => page.evaluate(() => ({ label: document.activeElement?.getAttribute("aria-label") ?? "", date: (document.activeElement as HTMLElement | null)?.dataset.date ?? "" }));

describe.skipIf(!chromiumAvailable && !mustRun)("the calendar of a date field, in Chromium", () => {
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

  async function inRussian(page: Page) {
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === "ru");
  }

  it("picks a day with the keyboard in Russian, writes it as ДД.ММ.ГГГГ and saves the ISO date", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/`, finance.email, PASSWORD);
    await inRussian(page);
    await page.goto(`${site.url}/contributions/new`);
    await page.selectOption('select[name="stateCode"]', "KZ");
    await page.selectOption('select[name="currency"]', "USD");
    await page.fill('input[name="amount"]', "1 000,00");
    await page.fill('input[name="date"]', "05.03.2022");
    await page.fill('input[name="reference"]', "CAL-1");

    const opener = page.locator('input[name="date"] ~ [data-testid="calendar-button"]');
    expect(await opener.getAttribute("aria-label")).toBe("Выбрать дату в календаре");
    expect(await opener.getAttribute("aria-expanded")).toBe("false");

    // Escape closes it, and the focus is back on the button.
    await opener.focus();
    await page.keyboard.press("Enter");
    const calendar = page.locator('[data-testid="calendar"]');
    await calendar.waitFor();
    expect(await calendar.getAttribute("aria-label")).toBe("Календарь");
    expect(await focused(page)).toEqual({ label: "суббота, 5 марта 2022 г.", date: "2022-03-05" });
    await page.keyboard.press("Escape");
    expect(await calendar.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("calendar-button");
    expect(await page.inputValue('input[name="date"]')).toBe("05.03.2022");

    // Open again: the grid shows the field's month, weeks from Monday, named in Russian.
    await page.keyboard.press("Enter");
    await calendar.waitFor();
    expect(plain(await page.locator('[data-testid="calendar-month"]').textContent())).toBe("март 2022 г.");
    expect((await page.locator(".calendar-grid th").allTextContents()).map(plain)).toEqual(["пн", "вт", "ср", "чт", "пт", "сб", "вс"]);
    expect(await page.locator('.calendar-grid td[aria-selected="true"] button').getAttribute("data-date")).toBe("2022-03-05");

    // → a day, ↓ a week, Page Up a month back, Home to that week's Monday.
    await page.keyboard.press("ArrowRight");
    expect((await focused(page)).date).toBe("2022-03-06");
    await page.keyboard.press("ArrowDown");
    expect((await focused(page)).date).toBe("2022-03-13");
    await page.keyboard.press("PageUp");
    expect(await focused(page)).toEqual({ label: "воскресенье, 13 февраля 2022 г.", date: "2022-02-13" });
    expect(plain(await page.locator('[data-testid="calendar-month"]').textContent())).toBe("февраль 2022 г.");
    await page.keyboard.press("Home");
    expect((await focused(page)).date).toBe("2022-02-07");
    await page.keyboard.press("Enter");

    expect(await calendar.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("calendar-button");
    expect(await page.inputValue('input[name="date"]')).toBe("07.02.2022");

    await page.click('[data-testid="save-contribution"]');
    await page.locator('[data-testid="detail-amount"]').waitFor();
    const res = await call("GET", "/api/contributions?year=2022", { cookie: finance.cookie });
    expect(res.status).toBe(200);
    const saved = (res.json.items as Array<{ reference?: string; date: string; amount: string }>).find((c) => c.reference === "CAL-1");
    expect(saved).toMatchObject({ date: "2022-02-07", amount: "1000.00" });
  });

  it("opens with no violation found by axe, in English and in Russian, at 1366 and at 390 pixels", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/`, finance.email, PASSWORD);
    const findings: Record<string, string[]> = {};
    for (const lang of ["en", "ru"] as const) {
      if (lang === "ru") {
        // The language switch is in the header at a desk's width.
        await page.setViewportSize({ width: 1366, height: 900 });
        await inRussian(page);
      }
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${site.url}/contributions/new`);
        await page.fill('input[name="date"]', lang === "ru" ? "05.03.2022" : "2022-03-05");
        await page.click('input[name="date"] ~ [data-testid="calendar-button"]');
        await page.locator('[data-testid="calendar"]').waitFor();
        expect(plain(await page.locator('[data-testid="calendar-month"]').textContent())).toBe(lang === "ru" ? "март 2022 г." : "March 2022");
        findings[`${lang} ${width}`] = await axe(page);
        // The open calendar stays on the screen.
        const right = await page.locator('[data-testid="calendar"]').evaluate((e) => e.getBoundingClientRect().right);
        expect(right).toBeLessThanOrEqual(width);
        // A click beside it closes it.
        await page.click("main h1");
        expect(await page.locator('[data-testid="calendar"]').count()).toBe(0);
      }
    }
    expect(findings).toEqual({ "en 1366": [], "en 390": [], "ru 1366": [], "ru 390": [] });
  });
});
