/**
 * The rules of a vacancy and its recommendations, zod-free so the web reads the same ones:
 * which moves a recommendation may make, which candidates may fill, and when a vacancy
 * is still in progress. Dates are ISO days (UTC, the server's day).
 */
export type VacancyStatus = "open" | "closed" | "filled" | "cancelled";
export type RecommendationStatus = "received" | "shortlisted" | "selected" | "not_selected";

/** received → shortlisted → selected; received or shortlisted → not_selected; back to shortlisted from selected or not_selected. */
export const RECOMMENDATION_MOVES: Record<RecommendationStatus, readonly RecommendationStatus[]> = {
  received: ["shortlisted", "not_selected"],
  shortlisted: ["selected", "not_selected"],
  selected: ["shortlisted"],
  not_selected: ["shortlisted"],
};

export function canMove(from: RecommendationStatus, to: RecommendationStatus): boolean {
  return RECOMMENDATION_MOVES[from].includes(to);
}

/** Open or closed: recommendations may still be weighed and the vacancy filled. */
export function inProgress(status: VacancyStatus): boolean {
  return status === "open" || status === "closed";
}

/** A shortlisted or selected candidate may fill the vacancy. */
export function mayFill(status: RecommendationStatus): boolean {
  return status === "shortlisted" || status === "selected";
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
