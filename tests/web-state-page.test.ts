/**
 * A member state's page in Chromium shows its whole picture from the demo data (figures from
 * scripts/demo.ts): Kazakhstan's contributions by year as a chart and a table, its secondees and the
 * statements sent to it (each opening its preview and PDF); Qatar's open pledge in arrears; India's
 * recommendation with its outcome. A viewer gets no statements part; the API leaves it out.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Summary } from "@tracker/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, signIn, type Site } from "./support/browser";

process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "web-state-page-outbox-"));

const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
const cells = async (page: Page, row: string) => (await page.locator(`${row} td, ${row} th`).allTextContents()).map(plain);

let both: { email: string; cookie: string };
let viewer: { email: string; cookie: string };

beforeAll(async () => {
  process.env.ADMIN_PASSWORD = "demo admin password";
  const { firstStart } = await import("../scripts/seed");
  await firstStart(resolve(import.meta.dirname, ".."));
  // Kazakhstan's 2022 statement goes to its two demo focal points.
  const run = await asSystem(() => Summary.run({ period: "2022", states: ["KZ"] }));
  expect(run.sent.map((s) => s.email).sort()).toEqual(["kz.budget@example.org", "kz.focal@example.org"]);
  both = await userWith(["finance", "hr"]);
  viewer = await userWith(["viewer"]);
});

describe("GET /api/states/{code}/picture", () => {
  it("gives finance and hr every part, exact figures as decimal strings", async () => {
    const res = await call("GET", "/api/states/KZ/picture", { cookie: both.cookie });
    expect(res.status).toBe(200);
    expect(res.json.money.years).toEqual([
      { year: 2021, cashUsd: "200000.00", inKindUsd: "0.00", pledgedUsd: "0.00", receivedUsd: "200000.00", outstandingUsd: "0.00", count: 1 },
      { year: 2022, cashUsd: "250000.00", inKindUsd: "50000.00", pledgedUsd: "0.00", receivedUsd: "300000.00", outstandingUsd: "0.00", count: 2 },
    ]);
    expect(res.json.money.openPledges).toEqual([]);
    expect(res.json.people.secondments.map((s: { personName: string }) => s.personName).sort()).toEqual(["Demo Senior Officer A", "Demo Senior Officer B"]);
    expect(res.json.statements.map((s: { reference: string; email: string }) => `${s.reference} ${s.email}`).sort()).toEqual([
      "SEC/FIN/2022/KZ kz.budget@example.org",
      "SEC/FIN/2022/KZ kz.focal@example.org",
    ]);
    expect(res.json.state.formalName.en).toBe("the Republic of Kazakhstan");

    const qa = await call("GET", "/api/states/QA/picture", { cookie: both.cookie });
    // QAR 73,000.00 at 3.65 = USD 20,000.00 pledged; QAR 36,500.00 paid in December 2022.
    expect(qa.json.money.years).toEqual([
      { year: 2022, cashUsd: "60000.00", inKindUsd: "0.00", pledgedUsd: "20000.00", receivedUsd: "60000.00", outstandingUsd: "10000.00", count: 3 },
    ]);
    expect(qa.json.money.openPledges).toHaveLength(1);
    expect(qa.json.money.openPledges[0]).toMatchObject({ currency: "QAR", amount: "73000.00", outstanding: "36500.00", amountUsd: "20000.00", receivedUsd: "10000.00", outstandingUsd: "10000.00", arrears: true, fiscalYear: 2022 });
    expect(qa.json.money.openUsd).toBe("10000.00");
    expect(qa.json.money.arrearsUsd).toBe("10000.00");
  });

  it("leaves the statements out for a viewer, and answers 404 for a state that does not exist", async () => {
    const res = await call("GET", "/api/states/KZ/picture", { cookie: viewer.cookie });
    expect(res.status).toBe(200);
    expect(res.json.statements).toBeUndefined();
    expect(res.json.money.years).toHaveLength(2);
    expect((await call("GET", "/api/states/ZZ/picture", { cookie: viewer.cookie })).status).toBe(404);
    expect((await call("GET", "/api/states/KZ/picture")).status).toBe(401);
  });
});

describe.skipIf(!chromiumAvailable && !mustRun)("a member state's page in Chromium", () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("shows Kazakhstan's contributions by year, its secondees and the statements sent, each opening its preview and PDF", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, `${site.url}/states/KZ`, both.email, PASSWORD);
    await page.locator('[data-testid="picture-years"]').waitFor();

    expect(await cells(page, '[data-testid="picture-years"] tr[data-year="2022"]')).toEqual(["2022", "250,000.00", "50,000.00", "0.00", "300,000.00"]);
    expect(await cells(page, '[data-testid="picture-years"] tr[data-year="2021"]')).toEqual(["2021", "200,000.00", "0.00", "0.00", "200,000.00"]);
    // The chart: an image with a text alternative naming every figure, and one group of bars per year.
    const chart = page.locator('[data-testid="picture-chart"] svg[role="img"]');
    expect(await chart.getAttribute("aria-label")).toContain("2022: cash 250,000.00, in kind 50,000.00, pledged 0.00");
    expect(await page.locator('[data-testid="picture-chart"] g.bar-row').count()).toBe(2);
    expect(plain(await page.locator('[data-testid="picture-no-pledges"]').textContent())).toBe("No pledge is open.");

    const secondees = page.locator('[data-testid="picture-secondees"] tbody tr');
    expect(await secondees.count()).toBe(2);
    expect(plain(await secondees.allTextContents().then((t) => t.join(" | ")))).toContain("Demo Senior Officer B");
    expect(plain(await page.locator('[data-testid="picture-secondees"]').textContent())).toContain("Senior Officer");

    expect(plain(await page.locator('[data-testid="formal-name"]').textContent())).toContain("the Republic of Kazakhstan");

    const statements = page.locator('[data-testid="picture-statement-list"] tbody tr');
    expect(await statements.count()).toBe(2);
    expect(plain(await statements.first().textContent())).toContain("SEC/FIN/2022/KZ");
    const pdf = statements.first().locator('[data-testid="statement-pdf-link"]');
    const href = (await pdf.getAttribute("href"))!;
    expect(href).toMatch(/^\/api\/summaries\/preview\.pdf\?state=KZ&period=2022&lang=(en|ru)$/);
    const bytes = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get("content-type"), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    }, href);
    expect(bytes).toEqual({ status: 200, type: "application/pdf", head: "%PDF-" });
    await statements.first().locator('[data-testid="statement-preview-link"]').click();
    await page.waitForURL(/\/statements\?state=KZ&period=2022&lang=(en|ru)/);
    await page.locator('iframe[data-testid="statement-frame"]').waitFor();
  });

  it("shows Qatar's open pledge in arrears and India's recommendation with its outcome; a viewer sees no statements", async () => {
    const page = await site.page();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, `${site.url}/states/QA`, both.email, PASSWORD);
    await page.locator('[data-testid="picture-pledges"]').waitFor();
    const pledge = page.locator('[data-testid="picture-pledges"] tbody tr');
    expect(await pledge.count()).toBe(1);
    expect(await pledge.getAttribute("data-arrears")).toBe("yes");
    expect(plain(await pledge.locator('[data-col="outstandingUsd"]').textContent())).toBe("10,000.00");
    expect(plain(await pledge.textContent())).toContain("36,500.00 QAR");
    expect(plain(await page.locator('[data-testid="picture-open-total"]').textContent())).toContain("10,000.00 USD");
    expect(plain(await page.locator('[data-testid="picture-no-statements"]').textContent())).toBe("No statement has been sent to this state.");

    await page.goto(`${site.url}/states/IN`);
    const rec = page.locator('[data-testid="picture-recommendations"] tbody tr');
    await rec.first().waitFor();
    expect(await rec.count()).toBe(1);
    expect(await rec.getAttribute("data-status")).toBe("shortlisted");
    expect(plain(await rec.textContent())).toContain("Demo Candidate (India)");
    expect(plain(await rec.textContent())).toContain("Expert (confidence-building measures)");
    expect(plain(await rec.textContent())).toContain("Shortlisted");

    const other = await site.page();
    await signIn(other, `${site.url}/states/KZ`, viewer.email, PASSWORD);
    await other.locator('[data-testid="picture-years"]').waitFor();
    expect(await other.locator('[data-testid="picture-statements"]').count()).toBe(0);
  });
});
