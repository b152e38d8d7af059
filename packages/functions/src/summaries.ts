/** Lambda entry for the schedule (SST Cron): the statements of the period just ended, as the system. */
import { Actor, Clock, Statement, Summary } from "@tracker/core";

export async function handler() {
  const { cadence } = Summary.Schedule.config();
  const period = Statement.Period.justEnded(cadence === "off" ? "quarter" : cadence, Clock.today());
  const result = await Actor.provide({ type: "system", name: "schedule" }, () => Summary.run({ period: period.id }, { trigger: "schedule" }));
  const summary = { runId: result.runId, period: period.id, sent: result.sent.length, skipped: result.skipped.length, failed: result.failed.length };
  console.log(JSON.stringify({ level: "info", msg: "statements", ...summary, failures: result.failed }));
  return summary;
}
