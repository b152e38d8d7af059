/**
 * A member state's whole picture (one request, GET /api/states/{code}/picture): contributions by
 * year as a chart and a table, open pledges and arrears, persons seconded, candidates recommended
 * and the statements sent. A part the user may not read is absent from the answer and not shown.
 * Loaded with the state page on first visit (a lazy chunk).
 */
import { useId } from "react";
import { api, call, seg } from "../api";
import { useMoney } from "../finance";
import { RecommendationStatusBadge, secondmentPath, SecondmentStatusBadge, vacancyPath } from "../hr";
import { useI18n } from "../i18n";
import { centsOf } from "../money";
import { useApiQuery } from "../query";
import { Link, withQuery } from "../router";
import { LoadError, Loading } from "../ui";

type Picture = Awaited<ReturnType<typeof loadPicture>>;
type Year = NonNullable<Picture["money"]>["years"][number];

const loadPicture = (code: string) => call(api.states[":code"].picture.$get({ param: { code: seg(code) } }));

function usePicture(code: string) {
  return useApiQuery(["states", code, "picture"], () => loadPicture(code));
}

const CHART = { width: 1000, label: 90, value: 170, row: 62, bar: 14, gap: 3, top: 34 };
const SERIES = ["cashUsd", "inKindUsd", "pledgedUsd"] as const;
const SERIES_CLASS = { cashUsd: "bar--received", inKindUsd: "bar--in-kind", pledgedUsd: "bar--pledged" } as const;

/** Bar length as a share of the largest value, on integer cents (no money in floats). */
function share(value: string, max: bigint, width: number): number {
  const cents = centsOf(value) ?? 0n;
  if (max <= 0n || cents <= 0n) return 0;
  return Number((cents * BigInt(width * 100)) / max) / 100;
}

