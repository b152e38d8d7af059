/**
 * The rules of a recommendation, zod-free so the web may read the same ones: which moves it may
 * make, and which candidates may fill their vacancy. (When one is late, and when its vacancy takes
 * recommendations, are the vacancy's rules: ../vacancy/rules.ts.)
 */
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

/** A shortlisted or selected candidate may fill the vacancy. */
export function mayFill(status: RecommendationStatus): boolean {
  return status === "shortlisted" || status === "selected";
}
