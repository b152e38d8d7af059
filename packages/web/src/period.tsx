/** Statement periods: a year ("2026"), a quarter ("2026-Q4") or a month ("2026-11"); a picker that builds one. */
import { justEndedAt } from "@tracker/core/statement/periods";
import { useId } from "react";
import { useI18n, type I18n } from "./i18n";
import { FieldError } from "./ui";
import { currentYear, FIRST_YEAR } from "./year";

export type PeriodKind = "year" | "quarter" | "month";
const PERIOD_KINDS: PeriodKind[] = ["year", "quarter", "month"];

interface Parts {
  kind: PeriodKind;
  year: number;
  /** The quarter (1–4) or month (1–12); unused for a year. */
  part: number;
}

const pad = (n: number) => String(n).padStart(2, "0");
const ROMAN = ["I", "II", "III", "IV"];

function idOf(p: Parts): string {
  if (p.kind === "year") return String(p.year);
  return p.kind === "quarter" ? `${p.year}-Q${p.part}` : `${p.year}-${pad(p.part)}`;
}

/** The parts of a period id, or undefined when it is not one the API accepts. */
export function parsePeriod(id: string | null | undefined): Parts | undefined {
  if (!id) return undefined;
  const m = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(id);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 1990 || year > 2100) return undefined;
  if (m[2]) return { kind: "quarter", year, part: Number(m[2]) };
  if (m[3]) return { kind: "month", year, part: Number(m[3]) };
  return { kind: "year", year, part: 1 };
}

/** The quarter that ended most recently (in January–March: the previous year's Q4), by the UTC date, as the schedule sends it (core's rule). */
export function lastQuarter(now = new Date()): string {
  return justEndedAt("quarter", now).id;
}

/** "Q4 2022" / "IV квартал 2022 г.", "November 2022" / "ноябрь 2022 г.", "2022" / "2022 год". */
export function periodName(id: string, i18n: Pick<I18n, "t" | "locale">): string {
  const p = parsePeriod(id);
  if (!p) return id;
  if (p.kind === "year") return i18n.t("period.nameYear", { year: p.year });
  if (p.kind === "quarter") return i18n.t("period.nameQuarter", { n: p.part, roman: ROMAN[p.part - 1]!, year: p.year });
  return new Intl.DateTimeFormat(i18n.locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(p.year, p.part - 1, 15)));
}

/**
 * Three selects (kind, quarter or month, year) that make a period id; the id
 * is shown in `output[name="period"]` (data-testid="period-value"), and the
 * API's message for `period` under it.
 */
export function PeriodPicker({ value, onChange, error, testId }: { value: string; onChange: (id: string) => void; error?: string; testId?: string }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const id = useId();
  const p = parsePeriod(value) ?? parsePeriod(lastQuarter())!;
  const set = (next: Partial<Parts>) => onChange(idOf({ ...p, ...next }));
  const setKind = (kind: PeriodKind) => {
    // Keep the same stretch of the year: Q4 becomes December, November becomes Q4.
    if (kind === "month" && p.kind === "quarter") set({ kind, part: p.part * 3 });
    else if (kind === "quarter" && p.kind === "month") set({ kind, part: Math.ceil(p.part / 3) });
    else if (kind !== p.kind) set({ kind, part: kind === "quarter" ? 4 : 12 });
  };
  const last = Math.max(currentYear() + 1, p.year);
  const years: number[] = [];
  for (let y = last; y >= Math.min(FIRST_YEAR, p.year); y--) years.push(y);
  const monthFmt = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });

  return (
    <fieldset className={`period-field${error ? " field--invalid" : ""}`} data-testid={testId}>
      <legend className="visually-hidden">{t("period.label")}</legend>
      <div className="period-inputs">
        <div className="field field--inline">
          <label htmlFor={`${id}-kind`}>{t("period.label")}</label>
          <select id={`${id}-kind`} name="periodKind" value={p.kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`period.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {p.kind !== "year" && (
          <div className="field field--inline">
            <label htmlFor={`${id}-part`}>{p.kind === "quarter" ? t("period.quarter") : t("period.month")}</label>
            <select id={`${id}-part`} name="periodPart" value={String(p.part)} onChange={(e) => set({ part: Number(e.target.value) })}>
              {p.kind === "quarter"
                ? [1, 2, 3, 4].map((q) => (
                    <option key={q} value={q}>
                      {t("period.quarterOption", { n: q, roman: ROMAN[q - 1]! })}
                    </option>
                  ))
                : Array.from({ length: 12 }, (_, i) => (
                    <option key={i + 1} value={i + 1}>
                      {monthFmt.format(new Date(Date.UTC(2000, i, 15)))}
                    </option>
                  ))}
            </select>
          </div>
        )}
        <div className="field field--inline">
          <label htmlFor={`${id}-year`}>{t("common.year")}</label>
          <select id={`${id}-year`} name="periodYear" value={String(p.year)} onChange={(e) => set({ year: Number(e.target.value) })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <p className="period-readout">
          <output name="period" htmlFor={`${id}-kind ${id}-part ${id}-year`} className="period-id" data-testid="period-value">
            {idOf(p)}
          </output>
          {periodName(idOf(p), i18n) !== idOf(p) && <span className="muted">{periodName(idOf(p), i18n)}</span>}
        </p>
      </div>
      <FieldError path="period" message={error} />
    </fieldset>
  );
}
