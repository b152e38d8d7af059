/**
 * Statement periods: a year ("2026"), a quarter ("2026-Q4") or a month ("2026-11"). Without zod, so
 * that the web takes the same rules (the quarter just ended, in UTC) from here.
 */
export interface Period {
  id: string;
  kind: "year" | "quarter" | "month";
  year: number;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, "0");

export function parse(id: string): Period | undefined {
  let m = /^(\d{4})$/.exec(id);
  if (m) {
    const y = Number(m[1]);
    return { id, kind: "year", year: y, start: `${y}-01-01`, end: `${y}-12-31` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(id);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const first = (q - 1) * 3 + 1;
    return { id, kind: "quarter", year: y, start: `${y}-${pad(first)}-01`, end: `${y}-${pad(first + 2)}-${lastDay(y, first + 2)}` };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(id);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { id, kind: "month", year: y, start: `${y}-${pad(mo)}-01`, end: `${y}-${pad(mo)}-${lastDay(y, mo)}` };
  }
  return undefined;
}

/** The period that ended most recently before `today` (for the schedule): "quarter" → the quarter just ended. */
export function justEnded(kind: Period["kind"], today: string): Period {
  const [y, m] = today.split("-").map(Number) as [number, number];
  if (kind === "year") return parse(String(y - 1))!;
  if (kind === "month") return m === 1 ? parse(`${y - 1}-12`)! : parse(`${y}-${pad(m - 1)}`)!;
  const q = Math.floor((m - 1) / 3); // the current quarter's index, 0..3
  return q === 0 ? parse(`${y - 1}-Q4`)! : parse(`${y}-Q${q}`)!;
}

/** The same day one year earlier (29 February → 28 February). */
export function yearBefore(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${y - 1}-${pad(m)}-${pad(Math.min(d, lastDay(y - 1, m)))}`;
}

/** The period just ended at an instant, by its UTC date (the web's default, the schedule's period). */
export function justEndedAt(kind: Period["kind"], now: Date): Period {
  return justEnded(kind, now.toISOString().slice(0, 10));
}
