/** Small zod building blocks shared by every domain module. */
import * as z from "zod";
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

/**
 * Characters refused in names, emails and other text: control characters, the
 * bidirectional overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069,
 * and the marks U+200E/U+200F), and zero-width ones (U+200B-U+200D, U+2060-U+2064,
 * U+FEFF). With them a name can look like another in the audit trail.
 */
export const UNSAFE_TEXT = /[\p{Cc}\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
/** The same, for text that may run over lines: tab and line breaks allowed. */
export const UNSAFE_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
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
