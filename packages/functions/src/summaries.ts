/**
 * Lambda entry of the statements function: the schedule (SST Cron) sends the statements of the period
 * just ended as the system; "run now" from the API arrives as an asynchronous invoke (run-now.ts) and
 * runs as the user who asked, with the id the API gave out. The only function that sends mail.
 */
import { Actor, Clock, Notice, Statement, Summary } from "@tracker/core";
import "@tracker/core/mail";
import { logLine } from "./log";
import type { ReviseEvent, RunEvent } from "./run-now";

/** The hourly schedule of the notices (stacks/Summaries.ts): outcome notes, then the week's HR digest. */
export interface NoticesEvent { kind: "notices" }

export async function handler(event?: Partial<RunEvent> | Partial<ReviseEvent> | NoticesEvent, context?: { awsRequestId?: string }) {
  const requestId = context?.awsRequestId;
  if (event?.kind === "notices") {
    const result = await Actor.provide({ type: "system", name: "schedule" }, () => Notice.run());
    const summary = { week: result.week, sent: result.sent.length, skipped: result.skipped.length, failed: result.failed.length };
    // Same `msg` and `failed` as a run: failed notices reach the StatementFailures alarm too.
    logLine({ level: "info", msg: "statements", kind: "notices", requestId, ...summary, failures: result.failed });
    return summary;
  }
  if (event?.kind === "statements.revise" && event.input && event.actor) {
    const { input, actor } = event;
    const result = await Actor.provide(actor, () => Summary.revise(input));
    // Same `msg` as a run, so a revision with failed deliveries reaches the StatementFailures alarm too.
    logLine({ level: "info", msg: "statements", kind: "revision", requestId, period: result.period, state: result.state, revision: result.revision, sent: result.sent.length, skipped: result.skipped.length, failed: result.failed.length, failures: result.failed });
    return result;
  }
  if (event?.kind === "statements.run" && event.input && event.actor && "runId" in event && event.runId) {
    const { input, actor, runId } = event;
    const result = await Actor.provide(actor, () => Summary.run(input, { trigger: "manual", runId }));
    return report(result, "manual", requestId);
  }
  const { cadence } = Summary.Schedule.config();
  const period = Statement.Period.justEnded(cadence === "off" ? "quarter" : cadence, Clock.today());
  const result = await Actor.provide({ type: "system", name: "schedule" }, () => Summary.run({ period: period.id }, { trigger: "schedule" }));
  return report(result, "schedule", requestId);
}

function report(result: Summary.RunResult, trigger: string, requestId: string | undefined) {
  const summary = { runId: result.runId, period: result.period, trigger, sent: result.sent.length, skipped: result.skipped.length, failed: result.failed.length };
  // The StatementFailures metric filter (stacks/Summaries.ts) reads this line: `msg` and `failed`.
  logLine({ level: "info", msg: "statements", requestId, ...summary, failures: result.failed });
  return summary;
}
