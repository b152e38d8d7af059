import { Entity } from "electrodb";
import { doc, tableName } from "../dynamo";
import { lazy } from "../entity";

/**
 * The running totals of a fiscal year: one item per state that has records in the year, and one
 * for the whole year (`stateCode` "*", which no member state code can be).
 *
 * Figures are DynamoDB numbers (38 significant digits) changed only by atomic `ADD`s in the
 * transaction of the write that changes them (`Totals.items`), never read-modify-written, and read
 * back as exact integers (`Totals.ofYear`, numbers wrapped as strings, then BigInt): no figure goes
 * through a JS number. ElectroDB names the keys and the identity attributes; the figures are
 * written and read outside it, since it would read them as JS numbers. Besides the attributes below,
 * an item carries `receivedMinor_<CUR>` and `outstandingMinor_<CUR>` per currency (minor units).
 *
 * Keys: pk `$tracker#fiscalyear_2022`, sk `$totals_1#statecode_kz` (a year's items: one Query);
 * gsi2 by state, sorted by year (a state's years: one Query).
 */
export const TotalsEntity = lazy(() => new Entity(
  {
    model: { entity: "totals", version: "1", service: "tracker" },
    attributes: {
      fiscalYear: { type: "number", required: true },
      stateCode: { type: "string", required: true },
      /** Records counted (not voided). */
      count: { type: "number" },
      voidedCount: { type: "number" },
      /** USD cents: cash received, in kind received, pledged (whole amounts), pledged and still outstanding. */
      receivedCents: { type: "number" },
      inKindCents: { type: "number" },
      pledgedCents: { type: "number" },
      pledgedOutstandingCents: { type: "number" },
    },
    indexes: {
      byYear: {
        pk: { field: "pk", composite: ["fiscalYear"] },
        sk: { field: "sk", composite: ["stateCode"] },
      },
      byState: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["stateCode"] },
        sk: { field: "gsi2sk", composite: ["fiscalYear"] },
      },
    },
  },
  { table: tableName, client: doc },
));
