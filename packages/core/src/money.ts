/**
 * Money is never a float. Amounts are integer minor units with each currency's
 * ISO 4217 digits (USD 2, KZT 2, JPY 0, KRW 0, KWD 3); they come in and go out
 * as decimal strings. Exchange rates are decimal strings: units of the
 * currency per 1 USD. USD equivalents are rounded half-even to cents.
 */
export * as Money from "./money";

import * as z from "zod";
import { issue, issueParams } from "./messages/zod";

export * from "./money-units";
import { isCurrency, isRate } from "./money-units";

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, issue("currency.form"))
  .refine(isCurrency, issueParams("currency.unknown"));

/** An exchange rate as a decimal string, normalised ("460.2500" → "460.25"). */
export const Rate = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? String(v) : v.trim()))
  .refine((v) => /^\d{1,12}(\.\d{1,10})?$/.test(v), issueParams("rate.form"))
  .refine(isRate, issueParams("rate.positive"))
  .transform((v) => (v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v).replace(/^0+(?=\d)/, ""));

