/**
 * The HR pages in Chromium: the staff matrix, a post's effective-dated history
 * and renaming, secondments with extension and rotation alerts, vacancies with
 * recommendations and the fill, and the HR dashboard, in English and Russian;
 * what a viewer may not do. Dates are computed from today (UTC, as the server
 * counts them), so the test does not depend on a fixed clock.
 */
import { MemberState, Post, Secondment, Vacancy } from "@tracker/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

/** Text with every kind of space (no-break, narrow no-break) as a plain space. */
const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

async function textOf(page: Page, selector: string) {
  return plain(await page.locator(selector).first().textContent());
}

/** Waits until the element's text contains `part` (member-state names arrive with their own request). */
async function waitForText(page: Page, selector: string, part: string) {
  await page.waitForFunction(
    ([sel, want]) => (document.querySelector(sel!)?.textContent ?? "").replace(/\s+/g, " ").includes(want!),
    [selector, part],
  );
}

const TODAY = new Date().toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const longDate = (iso: string, locale = "en-GB") =>
  new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

const OLD_TITLE = { en: "Senior Officer (Economic Dimension)", ru: "Старший сотрудник (экономическое измерение)" };
const NEW_TITLE = { en: "Senior Officer (Economic and Environmental Dimension)", ru: "Старший сотрудник (экономическое и экологическое измерение)" };

