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
import { isCurrency, isRate, MAX_MINOR, MAX_USD_CENTS, formatUnits } from "./money-units";

/**
 * An amount as a decimal string. Its currency's digits and maximum (15 digits in minor units) are
 * checked with the currency (`parse`, `convert`); the document gives the form and the maximum.
 */
export const Amount = z.string().meta({
  description:
    `A decimal string in the currency's ISO 4217 digits, greater than zero and at most 15 digits in minor units: ` +
    `${formatUnits(MAX_MINOR, 2)} for a 2-decimal currency (USD, KZT), ${formatUnits(MAX_MINOR, 0)} JPY, ${formatUnits(MAX_MINOR, 3)} KWD. ` +
    `Its USD equivalent is at most ${formatUnits(MAX_USD_CENTS, 2)}.`,
  pattern: "^\\d{1,15}(\\.\\d{1,4})?$",
  examples: ["1250000.00"],
});

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, issue("currency.form"))
  .refine(isCurrency, issueParams("currency.unknown"));

const RATE_FORM = /^\d{1,12}(\.\d{1,10})?$/;

/** An exchange rate as a decimal string, normalised ("460.2500" → "460.25"). */
export const Rate = z
  .union([z.string(), z.number()])
  .meta({
    description: "Units of the currency per 1 USD: greater than zero, at most 12 digits before the point and 10 after (999999999999.9999999999).",
    pattern: "^\\d{1,12}(\\.\\d{1,10})?$",
    examples: ["460.25"],
  })
  .transform((v) => (typeof v === "number" ? String(v) : v.trim()))
  .refine((v) => RATE_FORM.test(v), issueParams("rate.form"))
  // Not also "greater than zero" for a rate in the wrong form; not aborting, so the amount is still checked.
  .refine((v) => !RATE_FORM.test(v) || isRate(v), issueParams("rate.positive"))
  .transform((v) => (v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v).replace(/^0+(?=\d)/, ""));

