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

/** Bilingual text as the Secretariat keeps it: English and Russian. */
export const Bilingual = z.strictObject({
  en: z.string().trim().min(1).max(300),
  ru: z.string().trim().min(1).max(300),
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
