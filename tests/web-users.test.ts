/**
 * The Users page in Chromium: an account locked by failed sign-ins is shown as locked, with when
 * sign-ins are allowed again; an admin unlocks it after a confirmation, and the owner signs in at
 * once. In English and in Russian.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, signIn, type Site } from "./support/browser";

const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

/** Five wrong passwords: the sixth attempt from this client is refused, right password or not. */
async function lockOut(email: string) {
  for (let i = 0; i < 5; i++) {
    const res = await call("POST", "/api/auth/login", { body: { email, password: "not the password at all" } });
    expect(res.status).toBe(401);
  }
  const refused = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
  expect(refused.status).toBe(429);
}

const row = (email: string) => `[data-testid="users-table"] tr[data-email="${email}"]`;

async function openUser(page: Page, url: string, email: string) {
  await page.goto(`${url}/users/${encodeURIComponent(email)}`);
  await page.waitForSelector(`[data-testid="user-panel"][data-email="${email}"]`);
}

describe.skipIf(!chromiumAvailable && !mustRun)("unlocking an account from the Users page", () => {
  let site: Site;
  let admin: { email: string };
  let locked: { email: string };
  let other: { email: string };

  beforeAll(async () => {
    admin = await userWith(["admin"]);
    locked = await userWith(["finance"], "locked-out@example.org");
    other = await userWith(["viewer"], "russian-reader@example.org");
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("shows which accounts are locked, and until when", async () => {
    await lockOut(locked.email);
    const list = await call("GET", "/api/users", { cookie: (await userWith(["admin"])).cookie });
    const until = list.json.items.find((u: { email: string }) => u.email === locked.email).lockedUntil;
    expect(Date.parse(until) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(list.json.items.find((u: { email: string }) => u.email === admin.email).lockedUntil).toBeUndefined();

    const page = await site.page();
    await signIn(page, site.url, admin.email, PASSWORD);
    await page.goto(`${site.url}/users`);
    await page.waitForSelector(row(locked.email));
    expect(await page.locator(`${row(locked.email)} [data-testid="user-locked"]`).textContent()).toBe("Locked");
    expect(await page.locator(`${row(admin.email)} [data-testid="user-locked"]`).count()).toBe(0);
    await page.context().close();
  });

  it("an admin unlocks it after confirming, sees that it is done, and the owner signs in", async () => {
    const page = await site.page();
    await signIn(page, site.url, admin.email, PASSWORD);
    await openUser(page, site.url, locked.email);
    const lock = page.locator('[data-testid="user-lock"]');
    expect(plain(await lock.textContent())).toMatch(/^Locked After repeated failed attempts, sign-ins are refused until .+\.Unlock$/);

    // Cancelling the confirmation changes nothing.
    await page.click('[data-testid="unlock"]');
    expect(plain(await page.locator('[data-testid="unlock-confirm"]').textContent())).toContain(
      `Allow sign-ins to ${locked.email} again now? The failed attempts are forgotten, from every address.`,
    );
    await page.click('[data-testid="unlock-confirm"] button:has-text("Cancel")');
    expect(await page.locator('[data-testid="unlock-confirm"]').count()).toBe(0);
    expect((await call("POST", "/api/auth/login", { body: { email: locked.email, password: PASSWORD } })).status).toBe(429);

    await page.click('[data-testid="unlock"]');
    await page.click('[data-testid="confirm-unlock"]');
    await page.waitForSelector('[data-testid="unlock-done"]');
    expect(plain(await page.locator('[data-testid="unlock-done"]').textContent())).toBe(`${locked.email} is unlocked: sign-ins are allowed again.`);
    // The list is read again: the badge is gone.
    await page.waitForFunction((sel) => !document.querySelector(sel), `${row(locked.email)} [data-testid="user-locked"]`);

    const owner = await call("POST", "/api/auth/login", { body: { email: locked.email, password: PASSWORD } });
    expect(owner.status).toBe(200);
    // The unlock is in the audit trail, by the admin.
    const audit = await call("GET", `/api/audit?entity=auth&id=${encodeURIComponent(locked.email)}`, { cookie: (await userWith(["admin"])).cookie });
    expect(audit.json.items.some((e: { action: string; actor: string }) => e.action === "unlock" && e.actor === admin.email)).toBe(true);
    await page.context().close();
  });

  it("in Russian", async () => {
    await lockOut(other.email);
    const page = await site.page();
    await signIn(page, site.url, admin.email, PASSWORD);
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === "ru");
    await openUser(page, site.url, other.email);
    expect(await page.locator(`${row(other.email)} [data-testid="user-locked"]`).textContent()).toBe("Вход заблокирован");
    expect(plain(await page.locator('[data-testid="user-lock"]').textContent())).toMatch(/После повторных неудачных попыток вход запрещён до .+\.Разблокировать$/);
    await page.click('[data-testid="unlock"]');
    expect(plain(await page.locator('[data-testid="unlock-confirm"]').textContent())).toContain(`Снова разрешить вход для ${other.email}?`);
    await page.click('[data-testid="confirm-unlock"]');
    await page.waitForSelector('[data-testid="unlock-done"]');
    expect(plain(await page.locator('[data-testid="unlock-done"]').textContent())).toBe(`Учётная запись ${other.email} разблокирована: вход снова разрешён.`);
    await page.context().close();
  });
});
