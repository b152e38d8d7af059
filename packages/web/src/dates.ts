/**
 * Calendar dates in the interface, without the browser's locale: the API's `YYYY-MM-DD`, the day
 * the forms default to, and how a date field shows and reads a date in each language.
 *
 * - Russian: shown `05.03.2022` (ДД.ММ.ГГГГ); read `5.3.2022` and `05.03.2022`, or `2022-03-05`.
 * - English: shown `2022-03-05` (ISO 8601, the one all-numeric form that English readers on both
 *   sides of the Atlantic read the same way); read that, or `5 Mar 2022` / `5 March 2022`.
 * Nothing else is guessed: `03/05/2022` means different days to different readers, so it is refused.
 */

/** Today as YYYY-MM-DD in UTC: the day the server counts statuses, alerts and "not in the future" on. The default of every form's date. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The year of today (UTC). */
export function thisYear(): number {
  return Number(today().slice(0, 4));
}

/** Whether `y-m-d` is a day of the calendar (1990-2100 checked by the API, not here). */
export function isDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** A typed date read in the language: the ISO date, "" when empty, or why it cannot be read. */
export type ReadDate = { ok: true; value: string } | { ok: false; code: "date.entry_form" | "date.entry_day" };

export function readDate(input: string, lang: "en" | "ru"): ReadDate {
  const text = input.trim().replace(/[\u00a0\u202f]/g, " ");
  if (text === "") return { ok: true, value: "" };
  let ymd: [number, number, number] | undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) ymd = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if (lang === "ru" && (m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text))) ymd = [Number(m[3]), Number(m[2]), Number(m[1])];
  else if (lang === "en" && (m = /^(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})$/.exec(text))) {
    const name = m[2]!.toLowerCase();
    const month = MONTHS.findIndex((mo) => name.startsWith(mo));
    const full = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, month, 1))).toLowerCase();
    if (month >= 0 && (name.length === 3 || full === name || (month === 8 && name === "sept"))) ymd = [Number(m[3]), month + 1, Number(m[1])];
  }
  if (!ymd) return { ok: false, code: "date.entry_form" };
  if (!isDay(...ymd)) return { ok: false, code: "date.entry_day" };
  return { ok: true, value: iso(...ymd) };
}

/** An ISO date as the language's date field shows it (read back by `readDate`); anything else as it is. */
export function dateInput(value: string, lang: "en" | "ru"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  return lang === "ru" ? `${m[3]}.${m[2]}.${m[1]}` : value;
}
