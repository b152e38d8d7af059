/**
 * Open positions: a vacancy on a post, and the fill that appoints one of the candidates that
 * member states recommend for it (their recommendations: ../recommendation).
 *
 * The fill takes a shortlisted or selected recommendation and, in ONE transaction, marks it
 * selected, the vacancy filled and the post filled with the candidate from `startOn` (an
 * appointment; the nationality is the recommending state's code unless the recommendation or
 * the fill names another). The fill closes the other candidates still received or shortlisted
 * as not selected, in the same transaction. Every change is in the vacancy's audit trail,
 * recommendations included.
 */
export * as Vacancy from "./index";

import { randomUUID } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import * as Rules from "./rules";
import { asTransactItem } from "../dynamo";
import { VisibleError } from "../error";
import { fieldIssue, issueParams } from "../messages/zod";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Post } from "../post";
import { Recommendation } from "../recommendation";
import * as RecommendationRules from "../recommendation/rules";
import { ALWAYS, areDays, Bilingual, clean, readBack, Stamps, unchanged, Version, Text as SafeText } from "../schema";
import { VacancyEntity } from "./vacancy.entity";
import { queryRecords } from "../entity";
import { find, finished, notFound, putItem, stale, type Stored } from "./record";
import { outcomeItems } from "../notice/outbox";

export { find, type Stored };

export const BASES = ["competitive", "contractual"] as const;
export const STATUSES = ["open", "closed", "filled", "cancelled"] as const;
export type Status = (typeof STATUSES)[number];

const Text = (max: number) => SafeText({ max });
const Id = z.string().min(1).max(100);

