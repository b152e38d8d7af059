/** `/`: the year at a glance — budget, cash received, in kind, pledges outstanding, funding gap, and contributions by state. */
import { useId, useMemo, type ReactNode } from "react";
import { api, call, type StateTotals } from "../api";
import { BudgetStatusBadge, useMoney } from "../finance";
import { useI18n } from "../i18n";
import { absDecimal, centsOf, signOf } from "../money";
import { Link, navigate, withQuery } from "../router";
import { useApiQuery } from "../query";
import { LoadError, Loading, PageHead, scrollRegion } from "../ui";
import { ExportLinks } from "../table";
import { ReportDraftPanel } from "./ReportDraft";
import { useYear, YearSelect } from "../year";
import { OverdueInstalments } from "./YearClose";

function Card({ testId, label, value, children, tone }: { testId: string; label: string; value: ReactNode; children?: ReactNode; tone?: string }) {
  return (
    <div className={`card${tone ? ` card--${tone}` : ""}`} data-testid={testId}>
      <p className="card-label">{label}</p>
      <p className="card-value" data-testid={`${testId}-value`}>
        {value}
      </p>
      {children && <div className="card-foot">{children}</div>}
    </div>
  );
}

/** Bar length as a share of the largest value, computed on integer cents (no money in floats). */
function share(value: string, max: bigint, width: number): number {
  const cents = centsOf(value) ?? 0n;
  if (max <= 0n || cents <= 0n) return 0;
  return Number((cents * BigInt(width * 100)) / max) / 100;
}

