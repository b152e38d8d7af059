/**
 * "Run now" from the API. On AWS (STATEMENTS_FUNCTION_NAME set) the statements function does the work:
 * an asynchronous invoke with the run's input, its id and who asked, answered at once as queued; the
 * run then appears in /api/summaries/runs. A dry run sends nothing and is answered here, as is every run
 * locally (no function name), in-process as before. The API never loads the mail module.
 */
import * as Actor from "@tracker/core/actor";
import { Summary } from "@tracker/core/summary/index";

export interface Queued {
  runId: string;
  period: string;
  status: "queued";
}

/** What the statements function receives for a run asked for through the API. */
export interface RunEvent {
  kind: "statements.run";
  runId: string;
  input: Summary.RunInput;
  actor: Actor.Actor;
}

/** What the statements function receives for a revision asked for through the API. */
export interface ReviseEvent {
  kind: "statements.revise";
  input: Summary.ReviseInput;
  actor: Actor.Actor;
}

/** A revised statement, sent by the statements function on AWS (answered as queued), in-process locally. */
export async function reviseNow(raw: Summary.ReviseInput): Promise<Summary.ReviseResult | { period: string; state: string; revision: number; status: "queued" }> {
  const actor = Actor.assertCan("sendStatementRevision");
  const input = Summary.ReviseInput.parse(raw);
  const functionName = process.env.STATEMENTS_FUNCTION_NAME;
  if (!functionName) return Summary.revise(input);
  const event: ReviseEvent = { kind: "statements.revise", input, actor };
  const { InvokeCommand, LambdaClient } = await import("@aws-sdk/client-lambda");
  lambda ??= new LambdaClient({});
  await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: "Event", Payload: Buffer.from(JSON.stringify(event)) }));
  return { period: input.period, state: input.state, revision: input.revision, status: "queued" };
}

export async function runNow(raw: Summary.RunInput): Promise<Summary.RunResult | Queued> {
  const actor = Actor.assertCan("runStatements");
  const input = Summary.RunInput.parse(raw);
  const functionName = process.env.STATEMENTS_FUNCTION_NAME;
  if (!functionName || input.dryRun) return Summary.run(input, { trigger: "manual" });
  const runId = Summary.newRunId();
  const event: RunEvent = { kind: "statements.run", runId, input, actor };
  const { InvokeCommand, LambdaClient } = await import("@aws-sdk/client-lambda");
  lambda ??= new LambdaClient({});
  await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: "Event", Payload: Buffer.from(JSON.stringify(event)) }));
  return { runId, period: input.period, status: "queued" };
}

let lambda: import("@aws-sdk/client-lambda").LambdaClient | undefined;
