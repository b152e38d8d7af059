/**
 * Every page of the web, on the demonstration data, checked with axe-core against WCAG 2.1 A and
 * AA, in English and in Russian, on a desk (1366×900) and on a phone (390×844): no violation, no
 * page wider than the phone, and a title of its own on every page.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login } from "./support/api";
import { chromiumAvailable, mustRun, openSite, signIn, type Site } from "./support/browser";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const ADMIN = "admin@localhost";
const ADMIN_PASSWORD = "accessible admin password";

/** The records the pages show: the first of each kind in the demonstration data. */
interface Ids {
  contribution: string;
  post: string;
  secondment: string;
  vacancy: string;
}

/** Every page of the web (sign-in is checked before signing in). */
const pages = (ids: Ids): Array<[name: string, path: string]> => [
  ["sign-in", "/"],
  ["dashboard", "/"],
  ["contributions", "/contributions"],
  ["new contribution", "/contributions/new"],
  ["contribution", `/contributions/${ids.contribution}`],
  ["budget", "/budget"],
  ["staff matrix", "/staff"],
  ["post", `/staff/${ids.post}`],
  ["secondments", "/secondments"],
  ["secondment", `/secondments/${ids.secondment}`],
  ["vacancies", "/vacancies"],
  ["vacancy", `/vacancies/${ids.vacancy}`],
  ["HR dashboard", "/staff/report"],
  ["statements", "/statements"],
  ["member states", "/states"],
  ["new member state", "/states/new"],
  ["member state", "/states/KZ"],
  ["users", "/users"],
  ["user", `/users/${encodeURIComponent(ADMIN)}`],
  ["organisation", "/organisation"],
  ["audit trail", "/audit"],
  ["exchange rates", "/rates"],
  ["standard costs", "/standard-costs"],
  ["money and people", "/reports/money-people"],
  ["not found", "/no-such-page"],
];

const WIDTHS = { desk: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;

interface Finding {
  page: string;
  violations: string[];
  width: number;
  /** At the phone's width, what makes the page wider than the screen. */
  wide: string[];
  title: string;
  /** Where the focus is once the page is shown ("heading": its h1). */
  focus: string;
}

async function axe(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol: the page's Content-Security-Policy stays in force.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } }).axe.run;
    const r = await run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, iframes: false, resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} (${(n.failureSummary ?? "").split("\n").slice(1, 2).join("").trim()})`).join("; ")}`);
  });
  return result;
}

/** A page once its data has arrived: its heading shown, nothing loading, no request under way. */
async function settled(page: Page): Promise<boolean> {
  const heading = await page.waitForSelector("main h1", { timeout: 10_000 }).then(
    () => true,
    () => false,
  );
  await page.waitForFunction(
    () => {
      const w = window as unknown as { pending: number; quietSince?: number };
      if (w.pending > 0 || document.querySelector('[data-testid="loading"]')) w.quietSince = undefined;
      else w.quietSince ??= performance.now();
      return w.quietSince !== undefined && performance.now() - w.quietSince > 150;
    },
    undefined,
    { polling: 50 },
  );
  return heading;
}

async function check(page: Page, name: string): Promise<Finding> {
  const heading = await settled(page);
  const violations = await axe(page);
  // Focus moves to a page's heading on navigation: every page has one.
  if (!heading) violations.push("no h1 heading in main");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  const focus = await page.evaluate(() => (document.activeElement === document.querySelector("main h1") ? "heading" : (document.activeElement?.tagName ?? "none")));
  return { page: name, violations, width, wide: width > 390 ? await widest(page) : [], title: await page.title(), focus };
}

