import { Entity } from "electrodb";
import { lazy, TABLE } from "../entity";

/** One immutable item per version of a year's budget; the newest is the budget in force. */
export const BudgetEntity = lazy(() => new Entity(
  {
    model: { entity: "budget", version: "1", service: "tracker" },
    attributes: {
      year: { type: "number", required: true },
      version: { type: "number", required: true },
      status: { type: ["draft", "approved"] as const, required: true },
      lines: {
        type: "list",
        required: true,
        items: {
          type: "map",
          properties: {
            code: { type: "string", required: true },
            name: { type: "string", required: true },
            amountUsdCents: { type: "number", required: true },
          },
        },
      },
      totalUsdCents: { type: "number", required: true },
      note: { type: "string" },
      approvedOn: { type: "string" },
      decisionRef: { type: "string" },
      createdAt: { type: "string", required: true },
      createdBy: { type: "string", required: true },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["year"] },
        sk: { field: "sk", composite: ["version"] },
      },
    },
  },
  TABLE,
));
