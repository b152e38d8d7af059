/**
 * Browser tests: Debian's Chromium driven by playwright-core against the real
 * server (API + built web) on a free port. With CI=true a missing Chromium is a
 * failure; elsewhere the browser tests are skipped with one line.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { freePort } from "../../packages/core/src/dev/dynamo-local";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM);
export const mustRun = process.env.CI === "true";
const root = resolve(import.meta.dirname, "../..");

if (!chromiumAvailable && !mustRun) {
  console.log(`Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
}

export interface Site {
  url: string;
  browser: Browser;
  close(): Promise<void>;
  /** A page in a fresh context; the browser's language is British English unless given. */
  page(locale?: string): Promise<Page>;
}

export async function openSite(): Promise<Site> {
  if (!chromiumAvailable) throw new Error(`Chromium is required (CI=true) but missing at ${CHROMIUM}`);
  if (!existsSync(join(root, "packages/web/dist/index.html"))) throw new Error("The web is not built: npm run build:web");
  const { startServer } = await import("@tracker/functions/local");
  const port = await freePort();
  const server: ServerType = await startServer({ port, webRoot: join(root, "packages/web/dist"), hostname: "127.0.0.1" });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    // playwright gives every launch a fresh, empty --user-data-dir of its own.
  });
  const errors: string[] = [];
  return {
    url: `http://localhost:${port}`,
    browser,
    async page(locale = "en-GB") {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
      const csp = errors.filter((e) => /Content Security Policy/i.test(e));
      if (csp.length) throw new Error(`CSP violations in the browser:\n${csp.join("\n")}`);
    },
  };
}

/** Member states from the project's seed file, as `npm start` loads them. */
export function seedStates() {
  return (JSON.parse(readFileSync(join(root, "seed/member-states-2022.json"), "utf8")) as {
    states: Array<{ code: string; en: string; ru: string; joinedOn?: string }>;
  }).states;
}

export async function signIn(page: Page, url: string, email: string, password: string) {
  await page.goto(url);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('[data-testid="sign-in"]');
  await page.waitForSelector('[data-testid="user-name"]');
}
