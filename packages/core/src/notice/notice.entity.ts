import { Entity } from "electrodb";
import { lazy, TABLE } from "../entity";
import { DELIVERY } from "../summary/delivery";

/**
 * One notice to one recipient, claimed before sending and marked sent after, as a statement's
 * delivery is: the HR digest of a week (kind "hr_digest", key "2026-W10") or a vacancy's outcome
 * note to a recommending state (kind "vacancy_outcome", key "<vacancy id>|<state>").
 */
export const NoticeDeliveryEntity = lazy(() => new Entity(
  {
    model: { entity: "noticeDelivery", version: "1", service: "tracker" },
    attributes: {
      kind: { type: ["hr_digest", "vacancy_outcome"] as const, required: true },
      key: { type: "string", required: true },
      recipient: { type: "string", required: true },
      ...DELIVERY,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["kind", "key"] },
        sk: { field: "sk", composite: ["recipient"] },
      },
    },
  },
  TABLE,
));

/**
 * The outbox of outcome notes: one item per filled vacancy and recommending state, written in the
 * fill's transaction, with what the note says (each of the state's candidates, selected or not);
 * pending until the mail function has delivered it to every focal point of the state.
 */
export const OutcomeNoteEntity = lazy(() => new Entity(
  {
    model: { entity: "outcomeNote", version: "1", service: "tracker" },
    attributes: {
      vacancyId: { type: "string", required: true },
      stateCode: { type: "string", required: true },
      queue: { type: ["pending", "done"] as const, required: true },
      title: {
        type: "map",
        required: true,
        properties: { en: { type: "string", required: true }, ru: { type: "string", required: true } },
      },
      /** The appointment's first day. */
      startOn: { type: "string", required: true },
      candidates: {
        type: "list",
        required: true,
        items: { type: "map", properties: { name: { type: "string", required: true }, selected: { type: "boolean", required: true } } },
      },
      createdAt: { type: "string", required: true },
      createdBy: { type: "string", required: true },
      doneAt: { type: "string" },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["vacancyId"] },
        sk: { field: "sk", composite: ["stateCode"] },
      },
      /** The notes still to deliver, oldest first. */
      byQueue: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["queue"] },
        sk: { field: "gsi1sk", composite: ["createdAt", "vacancyId", "stateCode"] },
      },
    },
  },
  TABLE,
));
