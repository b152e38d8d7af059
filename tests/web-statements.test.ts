/**
 * The statements page in Chromium: preview a state's statement in the frame
 * it is shown in (sandboxed, with the session cookie), a dry run that writes
 * nothing, a confirmed real run that writes one .eml per focal point, and the
 * history of runs and deliveries.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Contribution, MemberState } from "@tracker/core";
import { simpleParser } from "mailparser";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

// The outbox transport reads this when it sends: every message of this file lands here.
const outbox = mkdtempSync(join(tmpdir(), "web-statements-outbox-"));
process.env.MAIL_OUTBOX = outbox;

/** Text with every kind of space (no-break, narrow no-break) as a plain space. */
const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
const emls = () => readdirSync(outbox).filter((f) => f.endsWith(".eml"));

async function textOf(page: Page, selector: string) {
  return plain(await page.locator(selector).first().textContent());
}

/** Sets a period picker (inside `scope`) to a year. */
async function chooseYear(page: Page, scope: string, year: string) {
  await page.selectOption(`${scope} select[name="periodKind"]`, "year");
  await page.selectOption(`${scope} select[name="periodYear"]`, year);
  await page.waitForFunction(
    ([s, y]) => document.querySelector(`${s} [data-testid="period-value"]`)?.textContent === y,
    [scope, year] as const,
  );
}

