/** The demo's 2022 statements read correctly: Qatar as at 30 November 2022, Türkiye's 2022 pledge in its 2023-Q1 arrears. */
import { Statement, Summary } from "@tracker/core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem } from "./support/api";

process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "demo-outbox-"));

const text = async (state: string, period: string, lang: "en" | "ru" = "en") =>
  (await asSystem(() => Statement.preview({ state, period, lang }))).text.replace(/[\u00a0\u202f]/g, " ");

beforeAll(async () => {
  process.env.ADMIN_PASSWORD = "demo admin password";
  const { firstStart } = await import("../scripts/seed");
  await firstStart(resolve(import.meta.dirname, ".."));
});

describe("the demo's statements", () => {
  it("Qatar as at 30 November 2022: the pledge of USD 20,000 is wholly outstanding; the December payment shows only later", async () => {
    const nov = await text("QA", "2022-11");
    expect(nov).toContain("Pledges of the year outstanding: USD 20,000.00");
    expect(nov).toMatch(/- P-2022-\d{4}, 1 November 2022: financial, pledged; regular budget; QAR 73,000.00 at 3.65 per USD = USD 20,000.00/);
    const year = await text("QA", "2022");
    expect(year).toContain("Pledges of the year outstanding: USD 10,000.00");
    expect(year).toMatch(/- R-2022-\d{4}, 20 December 2022: financial, received; regular budget; QAR 36,500.00 at 3.65 per USD = USD 10,000.00; your ref. \[Demo data\] QA-22-2\n  Payment of pledge P-2022-\d{4} of 1 November 2022; balance of the pledge after it: QAR 36,500.00/);
    expect(year).toContain("Financial contributions received: USD 60,000.00");
  });

  it("Türkiye's 2023-Q1 statement lists its unpaid 2022 pledge in arrears and does not invite it", async () => {
    const q1 = await text("TR", "2023-Q1");
    expect(q1).toContain("Pledges of 2022: outstanding USD 40,322.58");
    expect(q1).toMatch(/- P-2022-\d{4} of 14 December 2022: pledged TRY 750,000.00 \(USD 40,322.58\); received TRY 0.00 \(USD 0.00\); outstanding TRY 750,000.00 \(USD 40,322.58\)/);
    expect(q1).toContain("Total outstanding from earlier years: USD 40,322.58");
    expect(q1).not.toContain("would welcome any voluntary contribution");
    // Türkiye seconds a Senior Officer: thanked by name and post.
    expect(q1).toContain("Demo Senior Officer D, Senior Officer");
  });

  it("Russia is thanked for its Deputy Executive Director, Korea is not invited after paying in 2022, Kuwait gets nothing before its admission", async () => {
    const ru = await text("RU", "2022-Q4");
    expect(ru).toContain("for the personnel it has seconded to the Secretariat: Demo Deputy Executive Director, Deputy Executive Director.");
    expect(ru).not.toContain("would welcome any voluntary contribution");
    expect(await text("KR", "2023-Q1")).not.toContain("would welcome any voluntary contribution");
    const run = await asSystem(() => Summary.run({ period: "2022-Q2", states: ["KW"], dryRun: true }));
    expect(run.skipped).toEqual([{ state: "KW", reason: "not_a_member" }]);
  });
});
