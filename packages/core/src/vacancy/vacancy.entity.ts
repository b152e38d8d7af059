import { Entity } from "electrodb";
import { lazy, BY_ID, STAMPS, TABLE } from "../entity";

/** An open position on a post, for which member states recommend candidates (see RecommendationEntity). */
export const VacancyEntity = lazy(() => new Entity(
  {
    model: { entity: "vacancy", version: "1", service: "tracker" },
    attributes: {
      id: { type: "string", required: true },
      postId: { type: "string", required: true },
      title: {
        type: "map",
        required: true,
        properties: {
          en: { type: "string", required: true },
          ru: { type: "string", required: true },
        },
      },
      basis: { type: ["competitive", "contractual"] as const, required: true },
      publishedOn: { type: "string", required: true },
      deadline: { type: "string", required: true },
      status: { type: ["open", "closed", "filled", "cancelled"] as const, required: true },
      /** The recommendation currently marked selected, if any (at most one). */
      selectedRecommendationId: { type: "string" },
      /** Set by the fill. */
      filled: {
        type: "map",
        properties: {
          recommendationId: { type: "string", required: true },
          candidateName: { type: "string", required: true },
          nationality: { type: "string", required: true },
          stateCode: { type: "string", required: true },
          startOn: { type: "string", required: true },
          endOn: { type: "string" },
          filledAt: { type: "string", required: true },
          filledBy: { type: "string", required: true },
        },
      },
      note: { type: "string" },
      ...STAMPS,
    },
    indexes: {
      primary: BY_ID,
      byStatus: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["status"] },
        sk: { field: "gsi1sk", composite: ["deadline", "id"] },
      },
      all: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: [] },
        sk: { field: "gsi2sk", composite: ["publishedOn", "id"] },
      },
      byPost: {
        index: "gsi3",
        pk: { field: "gsi3pk", composite: ["postId"] },
        sk: { field: "gsi3sk", composite: ["publishedOn", "id"] },
      },
    },
  },
  TABLE,
));