export const CreateInput = z
  .strictObject({
    postId: Id,
    /** Default: the post's title on the publication date. */
    title: Bilingual.optional(),
    basis: z.enum(BASES),
    publishedOn: Post.Day,
    /** The last day for recommendations. */
    deadline: Post.Day,
    note: Text(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (areDays(v.deadline, v.publishedOn) && v.deadline < v.publishedOn)
      ctx.addIssue({ code: "custom", path: ["deadline"], ...issueParams("vacancy.deadline_before_publication") });
  }, ALWAYS);
export type CreateInput = z.input<typeof CreateInput>;

export const PatchInput = z.strictObject({
  id: Id,
  title: Bilingual.optional(),
  basis: z.enum(BASES).optional(),
  publishedOn: Post.Day.optional(),
  deadline: Post.Day.optional(),
  /** open, closed (no more recommendations) or cancelled; `filled` comes only from the fill. */
  status: z.enum(STATUSES).optional(),
  note: Text(2000).nullable().optional(),
  version: Version,
});
export type PatchInput = z.input<typeof PatchInput>;

export const FillFields = z.strictObject({
  id: Id,
  recommendationId: Id,
  startOn: Post.Day,
  /** The last day of a fixed-term appointment; absent: open-ended. */
  endOn: Post.Day.optional(),
  /** Default: the recommendation's nationality (the recommending state's code unless it named another). */
  nationality: MemberState.Code.optional(),
  /** Optional: when sent, it must be the vacancy's current version. */
  version: Version.optional(),
});

/** A fixed-term appointment cannot end before it starts. */
/** Also beside a field of the wrong type (ALWAYS), so one 400 names every wrong field. */
export function checkFillDates(f: { startOn: string; endOn?: string }, ctx: z.RefinementCtx) {
  if (f.endOn && areDays(f.startOn, f.endOn) && f.endOn < f.startOn) ctx.addIssue({ code: "custom", path: ["endOn"], ...issueParams("vacancy.appointment_ends_early") });
}

export const FillInput = FillFields.superRefine(checkFillDates, ALWAYS);
export type FillInput = z.input<typeof FillInput>;

export const ListInput = z.strictObject({
  status: z.enum(STATUSES).optional(),
  postId: Id.optional(),
});

export const Filled = z.object({
  recommendationId: z.string(),
  candidateName: z.string(),
  nationality: z.string(),
  stateCode: z.string(),
  startOn: z.string(),
  endOn: z.string().optional(),
  filledAt: z.string(),
  filledBy: z.string(),
});

export const Info = z.object({
  id: z.string(),
  postId: z.string(),
  title: z.object({ en: z.string(), ru: z.string() }),
  basis: z.enum(BASES),
  publishedOn: z.string(),
  deadline: z.string(),
  status: z.enum(STATUSES),
  selectedRecommendationId: z.string().optional(),
  filled: Filled.optional(),
  note: z.string().optional(),
  recommendations: z.array(Recommendation.Info),
  /** Open or closed: candidates may still be weighed and the vacancy filled. */
  inProgress: z.boolean(),
  /** Today (the server's day, UTC) is after the deadline. */
  deadlinePassed: z.boolean(),
  /** In progress, with at least one candidate who may fill it. */
  canFill: z.boolean(),
  ...Stamps.shape,
});
export type Info = z.infer<typeof Info>;

/** The vacancy as the API gives it (without its recommendations, for the audit trail). */
function view(v: Stored) {
  return clean({ ...v, filled: v.filled ? { ...v.filled } : undefined });
}

export function toInfo(v: Stored, recommendations: Recommendation.Stored[]): Info {
  const recs = recommendations.map((r) => Recommendation.info(r, v.status));
  return {
    ...view(v),
    recommendations: recs,
    inProgress: Rules.inProgress(v.status),
    deadlinePassed: Rules.deadlinePassed(v.deadline, Clock.today()),
    canFill: recs.some((r) => r.canFill),
  };
}

export const get = fn(z.object({ id: Id }), async ({ id }): Promise<Info> => {
  Actor.assertSignedIn();
  const v = await find(id);
  if (!v) throw notFound(id);
  return toInfo(v, await Recommendation.ofVacancy(id));
});

/** Vacancies by status (byStatus index, by deadline), by post (byPost) or all (by publication date). */
export const list = fn(ListInput, async (input) => {
  Actor.assertSignedIn();
  const query = input.status
    ? VacancyEntity.query.byStatus({ status: input.status })
    : input.postId
      ? VacancyEntity.query.byPost({ postId: input.postId })
      : VacancyEntity.query.all({});
  const page = await queryRecords<Stored>("vacancy", query.params(), { all: true });
  const found = page.items.filter((v) => (!input.postId || v.postId === input.postId) && (!input.status || v.status === input.status));
  const items = await Promise.all(found.map(async (v) => toInfo(v, await Recommendation.ofVacancy(v.id))));
  return { items };
});

export const create = fn(CreateInput, async (input): Promise<Info> => {
  Actor.assertCan("createVacancy");
  const post = await Post.findOpen(input.postId);
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const record: Stored = clean({
    id: randomUUID(),
    postId: post.id,
    title: input.title ?? Post.titleOn(post, input.publishedOn),
    basis: input.basis,
    publishedOn: input.publishedOn,
    deadline: input.deadline,
    status: "open" as const,
    note: input.note,
    version: 1,
    createdAt: at,
    createdBy: who,
    updatedAt: at,
    updatedBy: who,
  });
  await Audit.commit({
    entity: "vacancy",
    id: record.id,
    action: "create",
    before: null,
    after: view(record),
    items: [asTransactItem("Put", VacancyEntity.create(record).params(), new VisibleError("conflict", "vacancy.exists"))],
  });
  return toInfo(record, []);
});

/** What a vacancy's edit may change, in a fixed order. */
function comparable(v: Stored) {
  return [v.title.en, v.title.ru, v.basis, v.publishedOn, v.deadline, v.status, v.note ?? ""];
}

/** Changes a vacancy's title, basis, dates, note, or status (open, closed, cancelled). A filled vacancy stays as it is. */
/** PATCH takes the vacancy as read: its post, recommendations, fill and stamps may come back unchanged. */
const ChangeInput = readBack(PatchInput, Info);

export const update = fn(ChangeInput, async (sent): Promise<Info> => {
  Actor.assertCan("updateVacancy");
  const before = await find(sent.id);
  if (!before) throw notFound(sent.id);
  if (before.version !== sent.version) throw stale(sent.id);
  const input = await unchanged(ChangeInput, sent, () => get({ id: sent.id }));
  if (before.status === "filled") throw finished(before);
  if (input.status === "filled")
    throw Post.invalid([fieldIssue("status", "vacancy.fill_by_route")]);
  const at = Clock.now().toISOString();
  const after: Stored = clean({
    ...before,
    title: input.title ?? before.title,
    basis: input.basis ?? before.basis,
    publishedOn: input.publishedOn ?? before.publishedOn,
    deadline: input.deadline ?? before.deadline,
    status: input.status ?? before.status,
    note: input.note === null ? undefined : (input.note ?? before.note),
    version: before.version + 1,
    updatedAt: at,
    updatedBy: Actor.label(),
  });
  if (after.deadline < after.publishedOn)
    throw Post.invalid([fieldIssue("deadline", "vacancy.deadline_before_publication")]);
  // Saved as it is: no new version, no event.
  if (JSON.stringify(comparable(before)) === JSON.stringify(comparable(after))) return toInfo(before, await Recommendation.ofVacancy(before.id));
  await Audit.commit({
    entity: "vacancy",
    id: before.id,
    action: after.status !== before.status ? (after.status === "cancelled" ? "cancel" : after.status === "closed" ? "close" : "reopen") : "update",
    before: view(before),
    after: view(after),
    items: [putItem(before, after)],
  });
  return toInfo(after, await Recommendation.ofVacancy(after.id));
});

/**
 * Fills the vacancy with a shortlisted or selected candidate, in one
 * transaction: the recommendation selected, the vacancy filled, the post
 * filled from `startOn` (409 when the post has another incumbent then).
 * Filling twice is 409.
 */
export const fill = fn(FillInput, async (input): Promise<Info> => {
  Actor.assertCan("fillVacancy");
  const appointmentId = randomUUID();
  return Post.withRetry(async () => {
    const vacancy = await find(input.id);
    if (!vacancy) throw notFound(input.id);
    if (input.version !== undefined && input.version !== vacancy.version) throw stale(vacancy.id);
    if (vacancy.status === "filled" || vacancy.status === "cancelled") throw finished(vacancy);
    const rec = await Recommendation.find(vacancy.id, input.recommendationId);
    if (!rec) throw Post.invalid([fieldIssue("recommendationId", "recommendation.not_found", { id: input.recommendationId })]);
    if (!RecommendationRules.mayFill(rec.status)) throw new VisibleError("conflict", "recommendation.not_shortlisted", { status: rec.status });
    if (vacancy.selectedRecommendationId && vacancy.selectedRecommendationId !== rec.id)
      throw new VisibleError("conflict", "vacancy.already_selected");
    const post = await Post.find(vacancy.postId);
    if (!post) throw new VisibleError("conflict", "vacancy.post_missing");
    if (post.lifecycle !== "open") throw new VisibleError("conflict", `post.${post.lifecycle as "frozen" | "abolished"}`, { number: post.number });
    const clash = Post.conflictWith(post, input.startOn, input.endOn);
    if (clash) throw Post.occupied(post, clash);

    const at = Clock.now().toISOString();
    const who = Actor.label();
    const nationality = input.nationality ?? rec.nationality;
    const recAfter: Recommendation.Stored = { ...rec, status: "selected", version: rec.version + 1, updatedAt: at, updatedBy: who };
    const vacancyAfter: Stored = clean({
      ...vacancy,
      status: "filled" as const,
      selectedRecommendationId: rec.id,
      filled: clean({ recommendationId: rec.id, candidateName: rec.candidateName, nationality, stateCode: rec.stateCode, startOn: input.startOn, endOn: input.endOn, filledAt: at, filledBy: who }),
      version: vacancy.version + 1,
      updatedAt: at,
      updatedBy: who,
    });
    const postAfter = Post.withIncumbency(
      post,
      clean({ id: appointmentId, kind: "appointment" as const, name: rec.candidateName, nationality, startOn: input.startOn, endOn: input.endOn, vacancyId: vacancy.id, recommendationId: rec.id }),
      at,
      who,
    );
    const more: NonNullable<Parameters<typeof Audit.commit>[0]["more"]> = [];
    if (rec.status !== "selected")
      more.push({ entity: "vacancy", id: vacancy.id, action: "recommendation_selected", changes: { [`recommendation ${rec.id}`]: [Recommendation.view(rec), Recommendation.view(recAfter)] } });
    more.push(Post.event(post, postAfter, "fill"));
    // The other candidates still under consideration close as not selected, each audited.
    const others = (await Recommendation.ofVacancy(vacancy.id)).filter((r) => r.id !== rec.id);
    const closed = new Map<string, Recommendation.Stored>();
    for (const r of others) {
      if (r.status !== "received" && r.status !== "shortlisted") continue;
      const after: Recommendation.Stored = { ...r, status: "not_selected", version: r.version + 1, updatedAt: at, updatedBy: who };
      closed.set(r.id, after);
      more.push({ entity: "vacancy", id: vacancy.id, action: "recommendation_not_selected", changes: { [`recommendation ${r.id}`]: [Recommendation.view(r), Recommendation.view(after)] } });
    }
    const closing = others.filter((r) => closed.has(r.id));
    // Each recommending state's outcome note, in the outbox (core/notice): the notices function sends it.
    const notes = outcomeItems(vacancy, input.startOn, [rec, ...others].map((r) => ({ stateCode: r.stateCode, candidateName: r.candidateName, selected: r.id === rec.id })), at, who);
    await Audit.commit({
      entity: "vacancy",
      id: vacancy.id,
      action: "fill",
      before: view(vacancy),
      after: view(vacancyAfter),
      items: [putItem(vacancy, vacancyAfter), Recommendation.putItem(rec, recAfter), Post.putItem(post, postAfter), ...closing.map((r) => Recommendation.putItem(r, closed.get(r.id)!)), ...notes],
      more,
    });
    return toInfo(vacancyAfter, (await Recommendation.ofVacancy(vacancy.id)).map((r) => (r.id === rec.id ? recAfter : (closed.get(r.id) ?? r))));
  });
});
