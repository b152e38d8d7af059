/**
 * When statements go out: at HOUR:00 UTC on the first day of each period
 * (quarter by default), for the period just ended. One definition feeds the
 * SST Cron on AWS and the in-process timer of `npm start`.
 */
export type Cadence = "quarter" | "month" | "year";

export interface ScheduleConfig {
  cadence: Cadence | "off";
  hourUtc: number;
}

export function config(env: Record<string, string | undefined> = process.env): ScheduleConfig {
  const cadence = (env.STATEMENT_PERIOD ?? "quarter") as ScheduleConfig["cadence"];
  if (!["quarter", "month", "year", "off"].includes(cadence)) throw new Error(`STATEMENT_PERIOD must be quarter, month, year or off, not "${cadence}"`);
  const hourUtc = Number(env.STATEMENT_HOUR_UTC ?? 6);
  if (!Number.isInteger(hourUtc) || hourUtc < 0 || hourUtc > 23) throw new Error("STATEMENT_HOUR_UTC must be an hour from 0 to 23");
  return { cadence, hourUtc };
}

/** The EventBridge expression for the SST Cron. */
export function cronExpression(c: ScheduleConfig): string {
  const months = c.cadence === "quarter" ? "1,4,7,10" : c.cadence === "year" ? "1" : "*";
  return `cron(0 ${c.hourUtc} 1 ${months} ? *)`;
}

/** The next run strictly after `now`. */
export function next(c: ScheduleConfig, now: Date): Date | undefined {
  if (c.cadence === "off") return undefined;
  const step = c.cadence === "quarter" ? 3 : c.cadence === "year" ? 12 : 1;
  let y = now.getUTCFullYear();
  let m = now.getUTCMonth(); // 0-based
  m -= m % step;
  for (;;) {
    const at = new Date(Date.UTC(y, m, 1, c.hourUtc));
    if (at > now) return at;
    m += step;
    if (m >= 12) {
      m -= 12;
      y++;
    }
  }
}

/** Runs `job` at every scheduled time while the process lives (timers re-armed at most 24 days ahead). */
export function startTimer(c: ScheduleConfig, job: () => Promise<void>, now: () => Date = () => new Date()): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    const at = next(c, now());
    if (!at || stopped) return;
    const wait = Math.min(at.getTime() - now().getTime(), 24 * 24 * 3600_000);
    timer = setTimeout(async () => {
      if (now() >= at) await job().catch((e) => console.error("Scheduled statements failed:", e));
      arm();
    }, Math.max(wait, 0));
    timer.unref();
  };
  arm();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
