/**
 * The organisation whose Secretariat writes the statements: its names in the
 * working languages, its city, how its statements are numbered and signed,
 * where contributions are paid, who answers questions on them (also the
 * Reply-To of every statement), and whether a statement says how much of the
 * year's budget the contributions received cover. One item, versioned and
 * audited; until an admin stores one, the seeded profile (seed/organisation.json)
 * is in force, so no organisation's name is written in code.
 */
export * as Organisation from "./index";

import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { Bilingual, clean, Stamps } from "../schema";
import seeded from "../../../../seed/organisation.json";
import { getRecord } from "../entity";
import { issueParams } from "../messages/zod";
import { OrganisationEntity } from "./organisation.entity";

/** Whether the secondments' value is only shown beside the contributions, or counted in the in-kind totals. */
export const SECONDMENT_VALUE = ["disclosed", "recognised"] as const;
export type SecondmentValue = (typeof SECONDMENT_VALUE)[number];

/** Several lines of text in each working language (a signature block, bank details). */
const Lines = z.strictObject({
  en: z.string().trim().min(1, "Required.").max(1000),
  ru: z.string().trim().min(1, "Required.").max(1000),
});

const Abbreviation = z.strictObject({
  en: z.string().trim().min(1, "Required.").max(20),
  ru: z.string().trim().min(1, "Required.").max(20),
});

/** How a statement is numbered: {period} (2022-Q4), {year} (the fiscal year) and {state} (the ISO code). */
export const ReferenceFormat = z
  .string()
  .trim()
  .max(80)
  .regex(/^[A-Za-z0-9/._{}-]+$/, "organisation.reference_chars")
  .refine((f) => f.includes("{state}") && f.includes("{period}"), issueParams("organisation.reference_needs"))
  .refine((f) => f.replace(/\{(period|year|state)\}/g, "").search(/[{}]/) < 0, issueParams("organisation.reference_placeholders"));

export const Fields = z.strictObject({
  /** "Conference on Interaction and Confidence Building Measures in Asia" */
  name: Bilingual,
  /** "CICA" / "СВМДА" */
  abbreviation: Abbreviation,
  /** "Secretariat of the Conference on ..." / «Секретариат Совещания по ...»: the letterhead and the opening of each note. */
  secretariat: Bilingual,
  /** Where the Secretariat writes from: "Astana" / «г. Астана». */
  city: Bilingual,
  referenceFormat: ReferenceFormat,
  /** The signature block under each statement. */
  signature: Lines,
  /** Where contributions are paid; the statements give them when set. */
  bankDetails: Lines.optional(),
  /** Who answers questions on a statement: named in it, and its Reply-To. */
  financeContact: z.strictObject({
    name: z.string().trim().min(1, "Required.").max(200),
    email: z.email("Not a valid email address.").max(254),
  }),
  /** Whether a statement says how much of the year's budget the contributions received cover. */
  showBudgetCoverage: z.boolean(),
  /**
   * What the standard-cost value of the secondments is: `disclosed` (shown beside the contributions,
   * counted in no total) or `recognised` (counted in the sending state's in-kind total in the
   * dashboard and the statements). Either way it is shown apart from the recorded in-kind contributions.
   */
  secondmentValue: z.enum(SECONDMENT_VALUE).default("disclosed"),
  /** The code of the budget line that the staffing report sets the posts' cost against. */
  staffBudgetLine: z.string().trim().min(1).max(20).regex(/^[A-Za-z0-9._-]+$/, "budget.line_code").default("STAFF"),
});
export type Fields = z.infer<typeof Fields>;

export const UpdateInput = Fields.extend({
  /** The version read (0 while the seeded profile is in force). */
  version: z.number().int().min(0),
});
export type UpdateInput = z.input<typeof UpdateInput>;

export const Info = Fields.extend(Stamps.shape);
export type Info = z.infer<typeof Info>;

/** The seeded profile, as version 0 (nothing stored yet). */
export function defaults(): Info {
  const profile = Fields.parse(seeded.profile);
  return { ...profile, version: 0, createdAt: "", createdBy: "seed", updatedAt: "", updatedBy: "seed" };
}

/** The profile in force: the stored one, else the seeded one (version 0). One GetItem. */
export async function current(): Promise<Info> {
  // The stored item is the profile as the API gives it (Info): read raw, mapped once.
  const stored = await getRecord<Partial<Info> & Omit<Info, "secondmentValue" | "staffBudgetLine">>(OrganisationEntity.get({}).params());
  // A profile stored before the secondment settings existed takes their defaults.
  return stored ? { ...stored, secondmentValue: stored.secondmentValue ?? "disclosed", staffBudgetLine: stored.staffBudgetLine ?? "STAFF" } : defaults();
}

export const get = fn(z.object({}), async (): Promise<Info> => {
  Actor.assertCan("getOrganisation");
  return current();
});

function stale(current: number) {
  return new VisibleError("conflict", "organisation.version_conflict", { current });
}

/** Replaces the profile (send the version read); the change and its audit event in one transaction. */
export const update = fn(UpdateInput, async (input): Promise<Info> => {
  Actor.assertCan("updateOrganisation");
  const before = await current();
  if (before.version !== input.version) throw stale(before.version);
  const { version: _v, ...fields } = input;
  return Audit.replaceSetting<Info>({
    entity: "organisation",
    id: "profile",
    before,
    fields,
    clean,
    stale,
    put: (after) =>
      OrganisationEntity.put(after)
        .where((a, op) => (before.version === 0 ? op.notExists(a.version) : op.eq(a.version, before.version)))
        .params(),
  });
});

/** Stores the seeded profile when none is stored (first start); leaves a stored one alone. */
export async function seed(): Promise<boolean> {
  const r = await OrganisationEntity.get({}).go();
  if (r.data) return false;
  const { version: _v, createdAt: _c, createdBy: _cb, updatedAt: _u, updatedBy: _ub, ...fields } = defaults();
  await update({ ...fields, version: 0 });
  return true;
}

/** A statement's reference from the profile's format: SEC/FIN/{period}/{state} gives SEC/FIN/2022-Q4/KZ. */
export function formatReference(format: string, values: { period: string; year: number; state: string }): string {
  return format.replace(/\{(period|year|state)\}/g, (_m, k: "period" | "year" | "state") => String(values[k]));
}