describe.skipIf(!chromiumAvailable && !mustRun)("the HR pages in Chromium", () => {
  let site: Site;
  let hr: { email: string; cookie: string };
  let viewer: string;
  let officer: { id: string };
  let secondment: { id: string; endOn: string };
  let expert: { id: string };
  let vacancy: { id: string };
  let lateVacancy: { id: string };
  let endable: { id: string };
  const secondEnd = addDays(TODAY, 45);

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    hr = await userWith(["hr"]);
    viewer = (await userWith(["viewer"])).email;
    await asSystem(async () => {
      // A Senior Officer seconded by Kazakhstan, ending in 45 days: a rotation alert.
      officer = await Post.create({ number: "SO-01", title: OLD_TITLE, category: "senior_officer", grade: "S-1", unit: "Economic Dimension", funding: "secondment" });
      secondment = await Secondment.create({
        personName: "Aigerim Nurlanovna",
        sendingState: "KZ",
        postId: officer.id,
        startOn: addDays(TODAY, -320),
        endOn: secondEnd,
        decisionRef: "Note verbale 14/2025",
      });
      // Another Senior Officer from China, ending in 60 days: still an alert after the first is extended.
      const second = await Post.create({ number: "SO-02", title: { en: "Senior Officer (New Challenges and Threats)", ru: "Старший сотрудник (новые вызовы и угрозы)" }, category: "senior_officer", funding: "secondment" });
      await Secondment.create({ personName: "Li Wei", sendingState: "CN", postId: second.id, startOn: addDays(TODAY, -200), endOn: addDays(TODAY, 60) });
      // An Expert post with an open vacancy.
      expert = await Post.create({ number: "EX-01", title: { en: "Expert on Energy Security", ru: "Эксперт по энергетической безопасности" }, category: "expert", funding: "voluntary" });
      vacancy = await Vacancy.create({ postId: expert.id, basis: "competitive", publishedOn: addDays(TODAY, -30), deadline: addDays(TODAY, 30) });
      // An administrative post whose vacancy deadline has passed: recommendations now come late.
      const admin = await Post.create({ number: "AD-01", title: { en: "Protocol Assistant", ru: "Помощник по протоколу" }, category: "administrative", funding: "regular_budget" });
      lateVacancy = await Vacancy.create({ postId: admin.id, basis: "contractual", publishedOn: addDays(TODAY, -60), deadline: addDays(TODAY, -10) });
      // A Tajik expert seconded for two years, for the early end.
      const tj = await Post.create({ number: "EX-02", title: { en: "Expert on Counter-Terrorism", ru: "Эксперт по противодействию терроризму" }, category: "expert", funding: "secondment" });
      endable = await Secondment.create({ personName: "Firuz Rahimov", sendingState: "TJ", postId: tj.id, startOn: addDays(TODAY, -100), endOn: addDays(TODAY, 600) });
    });
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("extends a secondment, renames a post, fills a vacancy from a shortlisted recommendation, and shows the HR dashboard, in English and Russian", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/staff`, hr.email, PASSWORD);

    // The staff matrix: grouped by category, incumbents with their nationality as the state's name.
    const so = page.locator('[data-testid="staff-table"] tr[data-number="SO-01"]');
    await so.waitFor();
    expect(await so.getAttribute("data-status")).toBe("filled");
    await waitForText(page, '[data-testid="staff-table"] tr[data-number="SO-01"] [data-testid="incumbent"]', "Aigerim Nurlanovna · Kazakhstan");
    expect(plain(await so.textContent())).toContain("Secondment");
    expect(await page.getAttribute('[data-testid="staff-table"] tr[data-number="EX-01"]', "data-status")).toBe("vacant");
    expect(await page.locator('[data-testid="staff-table"] tbody[data-category="senior_officer"] tr[data-number]').count()).toBe(2);
    expect(await textOf(page, '[data-testid="staff-table"] tbody[data-category="senior_officer"] .group-row')).toBe("Senior Officers (2)");
    await page.locator('[data-testid="add-post"]').waitFor();
    expect(await page.getAttribute('[data-testid="staff-csv"]', "href")).toBe("/api/exports/posts?lang=en&format=csv");
    await page.screenshot({ path: "test-results/hr-staff-en.png", fullPage: true });

    // As of a date before the secondment started, the post was vacant.
    await page.fill('[data-testid="as-of"]', addDays(TODAY, -400));
    await page.waitForFunction(() => document.querySelector('[data-testid="staff-table"] tr[data-number="SO-01"]')?.getAttribute("data-status") === "vacant");
    expect(await page.getAttribute('[data-testid="staff-csv"]', "href")).toBe(`/api/exports/posts?asOf=${addDays(TODAY, -400)}&lang=en&format=csv`);
    await page.click('[data-testid="as-of-today"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="staff-table"] tr[data-number="SO-01"]')?.getAttribute("data-status") === "filled");

    // Secondments: those ending within 90 days are highlighted.
    await page.click('[data-testid="nav-secondments"]');
    const row = page.locator(`[data-testid="secondments-table"] tr[data-id="${secondment.id}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-ending-soon")).toBe("true");
    expect(await page.getAttribute(`[data-testid="secondments-table"] tr[data-id="${endable.id}"]`, "data-ending-soon")).toBeNull();
    expect(await page.locator('[data-testid="secondments-table"] tr[data-ending-soon="true"]').count()).toBe(2);
    await page.screenshot({ path: "test-results/hr-secondments-en.png", fullPage: true });

    // Extend it: a date before the current end is refused next to the field, then the new end shows.
    await row.locator('[data-testid="open-secondment"]').click();
    await page.locator('[data-testid="secondment-page"]').waitFor();
    expect(await textOf(page, '[data-testid="secondment-end"]')).toBe(longDate(secondEnd));
    await page.locator('[data-testid="rotation-notice"]').waitFor();
    await page.click('[data-testid="extend-secondment"]');
    await page.fill('input[name="endOn"]', addDays(TODAY, 10));
    await page.click('[data-testid="save-extend"]');
    const endError = page.locator('[data-error-for="endOn"]');
    await endError.waitFor();
    expect(plain(await endError.textContent())).toBe(`An extension must end after the current end, ${longDate(secondEnd)}.`);
    const newEnd = addDays(TODAY, 400);
    await page.fill('input[name="endOn"]', newEnd);
    await page.fill('input[name="decisionRef"]', "SOC/2026/07");
    await page.click('[data-testid="save-extend"]');
    await page.waitForFunction((d) => document.querySelector('[data-testid="secondment-end"]')?.getAttribute("data-date") === d, newEnd);
    expect(await textOf(page, '[data-testid="secondment-end"]')).toBe(longDate(newEnd));
    expect(await page.locator('[data-testid="extension-row"]').count()).toBe(1);
    const extension = plain(await page.locator('[data-testid="extension-row"]').textContent());
    expect(extension).toContain(longDate(secondEnd));
    expect(extension).toContain(longDate(newEnd));
    expect(extension).toContain("SOC/2026/07");
    expect(await page.locator('[data-testid="rotation-notice"]').count()).toBe(0);
    await page.locator('[data-testid="history-entry"][data-action="extend"]').waitFor();
    await page.screenshot({ path: "test-results/hr-secondment-en.png", fullPage: true });
    const stored = await call("GET", `/api/secondments/${secondment.id}`, { cookie: hr.cookie });
    expect(stored.json).toMatchObject({ endOn: newEnd, originalEndOn: secondEnd, extensions: [{ endOn: newEnd, previousEndOn: secondEnd, decisionRef: "SOC/2026/07" }] });

    // Rename the post from a date, with the decision: the history keeps the old title and shows the new one.
    await page.click('[data-testid="detail-post"] a');
    await page.locator('[data-testid="post-page"]').waitFor();
    expect(await textOf(page, '[data-testid="post-page-title"]')).toBe(OLD_TITLE.en);
    await page.click('[data-testid="rename-post"]');
    await page.fill('input[name="title.en"]', NEW_TITLE.en);
    await page.fill('input[name="title.ru"]', NEW_TITLE.ru);
    const effective = addDays(TODAY, -1);
    await page.fill('input[name="effectiveOn"]', effective);
    await page.fill('input[name="decisionRef"]', "SOC/2026/03");
    await page.click('[data-testid="save-rename"]');
    await page.locator('[data-testid="saved-notice"]').waitFor();
    expect(await textOf(page, '[data-testid="post-page-title"]')).toBe(NEW_TITLE.en);
    const titles = page.locator('[data-testid="post-history"] [data-testid="title-entry"]');
    expect(await titles.count()).toBe(2);
    expect(await titles.nth(0).locator('[data-testid="title-text"]').textContent()).toBe(OLD_TITLE.en);
    expect(await titles.nth(1).locator('[data-testid="title-text"]').textContent()).toBe(NEW_TITLE.en);
    expect(plain(await titles.nth(1).textContent())).toContain(longDate(effective));
    expect(await titles.nth(1).locator('[data-testid="decision-ref"]').textContent()).toBe("SOC/2026/03");
    expect(await titles.nth(1).getAttribute("data-current")).toBe("true");
    expect(await titles.nth(0).getAttribute("data-current")).toBeNull();
    await page.locator('[data-testid="history-entry"][data-action="rename"]').waitFor();
    await page.screenshot({ path: "test-results/hr-post-en.png", fullPage: true });

    // A late recommendation needs the "late" box: without it the date is refused, with it the row is badged late.
    await page.goto(`${site.url}/vacancies/${lateVacancy.id}`);
    await page.click('[data-testid="add-recommendation"]');
    await page.locator('select[name="stateCode"] option[value="TR"]').waitFor({ state: "attached" });
    await page.selectOption('select[name="stateCode"]', "TR");
    await page.fill('input[name="candidateName"]', "Elif Yilmaz");
    await page.fill('input[name="receivedOn"]', TODAY);
    await page.locator('[data-testid="late-choice"]').waitFor();
    await page.click('[data-testid="save-recommendation"]');
    await page.locator('[data-error-for="receivedOn"]').waitFor();
    await page.screenshot({ path: "test-results/hr-recommend-late-en.png", fullPage: true });
    expect(await textOf(page, '[data-error-for="receivedOn"]')).toContain("Received after the deadline");
    await page.check('[data-testid="late-checkbox"]');
    await page.click('[data-testid="save-recommendation"]');
    await page.locator('[data-testid="recommendations-table"] tr[data-state="TR"] [data-testid="late-badge"]').waitFor();

    // The open vacancy: a recommendation from Mongolia, shortlisted, then the fill.
    await page.goto(`${site.url}/vacancies`);
    await page.locator(`[data-testid="vacancies-table"] tr[data-id="${vacancy.id}"]`).click();
    await page.locator('[data-testid="vacancy-page"]').waitFor();
    expect(await page.locator('[data-testid="fill-vacancy"]').count()).toBe(0);
    await page.click('[data-testid="add-recommendation"]');
    await page.locator('select[name="stateCode"] option[value="MN"]').waitFor({ state: "attached" });
    await page.selectOption('select[name="stateCode"]', "MN");
    await page.fill('input[name="candidateName"]', "Bat-Erdene Dorj");
    expect(await page.inputValue('input[name="receivedOn"]')).toBe(TODAY);
    expect(await page.locator('[data-testid="late-choice"]').count()).toBe(0);
    await page.click('[data-testid="save-recommendation"]');
    const rec = page.locator('[data-testid="recommendations-table"] tr[data-state="MN"]');
    await rec.waitFor();
    expect(await rec.getAttribute("data-status")).toBe("received");
    await waitForText(page, '[data-testid="recommendations-table"] tr[data-state="MN"]', "Mongolia");
    expect(await rec.locator('[data-testid="late-badge"]').count()).toBe(0);
    await rec.locator('[data-testid="shortlist"]').click();
    await page.locator('[data-testid="recommendations-table"] tr[data-state="MN"][data-status="shortlisted"]').waitFor();
    await page.screenshot({ path: "test-results/hr-vacancy-shortlisted-en.png", fullPage: true });
    await page.click('[data-testid="fill-vacancy"]');
    await page.locator('[data-testid="fill-form"]').waitFor();
    expect(await page.inputValue('select[name="recommendationId"]')).not.toBe("");
    await page.fill('input[name="startOn"]', TODAY);
    await page.click('[data-testid="save-fill"]');
    await page.click('[data-testid="fill-confirm"] [data-testid="confirm-fill"]');
    await page.locator('[data-testid="vacancy-page"][data-status="filled"]').waitFor();
    await page.locator('[data-testid="filled-info"]').waitFor();
    await page.locator('[data-testid="recommendations-table"] tr[data-state="MN"][data-status="selected"]').waitFor();
    await page.locator('[data-testid="filled-info"] [data-testid="post-status"][data-status="filled"]').waitFor();
    await page.locator('[data-testid="history-entry"][data-action="fill"]').waitFor();
    await page.screenshot({ path: "test-results/hr-vacancy-en.png", fullPage: true });

    // The post shows as filled in the staff matrix.
    await page.click('[data-testid="nav-staff"]');
    // The cached matrix may show for a moment; the write made it stale, and the fresh answer says filled.
    await page.locator('[data-testid="staff-table"] tr[data-number="EX-01"][data-status="filled"]').waitFor();
    await waitForText(page, '[data-testid="staff-table"] tr[data-number="EX-01"] [data-testid="incumbent"]', "Bat-Erdene Dorj · Mongolia");
    expect(await textOf(page, '[data-testid="staff-table"] tr[data-number="SO-01"] [data-testid="post-title"]')).toBe(NEW_TITLE.en);

    // The HR dashboard, from the navigation: 1 of 5 open posts vacant; 24 member states without a national on staff.
    await page.click('[data-testid="nav-staff/report"]');
    await page.locator('[data-testid="hr-dashboard"]').waitFor();
    expect(await page.getAttribute('[data-testid="nav-staff/report"]', "aria-current")).toBe("page");
    expect(await page.getAttribute('[data-testid="nav-staff"]', "aria-current")).toBeNull();
    expect(await textOf(page, '[data-testid="vacancy-rate-value"]')).toBe("20.0%");
    const without = page.locator('[data-testid="states-without-nationals"] li[data-code]');
    expect(await without.count()).toBe(24);
    for (const code of ["KZ", "CN", "MN", "TJ"]) expect(await page.locator(`[data-testid="states-without-nationals"] li[data-code="${code}"]`).count()).toBe(0);
    expect(plain(await page.locator('[data-testid="states-without-nationals"] li[data-code="IN"]').textContent())).toBe("India");
    const alerts = page.locator('[data-testid="rotation-alerts"] tr[data-id]');
    expect(await alerts.count()).toBe(1);
    expect(plain(await alerts.first().textContent())).toContain("Li Wei");
    const kz = (await page.locator('[data-testid="secondments-by-state"] tr[data-code="KZ"] td').allTextContents()).map(plain);
    expect(kz.slice(0, 3)).toEqual(["Kazakhstan", "1", "1"]);
    expect(kz[3]).toMatch(/^\d+\.\d$/);
    await page.screenshot({ path: "test-results/hr-dashboard-en.png", fullPage: true });

    // In Russian.
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="hr-dashboard"] h1')?.textContent?.includes("Кадровая сводка"));
    expect(await textOf(page, '[data-testid="vacancy-rate"] .card-label')).toBe("Доля вакантных должностей");
    expect(await textOf(page, '[data-testid="vacancy-rate-value"]')).toBe("20,0 %");
    expect(await textOf(page, '[data-testid="states-without-nationals"] h2')).toBe("Государства-члены, граждан которых нет среди сотрудников (24)");
    expect(plain(await page.locator('[data-testid="states-without-nationals"] li[data-code="IN"]').textContent())).toBe("Индия");
    expect(await textOf(page, '[data-testid="nav-staff"]')).toBe("Штатное расписание");
    await page.screenshot({ path: "test-results/hr-dashboard-ru.png", fullPage: true });

    await page.click('[data-testid="nav-staff"]');
    await page.locator('[data-testid="staff-table"] tr[data-number="SO-01"]').waitFor();
    expect(await textOf(page, '[data-testid="staff-page"] h1')).toBe("Штатное расписание");
    expect(await textOf(page, '[data-testid="staff-table"] tbody[data-category="senior_officer"] .group-row')).toBe("Старшие сотрудники (2)");
    expect(await textOf(page, '[data-testid="staff-table"] tr[data-number="SO-01"] [data-testid="post-status"]')).toBe("Занята");
    expect(await textOf(page, '[data-testid="staff-table"] tr[data-number="SO-01"] [data-testid="post-title"]')).toBe(NEW_TITLE.ru);
    await waitForText(page, '[data-testid="staff-table"] tr[data-number="SO-01"] [data-testid="incumbent"]', "Казахстан");
    expect(await textOf(page, '[data-testid="add-post"]')).toBe("Добавить должность");
    await page.screenshot({ path: "test-results/hr-staff-ru.png", fullPage: true });

    await page.goto(`${site.url}/staff/${officer.id}`);
    await page.locator('[data-testid="post-history"]').waitFor();
    expect(await textOf(page, '[data-testid="rename-post"]')).toBe("Переименовать");
    expect(await textOf(page, "#post-history-title")).toBe("История наименований и статусов");
    expect(await page.locator('[data-testid="title-entry"] [data-testid="title-text"]').allTextContents()).toEqual([OLD_TITLE.ru, NEW_TITLE.ru]);
    expect(plain(await page.locator('[data-testid="title-entry"]').nth(1).textContent())).toContain(longDate(effective, "ru-RU"));
    await page.click('[data-testid="rename-post"]');
    expect(await textOf(page, 'label:has(+ input[name="decisionRef"])')).toBe("Решение");
    expect(plain(await page.locator('[data-testid="rename-form"]').textContent())).toContain("Решение КСДЛ или приказ");
    await page.screenshot({ path: "test-results/hr-post-ru.png", fullPage: true });

    await page.goto(`${site.url}/secondments/${secondment.id}`);
    await page.locator('[data-testid="secondment-end"]').waitFor();
    expect(await textOf(page, '[data-testid="secondment-end"]')).toBe(longDate(newEnd, "ru-RU"));
    expect(await textOf(page, '[data-testid="extend-secondment"]')).toBe("Продлить");
    expect(await textOf(page, "#extensions-title")).toBe("Продления");
    await page.screenshot({ path: "test-results/hr-secondment-ru.png", fullPage: true });

    await page.goto(`${site.url}/vacancies/${vacancy.id}`);
    await page.locator('[data-testid="filled-info"]').waitFor();
    expect(await textOf(page, "#recommendations-title")).toContain("Рекомендации кандидатов");
    expect(await textOf(page, '[data-testid="vacancy-status"]')).toBe("Заполнена");
    await waitForText(page, '[data-testid="recommendations-table"] tr[data-state="MN"]', "Монголия");
    await page.screenshot({ path: "test-results/hr-vacancy-ru.png", fullPage: true });

    await page.goto(`${site.url}/secondments`);
    await page.locator('[data-testid="secondments-table"] tr[data-id]').first().waitFor();
    expect(await textOf(page, '[data-testid="secondments-page"] h1')).toBe("Прикомандирование");
    await page.screenshot({ path: "test-results/hr-secondments-ru.png", fullPage: true });
    await page.click('[data-testid="lang-switch"]');
    await page.context().close();
  });

  it("refuses a secondment over an occupied post with a clear notice, and ends a secondment early", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/secondments`, hr.email, PASSWORD);
    await page.click('[data-testid="add-secondment"]');
    await page.locator('select[name="postId"] option[value="' + officer.id + '"]').waitFor({ state: "attached" });
    await page.fill('input[name="personName"]', "Nurlan Abenov");
    await page.locator('select[name="sendingState"] option[value="KZ"]').waitFor({ state: "attached" });
    await page.selectOption('select[name="sendingState"]', "KZ");
    await page.selectOption('select[name="postId"]', officer.id);
    await page.fill('input[name="startOn"]', addDays(TODAY, 100));
    await page.fill('input[name="endOn"]', addDays(TODAY, 800));
    await page.click('[data-testid="save-secondment"]');
    const occupied = page.locator('[data-testid="post-occupied"]');
    await occupied.waitFor();
    expect(plain(await occupied.textContent())).toContain("The post is occupied for these dates");
    expect(plain(await occupied.textContent())).toContain("Aigerim Nurlanovna");
    expect(await page.locator('[data-error-for="postId"]').count()).toBe(1);
    await page.screenshot({ path: "test-results/hr-secondment-occupied-en.png", fullPage: true });
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="post-occupied"]')?.textContent?.includes("Должность на эти даты занята"));
    expect(plain(await occupied.textContent())).toContain("Должность SO-01 на эти даты уже занята: Aigerim Nurlanovna, прикомандирование");
    await page.screenshot({ path: "test-results/hr-secondment-occupied-ru.png", fullPage: true });
    await page.click('[data-testid="lang-switch"]');

    // Starting after the extended end is accepted.
    await page.fill('input[name="startOn"]', addDays(TODAY, 401));
    await page.click('[data-testid="save-secondment"]');
    await page.locator('[data-testid="secondment-page"]').waitFor();
    await page.locator('[data-testid="saved-notice"]').waitFor();

    // End the Tajik secondment early.
    await page.goto(`${site.url}/secondments/${endable.id}`);
    await page.click('[data-testid="end-secondment"]');
    await page.fill('input[name="endedOn"]', TODAY);
    await page.click('[data-testid="save-end"]');
    await page.locator('[data-error-for="reason"]').waitFor();
    await page.fill('input[name="reason"]', "Recalled by the sending state");
    await page.click('[data-testid="save-end"]');
    await page.locator('[data-testid="secondment-ended-on"]').waitFor();
    expect(await textOf(page, '[data-testid="secondment-ended-on"]')).toBe(longDate(TODAY));
    expect(await page.locator('[data-testid="extend-secondment"]').count()).toBe(0);
    await page.locator('[data-testid="history-entry"][data-action="end"]').waitFor();
    await page.screenshot({ path: "test-results/hr-secondment-ended-en.png", fullPage: true });

    // Add a post from the staff matrix, then announce a vacancy for it from its page.
    await page.goto(`${site.url}/staff`);
    await page.click('[data-testid="add-post"]');
    await page.fill('input[name="number"]', "ad-02");
    await page.selectOption('select[name="category"]', "administrative");
    await page.fill('input[name="title.en"]', "Finance Assistant");
    await page.click('[data-testid="save-post"]');
    await page.locator('[data-error-for="title.ru"]').waitFor();
    await page.fill('input[name="title.ru"]', "Помощник по финансам");
    await page.selectOption('select[name="funding"]', "regular_budget");
    await page.screenshot({ path: "test-results/hr-post-form-en.png", fullPage: true });
    await page.click('[data-testid="save-post"]');
    await page.locator('[data-testid="post-page"][data-status="vacant"]').waitFor();
    expect(await textOf(page, ".code--title")).toBe("AD-02");
    await page.click('[data-testid="announce-vacancy"]');
    await page.locator('[data-testid="vacancy-form"]').waitFor();
    await waitForText(page, 'select[name="postId"] option:checked', "AD-02");
    await page.fill('input[name="deadline"]', addDays(TODAY, 20));
    await page.screenshot({ path: "test-results/hr-vacancy-form-en.png", fullPage: true });
    await page.click('[data-testid="save-vacancy"]');
    await page.locator('[data-testid="vacancy-page"][data-status="open"]').waitFor();
    expect(await textOf(page, '[data-testid="vacancy-title"]')).toBe("Finance Assistant");
    await page.context().close();
  });

  it("shows a viewer the HR pages without Rename, Extend, Add or Fill, and without the audit trail", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/staff`, viewer, PASSWORD);
    await page.locator('[data-testid="staff-table"] tr[data-number="SO-01"]').waitFor();
    expect(await page.locator('[data-testid="add-post"]').count()).toBe(0);
    await page.goto(`${site.url}/staff/${officer.id}`);
    await page.locator('[data-testid="post-history"] [data-testid="title-entry"]').first().waitFor();
    expect(await page.locator('[data-testid="rename-post"]').count()).toBe(0);
    expect(await page.locator('[data-testid="edit-post"]').count()).toBe(0);
    expect(await page.locator('[data-testid="history"]').count()).toBe(0);
    await page.goto(`${site.url}/secondments`);
    await page.locator('[data-testid="secondments-table"] tr[data-id]').first().waitFor();
    expect(await page.locator('[data-testid="add-secondment"]').count()).toBe(0);
    await page.goto(`${site.url}/secondments/${secondment.id}`);
    await page.locator('[data-testid="secondment-end"]').waitFor();
    expect(await page.locator('[data-testid="extend-secondment"]').count()).toBe(0);
    expect(await page.locator('[data-testid="end-secondment"]').count()).toBe(0);
    expect(await page.locator('[data-testid="history"]').count()).toBe(0);
    await page.goto(`${site.url}/vacancies`);
    await page.locator(`[data-testid="vacancies-table"] tr[data-id="${lateVacancy.id}"]`).waitFor();
    expect(await page.locator('[data-testid="add-vacancy"]').count()).toBe(0);
    await page.goto(`${site.url}/vacancies/${lateVacancy.id}`);
    await page.locator('[data-testid="recommendations-table"] tr[data-state="TR"]').waitFor();
    expect(await page.locator('[data-testid="add-recommendation"]').count()).toBe(0);
    expect(await page.locator('[data-testid="shortlist"]').count()).toBe(0);
    expect(await page.locator('[data-testid="fill-vacancy"]').count()).toBe(0);
    await page.goto(`${site.url}/staff/report`);
    await page.locator('[data-testid="vacancy-rate"]').waitFor();
    await page.context().close();
  });
});
