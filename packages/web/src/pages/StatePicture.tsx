/**
 * A member state's whole picture (one request, GET /api/states/{code}/picture): contributions by
 * year as a chart and a table, open pledges and arrears, persons seconded, candidates recommended
 * and the statements sent. A part the user may not read is absent from the answer and not shown.
 * Loaded with the state page on first visit (a lazy chunk).
 */
import { useId, type ReactNode } from "react";
import { api, call, seg } from "../api";
import { useMoney } from "../finance";
import { RecommendationStatusBadge, secondmentPath, SecondmentStatusBadge, vacancyPath } from "../hr";
import { useI18n } from "../i18n";
import { centsOf } from "../money";
import { useApiQuery } from "../query";
import { Link, withQuery } from "../router";
import { useSession } from "../session";
import { figures, LoadError, Loading, RecordTable } from "../ui";

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

/** The link to the statements page's preview of a statement (a member state's user: the statement's HTML itself), and to its PDF. */
function statementLinks(state: string, period: string, lang: "en" | "ru", scoped = false) {
  return {
    preview: scoped ? withQuery("/api/summaries/preview.html", { state, period, lang }) : withQuery("/statements", { state, period, lang }),
    pdf: withQuery("/api/summaries/preview.pdf", { state, period, lang }),
  };
}

/** A link to a record's page for staff; for a member state's user (who has no such pages) the text alone. */
function RecordLink({ to, scoped, children }: { to: string; scoped: boolean; children: ReactNode }) {
  return scoped ? <>{children}</> : <Link to={to}>{children}</Link>;
}

/** A member state's user: its statement of each year that has ended and that has contributions, to read or download. */
function OwnStatements({ code, years }: { code: string; years: readonly Year[] }) {
  const { t, lang } = useI18n();
  const current = new Date().getUTCFullYear();
  const past = years.filter((y) => y.year < current).map((y) => y.year).sort((a, b) => b - a);
  return (
    <section className="panel" aria-labelledby="picture-own-statements-title" data-testid="picture-own-statements">
      <h2 id="picture-own-statements-title">{t("picture.ownStatements")}</h2>
      <p className="muted">{t("picture.ownStatementsIntro")}</p>
      <RecordTable
        label={t("picture.ownStatements")}
        testId="picture-own-statement-list"
        empty={{ testId: "picture-no-own-statements", text: t("picture.noOwnStatements") }}
        head={[t("picture.period"), t("picture.open")]}
        rows={past}
        row={(year) => {
          const links = statementLinks(code, String(year), lang, true);
          return (
            <tr key={year} data-period={year}>
              <th scope="row">{year}</th>
              <td>
                <a href={links.preview} target="_blank" rel="noopener" data-testid="own-statement-html">
                  {t("picture.read")}
                </a>{" "}
                ·{" "}
                <a href={links.pdf} target="_blank" rel="noopener" data-testid="own-statement-pdf">
                  {t("picture.pdf")}
                </a>
              </td>
            </tr>
          );
        }}
      />
    </section>
  );
}

