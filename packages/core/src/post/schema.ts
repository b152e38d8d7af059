/** The post's shapes: its categories and statuses, the inputs of its operations, its answers, its stored item. */
import * as z from "zod";
import { issue, issueParams } from "../messages/zod";
import { MemberState } from "../member-state";
import { ALWAYS, Bilingual, IsoDate, Stamps, Version, Text as SafeText } from "../schema";
import type { EntityItem } from "../entity";
import type { PostEntity } from "./post.entity";

/**
 * Categories of the matrix, highest first:
 * - executive: the Executive Director and the Deputy Executive Directors;
 * - senior_officer: Senior Officers (heads of a unit or a portfolio);
 * - professional: Officers and other professional posts;
 * - expert: Experts, often seconded for a programme;
 * - administrative: general service posts (assistants, finance, HR, protocol, IT);
 * - support: drivers, technical and maintenance staff.
 */
export const CATEGORIES = ["executive", "senior_officer", "professional", "expert", "administrative", "support"] as const;
export const FUNDING = ["secondment", "regular_budget", "voluntary"] as const;
export const STATUSES = ["vacant", "filled", "frozen", "abolished"] as const;
export const LIFECYCLES = ["open", "frozen", "abolished"] as const;
export type Category = (typeof CATEGORIES)[number];
export type Funding = (typeof FUNDING)[number];
export type Status = (typeof STATUSES)[number];
export type Lifecycle = (typeof LIFECYCLES)[number];

const Text = (max: number) => SafeText({ max });

/** A post number, e.g. "P-01": letters, digits, dot, slash or dash; stored in capitals, unique. */
export const PostNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Za-z0-9][A-Za-z0-9./-]{0,19}$/, issue("post.number_form"));

export const Id = z.string().min(1).max(100);

/** A date the staffing records may carry: 1950 to 2100. */
export const Day = IsoDate.refine((d) => d >= "1950-01-01" && d <= "2100-12-31", issueParams("date.range", { from: "1950", to: "2100" }));

/** An incumbent entered directly (staff recruited outside a secondment or a vacancy of this system). */
export const IncumbentInput = z.strictObject({
  name: Text(200),
  nationality: MemberState.Code,
  /** The first day in post; default today. */
  since: Day.optional(),
});

const Fields = z.strictObject({
  number: PostNumber,
  title: Bilingual,
  category: z.enum(CATEGORIES),
  grade: Text(20).optional(),
  unit: Text(200).optional(),
  funding: z.enum(FUNDING),
  /** Default: filled with an incumbent, else vacant. */
  status: z.enum(STATUSES).optional(),
  statusReason: Text(500).optional(),
  incumbent: IncumbentInput.optional(),
});

/** The rules between fields, also beside a field of the wrong type (ALWAYS), so one 400 names them all. */
export const CreateInput = Fields.superRefine((f, ctx) => {
  if (f.status === "filled" && !f.incumbent)
    ctx.addIssue({ code: "custom", path: ["incumbent"], ...issueParams("post.incumbent_required") });
  if (f.incumbent && f.status && f.status !== "filled")
    ctx.addIssue({ code: "custom", path: ["status"], ...issueParams("post.incumbent_means_filled") });
}, ALWAYS);
export type CreateInput = z.input<typeof CreateInput>;

export const PatchInput = z.strictObject({
  id: Id,
  number: PostNumber.optional(),
  category: z.enum(CATEGORIES).optional(),
  /** null clears. */
  grade: Text(20).nullable().optional(),
  unit: Text(200).nullable().optional(),
  funding: z.enum(FUNDING).optional(),
  /** vacant, frozen or abolished, effective today; `filled` only as a no-op on a filled post. */
  status: z.enum(STATUSES).optional(),
  statusReason: Text(500).optional(),
  /** An incumbent appointed directly (open-ended, from `since`); null: the appointed incumbent leaves (last day yesterday). */
  incumbent: IncumbentInput.nullable().optional(),
  version: Version,
});
export type PatchInput = z.input<typeof PatchInput>;

export const RenameInput = z.strictObject({
  id: Id,
  title: Bilingual,
  effectiveOn: Day,
  decisionRef: Text(200),
  version: Version,
});
export type RenameInput = z.input<typeof RenameInput>;

export const GetInput = z.object({ id: Id, asOf: IsoDate.optional() });

export const ListInput = z.strictObject({
  status: z.enum(STATUSES).optional(),
  category: z.enum(CATEGORIES).optional(),
  funding: z.enum(FUNDING).optional(),
  /** The date the titles, statuses and incumbents are given for; default today. */
  asOf: IsoDate.optional(),
});
export type ListInput = z.input<typeof ListInput>;

const Title = z.object({ en: z.string(), ru: z.string() });

export const Incumbent = z.object({
  name: z.string(),
  nationality: z.string(),
  secondmentId: z.string().optional(),
  vacancyId: z.string().optional(),
  since: z.string(),
  /** The planned last day, when there is one. */
  until: z.string().optional(),
});
export type Incumbent = z.infer<typeof Incumbent>;

/** What a month of the post costs, from HR's standard-cost table (the row in force on `asOf`). */
export const PostCost = z.object({
  /** The row's four components together, USD a month. */
  monthlyUsd: z.string().meta({ description: "USD a month, an exact decimal string", examples: ["4500.00"] }),
  /** The day the row is in force from. */
  effectiveOn: z.string(),
  /** The row's grade: the post's own, or "*" when the row holds for every grade of its category. */
  grade: z.string(),
});
export type PostCost = z.infer<typeof PostCost>;

export const Info = z.object({
  id: z.string(),
  number: z.string(),
  /** The title in force on `asOf`. */
  title: Title,
  category: z.enum(CATEGORIES),
  grade: z.string().optional(),
  unit: z.string().optional(),
  funding: z.enum(FUNDING),
  /** The status on `asOf`. */
  status: z.enum(STATUSES),
  incumbent: Incumbent.optional(),
  asOf: z.string(),
  /**
   * The post's standard cost a month on `asOf` (the staffing report's cost against the budget line
   * takes the same rows); null when the table has no row for its category and grade in force that day.
   */
  standardCost: PostCost.nullable().optional(),
  ...Stamps.shape,
});
export type Info = z.infer<typeof Info>;

export const HistoryEntry = z.object({
  kind: z.enum(["title", "status"]),
  /** Absent: in force from the beginning (the original title and state). */
  effectiveOn: z.string().optional(),
  title: Title.optional(),
  decisionRef: z.string().optional(),
  status: z.enum(STATUSES).optional(),
  incumbent: Incumbent.optional(),
  reason: z.string().optional(),
  recordedAt: z.string().optional(),
  recordedBy: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const IncumbencyInfo = z.object({
  id: z.string(),
  kind: z.enum(["secondment", "appointment"]),
  name: z.string(),
  nationality: z.string(),
  startOn: z.string(),
  endOn: z.string().optional(),
  secondmentId: z.string().optional(),
  vacancyId: z.string().optional(),
  recommendationId: z.string().optional(),
});

export const Detail = Info.extend({
  /** Titles and statuses over time, oldest first (future-dated entries included). */
  history: z.array(HistoryEntry),
  incumbencies: z.array(IncumbencyInfo),
});
export type Detail = z.infer<typeof Detail>;

/** The stored post: the entity's own item type; its effective-dated lists' entries are the entity's too. */
export type Stored = EntityItem<typeof PostEntity>;
export type TitleEntry = Stored["titles"][number];
export type LifecycleEntry = Stored["lifecycleChanges"][number];
export type Incumbency = Stored["incumbencies"][number];
