/**
 * How API errors read in the interface. In English the API's own message is
 * shown; in Russian the known codes and field messages are translated, and
 * anything unknown falls back to the API's words.
 */
import { ApiError } from "./api";
import type { Key, Lang, T } from "./i18n";

const BY_CODE: Record<string, Key> = {
  "auth.invalid_credentials": "error.invalidCredentials",
  "state.exists": "error.stateExists",
  "user.exists": "error.userExists",
  "state.version_conflict": "error.stateConflict",
  "user.version_conflict": "error.userConflict",
  "contribution.version_conflict": "error.contributionConflict",
  "contribution.not_found": "error.contributionNotFound",
  "contribution.voided": "error.contributionVoided",
  "contribution.pledge_partly_paid": "error.pledgePartlyPaid",
  "contribution.pledge_changed": "error.pledgeChanged",
  "budget.version_conflict": "error.budgetConflict",
  "budget.not_found": "error.budgetNotFound",
  "state.not_found": "error.stateNotFound",
  "idempotency.key_reused": "error.idempotencyReused",
  "post.version_conflict": "error.postConflict",
  "post.not_found": "error.postNotFound",
  "post.number_taken": "error.postNumberTaken",
  "post.occupied": "error.postOccupied",
  "post.changed": "error.postChanged",
  "post.has_incumbent": "error.postHasIncumbent",
  "post.seconded_incumbent": "error.postSeconded",
  "post.frozen": "error.postClosed",
  "post.abolished": "error.postClosed",
  "secondment.version_conflict": "error.secondmentConflict",
  "secondment.not_found": "error.secondmentNotFound",
  "secondment.ended": "error.secondmentEnded",
  "vacancy.version_conflict": "error.vacancyConflict",
  "vacancy.not_found": "error.vacancyNotFound",
  "vacancy.filled": "error.vacancyFilled",
  "vacancy.cancelled": "error.vacancyCancelled",
  "vacancy.closed": "error.vacancyClosed",
  "vacancy.changed": "error.vacancyChanged",
  "vacancy.already_selected": "error.vacancyAlreadySelected",
  "recommendation.version_conflict": "error.recommendationConflict",
  "recommendation.not_found": "error.recommendationNotFound",
  "recommendation.not_shortlisted": "error.notShortlisted",
  "request.invalid": "error.invalid",
  "request.too_large": "error.tooLarge",
  "database.unreachable": "error.unavailable",
  internal: "error.generic",
};

const BY_STATUS: Record<number, Key> = {
  0: "error.network",
  400: "error.invalid",
  403: "error.forbidden",
  404: "error.notFound",
  413: "error.tooLarge",
  503: "error.unavailable",
  500: "error.generic",
};

/** The sentence to show for an error from the API (or anything else thrown). */
export function errorText(error: unknown, t: T, lang: Lang): string {
  if (!(error instanceof ApiError)) return t("error.generic");
  if (error.status === 0) return t("error.network");
  if (error.code === "request.invalid" && lang === "en") return t("error.invalid");
  if (lang === "en" && error.message) return error.message;
  if (error.code === "auth.too_many_attempts") {
    const minutes = /(\d+)\s*minute/.exec(error.message)?.[1];
    return minutes ? t("error.tooManyAttempts", { minutes }) : t("error.tooManyAttemptsLater");
  }
  const key = BY_CODE[error.code] ?? BY_STATUS[error.status];
  if (key) return t(key);
  return error.message || t("error.generic");
}

