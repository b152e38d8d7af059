import { Entity } from "electrodb";
import { doc, tableName } from "../dynamo";
import { lazy } from "../entity";
import { DELIVERY } from "./delivery";

/**
 * One revised statement ("Rev. 1") to one recipient: claimed before sending and marked sent after,
 * like the original's delivery, which stays as it was. Keyed by period, then state, revision and
 * recipient, so a state's revisions of a period are one Query.
 */
export const SummaryRevisionEntity = lazy(() => new Entity(
  {
    model: { entity: "summaryRevision", version: "1", service: "tracker" },
    attributes: {
      period: { type: "string", required: true },
      stateCode: { type: "string", required: true },
      revision: { type: "number", required: true, padding: { length: 3, char: "0" } },
      recipient: { type: "string", required: true },
      ...DELIVERY,
      /** The note it replaces: the recipient's last statement of the period (the original or an earlier revision). */
      replacesReference: { type: "string", required: true },
      replacesSentAt: { type: "string", required: true },
      /** What this revision states (Statement.Stated). */
      stated: { type: "any", required: true },
      /** Who asked for it. */
      actor: { type: "string", required: true },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["period"] },
        sk: { field: "sk", composite: ["stateCode", "revision", "recipient"] },
      },
    },
  },
  { table: tableName, client: doc },
));