export function StatePicture({ code }: { code: string }) {
  const i18n = useI18n();
  const { t, lang, date, dateTime } = i18n;
  const { decimal, money } = useMoney();
  const tableId = useId();
  const picture = usePicture(code);
  const scoped = useSession().scope !== undefined;
  if (picture.error) return <LoadError error={picture.error} retry={picture.reload} />;
  const p = picture.data;
  if (!p) return <Loading />;

  return (
    <>
      {p.money && (
        <section className="panel" aria-labelledby="picture-money-title" data-testid="picture-money">
          <h2 id="picture-money-title">{t("picture.contributions")}</h2>
          <RecordTable
            label={t("picture.contributions")}
            testId="picture-years"
            id={tableId}
            empty={{ testId: "picture-no-years", text: t("picture.noContributions") }}
            above={<YearsChart years={[...p.money.years].reverse()} tableId={tableId} />}
            below={<p className="muted small">{t("picture.usdNote")}</p>}
            head={[t("common.year"), figures(t("picture.cash")), figures(t("picture.inKind")), figures(t("picture.pledged")), figures(t("picture.received"))]}
            rows={[...p.money.years].reverse()}
            row={(y) => (
              <tr key={y.year} data-year={y.year}>
                <th scope="row">{y.year}</th>
                <td className="num" data-col="cash">{decimal(y.cashUsd)}</td>
                <td className="num" data-col="inKind">{decimal(y.inKindUsd)}</td>
                <td className="num" data-col="pledged">{decimal(y.pledgedUsd)}</td>
                <td className="num" data-col="received">{decimal(y.receivedUsd)}</td>
              </tr>
            )}
          />

          <h3 id="picture-pledges-title">{t("picture.openPledges")}</h3>
          <RecordTable
            label={t("picture.openPledges")}
            testId="picture-pledges"
            empty={{ testId: "picture-no-pledges", text: t("picture.noOpenPledges") }}
            above={
              <p data-testid="picture-open-total">
                {t("picture.openTotal", { open: decimal(p.money.openUsd), arrears: decimal(p.money.arrearsUsd) })}
              </p>
            }
            head={[t("picture.pledge"), t("picture.pledgeDate"), figures(t("picture.amount")), figures(t("picture.outstanding")), figures(t("picture.outstandingUsd")), t("picture.arrears")]}
            rows={p.money.openPledges}
            row={(o) => (
              <tr key={o.id} data-id={o.id} data-arrears={o.arrears ? "yes" : "no"}>
                <td>
                  <RecordLink to={`/contributions/${encodeURIComponent(o.id)}`} scoped={scoped}>
                    {o.number ?? o.description ?? t("picture.pledge")}
                  </RecordLink>
                </td>
                <td>{date(o.date)}</td>
                <td className="num">{money(o.amount, o.currency)}</td>
                <td className="num">{money(o.outstanding, o.currency)}</td>
                <td className="num" data-col="outstandingUsd">{decimal(o.outstandingUsd)}</td>
                <td>{o.arrears ? t("picture.inArrears", { year: String(o.fiscalYear) }) : t("common.no")}</td>
              </tr>
            )}
          />
        </section>
      )}

      {p.people && (
        <section className="panel" aria-labelledby="picture-people-title" data-testid="picture-people">
          <h2 id="picture-people-title">{t("picture.people")}</h2>
          <h3 id="picture-secondees-title">{t("picture.secondees")}</h3>
          <RecordTable
            label={t("picture.secondees")}
            testId="picture-secondees"
            empty={{ testId: "picture-no-secondees", text: t("picture.noSecondees") }}
            head={[t("picture.person"), t("picture.post"), t("picture.from"), t("picture.to"), t("secondment.status")]}
            rows={p.people.secondments}
            row={(s) => (
              <tr key={s.id} data-id={s.id} data-status={s.status}>
                <td>
                  <RecordLink to={secondmentPath(s.id)} scoped={scoped}>
                    {s.personName}
                  </RecordLink>
                </td>
                <td>{s.post[lang]}</td>
                <td>{date(s.startOn)}</td>
                <td>{date(s.lastOn)}</td>
                <td>
                  <SecondmentStatusBadge status={s.status} />
                </td>
              </tr>
            )}
          />
          <h3 id="picture-recs-title">{t("picture.recommendations")}</h3>
          <RecordTable
            label={t("picture.recommendations")}
            testId="picture-recommendations"
            empty={{ testId: "picture-no-recommendations", text: t("picture.noRecommendations") }}
            head={[t("picture.candidate"), t("picture.vacancy"), t("picture.receivedOn"), t("picture.outcome")]}
            rows={p.people.recommendations}
            row={(r) => (
              <tr key={r.id} data-id={r.id} data-status={r.status}>
                <td>{r.candidateName}</td>
                <td>
                  <RecordLink to={vacancyPath(r.vacancyId)} scoped={scoped}>
                    {r.post[lang] || r.vacancyId}
                  </RecordLink>
                </td>
                <td>{date(r.receivedOn)}</td>
                <td>
                  <RecommendationStatusBadge status={r.status} />
                </td>
              </tr>
            )}
          />
        </section>
      )}

      {scoped && p.money && <OwnStatements code={p.state.code} years={p.money.years} />}

      {p.statements && (
        <section className="panel" aria-labelledby="picture-statements-title" data-testid="picture-statements">
          <h2 id="picture-statements-title">{t("picture.statements")}</h2>
          <RecordTable
            label={t("picture.statements")}
            testId="picture-statement-list"
            empty={{ testId: "picture-no-statements", text: t("picture.noStatements") }}
            head={[t("picture.reference"), t("picture.period"), t("picture.recipient"), t("picture.sentAt"), t("picture.open")]}
            rows={p.statements}
            row={(s) => {
              const links = statementLinks(p.state.code, s.period, s.lang, scoped);
              return (
                <tr key={`${s.reference}-${s.email}`} data-period={s.period} data-email={s.email}>
                  <td>{s.reference}</td>
                  <td>{s.period}</td>
                  <td>{s.email}</td>
                  <td>{s.sentAt ? dateTime(s.sentAt) : t("common.none")}</td>
                  <td>
                    {scoped ? (
                      <a href={links.preview} target="_blank" rel="noopener" data-testid="statement-preview-link">
                        {t("picture.preview")}
                      </a>
                    ) : (
                      <Link to={links.preview} data-testid="statement-preview-link">
                        {t("picture.preview")}
                      </Link>
                    )}{" "}
                    ·{" "}
                    <a href={links.pdf} target="_blank" rel="noopener" data-testid="statement-pdf-link">
                      {t("picture.pdf")}
                    </a>
                  </td>
                </tr>
              );
            }}
          />
        </section>
      )}
    </>
  );
}