/** What sticks out past the right edge of the screen (not scrolled inside a box of its own), to name in a failure. */
function widest(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const edge = document.documentElement.clientWidth + 1;
    const out = (e: Element) => e.getBoundingClientRect().right > edge;
    const scrolled = (e: Element) => {
      if (["absolute", "fixed"].includes(getComputedStyle(e).position)) return false;
      for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
      return false;
    };
    const name = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${Array.from(e.classList).map((c) => `.${c}`).join("")}`;
    return Array.from(document.querySelectorAll("body *"))
      .filter((e) => out(e) && !Array.from(e.children).some(out) && !scrolled(e))
      .slice(0, 4)
      .map((e) => `${e.parentElement ? `${name(e.parentElement)} > ` : ""}${name(e)} (${Math.round(e.getBoundingClientRect().right)} px)`);
  });
}

describe.skipIf(!chromiumAvailable && !mustRun)("every page, checked with axe-core", () => {
  let site: Site;
  let ids: Ids;

  beforeAll(async () => {
    process.env.ADMIN_PASSWORD = ADMIN_PASSWORD;
    const { firstStart } = await import("../scripts/seed");
    await firstStart(resolve(import.meta.dirname, ".."));
    const cookie = await login(ADMIN, ADMIN_PASSWORD);
    const first = async (path: string) => {
      const items = (await call("GET", path, { cookie })).json.items as Array<{ id: string }>;
      expect(items.length).toBeGreaterThan(0);
      return items[0]!.id;
    };
    ids = {
      contribution: await first("/api/contributions?year=2022"),
      post: await first("/api/posts"),
      secondment: await first("/api/secondments"),
      vacancy: await first("/api/vacancies"),
    };
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  /** One browser context in a language and a size, on the demonstration year. */
  async function open(lang: "en" | "ru", size: keyof typeof WIDTHS): Promise<{ context: BrowserContext; page: Page }> {
    const context = await site.browser.newContext({ locale: lang === "en" ? "en-GB" : "ru-RU", viewport: WIDTHS[size] });
    await context.addInitScript((l) => {
      localStorage.setItem("tracker.lang", l);
      sessionStorage.setItem("tracker.year", "2022");
      // Requests under way, so a check waits for the page's data rather than for a fixed time.
      const w = window as unknown as { pending: number };
      w.pending = 0;
      const fetch = window.fetch.bind(window);
      window.fetch = (...args) => {
        w.pending++;
        return fetch(...args).finally(() => w.pending--);
      };
    }, lang);
    return { context, page: await context.newPage() };
  }

  async function sweep(lang: "en" | "ru", size: keyof typeof WIDTHS): Promise<Finding[]> {
    const { context, page } = await open(lang, size);
    const findings: Finding[] = [];
    for (const [name, path] of pages(ids)) {
      if (name === "sign-in") {
        await page.goto(`${site.url}${path}`);
        findings.push(await check(page, name));
        await page.fill('input[name="email"]', ADMIN);
        await page.fill('input[name="password"]', ADMIN_PASSWORD);
        await page.click('[data-testid="sign-in"]');
        await page.waitForSelector('[data-testid="user-name"]', { state: "attached" });
        continue;
      }
      // Within the app, as a click on a link goes (the app and what it has read stay loaded).
      await page.evaluate((to) => {
        if (window.location.pathname === to) return;
        window.history.pushState(null, "", to);
        window.dispatchEvent(new PopStateEvent("popstate"));
      }, path);
      findings.push(await check(page, name));
      if (size === "phone") await page.screenshot({ path: `test-results/a11y-${lang}-${name.replace(/\W+/g, "-")}.png` });
    }
    await context.close();
    return findings;
  }

  for (const lang of ["en", "ru"] as const)
    for (const size of ["desk", "phone"] as const)
      it(`finds no WCAG 2.1 AA violation on any page in ${lang === "en" ? "English" : "Russian"} at ${WIDTHS[size].width} px, each page with its own title`, async () => {
        const findings = await sweep(lang, size);
        const report = findings.filter((f) => f.violations.length).map((f) => `${f.page}: ${f.violations.join("\n    ")}`);
        console.log(`${lang} ${size}: ${findings.map((f) => `${f.page} ${f.violations.length} violation(s), ${f.width} px`).join("; ")}`);
        expect(report).toEqual([]);
        if (size === "phone") expect(findings.filter((f) => f.width > 390).map((f) => `${f.page}: ${f.width} px, ${f.wide.join(", ")}`)).toEqual([]);
        // After signing in and after every move, focus is on the new page's heading.
        expect(findings.filter((f) => f.page !== "sign-in" && f.focus !== "heading").map((f) => `${f.page}: ${f.focus}`)).toEqual([]);
        const titles = findings.map((f) => f.title);
        expect(new Set(titles).size).toBe(titles.length);
        const abbreviation = lang === "en" ? "CICA" : "СВМДА";
        expect(titles.filter((t) => !t.includes(abbreviation)).length).toBeLessThanOrEqual(1);
      });
  it("on a phone, the menu is closed under a short header, opens and closes with its button, Escape and a move; forms focus their first invalid field; print leaves out navigation and controls", async () => {
    const { context, page } = await open("en", "phone");
    await page.goto(site.url);
    await page.fill('input[name="email"]', ADMIN);
    await page.fill('input[name="password"]', ADMIN_PASSWORD);
    await page.click('[data-testid="sign-in"]');
    await page.waitForSelector('[data-testid="menu-toggle"]');
    const toggle = page.locator('[data-testid="menu-toggle"]');
    const header = page.locator('[data-testid="app-header"]');
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await toggle.getAttribute("aria-controls")).toBe("header-tools app-nav");
    expect((await header.boundingBox())!.height).toBeLessThan(70);
    expect(await page.locator('[data-testid="nav"]').isVisible()).toBe(false);

    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await page.locator('[data-testid="nav-budget"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="user-name"]').isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("menu-toggle");

    await toggle.click();
    await page.click('[data-testid="nav-states"]');
    await page.waitForFunction(() => document.activeElement?.tagName === "H1" && document.activeElement.textContent === "Member states");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.title()).toBe("Member states — CICA");

    // A failed save: focus on the first field the server refused.
    await page.evaluate(() => {
      window.history.pushState(null, "", "/states/new");
      window.dispatchEvent(new PopStateEvent("popstate"));
    });
    await page.locator('[data-testid="state-form"]').waitFor();
    await page.click('[data-testid="state-form"] button[type="submit"]');
    await page.waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe(
      await page.locator('[data-testid="state-form"] [aria-invalid="true"]').first().getAttribute("name"),
    );

    // Printed: the page's content only, on A4.
    await page.emulateMedia({ media: "print" });
    for (const selector of ['[data-testid="app-header"]', '[data-testid="nav"]', "footer"]) expect(await page.locator(selector).isVisible()).toBe(false);
    await page.evaluate(() => {
      window.history.pushState(null, "", "/budget");
      window.dispatchEvent(new PopStateEvent("popstate"));
    });
    await page.locator('[data-testid="budget-lines"]').waitFor();
    expect(await page.locator('[data-testid="year-select"]').isVisible()).toBe(false);
    await page.pdf({ path: "test-results/budget-2022.pdf", format: "A4" });
    await context.close();
  });

  it("shows an admin's change of their own roles in the header at once", async () => {
    const { context, page } = await open("en", "desk");
    await signIn(page, site.url, ADMIN, ADMIN_PASSWORD);
    await page.goto(`${site.url}/users/${encodeURIComponent(ADMIN)}`);
    await page.locator('[data-testid="user-roles"] [data-role="finance"]').waitFor();
    await page.locator('input[name="roles"][value="finance"]').uncheck();
    await page.click('[data-testid="save-user"]');
    await page.locator('[data-testid="user-roles"] [data-role="finance"]').waitFor({ state: "detached" });
    expect(await page.locator('[data-testid="user-roles"] [data-role]').evaluateAll((els) => els.map((e) => e.getAttribute("data-role")))).toEqual(["admin", "hr"]);
    await context.close();
  });
});
