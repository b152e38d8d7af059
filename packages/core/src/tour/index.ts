/**
 * Tour rules: the longest secondment (tour) by post category, or by grade where a grade has its
 * own limit, and the longest service of one person in all (rules.ts has the arithmetic). One
 * item, versioned and audited, kept by HR; until HR stores one, the defaults (rules.ts DEFAULTS,
 * after the OSCE's 4/5/7 years and 10 in all) are in force.
 */
export * as TourRules from "./index";

import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import { getRecord } from "../entity";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { issueParams } from "../messages/zod";
import { CATEGORIES } from "../post/schema";
import { ALWAYS, clean, Stamps, Text } from "../schema";
import * as Rules from "./rules";
import { TourRulesEntity } from "./tour.entity";

export * as Rules from "./rules";

/** Whole months, from one to fifty years. */
const Months = z.number().int().min(1).max(600);

const Shape = {
  categories: z.strictObject(Object.fromEntries(CATEGORIES.map((c) => [c, Months])) as Record<(typeof CATEGORIES)[number], typeof Months>),
  grades: z.array(z.strictObject({ category: z.enum(CATEGORIES), grade: Text({ max: 20 }), maxTourMonths: Months })).max(50),
  cumulativeMonths: Months,
};

/** A grade has one limit of its own within its category (grades compared without case). */
function checkGrades(f: { grades?: unknown }, ctx: z.RefinementCtx) {
  if (!Array.isArray(f.grades)) return;
  const seen = new Set<string>();
  f.grades.forEach((g: { category?: unknown; grade?: unknown } | null, i) => {
    if (typeof g?.grade !== "string") return;
    const key = `${String(g.category)}|${g.grade.trim().toLowerCase()}`;
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["grades", i, "grade"], ...issueParams("tour.grade_twice", { grade: g.grade.trim() }) });
    seen.add(key);
  });
}

export const Fields = z.strictObject(Shape).superRefine(checkGrades, ALWAYS);
export type Fields = z.infer<typeof Fields>;

export const UpdateFields = z.strictObject({
  ...Shape,
  /** The version read (0 while the defaults are in force). */
  version: z.number().int().min(0),
});

/** The rules' checks across fields, on a body shaped like them (the route's has the version optional). */
export const refined = <T extends z.ZodObject>(s: T) => s.superRefine(checkGrades, ALWAYS);

export const UpdateInput = refined(UpdateFields);
export type UpdateInput = z.input<typeof UpdateInput>;

export const Info = z.object({ ...Shape, ...Stamps.shape });
export type Info = z.infer<typeof Info>;

/** The defaults, as version 0 (nothing stored yet). */
export function defaults(): Info {
  return { ...structuredClone(Rules.DEFAULTS), version: 0, createdAt: "", createdBy: "defaults", updatedAt: "", updatedBy: "defaults" };
}

/** The rules in force: the stored ones, else the defaults (version 0). One GetItem. */
export async function current(): Promise<Info> {
  return (await getRecord<Info>(TourRulesEntity.get({}).params({ consistent: true }))) ?? defaults();
}

export const get = fn(z.object({}), async (): Promise<Info> => {
  Actor.assertCan("getTourRules");
  return current();
});

function stale(current: number) {
  return new VisibleError("conflict", "tour.version_conflict", { current });
}

/** Replaces the rules (send the version read); the change and its audit event in one transaction. */
export const update = fn(
  UpdateInput,
  async (input): Promise<Info> => {
    Actor.assertCan("updateTourRules");
    const before = await current();
    if (before.version !== input.version) throw stale(before.version);
    return Audit.replaceSetting<Info>({
      entity: "tourRules",
      id: "rules",
      before,
      fields: { categories: input.categories, grades: input.grades, cumulativeMonths: input.cumulativeMonths },
      clean,
      stale,
      put: (after) =>
        TourRulesEntity.put(after)
          .where((a, op) => (before.version === 0 ? op.notExists(a.version) : op.eq(a.version, before.version)))
          .params(),
    });
  },
);
