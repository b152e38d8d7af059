/** The statement runs, newest first, each with its details. */
import { useState } from "react";
import { api, call } from "../../api";
import { useI18n } from "../../i18n";
import { useApiQuery } from "../../query";
import { Loaded, scrollRegion } from "../../ui";
import { Outcome } from "./Outcome";
import type { States } from "./shared";

export function Runs({ states, version, onPeriod }: { states: States; version: number; onPeriod: (period: string) => void }) {
  const { t, dateTime, number } = useI18n();
  const [limit, setLimit] = useState(20);
  const [open, setOpen] = useState<string>();
  const runs = useApiQuery(["summaries", "runs", limit, version], () => call(api.summaries.runs.$get({ query: { limit: String(limit) } })).then((r) => r.items));
  const items = runs.data ?? [];

  return (
    <div className="runs">
      <h3>{t("statements.runs.title")}</h3>
      <Loaded query={runs}>
        {(rows) => (
          <div className="table-wrap" {...scrollRegion(t("statements.runs.title"))}>
            <table className="table" data-testid="runs-table">
              <caption className="visually-hidden">{t("statements.runs.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("statements.col.when")}</th>
                  <th scope="col">{t("statements.col.trigger")}</th>
                  <th scope="col">{t("statements.col.who")}</th>
                  <th scope="col">{t("statements.col.period")}</th>
                  <th scope="col">{t("statements.col.dryRun")}</th>
                  <th scope="col" className="num">{t("statements.result.sent")}</th>
                  <th scope="col" className="num">{t("statements.result.skipped")}</th>
                  <th scope="col" className="num">{t("statements.result.failed")}</th>
                  <th scope="col" className="actions">
                    <span className="visually-hidden">{t("statements.runs.details")}</span>
                  </th>
                </tr>
              </thead>
              {items.map((r) => (
                <tbody key={r.runId} className="run-group">
                  <tr data-run-id={r.runId} data-period={r.period} data-dry-run={String(r.dryRun)} data-trigger={r.trigger}>
                    <td className="nowrap">
                      <time dateTime={r.startedAt}>{dateTime(r.startedAt)}</time>
                    </td>
                    <td>{t(`trigger.${r.trigger}`)}</td>
                    <td>{r.actor}</td>
                    <td>
                      <button type="button" className="link-button code" onClick={() => onPeriod(r.period)} title={t("statements.runs.showDeliveries")}>
                        {r.period}
                      </button>
                    </td>
                    <td>{r.dryRun ? <span className="badge badge--dry">{t("statements.dryRunBadge")}</span> : <span className="muted">{t("common.no")}</span>}</td>
                    <td className="num" data-testid="run-sent">{number(r.sent.length)}</td>
                    <td className="num" data-testid="run-skipped">{number(r.skipped.length)}</td>
                    <td className={`num${r.failed.length ? " failed-count" : ""}`} data-testid="run-failed">
                      {number(r.failed.length)}
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-expanded={open === r.runId}
                        onClick={() => setOpen(open === r.runId ? undefined : r.runId)}
                        data-testid="run-details-toggle"
                      >
                        {open === r.runId ? t("statements.runs.hide") : t("statements.runs.details")}
                      </button>
                    </td>
                  </tr>
                  {open === r.runId && (
                    <tr className="run-details-row">
                      <td colSpan={9}>
                        <Outcome result={r} states={states} />
                      </td>
                    </tr>
                  )}
                </tbody>
              ))}
              {items.length === 0 && (
                <tbody>
                  <tr className="empty-row">
                    <td colSpan={9} data-testid="runs-empty">
                      {t("statements.runs.empty")}
                    </td>
                  </tr>
                </tbody>
              )}
            </table>
          </div>
        )}
      </Loaded>
      {runs.data && items.length >= limit && limit < 100 && (
        <button type="button" className="button button--secondary" onClick={() => setLimit(100)} data-testid="runs-more">
          {t("statements.runs.more")}
        </button>
      )}
    </div>
  );
}
