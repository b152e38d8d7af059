/**
 * The organisation's profile and the states' formal names in Chromium: an admin edits the city and
 * the reference format, and the API and a statement preview then use them; a viewer has no such page;
 * a stale version is refused (in Russian). An admin edits a state's Russian dative formal name and a
 * contact's addressee, and saving the state again for another field keeps both.
 */
import { MemberState } from "@tracker/core";
import { Bounce } from "@tracker/core/bounce/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

describe.skipIf(!chromiumAvailable && !mustRun)("the organisation and formal names in the web", () => {
  let site: Site;
  let admin: { email: string; cookie: string };
  let viewer: { email: string; cookie: string };

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    admin = await userWith(["admin"]);
    viewer = await userWith(["viewer"]);
    const kr = await call("GET", "/api/states/KR", { cookie: admin.cookie });
    const put = await call("PUT", "/api/states/KR", {
      cookie: admin.cookie,
      body: {
        ...kr.json,
        contacts: [
          { name: "Focal point", email: "kr.focal@example.org", language: "ru" },
          { name: "Old desk", email: "kr.old@example.org", language: "en" },
        ],
      },
    });
    expect(put.status).toBe(200);
    // SES reported the second address undeliverable: a mark the server keeps, never sent by the form.
    expect(await Bounce.record({ reason: "bounce", addresses: ["kr.old@example.org"], at: "2026-11-30T10:00:00.000Z" })).toEqual([
      { state: "KR", email: "kr.old@example.org" },
    ]);
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("an admin edits the city and the reference format; the API and a statement preview use them", async () => {
    const page = await site.page();
    await signIn(page, site.url, admin.email, PASSWORD);
    await page.click('[data-testid="nav-organisation"]');
    await page.waitForSelector('[data-testid="organisation-form"]');
    expect(await page.inputValue('input[name="referenceFormat"]')).toBe("SEC/FIN/{period}/{state}");
    await page.fill('input[name="city.en"]', "Almaty");
    await page.fill('input[name="referenceFormat"]', "CICA/{year}/{period}");
    await page.click('[data-testid="save-organisation"]');
    // The format must name the state: the field says so, nothing is stored.
    await page.waitForSelector('[data-testid="form-error"]');
    expect(await page.locator('[name="referenceFormat"][aria-invalid="true"]').count()).toBe(1);
    expect((await call("GET", "/api/organisation", { cookie: admin.cookie })).json.version).toBe(0);

    await page.fill('input[name="referenceFormat"]', "CICA/{year}/{period}/{state}");
    await page.click('[data-testid="save-organisation"]');
    expect(await page.textContent('[data-testid="saved-notice"]')).toBe("The organisation's profile was saved.");
    const profile = (await call("GET", "/api/organisation", { cookie: viewer.cookie })).json;
    expect(profile.city.en).toBe("Almaty");
    expect(profile.referenceFormat).toBe("CICA/{year}/{period}/{state}");
    expect(profile.version).toBe(1);
    expect(profile.updatedBy).toContain(admin.email);

    const preview = await call("GET", "/api/summaries/preview?state=KR&period=2022-Q4&lang=en", { cookie: admin.cookie });
    expect(preview.status).toBe(200);
    expect(preview.json.reference).toBe("CICA/2022/2022-Q4/KR");
    expect(preview.json.text).toContain("Almaty");
    // The header and footer take the organisation's names from the profile, not from the code.
    await page.waitForFunction(() => document.querySelector(".app-footer")?.textContent?.includes("Almaty"));
    expect(await page.textContent(".app-footer")).toBe(`${profile.name.en} · Almaty`);
    expect(await page.textContent(".brand-name")).toBe(`${profile.abbreviation.en} Secretariat tracker`);
    await page.context().close();
  });

  it("a viewer has no Organisation page", async () => {
    const page = await site.page();
    await signIn(page, site.url, viewer.email, PASSWORD);
    expect(await page.locator('[data-testid="nav-organisation"]').count()).toBe(0);
    expect(await page.locator('[data-testid="nav-states"]').count()).toBe(1);
    await page.goto(`${site.url}/organisation`);
    await page.waitForSelector('[data-testid="forbidden"]');
    expect(await page.locator('[data-testid="organisation-form"]').count()).toBe(0);
    await page.context().close();
  });

  it("in Russian: the page reads in Russian and a profile changed meanwhile is refused, nothing overwritten", async () => {
    const page = await site.page();
    await signIn(page, site.url, admin.email, PASSWORD);
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === "ru");
    await page.goto(`${site.url}/organisation`);
    await page.waitForSelector('[data-testid="organisation-form"]');
    expect(await page.textContent('[data-testid="organisation-form"]')).toContain("Город по-русски");
    expect(await page.textContent("h1")).toBe("Организация");

    // Someone else saves meanwhile.
    const read = (await call("GET", "/api/organisation", { cookie: admin.cookie })).json;
    const { createdAt: _a, createdBy: _b, updatedAt: _c, updatedBy: _d, ...fields } = read;
    expect((await call("PUT", "/api/organisation", { cookie: admin.cookie, body: { ...fields, city: { en: "Astana", ru: "г. Астана" } } })).status).toBe(200);

    await page.fill('input[name="city.ru"]', "г. Алматы");
    await page.click('[data-testid="save-organisation"]');
    await page.waitForSelector('[data-testid="form-error"]');
    // It names who changed it, and when: the time as Russian writes it ("1 дек. 2026 г., 14:48"), not the API's English.
    const at: string = (await call("GET", "/api/audit/changes?entity=organisation&limit=1", { cookie: admin.cookie })).json.items[0].at;
    const when = await page.evaluate((iso) => new Intl.DateTimeFormat("ru-RU", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)), at);
    expect(when).toMatch(/^\d{1,2} [а-я]+\.? \d{4} г\., \d{2}:\d{2}$/);
    expect(await page.textContent('[data-testid="form-error"]')).toContain(`Профиль организации изменил Test admin (${when}), теперь версия 2;`);
    expect((await call("GET", "/api/organisation", { cookie: admin.cookie })).json.city).toEqual({ en: "Astana", ru: "г. Астана" });

    await page.click('[data-testid="reload"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="organisation-version"]')?.textContent?.includes("2"));
    expect(await page.inputValue('input[name="city.ru"]')).toBe("г. Астана");
    await page.fill('input[name="city.ru"]', "г. Алматы");
    await page.click('[data-testid="save-organisation"]');
    expect(await page.textContent('[data-testid="saved-notice"]')).toBe("Профиль организации сохранён.");
    expect((await call("GET", "/api/organisation", { cookie: admin.cookie })).json.city).toEqual({ en: "Astana", ru: "г. Алматы" });
    await page.context().close();
  });

  it("an admin edits a formal name and an addressee; saving another field later keeps both", async () => {
    const before = (await call("GET", "/api/states/KR", { cookie: admin.cookie })).json.version;
    const page = await site.page();
    await signIn(page, site.url, admin.email, PASSWORD);
    await page.goto(`${site.url}/states/KR`);
    await page.click('[data-testid="edit-state"]');
    await page.waitForSelector('[data-testid="state-form"]');
    await page.fill('input[name="formalName.en"]', "the Republic of Korea");
    await page.fill('input[name="formalName.ru"]', "Республика Корея");
    await page.fill('input[name="formalName.ruGenitive"]', "Республики Корея");
    await page.fill('input[name="formalName.ruDative"]', "Республике Корея (Сеул)");
    await page.fill('input[name="contacts.0.addressee"]', "Министерству иностранных дел Республики Корея");
    await page.click('[data-testid="save-state"]');
    await page.waitForSelector('[data-testid="state-form"]', { state: "detached" });
    let kr = (await call("GET", "/api/states/KR", { cookie: admin.cookie })).json;
    expect(kr.formalName).toEqual({ en: "the Republic of Korea", ru: "Республика Корея", ruGenitive: "Республики Корея", ruDative: "Республике Корея (Сеул)" });
    const old = { name: "Old desk", email: "kr.old@example.org", language: "en", undeliverable: { reason: "bounce", at: "2026-11-30T10:00:00.000Z" } };
    expect(kr.contacts).toEqual([
      { name: "Focal point", email: "kr.focal@example.org", language: "ru", addressee: "Министерству иностранных дел Республики Корея" },
      old,
    ]);

    await page.click('[data-testid="edit-state"]');
    await page.waitForSelector('[data-testid="state-form"]');
    expect(await page.inputValue('input[name="formalName.ruDative"]')).toBe("Республике Корея (Сеул)");
    await page.fill('input[name="name.en"]', "Korea, Republic of");
    await page.click('[data-testid="save-state"]');
    await page.waitForSelector('[data-testid="state-form"]', { state: "detached" });
    kr = (await call("GET", "/api/states/KR", { cookie: admin.cookie })).json;
    expect(kr.name.en).toBe("Korea, Republic of");
    expect(kr.formalName.ruDative).toBe("Республике Корея (Сеул)");
    expect(kr.contacts).toEqual([
      { name: "Focal point", email: "kr.focal@example.org", language: "ru", addressee: "Министерству иностранных дел Республики Корея" },
      old,
    ]);
    expect(kr.version).toBe(before + 2);
    await page.context().close();
  });
});
