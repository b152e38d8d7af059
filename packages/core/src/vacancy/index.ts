/**
 * Open positions: a vacancy on a post, the candidates that member states
 * recommend for it, and the fill that appoints one of them.
 *
 * Recommendations go received → shortlisted → selected (or not_selected). At
 * most one recommendation of a vacancy is selected at a time. The fill takes a
 * shortlisted or selected recommendation and, in ONE transaction, marks it
 * selected, the vacancy filled and the post filled with the candidate from
 * `startOn` (an appointment; the nationality is the recommending state's code
 * unless the recommendation or the fill names another). Every change is in the
 * vacancy's audit trail, recommendations included. The fill closes the other
 * candidates still received or shortlisted as not selected, in the same transaction.
 */
export * as Vacancy from "./index";

import { randomUUID } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import * as Rules from "./rules";
import { asTransactItem, type TransactItem } from "../dynamo";
import { VisibleError } from "../error";
import { fieldIssue, issueParams } from "../messages/zod";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Post } from "../post";
import { Bilingual, clean, readBack, Stamps, unchanged, Version, Text as SafeText } from "../schema";
import { RecommendationEntity } from "./recommendation.entity";
import { VacancyEntity } from "./vacancy.entity";
import { getRecord, queryRecords, type EntityItem } from "../entity";

export const BASES = ["competitive", "contractual"] as const;
export const STATUSES = ["open", "closed", "filled", "cancelled"] as const;
export const RECOMMENDATION_STATUSES = ["received", "shortlisted", "selected", "not_selected"] as const;
export type Status = (typeof STATUSES)[number];
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

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
    if (v.deadline < v.publishedOn) ctx.addIssue({ code: "custom", path: ["deadline"], ...issueParams("vacancy.deadline_before_publication") });
  });
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

export const RecommendInput = z.strictObject({
  vacancyId: Id,
  stateCode: MemberState.Code,
  candidateName: Text(200),
  /** Default: the recommending state's code. */
  nationality: MemberState.Code.optional(),
  receivedOn: Post.Day,
  /** Must be true for a recommendation received after the deadline. */
  late: z.boolean().optional(),
  note: Text(2000).optional(),
  /** Record it even when the state already recommended a candidate of this name for the vacancy (otherwise 409 `recommendation.likely_duplicate`). */
  confirmDuplicate: z
    .boolean()
    .meta({
      description:
        "true records the recommendation even when the state already recommended a candidate of the same name (case, accents and spacing aside) for the vacancy; otherwise that is 409 recommendation.likely_duplicate (params id, state, candidate, date).",
    })
    .optional(),
});
export type RecommendInput = z.input<typeof RecommendInput>;

export const RecommendationPatchInput = z.strictObject({
  vacancyId: Id,
  id: Id,
  status: z.enum(RECOMMENDATION_STATUSES),
  note: Text(2000).nullable().optional(),
  /** Optional: when sent, it must be the recommendation's current version. */
  version: Version.optional(),
});
export type RecommendationPatchInput = z.input<typeof RecommendationPatchInput>;

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
export function checkFillDates(f: { startOn: string; endOn?: string }, ctx: z.RefinementCtx) {
  if (f.endOn && f.endOn < f.startOn) ctx.addIssue({ code: "custom", path: ["endOn"], ...issueParams("vacancy.appointment_ends_early") });
}

export const FillInput = FillFields.superRefine(checkFillDates);
export type FillInput = z.input<typeof FillInput>;

export const ListInput = z.strictObject({
  status: z.enum(STATUSES).optional(),
  postId: Id.optional(),
});

export const RecommendationListInput = z
  .strictObject({
    state: MemberState.Code.optional(),
    vacancyId: Id.optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.state && !q.vacancyId) ctx.addIssue({ code: "custom", path: ["state"], ...issueParams("vacancy.state_or_vacancy") });
  });

export const RecommendationInfo = z.object({
  id: z.string(),
  vacancyId: z.string(),
  stateCode: z.string(),
  candidateName: z.string(),
  nationality: z.string(),
  receivedOn: z.string(),
  late: z.boolean(),
  status: z.enum(RECOMMENDATION_STATUSES),
  /** The statuses it may move to now (none once the vacancy is filled or cancelled). */
  allowedTransitions: z.array(z.enum(RECOMMENDATION_STATUSES)),
  /** Whether this candidate may fill the vacancy now (shortlisted or selected, vacancy in progress). */
  canFill: z.boolean(),
  note: z.string().optional(),
  ...Stamps.shape,
});
export type RecommendationInfo = z.infer<typeof RecommendationInfo>;

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
  recommendations: z.array(RecommendationInfo),
  /** Open or closed: candidates may still be weighed and the vacancy filled. */
  inProgress: z.boolean(),
  /** Today (the server's day, UTC) is after the deadline. */
  deadlinePassed: z.boolean(),
  /** In progress, with at least one candidate who may fill it. */
  canFill: z.boolean(),
  ...Stamps.shape,
});
export type Info = z.infer<typeof Info>;

