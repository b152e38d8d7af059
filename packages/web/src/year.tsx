/** The year a finance page shows: kept in the address (?year=), remembered for the session, the current year by default. */
import { useId } from "react";
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

/** The page's year and a setter that updates the address. */
export function useYear(): [number, (year: number) => void] {
  const search = useSearch();
  const year = validYear(search.get("year")) ?? rememberedYear() ?? currentYear();
  const setYear = (next: number) => {
    rememberYear(next);
    setQuery({ year: next });
  };
  return [year, setYear];
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