/** Three horizontal bars per year (cash, in kind, pledged) in plain SVG; the table beside carries the same figures. */
function YearsChart({ years, tableId }: { years: Year[]; tableId: string }) {
  const { t } = useI18n();
  const { decimal } = useMoney();
  const titleId = useId();
  const label = { cashUsd: t("picture.cash"), inKindUsd: t("picture.inKind"), pledgedUsd: t("picture.pledged") };
  const max = years.reduce((m, y) => SERIES.reduce((mm, s) => ((centsOf(y[s]) ?? 0n) > mm ? (centsOf(y[s]) ?? 0n) : mm), m), 0n);
  const area = CHART.width - CHART.label - CHART.value;
  const height = CHART.top + years.length * CHART.row + 6;
  const summary = `${t("picture.chartTitle")}. ${years
    .map((y) => t("picture.chartRow", { year: String(y.year), cash: decimal(y.cashUsd), inKind: decimal(y.inKindUsd), pledged: decimal(y.pledgedUsd) }))
    .join("; ")}.`;
  return (
    <figure className="chart" data-testid="picture-chart">
      <svg className="bar-chart" viewBox={`0 0 ${CHART.width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-label={summary} aria-describedby={tableId}>
        <title id={titleId}>{t("picture.chartTitle")}</title>
        <g className="legend" transform={`translate(${CHART.label}, 8)`} aria-hidden="true">
          {SERIES.map((s, i) => (
            <g key={s} transform={`translate(${i * 220}, 0)`}>
              <rect className={`bar ${SERIES_CLASS[s]}`} x={0} y={0} width={14} height={14} rx={2} />
              <text x={20} y={12}>
                {label[s]}
              </text>
            </g>
          ))}
          <text x={area + CHART.value - 4} y={12} className="axis-unit" textAnchor="end">
            USD
          </text>
        </g>
        {years.map((y, i) => {
          const top = CHART.top + i * CHART.row;
          return (
            <g key={y.year} className="bar-row" data-year={y.year} aria-hidden="true">
              {i % 2 === 1 && <rect className="bar-row-bg" x={0} y={top - 4} width={CHART.width} height={CHART.row} />}
              <text className="bar-label" x={CHART.label - 12} y={top + CHART.row / 2} textAnchor="end">
                {y.year}
              </text>
              <line className="bar-axis" x1={CHART.label} x2={CHART.label} y1={top - 4} y2={top + CHART.row - 4} />
              {SERIES.map((s, k) => {
                const w = share(y[s], max, area);
                const by = top + k * (CHART.bar + CHART.gap);
                return (
                  <g key={s}>
                    <rect className={`bar ${SERIES_CLASS[s]}`} x={CHART.label} y={by} width={w} height={CHART.bar} rx={2}>
                      <title>{`${y.year} · ${label[s]}: ${decimal(y[s])} USD`}</title>
                    </rect>
                    <text className="bar-value" x={CHART.label + w + 6} y={by + CHART.bar - 2}>
                      {decimal(y[s])}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">{t("picture.chartCaption")}</figcaption>
    </figure>
  );
}

/** The link to the statements page's preview of a statement, and to its PDF. */
function statementLinks(state: string, period: string, lang: "en" | "ru") {
  return {
    preview: withQuery("/statements", { state, period, lang }),
    pdf: withQuery("/api/summaries/preview.pdf", { state, period, lang }),
  };
}

export function StatePicture({ code }: { code: string }) {
  const i18n = useI18n();
  const { t, lang, date, dateTime } = i18n;
  const { decimal, money } = useMoney();
  const tableId = useId();
  const picture = usePicture(code);
  if (picture.error) return <LoadError error={picture.error} retry={picture.reload} />;
  const p = picture.data;
  if (!p) return <Loading />;

  return (
    <>
      {p.money && (
        <section className="panel" aria-labelledby="picture-money-title" data-testid="picture-money">
          <h2 id="picture-money-title">{t("picture.contributions")}</h2>
          {p.money.years.length === 0 ? (
            <p className="muted" data-testid="picture-no-years">{t("picture.noContributions")}</p>
          ) : (
            <>
              <YearsChart years={[...p.money.years].reverse()} tableId={tableId} />
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="picture-money-title">
                <table className="table" id={tableId} data-testid="picture-years">
                  <thead>
                    <tr>
                      <th scope="col">{t("common.year")}</th>
                      <th scope="col" className="num">{t("picture.cash")}</th>
                      <th scope="col" className="num">{t("picture.inKind")}</th>
                      <th scope="col" className="num">{t("picture.pledged")}</th>
                      <th scope="col" className="num">{t("picture.received")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...p.money.years].reverse().map((y) => (
                      <tr key={y.year} data-year={y.year}>
                        <th scope="row">{y.year}</th>
                        <td className="num" data-col="cash">{decimal(y.cashUsd)}</td>
                        <td className="num" data-col="inKind">{decimal(y.inKindUsd)}</td>
                        <td className="num" data-col="pledged">{decimal(y.pledgedUsd)}</td>
                        <td className="num" data-col="received">{decimal(y.receivedUsd)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="muted small">{t("picture.usdNote")}</p>
            </>
          )}

          <h3 id="picture-pledges-title">{t("picture.openPledges")}</h3>
          {p.money.openPledges.length === 0 ? (
            <p className="muted" data-testid="picture-no-pledges">{t("picture.noOpenPledges")}</p>
          ) : (
            <>
              <p data-testid="picture-open-total">
                {t("picture.openTotal", { open: decimal(p.money.openUsd), arrears: decimal(p.money.arrearsUsd) })}
              </p>
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="picture-pledges-title">
                <table className="table" data-testid="picture-pledges">
                  <thead>
                    <tr>
                      <th scope="col">{t("picture.pledge")}</th>
                      <th scope="col">{t("picture.pledgeDate")}</th>
                      <th scope="col" className="num">{t("picture.amount")}</th>
                      <th scope="col" className="num">{t("picture.outstanding")}</th>
                      <th scope="col" className="num">{t("picture.outstandingUsd")}</th>
                      <th scope="col">{t("picture.arrears")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.money.openPledges.map((o) => (
                      <tr key={o.id} data-id={o.id} data-arrears={o.arrears ? "yes" : "no"}>
                        <td>
                          <Link to={`/contributions/${encodeURIComponent(o.id)}`}>{o.number ?? o.description ?? t("picture.pledge")}</Link>
                        </td>
                        <td>{date(o.date)}</td>
                        <td className="num">{money(o.amount, o.currency)}</td>
                        <td className="num">{money(o.outstanding, o.currency)}</td>
                        <td className="num" data-col="outstandingUsd">{decimal(o.outstandingUsd)}</td>
                        <td>{o.arrears ? t("picture.inArrears", { year: String(o.fiscalYear) }) : t("common.no")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}

      {p.people && (
        <section className="panel" aria-labelledby="picture-people-title" data-testid="picture-people">
          <h2 id="picture-people-title">{t("picture.people")}</h2>
          <h3 id="picture-secondees-title">{t("picture.secondees")}</h3>
          {p.people.secondments.length === 0 ? (
            <p className="muted" data-testid="picture-no-secondees">{t("picture.noSecondees")}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="picture-secondees-title">
              <table className="table" data-testid="picture-secondees">
                <thead>
                  <tr>
                    <th scope="col">{t("picture.person")}</th>
                    <th scope="col">{t("picture.post")}</th>
                    <th scope="col">{t("picture.from")}</th>
                    <th scope="col">{t("picture.to")}</th>
                    <th scope="col">{t("secondment.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.people.secondments.map((s) => (
                    <tr key={s.id} data-id={s.id} data-status={s.status}>
                      <td>
                        <Link to={secondmentPath(s.id)}>{s.personName}</Link>
                      </td>
                      <td>{s.post[lang]}</td>
                      <td>{date(s.startOn)}</td>
                      <td>{date(s.lastOn)}</td>
                      <td>
                        <SecondmentStatusBadge status={s.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3 id="picture-recs-title">{t("picture.recommendations")}</h3>
          {p.people.recommendations.length === 0 ? (
            <p className="muted" data-testid="picture-no-recommendations">{t("picture.noRecommendations")}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="picture-recs-title">
              <table className="table" data-testid="picture-recommendations">
                <thead>
                  <tr>
                    <th scope="col">{t("picture.candidate")}</th>
                    <th scope="col">{t("picture.vacancy")}</th>
                    <th scope="col">{t("picture.receivedOn")}</th>
                    <th scope="col">{t("picture.outcome")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.people.recommendations.map((r) => (
                    <tr key={r.id} data-id={r.id} data-status={r.status}>
                      <td>{r.candidateName}</td>
                      <td>
                        <Link to={vacancyPath(r.vacancyId)}>{r.post[lang] || r.vacancyId}</Link>
                      </td>
                      <td>{date(r.receivedOn)}</td>
                      <td>
                        <RecommendationStatusBadge status={r.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      {p.statements && (
        <section className="panel" aria-labelledby="picture-statements-title" data-testid="picture-statements">
          <h2 id="picture-statements-title">{t("picture.statements")}</h2>
          {p.statements.length === 0 ? (
            <p className="muted" data-testid="picture-no-statements">{t("picture.noStatements")}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="picture-statements-title">
              <table className="table" data-testid="picture-statement-list">
                <thead>
                  <tr>
                    <th scope="col">{t("picture.reference")}</th>
                    <th scope="col">{t("picture.period")}</th>
                    <th scope="col">{t("picture.recipient")}</th>
                    <th scope="col">{t("picture.sentAt")}</th>
                    <th scope="col">{t("picture.open")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.statements.map((s) => {
                    const links = statementLinks(p.state.code, s.period, s.lang);
                    return (
                      <tr key={`${s.reference}-${s.email}`} data-period={s.period} data-email={s.email}>
                        <td>{s.reference}</td>
                        <td>{s.period}</td>
                        <td>{s.email}</td>
                        <td>{s.sentAt ? dateTime(s.sentAt) : t("common.none")}</td>
                        <td>
                          <Link to={links.preview} data-testid="statement-preview-link">
                            {t("picture.preview")}
                          </Link>{" "}
                          ·{" "}
                          <a href={links.pdf} target="_blank" rel="noopener" data-testid="statement-pdf-link">
                            {t("picture.pdf")}
                          </a>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
