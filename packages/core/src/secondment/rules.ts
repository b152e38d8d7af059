/**
 * The rotation alert, zod-free so the web reads the same rule: an active
 * secondment whose last day falls within 90 days from today (UTC, the server's day).
 */
import { addDays } from "../post/dates";

/** Rotation alerts and the "ending soon" mark look this many days ahead. */
export const ROTATION_ALERT_DAYS = 90;

export function endingSoon(s: { status: string; lastOn: string }, today: string, days: number = ROTATION_ALERT_DAYS): boolean {
  return s.status === "active" && s.lastOn <= addDays(today, days);
}

/** Days from `today` to the last day in post (0 on the last day itself). */
export function daysLeft(lastOn: string, today: string): number {
  return Math.round((Date.parse(`${lastOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** A secondment may still be extended or ended early: not ended, early or by its date. */
export function mayChange(s: { status: string; endedOn?: string }): boolean {
  return !s.endedOn && s.status !== "ended";
}
