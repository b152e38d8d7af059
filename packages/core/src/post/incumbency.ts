/**
 * Incumbency changes, shared by Secondment and Vacancy.fill: the post they refer to, the overlap
 * check, the post's next version and its conditional put, its audit event, and the retry when a
 * concurrent change of the same post won the race.
 */
import { Audit } from "../audit";
import { asTransactItem, type TransactItem } from "../dynamo";
import { getRecord } from "../entity";
import { invalidFields, VisibleError, type ErrorIssue } from "../error";
import { fieldIssue } from "../messages/zod";
import { clean } from "../schema";
import { overlaps } from "./dates";
import { PostEntity } from "./post.entity";
import type { Incumbency, Stored } from "./schema";
import { auditView } from "./timeline";

export function invalid(issues: ErrorIssue[]): VisibleError {
  return invalidFields(issues);
}

export const CHANGED = "post.changed" as const;

/** The post item changed between our read and our write (a concurrent incumbency change): the caller retries. */
export function changed(): VisibleError {
  return new VisibleError("conflict", CHANGED);
}

/** 409: the post already has an incumbent for (part of) the period. */
export function occupied(p: Stored, clash: Incumbency): VisibleError {
  return new VisibleError("conflict", "post.occupied", { number: p.number, kind: clash.kind, name: clash.name, startOn: clash.startOn, endOn: clash.endOn ?? "open" });
}

export async function find(id: string): Promise<Stored | undefined> {
  return getRecord<Stored>(PostEntity.get({ id }).params({ consistent: true }));
}

/** A post that an incumbency or a vacancy may refer to: it exists and is neither frozen nor abolished (400 naming the field). */
export async function findOpen(id: string, field = "postId"): Promise<Stored> {
  const p = await find(id);
  if (!p) throw invalid([fieldIssue(field, "post.not_found", { id })]);
  if (p.lifecycle !== "open") throw invalid([fieldIssue(field, `post.${p.lifecycle}`, { number: p.number })]);
  return p;
}

/** The incumbency that shares a day with the period, other than `ignoreId`. */
export function conflictWith(p: Stored, startOn: string, endOn: string | undefined, ignoreId?: string): Incumbency | undefined {
  return p.incumbencies.find((i) => i.id !== ignoreId && overlaps(i.startOn, i.endOn, startOn, endOn));
}

/** The post with an incumbency added (or replaced, by id), as the next version. */
export function withIncumbency(p: Stored, incumbency: Incumbency, at: string, who: string): Stored {
  const incumbencies = [...p.incumbencies.filter((i) => i.id !== incumbency.id), clean({ ...incumbency })].sort((a, b) =>
    a.startOn.localeCompare(b.startOn),
  );
  return { ...p, incumbencies, version: p.version + 1, updatedAt: at, updatedBy: who };
}

/**
 * The put of the next version of a post, on condition that nobody wrote it since we read it;
 * when somebody did, `conflict` (by default post.changed, which `withRetry` runs again).
 */
export function putItem(before: Stored, after: Stored, conflict: VisibleError = changed()): TransactItem {
  return asTransactItem("Put", PostEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params(), conflict);
}

/** The audit event of a post changed beside another record (a secondment, a vacancy fill). */
export function event(before: Stored, after: Stored, action: string) {
  return { entity: "post" as const, id: after.id, action, changes: Audit.diff(auditView(before), auditView(after)) };
}

/**
 * Runs an incumbency change, again when the post was changed concurrently
 * (another incumbency on the same post won the race): each run re-reads the
 * post and re-checks overlaps, so non-overlapping requests all succeed and an
 * overlapping one fails with post.occupied.
 */
export async function withRetry<T>(run: () => Promise<T>, attempts = 25): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof VisibleError) || error.code !== CHANGED || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * Math.min(15 * attempt, 200))));
    }
  }
}
