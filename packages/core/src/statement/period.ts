/** Statement periods: a year ("2026"), a quarter ("2026-Q4") or a month ("2026-11"); the rules in periods.ts (zod-free, the web uses them), the schema here. */
import * as z from "zod";
import { issueParams } from "../messages/zod";
import { parse } from "./periods";

export * from "./periods";

export const Schema = z
  .string()
  .refine((v) => parse(v) !== undefined, issueParams("period.form"))
  .refine((v) => {
    const p = parse(v);
    return !p || (p.year >= 1990 && p.year <= 2100);
  }, issueParams("year.range"));

