import { Entity } from "electrodb";
import { doc, tableName } from "../dynamo";
import { lazy } from "../entity";
import { DELIVERY } from "./delivery";

/** One statement to one recipient for one period: claimed before sending, marked sent after. */
export const SummaryDeliveryEntity = lazy(() => new Entity(
  {
    model: { entity: "summaryDelivery", version: "1", service: "tracker" },
    attributes: {
      period: { type: "string", required: true },
      stateCode: { type: "string", required: true },
      recipient: { type: "string", required: true },
      ...DELIVERY,
      runId: { type: "string", required: true },
      /** What the statement stated (Statement.Stated), to tell a later correction by. */
      stated: { type: "any" },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["period"] },
        sk: { field: "sk", composite: ["stateCode", "recipient"] },
      },
    },
  },
  { table: tableName, client: doc },
));

/** One run of the statement job, with what it sent, skipped and failed, and why. */
export const SummaryRunEntity = lazy(() => new Entity(
  {
    model: { entity: "summaryRun", version: "1", service: "tracker" },
    attributes: {
      runId: { type: "string", required: true },
      period: { type: "string", required: true },
      trigger: { type: ["schedule", "manual", "cli"] as const, required: true },
      dryRun: { type: "boolean", required: true },
      actor: { type: "string", required: true },
      startedAt: { type: "string", required: true },
      finishedAt: { type: "string", required: true },
      sent: { type: "any", required: true },
      skipped: { type: "any", required: true },
      failed: { type: "any", required: true },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: [] },
        sk: { field: "sk", composite: ["startedAt", "runId"] },
      },
    },
  },
  { table: tableName, client: doc },
));
