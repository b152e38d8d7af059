/**
 * The draft of the Secretary General's report in Chromium: the finance dashboard and the HR report
 * offer it for their year, in Word and PDF, in English and Russian; the Word file downloaded holds
 * the contributor thanked by its formal name. A viewer is not offered it.
 */
import { Contribution, MemberState } from "@tracker/core";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";

describe.skipIf(!chromiumAvailable && !mustRun)("the report draft in Chromium", () => {
  let site: Site;
  let finance: string;
  let hr: string;
  let viewer: string;

  beforeAll(async () => {
    await asSystem(async () => {
      await MemberState.seed(seedStates());
      await Contribution.create({
        stateCode: "KZ", kind: "cash", status: "received", amount: "46025000.00", currency: "KZT", exchangeRate: "460.25", date: "2022-03-15", purpose: "regular_budget",
      });
    });
    finance = (await userWith(["finance"])).email;
    hr = (await userWith(["hr"])).email;
    viewer = (await userWith(["viewer"])).email;
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("the finance dashboard downloads the 2022 draft in Russian as Word, Kazakhstan thanked in the dative", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/?year=2022`, finance, PASSWORD);
    const panel = page.locator('[data-testid="report-draft"]');
    await panel.waitFor();
    expect(await panel.locator("h2").textContent()).toBe("The Secretary General's report for 2022: management part (draft)");
    const links = panel.locator("a[download]");
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual([
      "/api/reports/draft?year=2022&lang=en&format=docx",
      "/api/reports/draft?year=2022&lang=en&format=pdf",
      "/api/reports/draft?year=2022&lang=ru&format=docx",
      "/api/reports/draft?year=2022&lang=ru&format=pdf",
    ]);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="report-draft-docx-ru"]')]);
    expect(download.suggestedFilename()).toBe("CICA-SG-report-2022-management-draft-ru.docx");
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("выражает глубокую признательность Республике Казахстан за добровольные взносы в бюджет СВМДА в 2022 году.");
    await page.close();
  });

  it("the HR report offers it too; a viewer is not offered it", async () => {
    const page = await site.page();
    await signIn(page, `${site.url}/staff/report?year=2022`, hr, PASSWORD);
    await page.locator('[data-testid="report-draft-pdf-en"]').waitFor();
    await page.close();

    const other = await site.page();
    await signIn(other, `${site.url}/?year=2022`, viewer, PASSWORD);
    await other.locator('[data-testid="by-state-table"], [data-testid="by-state-empty"]').first().waitFor();
    expect(await other.locator('[data-testid="report-draft"]').count()).toBe(0);
    await other.close();
  });
});
