import { MemberState } from "@tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

describe.skipIf(!chromiumAvailable && !mustRun)("the web in Chromium", () => {
  let site: Site;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    admin = (await userWith(["admin"])).email;
    viewer = (await userWith(["viewer"])).email;
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("signs in, shows the user's name, lists the member states in English and, after the switch, in Russian, and signs out", async () => {
    const page = await site.page();
    await page.goto(`${site.url}/states`);
    await page.waitForSelector('input[name="email"]');
    await signIn(page, `${site.url}/states`, viewer, PASSWORD);
    expect(await page.textContent('[data-testid="user-name"]')).toContain("Test viewer");

    await page.goto(`${site.url}/states`);
    const table = page.locator('[data-testid="states-table"]');
    await table.locator('tr[data-code="KZ"]').waitFor();
    expect(await table.locator("tr[data-code]").count()).toBe(28);
    expect(await table.locator('tr[data-code="KZ"]').textContent()).toContain("Kazakhstan");
    expect(await table.locator('tr[data-code="TR"]').textContent()).toContain("Türkiye");

    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.querySelector('tr[data-code="KZ"]')?.textContent?.includes("Казахстан"));
    expect(await table.locator('tr[data-code="KR"]').textContent()).toContain("Республика Корея");
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    await page.screenshot({ path: "test-results/states-ru.png", fullPage: true });

    await page.click('[data-testid="lang-switch"]');
    await page.click('[data-testid="sign-out"]');
    await page.waitForSelector('input[name="email"]');
    const me = await page.evaluate(async () => (await fetch("/api/auth/me")).status);
    expect(me).toBe(401);
    await page.context().close();
  });

  it("speaks the browser's language until the user chooses: Russian for ru-KZ, English for an unspoken one", async () => {
    const ru = await site.page("ru-KZ");
    await ru.goto(site.url);
    await ru.waitForSelector('input[name="email"]');
    await ru.waitForFunction(() => document.documentElement.lang === "ru");
    expect(await ru.textContent('[data-testid="sign-in"]')).toBe("Войти");
    // The user's own choice is kept over the browser's.
    await ru.click('[data-testid="lang-switch"]');
    await ru.waitForFunction(() => document.documentElement.lang === "en");
    await ru.reload();
    await ru.waitForSelector('input[name="email"]');
    expect(await ru.getAttribute("html", "lang")).toBe("en");
    await ru.context().close();

    const kk = await site.page("kk-KZ");
    await kk.goto(site.url);
    await kk.waitForSelector('input[name="email"]');
    expect(await kk.getAttribute("html", "lang")).toBe("en");
    await kk.context().close();
  });

  it("shows a state's contacts, and an admin's edit with a bad email shows the error next to the field", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/states/KZ`, admin, PASSWORD);
    await page.goto(`${site.url}/states/KZ`);
    await page.getByText("Kazakhstan").first().waitFor();
    await page.click('[data-testid="edit-state"]');
    await page.click('[data-testid="add-contact"]');
    await page.fill('input[name="contacts.0.name"]', "Aigerim Nurlanovna");
    await page.fill('input[name="contacts.0.email"]', "not-an-email");
    await page.click('[data-testid="save-state"]');
    const error = page.locator('[data-error-for="contacts.0.email"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/email/i);
    expect((await asSystem(() => MemberState.find("KZ")))!.contacts).toEqual([]);

    await page.fill('input[name="contacts.0.email"]', "focal@mfa.kz");
    await page.click('[data-testid="save-state"]');
    await page.locator('[data-testid="contacts-table"] tr[data-email="focal@mfa.kz"]').waitFor();
    expect((await asSystem(() => MemberState.find("KZ")))!.contacts).toEqual([{ name: "Aigerim Nurlanovna", email: "focal@mfa.kz", language: "en" }]);
    await page.locator('[data-testid="history-entry"][data-action="update"]').waitFor();
    await page.screenshot({ path: "test-results/state-kz.png", fullPage: true });
    await page.context().close();
  });

  it("shows hostile names as text, never as markup", async () => {
    const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> evil`;
    await asSystem(() => MemberState.create({ code: "XS", name: { en: hostile, ru: hostile }, status: "observer", contacts: [{ name: hostile, email: "x@example.org", language: "en" }] }));
    const page = await site.page();
    await signIn(page, `${site.url}/states/XS`, viewer, PASSWORD);
    await page.goto(`${site.url}/states/XS`);
    await page.locator('[data-testid="state-title"]').waitFor();
    expect(await page.locator('[data-testid="state-title"]').textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("img[src=x]").count()).toBe(0);
    await page.context().close();
  });
});
