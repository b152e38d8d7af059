/**
 * The tour rules in Chromium: the secondment page shows the extensions used, the person's service
 * and the limits; an extension beyond the longest tour is refused until the override's decision is
 * given, then the override shows on the extension; HR edits the rules on their page. Dates from
 * today (UTC), so no fixed clock.
 */
import { MemberState, Post, Secondment } from "@tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
const TODAY = new Date().toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!chromiumAvailable && !mustRun)("the tour rules in Chromium", () => {
  let site: Site;
  let hr: { email: string; cookie: string };
  let secondment: { id: string };
  const start = addDays(TODAY, -100);

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    hr = await userWith(["hr"]);
    await asSystem(async () => {
      const post = await Post.create({ number: "EX-09", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "secondment" });
      secondment = await Secondment.create({ personName: "Firuz Rahimov", sendingState: "TJ", postId: post.id, startOn: start, endOn: addDays(TODAY, 200) });
    });
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("shows the tour, refuses an extension beyond it without an override, and records the override", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/secondments/${secondment.id}`, hr.email, PASSWORD);
    await page.locator('[data-testid="tour"]').waitFor();
    expect(plain(await page.locator('[data-testid="tour-extensions"]').textContent())).toBe("0");
    expect(plain(await page.locator('[data-testid="tour-max"]').textContent())).toMatch(/^84 months: to /);
    expect(plain(await page.locator('[data-testid="tour-service"]').textContent())).toBe("101 days served, 301 days to the last day (1 secondment of this person)");

    await page.click('[data-testid="extend-secondment"]');
    await page.fill('input[name="endOn"]', addDays(start, 365 * 8));
    await page.click('[data-testid="save-extend"]');
    const refused = page.locator('[data-testid="form-error"]');
    await refused.waitFor();
    expect(plain(await refused.textContent())).toContain("A tour on this post lasts at most 84 months");
    await page.fill('input[name="override.decisionRef"]', "SOC/2026/11");
    await page.click('[data-testid="save-extend"]');
    await page.locator('[data-testid="extension-override"]').waitFor();
    expect(plain(await page.locator('[data-testid="extension-override"]').textContent())).toBe("Override SOC/2026/11: longest tour");
    expect(plain(await page.locator('[data-testid="tour-extensions"]').textContent())).toBe("1");
    expect(plain(await page.locator('[data-testid="tour-max"]').textContent())).toContain("exceeded under an override");

    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => (document.querySelector('[data-testid="extension-override"]')?.textContent ?? "").includes("Исключение"));
    expect(plain(await page.locator('[data-testid="extension-override"]').textContent())).toBe("Исключение SOC/2026/11: наибольший срок прикомандирования");
    await page.click('[data-testid="lang-switch"]');
  });

  it("lets HR change the rules: the longest service in all", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/tour-rules`, hr.email, PASSWORD);
    await page.locator('[data-testid="tour-rules-form"]').waitFor();
    await page.fill('input[name="cumulativeMonths"]', "0");
    await page.click('[data-testid="save-tour-rules"]');
    await page.locator('[data-error-for="cumulativeMonths"]').waitFor();
    await page.fill('input[name="cumulativeMonths"]', "96");
    await page.click('[data-testid="save-tour-rules"]');
    await page.locator('[data-testid="saved-notice"]').waitFor();
    expect(plain(await page.locator('[data-testid="tour-rules-version"]').textContent())).toContain("1");
  });
});
