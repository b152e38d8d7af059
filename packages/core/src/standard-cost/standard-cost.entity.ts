import { Entity } from "electrodb";
import { lazy, STAMPS, TABLE } from "../entity";

/**
 * One row of HR's standard-cost table: what a month of a post of a category and grade costs, in
 * USD cents, by cost component, from an effective date on (until the next effective date of the
 * same category and grade). The primary key is the category and grade (partition) and the effective
 * date (sort), so a post's rows are one Query; `grade` "*" is the row of the whole category, used
 * when a post's own grade has none.
 */
export const StandardCostEntity = lazy(() => new Entity(
  {
    model: { entity: "standardCost", version: "1", service: "tracker" },
    attributes: {
      category: { type: "string", required: true },
      /** The post's grade as written on the post ("P-4"), or "*" for every grade of the category. */
      grade: { type: "string", required: true },
      /** From this day (YYYY-MM-DD) the row is in force. */
      effectiveOn: { type: "string", required: true },
      salaryUsdCents: { type: "number", required: true },
      allowancesUsdCents: { type: "number", required: true },
      insuranceUsdCents: { type: "number", required: true },
      travelUsdCents: { type: "number", required: true },
      note: { type: "string" },
      ...STAMPS,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["category", "grade"] },
        sk: { field: "sk", composite: ["effectiveOn"] },
      },
      /** The whole table in one partition, by category, grade and date (the HR page). */
      all: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: [] },
        sk: { field: "gsi1sk", composite: ["category", "grade", "effectiveOn"] },
      },
    },
  },
  TABLE,
));
