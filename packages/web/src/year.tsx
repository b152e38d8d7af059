/**
 * The year a page shows: kept in the address (?year=), remembered for the session; by default the
 * latest fiscal year with contributions up to the current one (the server says which: GET
 * /api/reports/years), so a first visit opens on data rather than on an empty year.
 */
import { useId } from "react";
import { api, call } from "./api";
import { useApiQuery } from "./query";
import { thisYear } from "./dates";
import { useI18n } from "./i18n";
import { setQuery, useSearch } from "./router";

const STORAGE_KEY = "tracker.year";
export const FIRST_YEAR = 2006;

export function currentYear(): number {
  return thisYear();
}

function validYear(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{4}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1990 && n <= 2100 ? n : undefined;
}

function rememberedYear(): number | undefined {
  try {
    return validYear(sessionStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

function rememberYear(year: number) {
  try {
    sessionStorage.setItem(STORAGE_KEY, String(year));
  } catch {
    /* not remembered; still shown */
  }
}

/**
 * The page's year, a setter that updates the address, and whether the year is settled (false while
 * the default is still on its way: a page waits with its reads). `{ byData: false }`: the current
 * year by default (pages whose data is not the contributions').
 */
export function useYear(options: { byData?: boolean } = {}): [number, (year: number) => void, boolean] {
  const search = useSearch();
  const chosen = validYear(search.get("year")) ?? rememberedYear();
  const byData = (options.byData ?? true) && chosen === undefined;
  const years = useApiQuery(["reports", "years"], () => call(api.reports.years.$get()), { enabled: byData });
  const year = chosen ?? (byData ? years.data?.defaultYear : undefined) ?? currentYear();
  const setYear = (next: number) => {
    rememberYear(next);
    setQuery({ year: next });
  };
  return [year, setYear, !byData || years.data !== undefined || years.error !== undefined];
}

/** A select of years, newest first (next year to the Secretariat's first budget year). */
export function YearSelect({ value, onChange, testId = "year-select" }: { value: number; onChange: (year: number) => void; testId?: string }) {
  const { t } = useI18n();
  const id = useId();
  const last = Math.max(currentYear() + 1, value);
  const first = Math.min(FIRST_YEAR, value);
  const years: number[] = [];
  for (let y = last; y >= first; y--) years.push(y);
  return (
    <div className="field field--inline year-select">
      <label htmlFor={id}>{t("common.year")}</label>
      <select id={id} name="year" value={String(value)} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}