/** The stored vacancy and recommendation: the entities' own item types. */
export type Stored = EntityItem<typeof VacancyEntity>;
export type StoredRecommendation = EntityItem<typeof RecommendationEntity>;

/** A recommendation as the API gives it; `vacancy` is the status of its vacancy (in progress when not known). */
export function recommendationInfo(r: StoredRecommendation, vacancy: Status = "open"): RecommendationInfo {
  const open = Rules.inProgress(vacancy);
  return { ...r, allowedTransitions: open ? [...Rules.RECOMMENDATION_MOVES[r.status]] : [], canFill: open && Rules.mayFill(r.status) };
}

/** The vacancy as the API gives it (without its recommendations, for the audit trail). */
function view(v: Stored) {
  return clean({ ...v, filled: v.filled ? { ...v.filled } : undefined });
}

export function toInfo(v: Stored, recommendations: StoredRecommendation[]): Info {
  const recs = recommendations.map((r) => recommendationInfo(r, v.status));
  return {
    ...view(v),
    recommendations: recs,
    inProgress: Rules.inProgress(v.status),
    deadlinePassed: Rules.deadlinePassed(v.deadline, Clock.today()),
    canFill: recs.some((r) => r.canFill),
  };
}

function notFound(id: string) {
  return new VisibleError("not_found", "vacancy.not_found", { id });
}

function stale(id: string) {
  return new VisibleError("conflict", "vacancy.version_conflict", { id });
}

function recommendationStale(id: string) {
  return new VisibleError("conflict", "recommendation.version_conflict", { id });
}

function finished(v: Stored) {
  return new VisibleError("conflict", `vacancy.${v.status as Exclude<Status, "open">}`);
}

export async function find(id: string): Promise<Stored | undefined> {
  return getRecord<Stored>(VacancyEntity.get({ id }).params({ consistent: true }));
}

async function findRecommendation(vacancyId: string, id: string): Promise<StoredRecommendation | undefined> {
  return getRecord<StoredRecommendation>(RecommendationEntity.get({ vacancyId, id }).params({ consistent: true }));
}

/** A vacancy's recommendations, in order of receipt (a Query on the vacancy's partition). */
export async function recommendationsOf(vacancyId: string): Promise<StoredRecommendation[]> {
  const r = await queryRecords<StoredRecommendation>("recommendation", RecommendationEntity.query.primary({ vacancyId }).params(), { all: true });
  return r.items.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.createdAt.localeCompare(b.createdAt));
}

/** A ConditionCheck that the vacancy is still in one of these statuses (concurrent fills and cancellations lose to it). */
function statusCheck(v: Stored, statuses: Status[]): TransactItem {
  const { Key, TableName } = VacancyEntity.get({ id: v.id }).params() as { Key: Record<string, unknown>; TableName: string };
  const values = Object.fromEntries(statuses.map((s, i) => [`:s${i}`, s]));
  return {
    ConditionCheck: {
      TableName,
      Key,
      ConditionExpression: `#status IN (${Object.keys(values).join(", ")})`,
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: values,
    },
  };
}

function putVacancy(before: Stored, after: Stored): TransactItem {
  return asTransactItem("Put", VacancyEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params());
}

function putRecommendation(before: StoredRecommendation, after: StoredRecommendation): TransactItem {
  return asTransactItem("Put", RecommendationEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params());
}

export const get = fn(z.object({ id: Id }), async ({ id }): Promise<Info> => {
  Actor.assertSignedIn();
  const v = await find(id);
  if (!v) throw notFound(id);
  return toInfo(v, await recommendationsOf(id));
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
  const items = await Promise.all(found.map(async (v) => toInfo(v, await recommendationsOf(v.id))));
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
    items: [asTransactItem("Put", VacancyEntity.create(record).params())],
    conflict: () => new VisibleError("conflict", "vacancy.exists"),
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
  if (JSON.stringify(comparable(before)) === JSON.stringify(comparable(after))) return toInfo(before, await recommendationsOf(before.id));
  await Audit.commit({
    entity: "vacancy",
    id: before.id,
    action: after.status !== before.status ? (after.status === "cancelled" ? "cancel" : after.status === "closed" ? "close" : "reopen") : "update",
    before: view(before),
    after: view(after),
    items: [putVacancy(before, after)],
    conflict: () => stale(before.id),
  });
  return toInfo(after, await recommendationsOf(after.id));
});

