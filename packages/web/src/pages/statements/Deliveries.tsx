/** Each recipient's statement of a period (originals and revisions): sent, failed, attempts. */
import { useMemo } from "react";
import { api, call } from "../../api";
import { fieldErrors } from "../../errors";
import { useI18n } from "../../i18n";
import { PeriodPicker, periodName } from "../../period";
import { useApiQuery } from "../../query";
import { LoadError, Loading, scrollRegion } from "../../ui";
import { StateName, type States } from "./shared";

export function Deliveries({ states, period, setPeriod, version }: { states: States; period: string; setPeriod: (p: string) => void; version: number }) {
  const i18n = useI18n();
  const { t, dateTime, number, locale, lang } = i18n;
  const deliveries = useApiQuery(["summaries", "deliveries", period, version], () => call(api.summaries.deliveries.$get({ query: { period } })).then((r) => r.items));
  const errors = fieldErrors(deliveries.error);
  const rows = useMemo(
    () =>
      [...(deliveries.data ?? [])].sort(
        (a, b) => (states.byCode.get(a.state)?.name[lang] ?? a.state).localeCompare(states.byCode.get(b.state)?.name[lang] ?? b.state, locale) || a.email.localeCompare(b.email),
      ),
    [deliveries.data, states.byCode, lang, locale],
  );

  return (
    <div className="deliveries" id="deliveries" data-testid="deliveries">
      <h3>{t("statements.deliveries.title")}</h3>
      <p className="muted">{t("statements.deliveries.intro")}</p>
      <div className="toolbar">
        <PeriodPicker value={period} onChange={setPeriod} error={errors.period} />
      </div>
      {deliveries.error && !errors.period ? <LoadError error={deliveries.error} retry={deliveries.reload} /> : null}
      {!deliveries.data && deliveries.loading && <Loading />}
      {deliveries.data && (
        <div className="table-wrap" {...scrollRegion(t("statements.deliveries.title"))}>
          <table className="table" data-testid="deliveries-table" data-period={period}>
            <caption className="visually-hidden">{t("statements.deliveries.caption", { period: periodName(period, i18n) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("statements.col.state")}</th>
                <th scope="col">{t("statements.col.recipient")}</th>
                <th scope="col">{t("statements.col.lang")}</th>
                <th scope="col">{t("statements.reference")}</th>
                <th scope="col">{t("statements.col.status")}</th>
                <th scope="col" className="num">{t("statements.col.attempts")}</th>
                <th scope="col">{t("statements.col.lastError")}</th>
                <th scope="col">{t("statements.col.sentAt")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={`${d.state}|${d.email}|${d.revision ?? 0}`} data-state={d.state} data-email={d.email} data-status={d.status} data-revision={d.revision ?? 0}>
                  <td>
                    <StateName code={d.state} states={states} />
                  </td>
                  <td>{d.email}</td>
                  <td>{t(`lang.${d.lang}`)}</td>
                  <td className="code small" data-testid="delivery-reference">
                    {d.reference}
                    {d.revision ? <span className="badge badge--role"> {t("statements.affected.revision", { n: d.revision })}</span> : null}
                  </td>
                  <td>
                    <span className={`badge badge--delivery-${d.status}`} data-testid="delivery-status">
                      {t(`delivery.${d.status}`)}
                    </span>
                  </td>
                  <td className="num">{number(d.attempts)}</td>
                  <td className="error-text">{d.lastError ?? <span className="muted">{t("common.none")}</span>}</td>
                  <td className="nowrap">{d.sentAt ? <time dateTime={d.sentAt}>{dateTime(d.sentAt)}</time> : <span className="muted">{t("common.none")}</span>}</td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr className="empty-row">
                  <td colSpan={8} data-testid="deliveries-empty">
                    {t("statements.deliveries.empty", { period: periodName(period, i18n) })}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
