/**
 * /staff/report — the HR dashboard of a year: vacancy rate, posts by category
 * and status, staff by nationality, member states with no national on staff
 * (geographic representation), secondments by sending state, rotation alerts.
 */
import { daysLeft } from "@tracker/core/secondment/rules";
import { useMemo, type ReactNode } from "react";
import { api, call } from "../api";
import { useMoney } from "../finance";
import { ENDING_SOON_DAYS, Nationality, POST_STATUSES, postPath, secondmentPath, useMemberStates, usePostList } from "../hr";
import { useI18n } from "../i18n";
import { Link, withQuery } from "../router";
import { useApiQuery } from "../query";
import { LoadError, Loading, PageHead, scrollRegion } from "../ui";
import { ExportLinks } from "../table";
import { ReportDraftPanel } from "./ReportDraft";
import { useYear, YearSelect } from "../year";

function Card({ testId, label, value, children, tone }: { testId: string; label: string; value: string; children?: ReactNode; tone?: string }) {
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

export function HrReportPage() {
  const { t, lang, locale, date, number } = useI18n();
  const { decimal, percent } = useMoney();
  const [year, setYear] = useYear({ byData: false });
  const states = useMemberStates();
  const posts = usePostList();
  const report = useApiQuery(["reports", "staffing", year], () => call(api.reports.staffing.$get({ query: { year: String(year) } })));
  const r = report.data;

  const without = useMemo(
    () => [...(r?.statesWithoutNationals ?? [])].sort((a, b) => a.name[lang].localeCompare(b.name[lang], locale)),
    [r, lang, locale],
  );
  const memberCount = states.members.length;
  const openPosts = r ? r.posts.byStatus.vacant + r.posts.byStatus.filled : 0;
  const nameOf = (code: string, name?: { en: string; ru: string }) => name?.[lang] ?? states.nameOf(code);

  return (
    <div className="page hr-page dashboard hr-dashboard" data-testid="hr-dashboard" data-year={year}>
      <PageHead title={t("hrReport.title", { year })} intro={r ? t("hrReport.intro", { date: date(r.asOf) }) : t("hrReport.introLoading")}>
        <div className="head-actions">
          <YearSelect value={year} onChange={setYear} />
        </div>
      </PageHead>

      {report.error ? <LoadError error={report.error} retry={report.reload} /> : null}
      {!r && report.loading && <Loading />}

      {r && (
        <>
          <div className="cards" data-testid="hr-cards">
            <Card testId="vacancy-rate" label={t("hrReport.vacancyRate")} value={percent(r.vacancyRate)} tone={Number(r.vacancyRate) > 20 ? "gap" : "covered"}>
              {t("hrReport.vacancyRateNote", { vacant: number(r.posts.byStatus.vacant), open: number(openPosts) })}
              <span className="meter" aria-hidden="true">
                <span className="meter-fill meter-fill--vacant" style={{ width: `${Math.min(100, Math.max(0, Number(r.vacancyRate)))}%` }} />
              </span>
            </Card>
            <Card testId="posts-total" label={t("hrReport.posts")} value={number(r.posts.total)}>
              {t("hrReport.postsNote", { filled: number(r.posts.byStatus.filled), frozen: number(r.posts.byStatus.frozen + r.posts.byStatus.abolished) })}
            </Card>
            <Card
              testId="representation"
              label={t("hrReport.representation")}
              value={memberCount ? t("hrReport.representationValue", { n: number(memberCount - without.length), total: number(memberCount) }) : "…"}
              tone={without.length ? "outstanding" : "covered"}
            >
              {t("hrReport.representationNote")}
            </Card>
            <Card testId="person-months" label={t("hrReport.personMonths")} value={decimal(r.personMonthsTotal)} tone="received">
              {t("hrReport.personMonthsNote", { year })}
            </Card>
            <Card testId="rotation-count" label={t("hrReport.rotation")} value={number(r.rotationAlerts.length)} tone={r.rotationAlerts.length ? "outstanding" : undefined}>
              {t("hrReport.rotationNote", { days: ENDING_SOON_DAYS })}
            </Card>
          </div>

          <section className="panel" aria-labelledby="without-title" data-testid="states-without-nationals">
            <h2 id="without-title">
              {t("hrReport.withoutTitle")} <span className="muted count" data-testid="states-without-count">({number(without.length)})</span>
            </h2>
            {without.length === 0 ? (
              <p className="muted">{t("hrReport.withoutNone")}</p>
            ) : (
              <>
                <p className="muted">{t("hrReport.withoutIntro", { date: date(r.asOf) })}</p>
                <ul className="state-chips">
                  {without.map((s) => (
                    <li key={s.code} data-code={s.code}>
                      <Link to={`/states/${s.code}`}>{s.name[lang]}</Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <section className="panel" aria-labelledby="rotation-title" data-testid="rotation-alerts">
            <div className="panel-head">
              <h2 id="rotation-title">
                {t("hrReport.rotationTitle")} <span className="muted count">({number(r.rotationAlerts.length)})</span>
              </h2>
              <Link to={withQuery("/secondments", { ending: "soon" })} className="button button--secondary button--small">
                {t("hrReport.allSecondments")}
              </Link>
            </div>
            <p className="muted">{t("hrReport.rotationIntro", { days: ENDING_SOON_DAYS })}</p>
            {r.rotationAlerts.length === 0 ? (
              <p className="muted" data-testid="rotation-none">
                {t("hrReport.rotationNone", { days: ENDING_SOON_DAYS })}
              </p>
            ) : (
              <div className="table-wrap" {...scrollRegion(t("hrReport.rotationTitle"))}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("secondment.person")}</th>
                      <th scope="col">{t("secondment.sendingState")}</th>
                      <th scope="col">{t("secondment.post")}</th>
                      <th scope="col">{t("hrReport.lastDay")}</th>
                      <th scope="col" className="num">{t("hrReport.daysLeft")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.rotationAlerts.map((s) => {
                      const post = posts.byId.get(s.postId);
                      return (
                        <tr key={s.id} data-id={s.id} data-state={s.sendingState} className="is-ending-soon">
                          <td>
                            <Link to={secondmentPath(s.id)}>{s.personName}</Link>
                          </td>
                          <td>{states.nameOf(s.sendingState)}</td>
                          <td>{post ? <Link to={postPath(post.id)}>{`${post.number} · ${post.title[lang]}`}</Link> : <span className="muted">{t("common.none")}</span>}</td>
                          <td className="nowrap">{date(s.lastOn)}</td>
                          <td className="num">{number(daysLeft(s.lastOn, r.asOf))}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="panel" aria-labelledby="by-category-title" data-testid="posts-by-category">
            <div className="panel-head">
              <h2 id="by-category-title">{t("hrReport.byCategory")}</h2>
              <div className="head-actions">
                <Link to="/staff" className="button button--secondary button--small">
                  {t("nav.staff")}
                </Link>
                <ExportLinks path="/api/exports/reports/staffing" params={{ year }} testId="staffing-csv" report />
              </div>
            </div>
            <div className="table-wrap" {...scrollRegion(t("hrReport.byCategory"))}>
              <table className="table">
                <caption className="visually-hidden">{t("hrReport.byCategoryCaption", { date: date(r.asOf) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("post.category")}</th>
                    {POST_STATUSES.map((s) => (
                      <th scope="col" className="num" key={s}>
                        {t(`postStatus.${s}`)}
                      </th>
                    ))}
                    <th scope="col" className="num">{t("dashboard.total")}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.posts.byCategory.map((c) => (
                    <tr key={c.category} data-category={c.category}>
                      <th scope="row">{t(`category.${c.category}`)}</th>
                      {POST_STATUSES.map((s) => (
                        <td className={`num${c[s] === 0 ? " muted" : ""}`} key={s}>
                          {number(c[s])}
                        </td>
                      ))}
                      <td className="num">{number(c.total)}</td>
                    </tr>
                  ))}
                  {r.posts.byCategory.length === 0 && (
                    <tr className="empty-row">
                      <td colSpan={6}>{t("staff.empty")}</td>
                    </tr>
                  )}
                </tbody>
                {r.posts.total > 0 && (
                  <tfoot>
                    <tr className="total-row">
                      <th scope="row">{t("dashboard.total")}</th>
                      {POST_STATUSES.map((s) => (
                        <td className="num" key={s}>
                          {number(r.posts.byStatus[s])}
                        </td>
                      ))}
                      <td className="num">{number(r.posts.total)}</td>
                    </tr>
                  </tfoot>
                )}
              </table>
            </div>
          </section>

          <div className="hr-columns">
            <section className="panel" aria-labelledby="nationality-title" data-testid="staff-by-nationality">
              <h2 id="nationality-title">{t("hrReport.byNationality")}</h2>
              {r.staffByNationality.length === 0 ? (
                <p className="muted">{t("hrReport.noStaff")}</p>
              ) : (
                <div className="table-wrap" {...scrollRegion(t("hrReport.byNationality"))}>
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">{t("post.nationality")}</th>
                        <th scope="col" className="num">{t("hrReport.people")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.staffByNationality.map((n) => (
                        <tr key={n.code} data-code={n.code}>
                          <td>{n.name ? n.name[lang] : <Nationality code={n.code} nameOf={states.nameOf} />}</td>
                          <td className="num">{number(n.count)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>

            <section className="panel" aria-labelledby="by-sender-title" data-testid="secondments-by-state">
              <h2 id="by-sender-title">{t("hrReport.bySender", { year })}</h2>
              {r.secondmentsByState.length === 0 ? (
                <p className="muted">{t("hrReport.noSecondments", { year })}</p>
              ) : (
                <div className="table-wrap" {...scrollRegion(t("hrReport.bySender", { year }))}>
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">{t("secondment.sendingState")}</th>
                        <th scope="col" className="num">{t("hrReport.people")}</th>
                        <th scope="col" className="num">{t("hrReport.secondments")}</th>
                        <th scope="col" className="num">{t("hrReport.personMonthsCol")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.secondmentsByState.map((s) => (
                        <tr key={s.code} data-code={s.code}>
                          <td>
                            <Link to={withQuery("/secondments", { state: s.code })}>{nameOf(s.code, s.name)}</Link>
                          </td>
                          <td className="num">{number(s.people)}</td>
                          <td className="num">{number(s.secondments)}</td>
                          <td className="num">{decimal(s.personMonths)}</td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr className="total-row">
                        <th scope="row">{t("dashboard.total")}</th>
                        <td className="num">{number(r.secondmentsByState.reduce((n, s) => n + s.people, 0))}</td>
                        <td className="num">{number(r.secondmentsByState.reduce((n, s) => n + s.secondments, 0))}</td>
                        <td className="num">{decimal(r.personMonthsTotal)}</td>
                      </tr>
                    </tfoot>
                  </table>
                </div>
              )}
            </section>
          </div>

          <ReportDraftPanel year={year} />
        </>
      )}
    </div>
  );
}
