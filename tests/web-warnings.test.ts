/**
 * Warnings before mistakes in Chromium: the warning of a likely duplicate contribution, with a
 * link to the record it repeats and "Record anyway"; the fill of a vacancy asked first, naming the
 * candidate; every confirmation opening with focus on "Cancel" and closed by Escape.
 */
import { Contribution, MemberState } from "@tracker/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid"));

describe.skipIf(!chromiumAvailable && !mustRun)("warnings before mistakes in Chromium", () => {
  let site: Site;
  let staff: { email: string; cookie: string };
  let first: Contribution.Info;

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    // 2,301,250.00 KZT at 460.25 = 5,000.00 USD
    first = await asSystem(() =>
      Contribution.create({
        stateCode: "KZ",
        kind: "cash",
        status: "received",
        amount: "2301250.00",
        currency: "KZT",
        exchangeRate: "460.25",
        date: "2021-09-14",
        purpose: "regular_budget",
        reference: "MFA KZ 2021/88",
      }),
    );
    staff = await userWith(["finance", "hr"]);
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  const kz2021 = async () =>
    ((await call("GET", "/api/contributions?year=2021&state=KZ", { cookie: staff.cookie })).json.items as Array<{ id: string; amountUsd: string }>).map((c) => c.amountUsd);

  it("warns of a likely duplicate contribution, links to it, cancels with Escape, and records anyway", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/contributions/new`, staff.email, PASSWORD);
    await page.locator('[data-testid="contribution-form"]').waitFor();
    await page.selectOption('select[name="stateCode"]', "KZ");
    await page.selectOption('select[name="kind"]', "cash");
    await page.selectOption('select[name="status"]', "received");
    await page.fill('input[name="amount"]', "2301250.00");
    await page.selectOption('select[name="currency"]', "KZT");
    await page.locator('input[name="exchangeRate"]').waitFor();
    await page.fill('input[name="exchangeRate"]', "460.25");
    await page.fill('input[name="date"]', "2021-09-14");
    await page.selectOption('select[name="purpose"]', "regular_budget");
    await page.fill('input[name="reference"]', "MFA KZ 2021/88");
    await page.click('[data-testid="save-contribution"]');

    const warning = page.locator('[data-testid="duplicate-warning"]');
    await warning.waitFor();
    expect(await warning.getAttribute("role")).toBe("alertdialog");
    expect(plain(await warning.textContent())).toContain(`${first.number} of 14 September 2021 has the same state, value date, amount, currency and reference.`);
    expect(await warning.locator('[data-testid="duplicate-link"]').getAttribute("href")).toBe(`/contributions/${first.id}`);
    expect(await focused(page)).toBe("cancel-duplicate");
    expect(await page.locator('[data-testid="form-error"]').count()).toBe(0);
    await page.screenshot({ path: "test-results/warnings-duplicate.png", fullPage: true });

    // Escape cancels: the warning goes, the form stays as typed, nothing is recorded.
    await page.keyboard.press("Escape");
    await warning.waitFor({ state: "detached" });
    expect(await page.inputValue('input[name="reference"]')).toBe("MFA KZ 2021/88");
    expect(await kz2021()).toEqual(["5000.00"]);

    // Asked again; "Record anyway" records it.
    await page.click('[data-testid="save-contribution"]');
    await warning.waitFor();
    await warning.locator('[data-testid="record-anyway"]').click();
    await page.locator('[data-testid="contribution-page"]').waitFor();
    expect(plain(await page.locator('[data-testid="detail-usd"]').textContent())).toBe("5,000.00 USD");
    expect(await kz2021()).toEqual(["5000.00", "5000.00"]);
    await page.context().close();
  });

  it("asks before filling a vacancy, naming the candidate, with focus on Cancel; Escape cancels; the fill closes the others as not selected", async () => {
    const post = await call("POST", "/api/posts", { cookie: staff.cookie, body: { number: "WW-01", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "regular_budget" } });
    expect(post.status).toBe(201);
    const vacancy = (await call("POST", "/api/vacancies", { cookie: staff.cookie, body: { postId: post.json.id, basis: "competitive", publishedOn: "2026-01-10", deadline: "2026-02-15" } })).json;
    const path = `/api/vacancies/${vacancy.id}/recommendations`;
    const dana = (await call("POST", path, { cookie: staff.cookie, body: { stateCode: "KZ", candidateName: "Dana Akhmetova", receivedOn: "2026-02-01" } })).json;
    const li = (await call("POST", path, { cookie: staff.cookie, body: { stateCode: "CN", candidateName: "Li Wei", receivedOn: "2026-02-02" } })).json;
    expect((await call("PATCH", `${path}/${dana.id}`, { cookie: staff.cookie, body: { status: "shortlisted" } })).status).toBe(200);

    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/vacancies/${vacancy.id}`, staff.email, PASSWORD);

    // A recommendation of the same candidate by the same state: warned, then recorded anyway.
    await page.click('[data-testid="add-recommendation"]');
    await page.locator('[data-testid="recommendation-form"]').waitFor();
    await page.selectOption('select[name="stateCode"]', "KZ");
    await page.fill('input[name="candidateName"]', "dana  akhmetova");
    await page.fill('input[name="receivedOn"]', "2026-02-03");
    await page.click('[data-testid="save-recommendation"]');
    const duplicate = page.locator('[data-testid="duplicate-warning"]');
    await duplicate.waitFor();
    expect(plain(await duplicate.textContent())).toContain("Kazakhstan already recommended Dana Akhmetova for this vacancy (received 1 February 2026).");
    expect(await focused(page)).toBe("cancel-duplicate");
    await page.keyboard.press("Escape");
    await duplicate.waitFor({ state: "detached" });
    expect((await call("GET", `/api/vacancies/${vacancy.id}`, { cookie: staff.cookie })).json.recommendations).toHaveLength(2);
    await page.click('[data-testid="save-recommendation"]');
    await duplicate.locator('[data-testid="record-anyway"]').click();
    await page.locator('[data-testid="recommendations-table"] tr[data-state="KZ"]').nth(1).waitFor();

    await page.click('[data-testid="fill-vacancy"]');
    await page.locator('[data-testid="fill-form"]').waitFor();
    await page.selectOption('select[name="recommendationId"]', dana.id);
    await page.click('[data-testid="save-fill"]');
    const confirm = page.locator('[data-testid="fill-confirm"]');
    await confirm.waitFor();
    expect(plain(await confirm.textContent())).toContain("Fill the vacancy with Dana Akhmetova (Kazakhstan)?");
    // Li Wei and the second recommendation of Dana Akhmetova are still received.
    expect(plain(await confirm.textContent())).toContain("The 2 other candidates still under consideration will be marked not selected.");
    expect(await focused(page)).toBe("cancel-fill");
    await page.screenshot({ path: "test-results/warnings-fill.png", fullPage: true });
    await page.keyboard.press("Escape");
    await confirm.waitFor({ state: "detached" });
    expect((await call("GET", `/api/vacancies/${vacancy.id}`, { cookie: staff.cookie })).json).toMatchObject({ status: "open", version: 1 });

    await page.click('[data-testid="save-fill"]');
    await confirm.locator('[data-testid="confirm-fill"]').click();
    await page.locator('[data-testid="vacancy-page"][data-status="filled"]').waitFor();
    await page.locator(`[data-testid="recommendations-table"] tr[data-id="${dana.id}"][data-status="selected"]`).waitFor();
    await page.locator(`[data-testid="recommendations-table"] tr[data-id="${li.id}"][data-status="not_selected"]`).waitFor();
    const statuses = (await call("GET", `/api/vacancies/${vacancy.id}`, { cookie: staff.cookie })).json.recommendations.map((r: { status: string }) => r.status).sort();
    expect(statuses).toEqual(["not_selected", "not_selected", "selected"]);
    await page.context().close();
  });
});
