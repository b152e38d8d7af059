/**
 * Lambda entry of the statements function: the schedule (SST Cron) sends the statements of the period
 * just ended as the system; "run now" from the API arrives as an asynchronous invoke (run-now.ts) and
 * runs as the user who asked, with the id the API gave out. The only function that sends mail.
 */
import "./build/electrodb-sdk";
import { Actor, Clock, Statement, Summary } from "@tracker/core";
import "@tracker/core/mail";
import type { RunEvent } from "./run-now";

export async function handler(event?: Partial<RunEvent>) {
  if (event?.kind === "statements.run" && event.input && event.actor && event.runId) {
    const { input, actor, runId } = event;
    const result = await Actor.provide(actor, () => Summary.run(input, { trigger: "manual", runId }));
    return report(result, "manual");
  }
  const { cadence } = Summary.Schedule.config();
  const period = Statement.Period.justEnded(cadence === "off" ? "quarter" : cadence, Clock.today());
  const result = await Actor.provide({ type: "system", name: "schedule" }, () => Summary.run({ period: period.id }, { trigger: "schedule" }));
  return report(result, "schedule");
}

function report(result: Summary.RunResult, trigger: string) {
  const summary = { runId: result.runId, period: result.period, trigger, sent: result.sent.length, skipped: result.skipped.length, failed: result.failed.length };
  console.log(JSON.stringify({ level: "info", msg: "statements", ...summary, failures: result.failed }));
  return summary;
}
