/**
 * The candidates that member states recommend for a vacancy. A recommendation goes
 * received → shortlisted → selected (or not_selected), while its vacancy is in progress; at most
 * one of a vacancy's recommendations is selected at a time (the vacancy names it). Every change
 * is in the vacancy's audit trail. The fill that appoints a candidate is the vacancy's (Vacancy.fill).
 */
export * as Recommendation from "./index";

import { randomUUID } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { asTransactItem, type TransactItem } from "../dynamo";
import { getRecord, queryRecords, type EntityItem } from "../entity";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { fieldIssue, issueParams } from "../messages/zod";
import { Post } from "../post";
import { clean, Stamps, Version, Text as SafeText } from "../schema";
import * as VacancyRecord from "../vacancy/record";
import * as VacancyRules from "../vacancy/rules";
import { RecommendationEntity } from "./recommendation.entity";
import * as Rules from "./rules";

export const STATUSES = ["received", "shortlisted", "selected", "not_selected"] as const;
export type Status = (typeof STATUSES)[number];

const Text = (max: number) => SafeText({ max });
const Id = z.string().min(1).max(100);

export const CreateInput = z.strictObject({
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
export type CreateInput = z.input<typeof CreateInput>;

export const PatchInput = z.strictObject({
  vacancyId: Id,
  id: Id,
  status: z.enum(STATUSES),
  note: Text(2000).nullable().optional(),
  /** Optional: when sent, it must be the recommendation's current version. */
  version: Version.optional(),
});
export type PatchInput = z.input<typeof PatchInput>;

export const ListInput = z
  .strictObject({
    state: MemberState.Code.optional(),
    vacancyId: Id.optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.state && !q.vacancyId) ctx.addIssue({ code: "custom", path: ["state"], ...issueParams("vacancy.state_or_vacancy") });
  });

export const Info = z.object({
  id: z.string(),
  vacancyId: z.string(),
  stateCode: z.string(),
  candidateName: z.string(),
  nationality: z.string(),
  receivedOn: z.string(),
  late: z.boolean(),
  status: z.enum(STATUSES),
  /** The statuses it may move to now (none once the vacancy is filled or cancelled). */
  allowedTransitions: z.array(z.enum(STATUSES)),
  /** Whether this candidate may fill the vacancy now (shortlisted or selected, vacancy in progress). */
  canFill: z.boolean(),
  note: z.string().optional(),
  ...Stamps.shape,
});
export type Info = z.infer<typeof Info>;

/** The stored recommendation: the entity's own item type. */
export type Stored = EntityItem<typeof RecommendationEntity>;

/** A recommendation as the API gives it; `vacancy` is the status of its vacancy (in progress when not known). */
export function info(r: Stored, vacancy: VacancyRules.VacancyStatus = "open"): Info {
  const open = VacancyRules.inProgress(vacancy);
  return { ...r, allowedTransitions: open ? [...Rules.RECOMMENDATION_MOVES[r.status]] : [], canFill: open && Rules.mayFill(r.status) };
}

/** A recommendation as the vacancy's audit trail records it. */
export function view(r: Stored) {
  return clean({ id: r.id, stateCode: r.stateCode, candidateName: r.candidateName, nationality: r.nationality, receivedOn: r.receivedOn, late: r.late, status: r.status, note: r.note });
}

export function stale(id: string) {
  return new VisibleError("conflict", "recommendation.version_conflict", { id });
}

export async function find(vacancyId: string, id: string): Promise<Stored | undefined> {
  return getRecord<Stored>(RecommendationEntity.get({ vacancyId, id }).params({ consistent: true }));
}

/** A vacancy's recommendations, in order of receipt (a Query on the vacancy's partition). */
export async function ofVacancy(vacancyId: string): Promise<Stored[]> {
  const r = await queryRecords<Stored>("recommendation", RecommendationEntity.query.primary({ vacancyId }).params(), { all: true });
  return r.items.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.createdAt.localeCompare(b.createdAt));
}