function recommendationView(r: StoredRecommendation) {
  return clean({ id: r.id, stateCode: r.stateCode, candidateName: r.candidateName, nationality: r.nationality, receivedOn: r.receivedOn, late: r.late, status: r.status, note: r.note });
}

/** A candidate's name as compared for likely duplicates: case, accents, spacing and punctuation aside. */
export function sameName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Records a state's recommendation of a candidate. After the deadline it is
 * accepted only with `late: true`, and marked late; otherwise 400 naming receivedOn.
 */
export const recommend = fn(RecommendInput, async (input): Promise<RecommendationInfo> => {
  Actor.assertCan("recommendCandidate");
  const vacancy = await find(input.vacancyId);
  if (!vacancy) throw notFound(input.vacancyId);
  const state = await MemberState.find(input.stateCode);
  if (!state || state.status !== "member")
    throw Post.invalid([fieldIssue("stateCode", "state.not_found", { code: input.stateCode })]);
  const today = Clock.today();
  if (input.receivedOn > today) throw Post.invalid([fieldIssue("receivedOn", "date.future")]);
  const late = Rules.isLate(input.receivedOn, vacancy.deadline);
  if (late && input.late !== true)
    throw Post.invalid([
      fieldIssue("receivedOn", "recommendation.received_late", { deadline: vacancy.deadline }),
    ]);
  if (!Rules.takesRecommendations(vacancy.status)) throw finished(vacancy);
  if (!input.confirmDuplicate) {
    const name = sameName(input.candidateName);
    const twin = (await recommendationsOf(vacancy.id)).find((r) => r.stateCode === input.stateCode && sameName(r.candidateName) === name);
    if (twin)
      throw new VisibleError("conflict", "recommendation.likely_duplicate", {
        id: twin.id,
        state: twin.stateCode,
        candidate: twin.candidateName,
        date: twin.receivedOn,
      });
  }
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const record: StoredRecommendation = clean({
    vacancyId: vacancy.id,
    id: randomUUID(),
    stateCode: input.stateCode,
    candidateName: input.candidateName,
    nationality: input.nationality ?? input.stateCode,
    receivedOn: input.receivedOn,
    late,
    status: "received" as const,
    note: input.note,
    version: 1,
    createdAt: at,
    createdBy: who,
    updatedAt: at,
    updatedBy: who,
  });
  await Audit.commit({
    entity: "vacancy",
    id: vacancy.id,
    action: "recommendation_received",
    before: null,
    after: null,
    changes: { [`recommendation ${record.id}`]: [null, recommendationView(record)] },
    items: [asTransactItem("Put", RecommendationEntity.create(record).params()), statusCheck(vacancy, ["open"])],
    conflict: (index) =>
      index === 1 || index < 0
        ? new VisibleError("conflict", "vacancy.changed")
        : new VisibleError("conflict", "recommendation.exists"),
  });
  return recommendationInfo(record, vacancy.status);
});

