import { Entity } from "electrodb";
import { lazy, STAMPS, TABLE } from "../entity";

/**
 * One exchange rate of the register: a currency's rate to USD from an effective date on, with its
 * source. The primary key is the currency (partition) and the effective date (sort), so the rate in
 * force on a day is one Query: effective date ≤ the day, newest first, one item.
 */
export const ExchangeRateEntity = lazy(() => new Entity(
  {
    model: { entity: "exchangeRate", version: "1", service: "tracker" },
    attributes: {
      currency: { type: "string", required: true },
      /** From this day (YYYY-MM-DD) the rate is in force, until the next effective date of the currency. */
      effectiveDate: { type: "string", required: true },
      /** Units of `currency` per 1 USD, a normalised decimal string. */
      rate: { type: "string", required: true },
      source: { type: ["un_operational", "nbk", "bank_actual", "manual"] as const, required: true },
      note: { type: "string" },
      ...STAMPS,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["currency"] },
        sk: { field: "sk", composite: ["effectiveDate"] },
      },
      /** Every currency's rates by effective date (the register's page, newest first). */
      byDate: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: [] },
        sk: { field: "gsi1sk", composite: ["effectiveDate", "currency"] },
      },
    },
  },
  TABLE,
));