/** The put of the next version of a recommendation, on condition that nobody wrote it since we read it: else recommendation.version_conflict. */
export function putItem(before: Stored, after: Stored): TransactItem {
  return asTransactItem("Put", RecommendationEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params(), stale(before.id));
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
export const create = fn(CreateInput, async (input): Promise<Info> => {
  Actor.assertCan("recommendCandidate");
  const vacancy = await VacancyRecord.find(input.vacancyId);
  if (!vacancy) throw VacancyRecord.notFound(input.vacancyId);
  const state = await MemberState.find(input.stateCode);
  if (!state || state.status !== "member")
    throw Post.invalid([fieldIssue("stateCode", "state.not_found", { code: input.stateCode })]);
  const today = Clock.today();
  if (input.receivedOn > today) throw Post.invalid([fieldIssue("receivedOn", "date.future")]);
  const late = VacancyRules.isLate(input.receivedOn, vacancy.deadline);
  if (late && input.late !== true)
    throw Post.invalid([
      fieldIssue("receivedOn", "recommendation.received_late", { deadline: vacancy.deadline }),
    ]);
  if (!VacancyRules.takesRecommendations(vacancy.status)) throw VacancyRecord.finished(vacancy);
  if (!input.confirmDuplicate) {
    const name = sameName(input.candidateName);
    const twin = (await ofVacancy(vacancy.id)).find((r) => r.stateCode === input.stateCode && sameName(r.candidateName) === name);
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
  const record: Stored = clean({
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
    changes: { [`recommendation ${record.id}`]: [null, view(record)] },
    items: [
      asTransactItem("Put", RecommendationEntity.create(record).params(), new VisibleError("conflict", "recommendation.exists")),
      VacancyRecord.statusCheck(vacancy, ["open"]),
    ],
  });
  return info(record, vacancy.status);
});

/** Moves a recommendation through received → shortlisted → selected | not_selected (one selected per vacancy). */
export const update = fn(PatchInput, async (input): Promise<Info> => {
  Actor.assertCan("updateRecommendation");
  const vacancy = await VacancyRecord.find(input.vacancyId);
  if (!vacancy) throw VacancyRecord.notFound(input.vacancyId);
  const before = await find(input.vacancyId, input.id);
  if (!before) throw new VisibleError("not_found", "recommendation.not_found", { id: input.id });
  if (input.version !== undefined && input.version !== before.version) throw stale(before.id);
  if (vacancy.status === "filled" || vacancy.status === "cancelled") throw VacancyRecord.finished(vacancy);
  const noteChanged = input.note !== undefined && (input.note ?? undefined) !== before.note;
  if (input.status === before.status && !noteChanged) return info(before, vacancy.status);
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
  const after: Stored = clean({
    ...before,
    status: input.status,
    note: input.note === null ? undefined : (input.note ?? before.note),
    version: before.version + 1,
    updatedAt: at,
    updatedBy: who,
  });
  const items: TransactItem[] = [putItem(before, after)];
  const selects = after.status === "selected" && before.status !== "selected";
  const deselects = before.status === "selected" && after.status !== "selected";
  if (selects || deselects) {
    const vacancyAfter: VacancyRecord.Stored = clean({
      ...vacancy,
      selectedRecommendationId: selects ? after.id : undefined,
      version: vacancy.version + 1,
      updatedAt: at,
      updatedBy: who,
    });
    items.push(VacancyRecord.putItem(vacancy, vacancyAfter, VacancyRecord.changed()));
  } else {
    items.push(VacancyRecord.statusCheck(vacancy, ["open", "closed"]));
  }
  await Audit.commit({
    entity: "vacancy",
    id: vacancy.id,
    action: `recommendation_${after.status}`,
    before: null,
    after: null,
    changes: { [`recommendation ${after.id}`]: [view(before), view(after)] },
    items,
  });
  return info(after, vacancy.status);
});

/** Recommendations of a state (byState index, by date of receipt) or of a vacancy. */
export const list = fn(ListInput, async (asked) => {
  Actor.assertCan("listRecommendations");
  // A `state` user's list is its state's (another state's asked for: none).
  const state = Actor.narrow(asked.state);
  if (state === false) return { items: [] };
  const input = { ...asked, state };
  const found = input.vacancyId
    ? await ofVacancy(input.vacancyId)
    : (await queryRecords<Stored>("recommendation", RecommendationEntity.query.byState({ stateCode: input.state! }).params(), { all: true })).items;
  // HR's note on a candidate is the Secretariat's own: not shown to a member state's user.
  const shown = (r: Stored): Stored => (Actor.scope() === undefined ? r : (({ note: _note, ...rest }) => rest)(r));
  return { items: found.filter((r) => (!input.state || r.stateCode === input.state) && Actor.sees(r.stateCode)).map((r) => info(shown(r))) };
});
