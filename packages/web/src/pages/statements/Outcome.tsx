/** What a run sent, skipped and failed, state by state. */
import type { ReactNode } from "react";
import type { RunResult } from "../../api";
import { useI18n } from "../../i18n";
import { periodName } from "../../period";
import { byName, StateName, type States } from "./shared";
import { scrollRegion } from "../../ui";

export function Outcome({ result, states, live }: { result: RunResult; states: States; live?: boolean }) {
  const i18n = useI18n();
  const { t, number, lang, locale } = i18n;
  const period = periodName(result.period, i18n);
  const sentLabel = result.dryRun ? t("statements.result.toSend") : t("statements.result.sent");
  const section = (title: string, count: number, outcome: string, head: ReactNode, rows: ReactNode) => (
    <div className="outcome-group" data-group={outcome}>
      <h4>
        {title} <span className="count muted">({number(count)})</span>
      </h4>
      {count === 0 ? (
        <p className="muted small">{t("statements.result.none")}</p>
      ) : (
        <div className="table-wrap" {...scrollRegion(title)}>
          <table className="table table--compact">
            <thead>{head}</thead>
            <tbody>{rows}</tbody>
          </table>
        </div>
      )}
    </div>
  );
  const stateCol = <th scope="col">{t("statements.col.state")}</th>;
  const emailCol = <th scope="col">{t("statements.col.recipient")}</th>;

  return (
    <div className="run-result" data-testid={live ? "run-result" : "run-details"} data-run-id={result.runId} data-dry-run={String(result.dryRun)} role={live ? "status" : undefined}>
      {live && (
        <p className={`notice ${result.failed.length ? "notice--error" : result.dryRun || !result.sent.length ? "notice--info" : "notice--success"}`} data-testid="run-summary">
          {result.dryRun ? t("statements.result.dryDone", { period }) : t("statements.result.done", { period })}
        </p>
      )}
      <dl className="totals-list run-counts">
        <div data-testid="count-sent">
          <dt>{sentLabel}</dt>
          <dd>{number(result.sent.length)}</dd>
        </div>
        <div data-testid="count-skipped">
          <dt>{t("statements.result.skipped")}</dt>
          <dd>{number(result.skipped.length)}</dd>
        </div>
        <div data-testid="count-failed" className={result.failed.length ? "has-failed" : undefined}>
          <dt>{t("statements.result.failed")}</dt>
          <dd>{number(result.failed.length)}</dd>
        </div>
      </dl>
      {section(
        sentLabel,
        result.sent.length,
        "sent",
        <tr>
          {stateCol}
          {emailCol}
          <th scope="col">{t("statements.col.lang")}</th>
          <th scope="col">{t("statements.reference")}</th>
        </tr>,
        byName(result.sent, states, lang, locale).map((s) => (
          <tr key={`${s.state}|${s.email}`} data-state={s.state} data-email={s.email} data-outcome="sent">
            <td>
              <StateName code={s.state} states={states} />
            </td>
            <td>{s.email}</td>
            <td>{t(`lang.${s.lang}`)}</td>
            <td className="code small">{s.reference}</td>
          </tr>
        )),
      )}
      {section(
        t("statements.result.skipped"),
        result.skipped.length,
        "skipped",
        <tr>
          {stateCol}
          {emailCol}
          <th scope="col">{t("statements.col.reason")}</th>
        </tr>,
        byName(result.skipped, states, lang, locale).map((s, i) => (
          <tr key={`${s.state}|${s.email ?? ""}|${i}`} data-state={s.state} data-email={s.email ?? ""} data-outcome="skipped" data-reason={s.reason}>
            <td>
              <StateName code={s.state} states={states} />
            </td>
            <td>{s.email ?? <span className="muted">{t("common.none")}</span>}</td>
            <td>{t(`skip.${s.reason}`)}</td>
          </tr>
        )),
      )}
      {section(
        t("statements.result.failed"),
        result.failed.length,
        "failed",
        <tr>
          {stateCol}
          {emailCol}
          <th scope="col">{t("statements.col.error")}</th>
          <th scope="col" className="num">{t("statements.col.attempts")}</th>
        </tr>,
        byName(result.failed, states, lang, locale).map((f, i) => (
          <tr key={`${f.state}|${f.email ?? ""}|${i}`} data-state={f.state} data-email={f.email ?? ""} data-outcome="failed">
            <td>
              <StateName code={f.state} states={states} />
            </td>
            <td>{f.email ?? <span className="muted">{t("common.none")}</span>}</td>
            <td className="error-text">{f.error}</td>
            <td className="num">{f.attempts ?? t("common.none")}</td>
          </tr>
        )),
      )}
    </div>
  );
}
