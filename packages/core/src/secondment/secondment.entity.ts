import { Entity } from "electrodb";
import { lazy, BY_ID, STAMPS, TABLE } from "../entity";

/**
 * A member state's secondment of a person to a post. Its status (planned,
 * active, ended) is derived from its dates on the day it is read; `lastOn`
 * (the early end if recorded, else the planned end with extensions) keys the
 * rotation index.
 */
export const SecondmentEntity = lazy(() => new Entity(
  {
    model: { entity: "secondment", version: "1", service: "tracker" },
    attributes: {
      id: { type: "string", required: true },
      personName: { type: "string", required: true },
      nationality: { type: "string", required: true },
      sendingState: { type: "string", required: true },
      postId: { type: "string", required: true },
      startOn: { type: "string", required: true },
      /** The planned last day (inclusive), moved by extensions. */
      endOn: { type: "string", required: true },
      originalEndOn: { type: "string", required: true },
      extensions: {
        type: "list",
        required: true,
        items: {
          type: "map",
          properties: {
            endOn: { type: "string", required: true },
            previousEndOn: { type: "string", required: true },
            decisionRef: { type: "string" },
            /** Tour rules: the decision under which the extension went beyond the limits named. */
            override: { type: "map", properties: { decisionRef: { type: "string", required: true }, limits: { type: "list", items: { type: "string" }, required: true } } },
            recordedAt: { type: "string", required: true },
            recordedBy: { type: "string", required: true },
          },
        },
      },
      /** The actual last day when the secondment ended early. */
      endedOn: { type: "string" },
      endReason: { type: "string" },
      /** endedOn if recorded, else endOn: the last day in post. */
      lastOn: { type: "string", required: true },
      decisionRef: { type: "string" },
      note: { type: "string" },
      /** Who bears each cost (costs.ts); absent on a secondment recorded before: the sending state bears all. */
      costBearers: {
        type: "map",
        properties: {
          salary: { type: ["sending_state", "secretariat"] as const, required: true },
          allowances: { type: ["sending_state", "secretariat"] as const, required: true },
          insurance: { type: ["sending_state", "secretariat"] as const, required: true },
          travel: { type: ["sending_state", "secretariat"] as const, required: true },
        },
      },
      ...STAMPS,
    },
    indexes: {
      primary: BY_ID,
      byPost: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["postId"] },
        sk: { field: "gsi1sk", composite: ["startOn", "id"] },
      },
      byState: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["sendingState"] },
        sk: { field: "gsi2sk", composite: ["startOn", "id"] },
      },
      /** Every secondment in one partition, by last day: rotation alerts and the year's secondments. */
      byEnd: {
        index: "gsi3",
        pk: { field: "gsi3pk", composite: [] },
        sk: { field: "gsi3sk", composite: ["lastOn", "id"] },
      },
    },
  },
  TABLE,
));
