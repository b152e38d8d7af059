/** Pieces the finance pages share: member-state names, badges, money in the current language. */
import { useCallback, useMemo } from "react";
import { api, call, type BudgetStatus, type Contribution, type ContributionStatus, type Kind } from "./api";
import { useI18n } from "./i18n";
import { formatDecimal, formatMoney } from "./money";
import { allPages, useStatesQuery } from "./query";

/** Every member state (any status), for names and selects. */
export function useStates() {
  const states = useStatesQuery();
  const { lang } = useI18n();
  const byCode = useMemo(() => new Map((states.data ?? []).map((s) => [s.code, s])), [states.data]);
  const nameOf = useCallback((code: string) => byCode.get(code)?.name[lang] ?? code, [byCode, lang]);
  /** Both languages' names, for searches. */
  const namesOf = useCallback((code: string) => {
    const s = byCode.get(code);
    return s ? [s.name.en, s.name.ru] : [code];
  }, [byCode]);
  return { ...states, byCode, nameOf, namesOf };
}

/** Money formatters bound to the current language. */
export function useMoney() {
  const { locale } = useI18n();
  return useMemo(
    () => ({
      /** "46,025,000.00 KZT" */
      money: (value: string, currency: string) => formatMoney(value, currency, locale),
      /** "100,000.00 USD" */
      usd: (value: string) => formatMoney(value, "USD", locale),
      /** "100,000.00" (the column says USD) */
      decimal: (value: string) => formatDecimal(value, locale),
      /** "62.5%" / "62,5 %" */
      percent: (value: string) => `${formatDecimal(value, locale)}${locale.startsWith("ru") ? "\u00a0%" : "%"}`,
    }),
    [locale],
  );
}

export function KindLabel({ kind }: { kind: Kind }) {
  const { t } = useI18n();
  return (
    <span className={`kind kind--${kind}`} data-kind={kind}>
      {t(`kind.${kind}`)}
    </span>
  );
}

export function ContributionStatusBadge({ status }: { status: ContributionStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--${status}`} data-status={status}>
      {t(`cstatus.${status}`)}
    </span>
  );
}

export function VoidedBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge--voided" data-testid="voided-badge">
      {t("contribution.voided")}
    </span>
  );
}

export function BudgetStatusBadge({ status }: { status: BudgetStatus | "none" }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--budget-${status}`} data-testid="budget-status" data-status={status}>
      {t(`budgetStatus.${status}`)}
    </span>
  );
}

export function PurposeText({ c }: { c: Pick<Contribution, "purpose" | "earmark"> }) {
  const { t } = useI18n();
  return (
    <>
      {t(`purpose.${c.purpose}`)}
      {c.purpose === "earmarked" && c.earmark ? <span className="muted"> · {c.earmark}</span> : null}
    </>
  );
}

/** Loads every page of a contributions query (filters may leave pages short). */
export function listContributions(query: { year?: string; state?: string; status?: "pledged" | "received"; kind?: "cash" | "in_kind" }): Promise<Contribution[]> {
  const clean = { ...(query.year ? { year: query.year } : {}), ...(query.state ? { state: query.state } : {}), ...(query.status ? { status: query.status } : {}), ...(query.kind ? { kind: query.kind } : {}) };
  return allPages(clean, (q) => call(api.contributions.$get({ query: q })));
}
