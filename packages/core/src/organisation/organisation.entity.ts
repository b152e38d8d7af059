import { Entity } from "electrodb";
import { lazy, STAMPS, TABLE } from "../entity";

const bilingual = {
  type: "map",
  required: true,
  properties: { en: { type: "string", required: true }, ru: { type: "string", required: true } },
} as const;

/** The one organisation profile (a single item; its history is the audit trail). */
export const OrganisationEntity = lazy(() => new Entity(
  {
    model: { entity: "organisation", version: "1", service: "tracker" },
    attributes: {
      name: bilingual,
      abbreviation: bilingual,
      secretariat: bilingual,
      city: bilingual,
      referenceFormat: { type: "string", required: true },
      signature: bilingual,
      bankDetails: {
        type: "map",
        properties: { en: { type: "string", required: true }, ru: { type: "string", required: true } },
      },
      financeContact: {
        type: "map",
        required: true,
        properties: { name: { type: "string", required: true }, email: { type: "string", required: true } },
      },
      showBudgetCoverage: { type: "boolean", required: true },
      secondmentValue: { type: ["disclosed", "recognised"] as const },
      staffBudgetLine: { type: "string" },
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
