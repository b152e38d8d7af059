/**
 * zod issues as message codes. Every issue the API answers with is `{ path, code, params, message }`:
 * zod's own checks are mapped by their issue code (`field.required`, `field.invalid_type` with what
 * was expected, `field.too_small`/`too_big` with the limit and the origin, ...); a check whose message
 * is a catalogue code keeps that code; a refinement or custom issue carries its code in zod's `params`
 * (`issueParams("amount.decimals", { currency, digits })`). The message is the English catalogue text.
 */
import * as z from "zod";
import type { ErrorIssue } from "../error";
import { en, english, type MessageCode, type MessageParams } from "./index";

/**
 * zod 4 leaves the input out of its issues, so an absent field and a wrong type look alike afterwards:
 * the one error map that sees the input marks the absent one.
 */
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type" && issue.input === undefined) return "field.required";
    // An empty select: nothing was chosen, rather than a wrong option.
    if (issue.code === "invalid_value" && issue.input === "") return "field.required";
    if (issue.code === "custom" && isCode(issue.params?.code)) return english(issue.params.code, paramsOf(issue.params));
    return undefined;
  },
});

function isCode(value: unknown): value is MessageCode {
  return typeof value === "string" && Object.hasOwn(en, value);
}

function paramsOf(params: Record<string, unknown>): MessageParams {
  const out: MessageParams = {};
  for (const [k, v] of Object.entries(params)) if (k !== "code" && (typeof v === "string" || typeof v === "number")) out[k] = v;
  return out;
}

/** A check's message that is a catalogue code: `.regex(RE, issue("state.code_form"))`. */
export const issue = (code: MessageCode): string => code;

/** A refinement's or custom issue's code and parameters, in zod's `params`: `.refine(ok, issueParams("date.not_exists"))`. */
export const issueParams = (code: MessageCode, params: MessageParams = {}) => ({ params: { ...params, code } });

/** One field's issue, with its English text. */
export function fieldIssue(path: string, code: MessageCode, params: MessageParams = {}): ErrorIssue {
  return { path, code, params, message: english(code, params) };
}

function coded(path: string, issue: z.core.$ZodIssue): ErrorIssue {
  if (issue.code === "custom" && isCode(issue.params?.code)) return fieldIssue(path, issue.params.code, paramsOf(issue.params));
  if (isCode(issue.message)) return fieldIssue(path, issue.message);
  switch (issue.code) {
    case "invalid_type":
      return fieldIssue(path, "field.invalid_type", { expected: issue.expected });
    case "too_small": {
      const origin = issue.origin === "string" || issue.origin === "array" ? issue.origin : "number";
      if (origin === "string" && Number(issue.minimum) <= 1) return fieldIssue(path, "field.required");
      return fieldIssue(path, "field.too_small", { origin, minimum: Number(issue.minimum) });
    }
    case "too_big": {
      const origin = issue.origin === "string" || issue.origin === "array" ? issue.origin : "number";
      return fieldIssue(path, "field.too_big", { origin, maximum: Number(issue.maximum) });
    }
    case "invalid_format":
      return fieldIssue(path, issue.format === "email" ? "email.invalid" : "field.invalid_format", { format: issue.format });
    case "invalid_value":
      return fieldIssue(path, "field.invalid_option", { options: issue.values.map(String).join(", ") });
    default:
      return fieldIssue(path, "field.invalid");
  }
}

/** zod issues as coded field issues, one per field (unknown fields named one by one). */
export function issuesOf(error: z.ZodError): ErrorIssue[] {
  const out: ErrorIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push(fieldIssue(base ? `${base}.${key}` : key, "field.unknown"));
    } else out.push(coded(base, issue));
  }
  return out;
}
