/** 4. Statements at scale: time and requests for 28 × 50 and 200 × 1,000, each in a process of its own. */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { details, elapsed, LARGE_PER_STATE, log, notes, row, RUN_BUDGET_SECONDS, session } from "../lib/context";
import { runNode } from "../lib/processes";
import { int, mb } from "../lib/stats";

export async function statementsAtScale() {
  log("4. statements at scale");
  const sizes = [
    { key: "small", states: 28, perState: 50, synthetic: false, load: "core" as const },
    { key: "large", states: 200, perState: LARGE_PER_STATE, synthetic: true, load: "batch" as const },
  ];
  const results: Record<string, any> = {};
  let scans = 0;
  let requests = 0;
  for (const size of sizes) {
    // The statement run after the load takes about a third of the load's time (measured here): the load gets what is left / 1.4.
    const loadBudgetSeconds = Math.max(30, Math.min(300, (RUN_BUDGET_SECONDS - elapsed() - 10) / 1.4));
    const env = {
      ...process.env,
      DYNAMODB_ENDPOINT: session.endpoint,
      TABLE_NAME: `bench-statements-${size.key}-${randomBytes(3).toString("hex")}`,
      SESSION_SECRET: randomBytes(48).toString("base64url"),
      MAIL_OUTBOX: mkdtempSync(join(tmpdir(), "bench-statements-")),
      MAIL_TRANSPORT: "outbox",
    };
    delete (env as Record<string, unknown>).SMTP_URL;
    log(`  ${size.states} states × ${size.perState} contributions (${size.load === "core" ? "Contribution.create" : "batch writes"}; load budget ${loadBudgetSeconds.toFixed(0)} s)`);
    const r = JSON.parse(
      await runNode(["bench/statements.ts", JSON.stringify({ ...size, loadBudgetSeconds })], { env, timeoutMs: 600_000 }),
    );
    rmSync(env.MAIL_OUTBOX, { recursive: true, force: true });
    results[size.key] = r;
    scans += r.scans;
    requests += r.requests;
    log(`    loaded ${int(r.contributions)} in ${r.loadSeconds.toFixed(0)} s; run ${(r.runMs / 1000).toFixed(1)} s, ${r.requests} requests`);
  }
  details.statementScans = scans;
  details.statementRequests = requests;
  details.statements = results;
  const s = results.small;
  const l = results.large;
  let n = 0;
  for (const r of [s, l]) {
    const label = `statements ${r.states} × ${int(r.perState)}`;
    row({
      id: `4.${++n}`,
      figure: `${label}: time`,
      median: `${(r.runMs / 1000).toFixed(1)} s = ${(r.runMs / r.states).toFixed(1)} ms/state`,
      status: r.failed || r.sent !== r.states ? "FAILED" : "",
      what: `Summary.run for ${r.period}, ${r.states} states × 1 focal point → ${int(r.emails)} emails in the outbox (${mb(r.emailBytes)}${r.failed ? `; ${r.failed} FAILED: ${JSON.stringify(r.failures)}` : ""}); ${((r.runMs / r.contributions) * 1000).toFixed(0)} µs per contribution; ${int(r.contributions)} contributions (half ${r.period}, half the year before) loaded by ${r.load === "core" ? "Contribution.create" : "BatchWriteItem of core's ContributionEntity"} in ${r.loadSeconds.toFixed(0)} s${r.reducedFrom ? `; REDUCED from ${int(r.reducedFrom)} per state to fit the 10-minute run` : ""}`,
    });
    row({
      id: `4.${++n}`,
      figure: `${label}: DynamoDB requests`,
      median: `${int(r.requests)} = ${(r.requests / r.states).toFixed(2)}/state`,
      what: `${Object.entries(r.counts).map(([k, v]) => `${k} ${int(v as number)}`).join(", ")}; items read ${int(r.items)} (every contribution once, plus the member-state list)`,
    });
  }
  const reqGrowth = l.requests / l.states / (s.requests / s.states);
  const msPerContribution = [s.runMs / s.contributions, l.runMs / l.contributions];
  const linear = reqGrowth <= 1.1 && msPerContribution[1]! <= msPerContribution[0]! * 1.5;
  row({
    id: `4.${++n}`,
    figure: "statements: growth with the data",
    median: `req/state ×${reqGrowth.toFixed(2)}, µs/contribution ×${(msPerContribution[1]! / msPerContribution[0]!).toFixed(2)}`,
    goal: "linear",
    status: linear ? "ok" : "MISSED",
    what: `contributions per state grow ${(l.perState / s.perState).toFixed(0)}× and states ${(l.states / s.states).toFixed(1)}×: requests per state stay flat (${(s.requests / s.states).toFixed(2)} → ${(l.requests / l.states).toFixed(2)}), time per contribution ${(msPerContribution[0]! * 1000).toFixed(0)} → ${(msPerContribution[1]! * 1000).toFixed(0)} µs (linear: requests/state ≤ 1.1×, µs/contribution ≤ 1.5×)`,
  });
  if (l.reducedFrom) notes.push(`Statements at scale: the large size was reduced to 200 states × ${l.perState} (from ${l.reducedFrom}): loading at this machine's rate would not fit the 10-minute run.`);
}
