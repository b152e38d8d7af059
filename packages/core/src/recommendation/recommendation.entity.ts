import { Entity } from "electrodb";
import { lazy, STAMPS, TABLE } from "../entity";

/**
 * A member state's recommendation of a candidate for a vacancy: one item each,
 * in the vacancy's partition (recommendations by vacancy: a Query on the
 * primary key, strongly consistent) and on gsi1 by state.
 */
export const RecommendationEntity = lazy(() => new Entity(
  {
    model: { entity: "recommendation", version: "1", service: "tracker" },
    attributes: {
      vacancyId: { type: "string", required: true },
      id: { type: "string", required: true },
      stateCode: { type: "string", required: true },
      candidateName: { type: "string", required: true },
      nationality: { type: "string", required: true },
      receivedOn: { type: "string", required: true },
      /** Received after the vacancy's deadline (accepted only when the caller said so). */
      late: { type: "boolean", required: true },
      status: { type: ["received", "shortlisted", "selected", "not_selected"] as const, required: true },
      note: { type: "string" },
      ...STAMPS,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["vacancyId"] },
        sk: { field: "sk", composite: ["id"] },
      },
      byState: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["stateCode"] },
        sk: { field: "gsi1sk", composite: ["receivedOn", "id"] },
      },
    },
  },
  TABLE,
));
