/**
 * Lambda entry of the import worker: writes a confirmed import's rows (core's `Import.run`), as the
 * user who confirmed it. On Lambda, work left running after a response is frozen, so the API hands
 * a confirmed import here by an asynchronous invoke (routes/imports.ts, when IMPORTS_FUNCTION_NAME is
 * set); locally and in tests the API runs the writing in its own process. The progress is recorded
 * as in-process: by each batch's transaction, read by GET /api/imports/{id}/progress.
 *
 * A run that stops (a timeout, the database unreachable) throws, and Lambda invokes the worker again
 * (retryAttempts in stacks/Api.ts): the run resumes with the rows still unwritten. A rule refusing the
 * run (the year closed meanwhile, 409 close.year_closed) is logged and not retried: the import stays
 * running, and confirming it again resumes it once the year is open.
 */
import * as Actor from "@tracker/core/actor";
import { VisibleError } from "@tracker/core/error";
import { Import } from "@tracker/core/import/index";
import { logLine } from "./log";

/** What the worker receives for a confirmed import. */
export interface ImportRunEvent {
  kind: "import.run";
  importId: string;
  actor: Actor.Actor;
}

export async function handler(event?: Partial<ImportRunEvent>, context?: { awsRequestId?: string }) {
  const requestId = context?.awsRequestId;
  if (event?.kind !== "import.run" || !event.importId || !event.actor) throw new Error("The import worker takes { kind: \"import.run\", importId, actor }.");
  const { importId, actor } = event;
  try {
    const result = await Actor.provide(actor, () => Import.run(importId));
    logLine({ level: "info", msg: "import", requestId, importId, status: result.status, total: result.total, done: result.done, created: result.created });
    return result;
  } catch (error) {
    if (!(error instanceof VisibleError)) throw error;
    logLine({ level: "error", msg: "import", requestId, importId, code: error.code, params: error.params });
    return { id: importId, error: { code: error.code, params: error.params } };
  }
}
