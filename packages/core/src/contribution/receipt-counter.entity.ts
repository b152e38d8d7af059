import { Entity } from "electrodb";
import { lazy, TABLE } from "../entity";

/**
 * The last number given in a series of a fiscal year: "R" (receipts) or "P"
 * (pledges). A contribution's number is taken by one atomic ADD to `last`
 * just before the contribution is written: two records never share a number,
 * and a number once given is never given again (a voided record keeps its own).
 */
export const ReceiptCounterEntity = lazy(() => new Entity(
  {
    model: { entity: "receiptCounter", version: "1", service: "tracker" },
    attributes: {
      series: { type: ["R", "P"] as const, required: true },
      fiscalYear: { type: "number", required: true },
      last: { type: "number", required: true },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["series", "fiscalYear"] },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  TABLE,
));