const CHART = { width: 1000, label: 250, value: 150, row: 50, bar: 15, gap: 4, top: 34 };

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Horizontal bars, two per state (cash received, in kind), in plain SVG. The table below carries the same figures. */
function ByStateChart({ rows, year, tableId }: { rows: StateTotals[]; year: number; tableId: string }) {
  const { t, lang } = useI18n();
  const { decimal } = useMoney();
  const titleId = useId();
  const max = rows.reduce((m, r) => {
    const a = centsOf(r.receivedUsd) ?? 0n;
    const b = centsOf(r.inKindTotalUsd) ?? 0n;
    return a > m ? (b > a ? b : a) : b > m ? b : m;
  }, 0n);
  const area = CHART.width - CHART.label - CHART.value;
  const height = CHART.top + rows.length * CHART.row + 6;
  const summary = `${t("dashboard.chartTitle", { year })}. ${rows
    .map((r) => t("dashboard.chartRow", { name: r.name[lang], received: decimal(r.receivedUsd), inKind: decimal(r.inKindTotalUsd) }))
    .join("; ")}.`;

  return (
    <figure className="chart" data-testid="by-state-chart">
      <svg
        className="bar-chart"
        viewBox={`0 0 ${CHART.width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        role="img"
        aria-label={summary}
        aria-describedby={tableId}
      >
        <title id={titleId}>{t("dashboard.chartTitle", { year })}</title>
        <g className="legend" transform={`translate(${CHART.label}, 8)`} aria-hidden="true">
          <rect className="bar bar--received" x={0} y={0} width={14} height={14} rx={2} />
          <text x={20} y={12}>
            {t("totals.received")}
          </text>
          <rect className="bar bar--in-kind" x={230} y={0} width={14} height={14} rx={2} />
          <text x={250} y={12}>
            {t("totals.inKind")}
          </text>
          <text x={area + CHART.value - 4} y={12} className="axis-unit" textAnchor="end">
            USD
          </text>
        </g>
        {rows.map((r, i) => {
          const y = CHART.top + i * CHART.row;
          const wReceived = share(r.receivedUsd, max, area);
          const wInKind = share(r.inKindUsd, max, area);
          const name = r.name[lang];
          return (
            <g key={r.code} className="bar-row" data-code={r.code} aria-hidden="true">
              {i % 2 === 1 && <rect className="bar-row-bg" x={0} y={y - 4} width={CHART.width} height={CHART.row} />}
              <text className="bar-label" x={CHART.label - 12} y={y + CHART.bar + CHART.gap / 2 + 4} textAnchor="end">
                <title>{name}</title>
                {truncate(name, 30)}
              </text>
              <line className="bar-axis" x1={CHART.label} x2={CHART.label} y1={y - 4} y2={y + CHART.row - 4} />
              <rect className="bar bar--received" x={CHART.label} y={y + 2} width={Math.max(wReceived, 0)} height={CHART.bar} rx={2}>
                <title>{`${name} · ${t("totals.received")}: ${decimal(r.receivedUsd)} USD`}</title>
              </rect>
              <text className="bar-value" x={CHART.label + wReceived + 6} y={y + 2 + CHART.bar - 3}>
                {decimal(r.receivedUsd)}
              </text>
              <rect className="bar bar--in-kind" x={CHART.label} y={y + 2 + CHART.bar + CHART.gap} width={Math.max(wInKind, 0)} height={CHART.bar} rx={2}>
                <title>{`${name} · ${t("totals.inKind")}: ${decimal(r.inKindUsd)} USD`}</title>
              </rect>
              <text className="bar-value bar-value--in-kind" x={CHART.label + wInKind + 6} y={y + 2 + 2 * CHART.bar + CHART.gap - 3}>
                {decimal(r.inKindUsd)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">{t("dashboard.chartCaption")}</figcaption>
    </figure>
  );
}

export function DashboardPage() {
  const { t, lang, locale, number } = useI18n();
  const { usd, decimal, percent } = useMoney();
  const [year, setYear, settled] = useYear();
  const tableId = useId();
  const report = useApiQuery(["reports", "contributions", year], () => call(api.reports.contributions.$get({ query: { year: String(year) } })), { enabled: settled });
  const r = report.data;

  const missing = useMemo(
    () => [...(r?.noContribution ?? [])].sort((a, b) => a.name[lang].localeCompare(b.name[lang], locale)),
    [r, lang, locale],
  );

  const hasBudget = r ? r.budgetStatus !== "none" : false;
  // The seconded personnel's value, always apart: in the in-kind total when recognised, beside it when disclosed.
  const seconded = r ? signOf(r.secondmentValueUsd) > 0 : false;
  const recognised = r?.secondmentBasis === "recognised";
  const gapSign = r ? signOf(r.gapUsd) : 0;

  return (
    <div className="page dashboard" data-testid="dashboard" data-year={year}>
      <PageHead title={t("dashboard.title", { year })} intro={t("dashboard.intro")}>
        <YearSelect value={year} onChange={setYear} />
      </PageHead>

      {report.error ? <LoadError error={report.error} retry={report.reload} /> : null}
      {!r && (report.loading || !settled) && <Loading />}
      {r && r.close !== "open" && <p className="notice" data-testid="dashboard-close">{t(`close.status.${r.close}`, { year })}</p>}
      <OverdueInstalments />

      {r && (
        <>
          <div className="cards" data-testid="dashboard-cards">
            <Card
              testId="card-budget"
              label={t("dashboard.card.budget")}
              value={hasBudget ? usd(r.budgetUsd) : <span className="muted">{t("dashboard.noBudget")}</span>}
            >
              <BudgetStatusBadge status={r.budgetStatus} />
              {r.budgetVersion !== undefined && <span className="muted"> {t("budget.version", { n: r.budgetVersion })}</span>}{" "}
              <Link to={withQuery("/budget", { year })} className="card-link">{hasBudget ? t("dashboard.seeBudget") : t("dashboard.goBudget")}</Link>
            </Card>
            <Card testId="card-received" label={t("totals.received")} value={usd(r.receivedUsd)} tone="received">
              {r.contributors === 1 ? t("dashboard.contributorsOne") : t("dashboard.contributors", { n: number(r.contributors) })}
            </Card>
            <Card testId="card-in-kind" label={t("totals.inKind")} value={usd(r.inKindTotalUsd)} tone="in-kind">
              {seconded ? (
                <span data-testid="card-in-kind-seconded">
                  {recognised
                    ? t("dashboard.inKindOfWhichSeconded", { amount: usd(r.secondmentValueUsd) })
                    : t("dashboard.secondedDisclosed", { amount: usd(r.secondmentValueUsd) })}
                </span>
              ) : (
                t("dashboard.inKindNote")
              )}
            </Card>
            <Card testId="card-outstanding" label={t("totals.outstanding")} value={usd(r.pledgedOutstandingUsd)} tone="outstanding">
              {t("dashboard.outstandingNote")}
            </Card>
            <Card
              testId="card-gap"
              label={hasBudget && gapSign < 0 ? t("dashboard.card.surplus") : t("dashboard.card.gap")}
              value={hasBudget ? usd(absDecimal(r.gapUsd)) : <span className="muted">{t("common.none")}</span>}
              tone={hasBudget ? (gapSign > 0 ? "gap" : "covered") : undefined}
            >
              {r.coveragePercent !== undefined ? (
                <>
                  <span className="coverage" data-testid="coverage">
                    {t("dashboard.coverage", { percent: percent(r.coveragePercent) })}
                  </span>
                  <span className="meter" aria-hidden="true">
                    <span className="meter-fill" style={{ width: `${Math.min(100, Math.max(0, Number(r.coveragePercent)))}%` }} />
                  </span>
                </>
              ) : (
                t("dashboard.gapNoBudget")
              )}
            </Card>
          </div>

          <section className="panel" aria-labelledby="by-state-title">
            <div className="panel-head">
              <h2 id="by-state-title">{t("dashboard.byState")}</h2>
              <div className="head-actions">
                <Link to={withQuery("/contributions", { year })} className="button button--secondary button--small" data-testid="see-contributions">
                  {t("dashboard.allContributions")}
                </Link>
                <ExportLinks path="/api/exports/reports/contributions" params={{ year }} testId="report-csv" report />
              </div>
            </div>
            {r.byState.length === 0 ? (
              <p className="muted" data-testid="by-state-empty">
                {t("dashboard.noContributions", { year })}
              </p>
            ) : (
              <ByStateChart rows={r.byState} year={year} tableId={tableId} />
            )}

            <div className="table-wrap" {...scrollRegion(t("dashboard.tableCaption", { year }))}>
              <table className="table table--clickable" id={tableId} data-testid="by-state-table">
                <caption className="visually-hidden">{t("dashboard.tableCaption", { year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.col.state")}</th>
                    <th scope="col" className="num">{t("dashboard.col.received")}</th>
                    <th scope="col" className="num">{t(seconded && recognised ? "dashboard.col.inKindRecognised" : "dashboard.col.inKind")}</th>
                    {seconded && (
                      <th scope="col" className="num" data-testid="col-seconded">
                        {t(recognised ? "dashboard.col.secondedRecognised" : "dashboard.col.secondedDisclosed")}
                      </th>
                    )}
                    <th scope="col" className="num">{t("dashboard.col.outstanding")}</th>
                    <th scope="col" className="num">{t("dashboard.col.count")}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.byState.map((s) => (
                    <tr key={s.code} data-code={s.code} onClick={() => navigate(withQuery("/contributions", { year, state: s.code }))}>
                      <th scope="row" className="state-name">
                        <Link to={withQuery("/contributions", { year, state: s.code })} onClick={(e) => e.stopPropagation()}>
                          {s.name[lang]}
                        </Link>
                      </th>
                      <td className="num">{decimal(s.receivedUsd)}</td>
                      <td className="num">{decimal(s.inKindTotalUsd)}</td>
                      {seconded && <td className="num">{decimal(s.secondmentValueUsd)}</td>}
                      <td className="num">{decimal(s.pledgedOutstandingUsd)}</td>
                      <td className="num">{number(s.count)}</td>
                    </tr>
                  ))}
                  {r.byState.length === 0 && (
                    <tr className="empty-row">
                      <td colSpan={seconded ? 6 : 5}>{t("dashboard.noContributions", { year })}</td>
                    </tr>
                  )}
                </tbody>
                {r.byState.length > 0 && (
                  <tfoot>
                    <tr className="total-row">
                      <th scope="row">{t("dashboard.total")}</th>
                      <td className="num">{decimal(r.receivedUsd)}</td>
                      <td className="num">{decimal(r.inKindTotalUsd)}</td>
                      {seconded && <td className="num">{decimal(r.secondmentValueUsd)}</td>}
                      <td className="num">{decimal(r.pledgedOutstandingUsd)}</td>
                      <td className="num">{number(r.byState.reduce((n, s) => n + s.count, 0))}</td>
                    </tr>
                  </tfoot>
                )}
              </table>
            </div>
          </section>

          <section className="panel" aria-labelledby="missing-title" data-testid="no-contribution">
            <h2 id="missing-title">
              {t("dashboard.noContributionTitle")} <span className="muted count">({number(missing.length)})</span>
            </h2>
            {missing.length === 0 ? (
              <p className="muted">{t("dashboard.allContributed")}</p>
            ) : (
              <>
                <p className="muted">{t("dashboard.noContributionIntro", { year })}</p>
                <ul className="state-chips">
                  {missing.map((s) => (
                    <li key={s.code} data-code={s.code}>
                      <Link to={`/states/${s.code}`}>{s.name[lang]}</Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <ReportDraftPanel year={year} />
        </>
      )}
    </div>
  );
}
