/**
 * How API errors read in the interface: by their code and parameters, in the current language
 * (the catalogues give every API code). No English text of the API is read here; the API's own
 * message is shown only for a code that no catalogue knows.
 */
import { ApiError, type Issue } from "./api";
import { dateTimeIn, knows, translateActive, type Key, type Lang, type T } from "./i18n";

const BY_STATUS: Record<number, Key> = {
  0: "error.network",
  400: "error.invalid",
  403: "error.forbidden",
  404: "error.notFound",
  413: "error.tooLarge",
  503: "error.unavailable",
  500: "error.generic",
};

/**
 * The parameters of an error as the interface writes them: a stale-edit error's time (`at`, the ISO
 * instant of the last change) in the interface's language, in place of the API's English `when`.
 */
function paramsIn(params: Record<string, string | number>, lang: Lang | undefined): Record<string, string | number> {
  const at = params.at;
  return lang && typeof at === "string" && at && "when" in params ? { ...params, when: dateTimeIn(lang, at) } : params;
}

/** The sentence to show for an error from the API (or anything else thrown). */
export function errorText(error: unknown, t: T, lang?: Lang): string {
  if (!(error instanceof ApiError)) return t("error.generic");
  if (error.status === 0) return t("error.network");
  // The fields are marked one by one; the notice says so rather than listing their paths.
  if (error.code === "request.invalid") return t("error.invalid");
  if (knows(error.code)) return t(error.code, paramsIn(error.params, lang));
  const key = BY_STATUS[error.status];
  return key ? t(key) : error.message || t("error.generic");
}

/** One field's issue in the current language: by its code; a text made by the interface is shown as it is. */
export function issueText(issue: string | Pick<Issue, "code" | "params" | "message">, t?: T, _lang?: Lang): string {
  if (typeof issue === "string") return issue;
  if (issue.code && knows(issue.code)) return t ? t(issue.code, issue.params) : translateActive(issue.code, issue.params);
  return issue.message;
}

/** Field messages by path, in the current language, from an ApiError (empty for anything else). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const issue of error.issues) if (!(issue.path in out)) out[issue.path] = issueText(issue);
    if (error.code === "state.exists" && !out.code) out.code = issueText(error);
    if (error.code === "user.exists" && !out.email) out.email = issueText(error);
  }
  return out;
}

/** The error without the issues under a path prefix: after rows are removed, their positions no longer hold. */
export function withoutIssues(error: unknown, prefix: string): unknown {
  return error instanceof ApiError
    ? new ApiError(error.status, error.code, error.message, error.issues.filter((i) => !i.path.startsWith(prefix)), error.params)
    : error;
}
