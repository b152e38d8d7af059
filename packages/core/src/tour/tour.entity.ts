import { Entity } from "electrodb";
import { lazy, STAMPS, TABLE } from "../entity";

const months = { type: "number", required: true } as const;

/** The one set of tour rules (a single item; its history is the audit trail). */
export const TourRulesEntity = lazy(() => new Entity(
  {
    model: { entity: "tourRules", version: "1", service: "tracker" },
    attributes: {
      categories: {
        type: "map",
        required: true,
        properties: { executive: months, senior_officer: months, professional: months, expert: months, administrative: months, support: months },
      },
      grades: {
        type: "list",
        required: true,
        items: {
          type: "map",
          properties: { category: { type: "string", required: true }, grade: { type: "string", required: true }, maxTourMonths: months },
        },
      },
      cumulativeMonths: months,
      ...STAMPS,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: [] },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  TABLE,
));
