import { Entity } from "electrodb";
import { lazy, STAMPS, TABLE } from "../entity";

/**
 * The close of a fiscal year: one item per year that was ever closed (a year with none is open).
 * Every write dated in the year checks this item in its own transaction (`YearClose.openCheck`).
 */
export const YearCloseEntity = lazy(() => new Entity(
  {
    model: { entity: "yearClose", version: "1", service: "tracker" },
    attributes: {
      fiscalYear: { type: "number", required: true },
      status: { type: ["open", "provisional", "final"] as const, required: true },
      /** Why it was closed (optional) or reopened (required). */
      reason: { type: "string" },
      /** Who closed it last and when. */
      closedAt: { type: "string" },
      closedBy: { type: "string" },
      /** Who reopened it last, when and why. */
      reopenedAt: { type: "string" },
      reopenedBy: { type: "string" },
      reopenReason: { type: "string" },
      ...STAMPS,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["fiscalYear"] },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  TABLE,
));
