/**
 * The rules of a vacancy, zod-free so the web reads the same ones: when it is still in progress,
 * when it takes recommendations and which are late, and the status changes it allows. Dates are
 * ISO days (UTC, the server's day). A recommendation's own moves: ../recommendation/rules.ts.
 */
export type VacancyStatus = "open" | "closed" | "filled" | "cancelled";

/** Open or closed: recommendations may still be weighed and the vacancy filled. */
export function inProgress(status: VacancyStatus): boolean {
  return status === "open" || status === "closed";
}

/** The deadline has passed when today is after it (the deadline day itself still counts). */
export function deadlinePassed(deadline: string, today: string): boolean {
  return deadline < today;
}

/** A recommendation received after the deadline is late. */
export function isLate(receivedOn: string, deadline: string): boolean {
  return receivedOn > deadline;
}

/** Recommendations are received while the vacancy is open. */
export function takesRecommendations(status: VacancyStatus): boolean {
  return status === "open";
}

/**
 * The status changes offered on a vacancy: an open one may be closed or cancelled, a
 * closed one reopened or cancelled, a cancelled one reopened. A filled vacancy stays
 * filled (the fill has its own route).
 */
export const STATUS_CHANGES: Record<VacancyStatus, readonly Exclude<VacancyStatus, "filled">[]> = {
  open: ["closed", "cancelled"],
  closed: ["open", "cancelled"],
  cancelled: ["open"],
  filled: [],
};
