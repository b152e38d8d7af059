/** Small zod building blocks shared by every domain module. */
import * as z from "zod";
import { VisibleError } from "./error";
import { english } from "./messages";
import { issue, issueParams } from "./messages/zod";

/** A calendar date, YYYY-MM-DD, that exists (no 2023-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, issue("date.form"))
  .refine((value) => {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }, issueParams("date.not_exists"));

/** The record version that an update must send back (optimistic locking). */
export const Version = z.number().int().min(1);

/** Whether each is a day that exists (IsoDate): a rule that compares days runs only on days. */
export const areDays = (...values: unknown[]): boolean => values.every((v) => IsoDate.safeParse(v).success);

/**
 * For a record's cross-field rules (`superRefine(rules, ALWAYS)`): they run even when a field is
 * of the wrong type, so one answer names every wrong field (an unreadable amount beside a
 * `confirmDuplicate: "yes"`), not the type errors first and the rest on the next try. The rules
 * read such a body as it came: they check a field's type before they use it.
 */
export const ALWAYS = { when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null };

/**
 * Characters refused in names, emails and other text: control characters, the
 * bidirectional overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069,
 * and the marks U+200E/U+200F), and zero-width ones (U+200B-U+200D, U+2060-U+2064,
 * U+FEFF). With them a name can look like another in the audit trail.
 */
export const UNSAFE_TEXT = /[\p{Cc}\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
/** The same, for text that may run over lines: tab and line breaks allowed. */
const UNSAFE_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
/** The issue code (messages/en.ts) of a refused character. */
export const UNSAFE_MESSAGE = "text.unsafe";

/** Text as people type it: trimmed, NFC-normalised, refused (naming the field) when it holds an unsafe character. */
export function Text(options: { max?: number; min?: number; lines?: boolean } = {}) {
  const unsafe = options.lines ? UNSAFE_LINES : UNSAFE_TEXT;
  return z
    .string()
    .trim()
    .normalize("NFC")
    .refine((v) => !unsafe.test(v), UNSAFE_MESSAGE)
    .min(options.min ?? 1)
    .max(options.max ?? 300);
}

/** An email address as typed (case kept), NFC-normalised and without unsafe characters. */
export const EmailAddress = z
  .string()
  .trim()
  .normalize("NFC")
  .refine((v) => !UNSAFE_TEXT.test(v), UNSAFE_MESSAGE)
  .pipe(z.email("email.invalid").max(254));

/** Bilingual text as the Secretariat keeps it: English and Russian. */
export const Bilingual = z.strictObject({
  en: Text({ max: 300 }),
  ru: Text({ max: 300 }),
});

/** Fields every stored record carries: who wrote it and when. */
export const Stamps = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

/** A stored record without its absent optional fields (DynamoDB gives them back as missing, callers as undefined). */
export function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/**
 * The round trip: an update that also takes the record as it was read. Each field of the record
 * that the update does not take (the stamps, derived values such as a contribution's `amountUsd`)
 * may come back; `unchanged` ignores it when it is as read and refuses it, naming it, when it is
 * not. An `echo` field is one the update takes in another shape than it reads (a post's
 * incumbent): as read it is ignored, otherwise it must be valid input.
 */
export function readBack<S extends z.ZodObject>(input: S, record: z.ZodObject, options: { echo?: string[] } = {}): S {
  const inputKeys = new Set(Object.keys(input.shape));
  const readOnly = Object.keys(record.shape).filter((k) => !inputKeys.has(k));
  const echo = (options.echo ?? []).filter((k) => inputKeys.has(k));
  const extra: Record<string, z.ZodType> = Object.fromEntries(readOnly.map((k) => [k, (record.shape[k] as z.ZodType).optional()]));
  for (const k of echo) extra[k] = z.union([input.shape[k] as z.ZodType, (record.shape[k] as z.ZodType).optional()]);
  const schema = input.safeExtend(extra);
  READ_BACK.set(schema, { readOnly, echo: echo.map((k) => [k, input.shape[k] as z.ZodType]) });
  return schema as unknown as S;
}

const READ_BACK = new WeakMap<z.ZodType, { readOnly: string[]; echo: Array<[string, z.ZodType]> }>();

/** Sent and read alike (JSON equality: key order aside). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The input of a `readBack` schema without the fields that came back as read; a read-only field
 * sent with another value is a 400 naming it (`field.read_only`). `asRead` is the record as a read
 * answers it (or a function giving it, called only when such a field was sent).
 */
export async function unchanged<T extends object>(schema: z.ZodType, sent: T, asRead: object | (() => object | Promise<object>)): Promise<T> {
  const spec = READ_BACK.get(schema);
  if (!spec) return sent;
  const values = sent as Record<string, unknown>;
  const keys = [...spec.readOnly, ...spec.echo.map(([k]) => k)].filter((k) => values[k] !== undefined);
  if (!keys.length) return sent;
  const record = (typeof asRead === "function" ? await asRead() : asRead) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...values };
  const changed: string[] = [];
  for (const k of spec.readOnly) {
    if (values[k] === undefined) continue;
    if (!same(values[k], record[k])) changed.push(k);
    delete out[k];
  }
  if (changed.length) throw readOnlyError(changed);
  for (const [k, field] of spec.echo) {
    if (values[k] === undefined) continue;
    if (same(values[k], record[k])) delete out[k];
    else out[k] = z.object({ [k]: field }).parse({ [k]: values[k] })[k];
  }
  return out as T;
}

/** A 400 naming fields that the server keeps. */
function readOnlyError(fields: string[]): VisibleError {
  const message = english("field.read_only");
  return new VisibleError(
    "input",
    "request.invalid",
    { fields: fields.join(", ") },
    fields.map((path) => ({ path, code: "field.read_only", params: {}, message })),
  );
}

/** A key sent in the body (`code`, `id`) must be the one in the path: ignored when it is, refused when not. */
export function samePath<T extends Record<string, unknown>>(body: T, key: string, value: unknown): T {
  if (body[key] === undefined) return body;
  if (body[key] !== value) throw readOnlyError([key]);
  const { [key]: _, ...rest } = body;
  return rest as T;
}
