/**
 * Who bears each cost of a secondment (salary, allowances, insurance, travel): the sending state or
 * the Secretariat. Recorded on the secondment; what the Secretariat bears is taken off its
 * standard-cost value (standard-cost/valuation.ts). A secondment recorded without them: the sending
 * state bears every cost.
 */
import * as z from "zod";
import { BEARERS, COMPONENTS, DEFAULT_BEARERS, type Bearers } from "../standard-cost/valuation";

export { BEARERS, COMPONENTS, DEFAULT_BEARERS, type Bearers };

const Bearer = z.enum(BEARERS);

export const CostBearers = z
  .strictObject({ salary: Bearer, allowances: Bearer, insurance: Bearer, travel: Bearer })
  .meta({ description: "Who bears each cost: sending_state or secretariat" });

/** The bearers a stored secondment carries, or the default for one recorded without them. */
export function bearersOf(s: { costBearers?: Partial<Bearers> }): Bearers {
  return { ...DEFAULT_BEARERS, ...(s.costBearers ?? {}) };
}