/** Moves a recommendation through received → shortlisted → selected | not_selected (one selected per vacancy). */
export const updateRecommendation = fn(RecommendationPatchInput, async (input): Promise<RecommendationInfo> => {
  Actor.assertCan("updateRecommendation");
  const vacancy = await find(input.vacancyId);
  if (!vacancy) throw notFound(input.vacancyId);
  const before = await findRecommendation(input.vacancyId, input.id);
  if (!before) throw new VisibleError("not_found", "recommendation.not_found", { id: input.id });
  if (input.version !== undefined && input.version !== before.version) throw recommendationStale(before.id);
  if (vacancy.status === "filled" || vacancy.status === "cancelled") throw finished(vacancy);
  const noteChanged = input.note !== undefined && (input.note ?? undefined) !== before.note;
  if (input.status === before.status && !noteChanged) return recommendationInfo(before, vacancy.status);
  if (input.status === "selected" && before.status !== "selected") {
    if (before.status !== "shortlisted")
      throw new VisibleError("conflict", "recommendation.not_shortlisted", { status: before.status });
    if (vacancy.selectedRecommendationId && vacancy.selectedRecommendationId !== before.id)
      throw new VisibleError("conflict", "vacancy.already_selected");
  }
  if (input.status !== before.status && !Rules.canMove(before.status, input.status))
    throw new VisibleError("conflict", "recommendation.transition", { from: before.status, to: input.status });
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const after: StoredRecommendation = clean({
    ...before,
    status: input.status,
    note: input.note === null ? undefined : (input.note ?? before.note),
    version: before.version + 1,
    updatedAt: at,
    updatedBy: who,
  });
  const items: TransactItem[] = [putRecommendation(before, after)];
  const selects = after.status === "selected" && before.status !== "selected";
  const deselects = before.status === "selected" && after.status !== "selected";
  if (selects || deselects) {
    const vacancyAfter: Stored = clean({
      ...vacancy,
      selectedRecommendationId: selects ? after.id : undefined,
      version: vacancy.version + 1,
      updatedAt: at,
      updatedBy: who,
    });
    items.push(putVacancy(vacancy, vacancyAfter));
  } else {
    items.push(statusCheck(vacancy, ["open", "closed"]));
  }
  await Audit.commit({
    entity: "vacancy",
    id: vacancy.id,
    action: `recommendation_${after.status}`,
    before: null,
    after: null,
    changes: { [`recommendation ${after.id}`]: [recommendationView(before), recommendationView(after)] },
    items,
    conflict: (index) =>
      index === 0
        ? recommendationStale(before.id)
        : new VisibleError("conflict", "vacancy.changed"),
  });
  return recommendationInfo(after, vacancy.status);
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
    const rec = await findRecommendation(vacancy.id, input.recommendationId);
    if (!rec) throw Post.invalid([fieldIssue("recommendationId", "recommendation.not_found", { id: input.recommendationId })]);
    if (!Rules.mayFill(rec.status)) throw new VisibleError("conflict", "recommendation.not_shortlisted", { status: rec.status });
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
    const recAfter: StoredRecommendation = { ...rec, status: "selected", version: rec.version + 1, updatedAt: at, updatedBy: who };
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
      more.push({ entity: "vacancy", id: vacancy.id, action: "recommendation_selected", changes: { [`recommendation ${rec.id}`]: [recommendationView(rec), recommendationView(recAfter)] } });
    more.push(Post.event(post, postAfter, "fill"));
    // The other candidates still under consideration close as not selected, each audited.
    const others = (await recommendationsOf(vacancy.id)).filter((r) => r.id !== rec.id);
    const closed = new Map<string, StoredRecommendation>();
    for (const r of others) {
      if (r.status !== "received" && r.status !== "shortlisted") continue;
      const after: StoredRecommendation = { ...r, status: "not_selected", version: r.version + 1, updatedAt: at, updatedBy: who };
      closed.set(r.id, after);
      more.push({ entity: "vacancy", id: vacancy.id, action: "recommendation_not_selected", changes: { [`recommendation ${r.id}`]: [recommendationView(r), recommendationView(after)] } });
    }
    const closing = others.filter((r) => closed.has(r.id));
    await Audit.commit({
      entity: "vacancy",
      id: vacancy.id,
      action: "fill",
      before: view(vacancy),
      after: view(vacancyAfter),
      items: [putVacancy(vacancy, vacancyAfter), putRecommendation(rec, recAfter), Post.putItem(post, postAfter), ...closing.map((r) => putRecommendation(r, closed.get(r.id)!))],
      more,
      conflict: (index) =>
        index === 0
          ? stale(vacancy.id)
          : index === 1
            ? recommendationStale(rec.id)
            : index >= 3 && closing[index - 3]
              ? recommendationStale(closing[index - 3]!.id)
              : Post.changed(),
    });
    return toInfo(vacancyAfter, (await recommendationsOf(vacancy.id)).map((r) => (r.id === rec.id ? recAfter : (closed.get(r.id) ?? r))));
  });
});

/** Recommendations of a state (byState index, by date of receipt) or of a vacancy. */
export const recommendations = fn(RecommendationListInput, async (input) => {
  Actor.assertSignedIn();
  const found = input.vacancyId
    ? await recommendationsOf(input.vacancyId)
    : (await queryRecords<StoredRecommendation>("recommendation", RecommendationEntity.query.byState({ stateCode: input.state! }).params(), { all: true })).items;
  return { items: found.filter((r) => !input.state || r.stateCode === input.state).map((r) => recommendationInfo(r)) };
});