describe.skipIf(!chromiumAvailable && !mustRun)("the statements page in Chromium", () => {
  let site: Site;
  let finance: string;
  let viewer: string;

  beforeAll(async () => {
    await asSystem(async () => {
      await MemberState.seed(seedStates());
      const kz = (await MemberState.find("KZ"))!;
      await MemberState.update({
        code: kz.code,
        name: kz.name,
        status: kz.status,
        joinedOn: kz.joinedOn,
        contacts: [
          { name: "Айгерим Нурлановна", email: "kz.ru@example.org", language: "ru" },
          { name: "Focal point", email: "kz.en@example.org", language: "en" },
        ],
        version: kz.version,
      });
      // 46,025,000.00 KZT at 460.25 = 100,000.00 USD
      await Contribution.create({
        stateCode: "KZ",
        kind: "cash",
        status: "received",
        amount: "46025000.00",
        currency: "KZT",
        exchangeRate: "460.25",
        date: "2022-03-15",
        purpose: "regular_budget",
      });
    });
    finance = (await userWith(["finance"])).email;
    viewer = (await userWith(["viewer"])).email;
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("previews Kazakhstan's 2022 statement in Russian in a sandboxed frame, dry-runs without sending, sends after confirming, and lists the run", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/statements`, finance, PASSWORD);
    const preview = '[data-testid="statement-preview"]';
    await page.locator(preview).waitFor();
    await page.locator('[data-testid="nav-statements"][aria-current="page"]').waitFor();

    // The period defaults to the quarter just ended, by the UTC date (core's rule, as the schedule sends it).
    const now = new Date();
    const q = Math.floor(now.getUTCMonth() / 3);
    expect(await textOf(page, `${preview} [data-testid="period-value"]`)).toBe(q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`);

    // Kazakhstan: the language follows its first focal point (Russian).
    await page.locator(`${preview} select[name="state"] option[value="KZ"]`).waitFor({ state: "attached" });
    expect(plain(await page.locator(`${preview} select[name="state"] option[value="KZ"]`).textContent())).toBe("Kazakhstan");
    await page.selectOption(`${preview} select[name="state"]`, "KZ");
    expect(await page.inputValue(`${preview} select[name="lang"]`)).toBe("ru");
    await chooseYear(page, preview, "2022");
    await page.selectOption(`${preview} select[name="lang"]`, "ru");
    await page.waitForURL(/period=2022/);

    await page.waitForFunction(() => document.querySelector('[data-testid="statement-subject"]')?.textContent?.includes("2022 г."));
    expect(await textOf(page, '[data-testid="statement-subject"]')).toBe(
      "Выписка о добровольных взносах в бюджет СВМДА: Казахстан, 2022 г. (исх. SEC/FIN/2022/KZ)",
    );
    expect(await textOf(page, '[data-testid="statement-reference"]')).toBe("SEC/FIN/2022/KZ");
    const recipients = page.locator('[data-testid="statement-recipients"] li[data-email]');
    expect(await recipients.count()).toBe(2);
    expect(await recipients.nth(0).getAttribute("data-email")).toBe("kz.ru@example.org");
    expect(plain(await recipients.nth(0).textContent())).toContain("Айгерим Нурлановна");
    expect(plain(await recipients.nth(1).textContent())).toContain("kz.en@example.org");

    // The frame: no allowances at all, and it still gets the session (no 401), so it shows the Russian statement.
    const frameEl = page.locator('iframe[data-testid="statement-frame"]');
    expect(await frameEl.getAttribute("sandbox")).toBe("");
    expect(await frameEl.getAttribute("src")).toBe("/api/summaries/preview.html?state=KZ&period=2022&lang=ru");
    const body = page.frameLocator('iframe[data-testid="statement-frame"]').locator("body");
    await body.getByText("SEC/FIN/2022/KZ").first().waitFor();
    const frameText = plain(await body.textContent());
    expect(frameText).toContain("Казахстан");
    expect(frameText).toContain("SEC/FIN/2022/KZ");
    expect(frameText).toContain("100 000,00 USD");
    expect(frameText).not.toContain("unauthorized");
    const frame = page.frames().find((f) => f.url().includes("/api/summaries/preview.html"))!;
    expect(await frame.content()).toContain('<html lang="ru">');
    await page.screenshot({ path: "test-results/statements-preview.png", fullPage: true });

    // Plain text.
    await page.click('[data-testid="tab-text"]');
    await page.locator('[data-testid="statement-text"]').waitFor();
    expect(await frameEl.isVisible()).toBe(false);
    expect(await textOf(page, '[data-testid="statement-text"]')).toContain("SEC/FIN/2022/KZ");
    await page.click('[data-testid="tab-html"]');
    await frameEl.waitFor();

    // The same page with the interface in Russian.
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="statements-page"] h1')?.textContent === "Выписки");
    expect(plain(await page.locator(`${preview} select[name="state"] option[value="KZ"]`).textContent())).toBe("Казахстан");
    expect(await textOf(page, `${preview} [data-testid="period-value"] + span`)).toBe("2022 год");
    await page.screenshot({ path: "test-results/statements-preview-ru.png", fullPage: true });
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="statements-page"] h1')?.textContent === "Statements");

    // A dry run for 2022, all member states: what would be sent, and nothing written. "Send now" follows the period previewed.
    const form = '[data-testid="run-form"]';
    expect(await textOf(page, `${form} [data-testid="period-value"]`)).toBe("2022");
    expect(await page.isChecked(`${form} input[name="dryRun"]`)).toBe(true);
    await page.click('[data-testid="run-statements"]');
    const result = page.locator('[data-testid="run-result"]');
    await result.waitFor();
    expect(await result.getAttribute("data-dry-run")).toBe("true");
    const wouldSend = result.locator('tr[data-state][data-email][data-outcome="sent"]');
    expect(await wouldSend.count()).toBe(2);
    expect((await wouldSend.evaluateAll((rows) => rows.map((r) => `${r.getAttribute("data-state")} ${r.getAttribute("data-email")}`))).sort()).toEqual([
      "KZ kz.en@example.org",
      "KZ kz.ru@example.org",
    ]);
    expect(plain(await result.locator('tr[data-state="CN"][data-outcome="skipped"]').textContent())).toContain("No focal points recorded");
    expect(await textOf(page, '[data-testid="run-result"] [data-testid="count-sent"] dt')).toBe("To be sent");
    expect(await textOf(page, '[data-testid="run-result"] [data-testid="count-sent"] dd')).toBe("2");
    expect(await result.locator('tr[data-outcome="failed"]').count()).toBe(0);
    expect(emls()).toEqual([]);
    await page.screenshot({ path: "test-results/statements-dry-run.png", fullPage: true });

    // A real run for Kazakhstan only: asked to confirm first; nothing is sent until then.
    await page.uncheck(`${form} input[name="dryRun"]`);
    await page.click('[data-testid="scope-chosen"]');
    await page.check(`${form} input[name="states"][value="KZ"]`);
    await page.click('[data-testid="run-statements"]');
    await page.locator('[data-testid="run-confirm"]').waitFor();
    expect(await textOf(page, '[data-testid="run-confirm"]')).toContain("Send the statements for 2022 now?");
    // The recipients of the dry run, by number and by state; focus on Cancel, and Escape cancels.
    expect(await textOf(page, '[data-testid="run-confirm-count"]')).toBe(
      "As the dry run lists them, 2 recipients in 1 member state will receive their statement by email. This cannot be undone.",
    );
    expect(await page.locator('[data-testid="run-confirm-states"] li').evaluateAll((li) => li.map((l) => l.textContent))).toEqual(["Kazakhstan: 2 recipients"]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("cancel-run");
    await page.keyboard.press("Escape");
    await page.locator('[data-testid="run-confirm"]').waitFor({ state: "detached" });
    expect(emls()).toEqual([]);
    await page.click('[data-testid="run-statements"]');
    await page.locator('[data-testid="run-confirm"]').waitFor();
    expect(emls()).toEqual([]);
    await page.locator('[data-testid="run-panel"]').screenshot({ path: "test-results/statements-confirm.png" });
    await page.click('[data-testid="confirm-run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="run-result"]')?.getAttribute("data-dry-run") === "false");
    const sent = result.locator('tr[data-state="KZ"][data-email][data-outcome="sent"]');
    expect(await sent.count()).toBe(2);
    expect(await result.locator('tr[data-outcome="skipped"], tr[data-outcome="failed"]').count()).toBe(0);
    expect(emls()).toHaveLength(2);
    // What was previewed was sent: 2022, not the quarter just ended.
    for (const f of emls()) expect((await simpleParser(readFileSync(join(outbox, f)))).subject).toContain("SEC/FIN/2022/KZ");
    await page.screenshot({ path: "test-results/statements-run.png", fullPage: true });

    // History: both runs, newest first; the deliveries of 2022, sent.
    const runs = page.locator('[data-testid="runs-table"]');
    await runs.locator('tr[data-period="2022"][data-dry-run="false"]').waitFor();
    // Each real run is preceded by its dry run (the one the confirmation lists): 3 dry runs, 1 real.
    expect(await runs.locator("tr[data-run-id]").count()).toBe(4);
    const real = runs.locator("tr[data-run-id]").first();
    expect(await real.getAttribute("data-dry-run")).toBe("false");
    expect(await real.getAttribute("data-trigger")).toBe("manual");
    expect(plain(await real.textContent())).toContain(finance);
    expect(plain(await real.locator('[data-testid="run-sent"]').textContent())).toBe("2");
    expect(await runs.locator("tr[data-run-id]").nth(1).getAttribute("data-dry-run")).toBe("true");
    const deliveries = page.locator('[data-testid="deliveries-table"][data-period="2022"]');
    await deliveries.locator('tr[data-state="KZ"][data-status="sent"]').nth(1).waitFor();
    expect(await deliveries.locator("tr[data-email]").count()).toBe(2);
    expect(plain(await deliveries.locator('tr[data-email="kz.ru@example.org"]').textContent())).toContain("Russian");
    await real.locator('[data-testid="run-details-toggle"]').click();
    expect(await runs.locator('[data-testid="run-details"] tr[data-outcome="sent"]').count()).toBe(2);
    await page.locator('[data-testid="statements-history"]').screenshot({ path: "test-results/statements-history.png" });

    // Sending again: the dry run finds nothing to send, so nothing is asked; it lists what was sent, with the reason.
    await page.click('[data-testid="run-statements"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="run-result"]')?.getAttribute("data-dry-run") === "true");
    expect(await page.locator('[data-testid="run-confirm"]').count()).toBe(0);
    await result.locator('tr[data-state="KZ"][data-outcome="skipped"]').nth(1).waitFor();
    expect(plain(await result.locator('tr[data-email="kz.ru@example.org"][data-outcome="skipped"]').textContent())).toContain("Already sent for this period");
    expect(emls()).toHaveLength(2);

    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="statements-page"] h1')?.textContent === "Выписки");
    expect(plain(await result.locator('tr[data-email="kz.ru@example.org"][data-outcome="skipped"]').textContent())).toContain("Уже отправлена за этот период");
    await page.screenshot({ path: "test-results/statements-history-ru.png", fullPage: true });
    await page.click('[data-testid="lang-switch"]');
    await page.context().close();
  });

  it("lists the 2022 statement as affected by a late payment dated in June, and sends Rev. 1 after confirming", async () => {
    // 4,602,500.00 KZT at 460.25 = 10,000.00 USD, recorded after the statement of 2022 was sent.
    await asSystem(() =>
      Contribution.create({ stateCode: "KZ", kind: "cash", status: "received", amount: "4602500.00", currency: "KZT", exchangeRate: "460.25", date: "2022-06-01", purpose: "regular_budget", reference: "PO-2022-LATE" }),
    );
    const page = await site.page();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, `${site.url}/statements?period=2022`, finance, PASSWORD);
    const group = page.locator('[data-testid="affected-group"][data-period="2022"][data-state="KZ"]');
    await group.waitFor();
    expect(await group.getAttribute("data-next-revision")).toBe("1");
    const rows = group.locator("tr[data-email]");
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute("data-email")))).toEqual(["kz.en@example.org", "kz.ru@example.org"]);
    const figures = await rows.first().locator("li[data-figure]").evaluateAll((li) => li.map((x) => [x.getAttribute("data-figure"), x.getAttribute("data-then"), x.getAttribute("data-now")]));
    expect(figures).toEqual([
      ["movements.received", "100000.00", "110000.00"],
      ["totals.received", "100000.00", "110000.00"],
      ["lines", null, null],
    ]);
    const en = plain(await rows.first().textContent());
    expect(en).toContain("SEC/FIN/2022/KZ (Original)");
    expect(en).toContain("Received, year to date: 100,000.00 USD → 110,000.00 USD");
    expect(en).toContain("Lines changed: 1 → 2");

    // Nothing goes before the confirmation; then one revised statement per recipient.
    await group.locator('[data-testid="send-revision"]').click();
    const confirm = group.locator('[data-testid="revision-confirm"]');
    await confirm.waitFor();
    expect(plain(await confirm.textContent())).toContain("Send revision 1 of the statement of Kazakhstan for 2022?");
    expect(plain(await confirm.textContent())).toContain("2 recipients whose statement has changed will receive the revised statement");
    expect(emls()).toHaveLength(2);
    await page.locator('[data-testid="affected-panel"]').screenshot({ path: "test-results/statements-affected.png" });
    await confirm.locator('[data-testid="confirm-revision"]').click();
    const done = page.locator('[data-testid="revision-result"]');
    await done.waitFor();
    expect(await done.getAttribute("data-sent")).toBe("2");
    expect(await done.getAttribute("data-reference")).toBe("SEC/FIN/2022/KZ/Rev.1");
    expect(plain(await done.textContent())).toContain("Revision 1 (SEC/FIN/2022/KZ/Rev.1): sent to 2 recipients.");
    expect(emls()).toHaveLength(4);
    // No longer affected; the history keeps the original beside Rev. 1.
    await page.locator('[data-testid="affected-empty"]').waitFor();
    const deliveries = page.locator('[data-testid="deliveries-table"][data-period="2022"]');
    await deliveries.locator('tr[data-revision="1"]').nth(1).waitFor();
    expect(await deliveries.locator('tr[data-revision="0"][data-status="sent"]').count()).toBe(2);
    expect(plain(await deliveries.locator('tr[data-email="kz.ru@example.org"][data-revision="1"] [data-testid="delivery-reference"]').textContent())).toBe("SEC/FIN/2022/KZ/Rev.1 Rev. 1");
    await page.context().close();
  });

  it("shows others the page that is not available, and no nav entry", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/statements`, viewer, PASSWORD);
    await page.locator('[data-testid="forbidden"]').waitFor();
    expect(await page.locator('[data-testid="nav-statements"]').count()).toBe(0);
    expect(await page.locator('[data-testid="statement-preview"]').count()).toBe(0);
    await page.context().close();
  });
});
