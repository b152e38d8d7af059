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