const EXACT: Record<string, Key> = {
  "Required.": "issue.required",
  "Not a valid email address.": "issue.email",
  "Use the form YYYY-MM-DD.": "issue.dateForm",
  "This date does not exist.": "issue.dateMissing",
  "Use the two-letter ISO 3166-1 code in capitals, e.g. KZ.": "issue.code",
  "Give at least one role.": "issue.oneRole",
  "You cannot disable your own account.": "issue.selfDisable",
  "You cannot remove your own admin role.": "issue.selfDemote",
  "Unknown field.": "issue.unknownField",
  "Write the amount as a decimal number, e.g. 1250000.00.": "issue.amountForm",
  'Send the amount as a decimal string, e.g. "1250000.00".': "issue.amountForm",
  'Send the amount as a decimal string, e.g. "250000.00".': "issue.amountForm",
  "The amount must be greater than zero.": "issue.amountPositive",
  "The amount is too large.": "issue.amountLarge",
  "Use the three-letter ISO 4217 code in capitals, e.g. KZT.": "issue.currencyForm",
  "Not a known ISO 4217 currency.": "issue.currencyUnknown",
  "Write the rate as a decimal number, e.g. 460.25 (units of the currency per 1 USD).": "issue.rateForm",
  "The rate must be greater than zero.": "issue.ratePositive",
  "USD is converted at 1; leave the rate out.": "issue.rateUsd",
  "Give a date between 1990 and 2100.": "issue.dateRange",
  "Say what the contribution is earmarked for.": "issue.earmark",
  "Describe what was given and how it was valued.": "issue.description",
  "Only a received contribution can pay a pledge.": "issue.pledgeReceived",
  "No open pledge with this id.": "issue.pledgeNotOpen",
  "A payment keeps the state and currency of its pledge.": "issue.paymentKeeps",
  "A payment of a pledge cannot become a pledge.": "issue.paymentNotPledge",
  "Say why the record is voided.": "issue.voidReason",
  "Give at least one budget line.": "issue.oneLine",
  "This code is used twice.": "issue.codeTwice",
  "Letters, digits, dot, dash or underscore.": "issue.lineCode",
  "Give a year from 1990 to 2100.": "issue.yearRange",
  'Use a year ("2026"), a quarter ("2026-Q4") or a month ("2026-11").': "issue.period",
};

/** One field message from the API, in the current language. */
export function issueText(message: string, t: T, lang: Lang): string {
  if (lang === "en") return message;
  const exact = EXACT[message];
  if (exact) return t(exact);
  let m = /^At least (\d+) characters/.exec(message) ?? /expected string to have >=(\d+) characters/.exec(message);
  if (m) return t("issue.minChars", { n: m[1]! });
  m = /^At most (\d+) characters/.exec(message) ?? /expected string to have <=(\d+) characters/.exec(message);
  if (m) return t("issue.maxChars", { n: m[1]! });
  m = /expected array to have <=(\d+) items/.exec(message);
  if (m) return t("issue.maxItems", { n: m[1]! });
  if (/^Invalid option/.test(message)) return t("issue.option");
  m = /^([A-Z]{3}) allows at most (\d+) decimals?\.$/.exec(message);
  if (m) return t("issue.decimals", { currency: m[1]!, n: m[2]! });
  m = /^([A-Z]{3}) has no minor unit/.exec(message);
  if (m) return t("issue.noMinor", { currency: m[1]! });
  m = /^Give the rate: ([A-Z]{3}) per 1 USD\.$/.exec(message);
  if (m) return t("issue.rateRequired", { currency: m[1]! });
  m = /^No member state with code (\w+)\.$/.exec(message);
  if (m) return t("issue.noState", { code: m[1]! });
  m = /^The pledge was made by (\w+), not (\w+)\.$/.exec(message);
  if (m) return t("issue.pledgeState", { a: m[1]!, b: m[2]! });
  m = /^The pledge is in ([A-Z]{3}); record its payment in/.exec(message);
  if (m) return t("issue.pledgeCurrency", { currency: m[1]! });
  if (/^A member state with code .* already exists/.test(message)) return t("error.stateExists");
  if (/^A user .* already exists/.test(message)) return t("error.userExists");
  return message;
}

/** Field messages by path, from an ApiError (empty for anything else). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const issue of error.issues) if (!(issue.path in out)) out[issue.path] = issue.message;
    if (error.code === "state.exists" && !out.code) out.code = error.message;
    if (error.code === "user.exists" && !out.email) out.email = error.message;
  }
  return out;
}
