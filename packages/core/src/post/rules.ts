/**
 * The rules of a post, zod-free so the web reads the same ones: which entry of an
 * effective-dated list is in force on a date, when a post is open, and which status
 * changes a post allows. Dates are ISO days (UTC, the server's day).
 */
export type PostStatus = "vacant" | "filled" | "frozen" | "abolished";
export type PostLifecycle = "open" | "frozen" | "abolished";

/** An entry of an effective-dated list: absent `effectiveOn` means in force from the beginning. */
export interface Dated {
  effectiveOn?: string;
  recordedAt?: string;
}

/** Oldest first: by the day it takes effect, then by when it was recorded. */
export function byEffective(a: Dated, b: Dated): number {
  return (a.effectiveOn ?? "").localeCompare(b.effectiveOn ?? "") || (a.recordedAt ?? "").localeCompare(b.recordedAt ?? "");
}

/** The entry in force on a date: the latest recorded of those effective by then (the first one before any). */
export function inForce<T extends Dated>(entries: readonly T[], date: string): T | undefined {
  const sorted = [...entries].sort(byEffective);
  let found = sorted[0];
  for (const e of sorted) if ((e.effectiveOn ?? "") <= date) found = e;
  return found;
}

/** An entry that takes effect after the date (scheduled). */
export function scheduled(entry: Dated, date: string): boolean {
  return !!entry.effectiveOn && entry.effectiveOn > date;
}

/** The administrative state a status belongs to: vacant and filled posts are open. */
export function lifecycleOf(status: PostStatus): PostLifecycle {
  return status === "vacant" || status === "filled" ? "open" : status;
}

/** An open post may take an incumbent (a secondment, an appointment) or a vacancy. */
export function isOpen(status: PostStatus): boolean {
  return lifecycleOf(status) === "open";
}

/** A vacancy may be announced for a post that is open and has no incumbent. */
export function mayAnnounce(status: PostStatus): boolean {
  return status === "vacant";
}

/**
 * The statuses a post may be given by hand: a vacant post may be frozen or abolished,
 * a frozen or abolished one reopened (vacant) or moved to the other state. A filled
 * post keeps its status until its incumbent leaves.
 */
export const STATUS_CHANGES: Record<PostStatus, readonly Exclude<PostStatus, "filled">[]> = {
  vacant: ["frozen", "abolished"],
  filled: [],
  frozen: ["vacant", "abolished"],
  abolished: ["vacant", "frozen"],
};
