/** /contributions: a year's contributions with filters, the year's totals (from the report), CSV export. */
import { useMemo } from "react";
import { api, call, CONTRIBUTION_STATUSES, KINDS, type Contribution } from "../api";
import { ContributionStatusBadge, KindLabel, listContributions, PurposeText, useMoney, useStates, VoidedBadge } from "../finance";
import { useI18n } from "../i18n";
import { Link, navigate, setQuery, useSearch, withQuery } from "../router";
import { useApiQuery } from "../query";
import { useSession } from "../session";
import { LoadError, Loading, scrollRegion } from "../ui";
import { useYear, YearSelect } from "../year";

export function ContributionsPage() {
  const { t, lang, locale, date, number } = useI18n();
  const session = useSession();
  const { usd, money } = useMoney();
  const search = useSearch();
  const [year, setYear] = useYear();
  const state = search.get("state") ?? "";
  const kind = search.get("kind") ?? "";
  const status = search.get("status") ?? "";
  const states = useStates();

  const filters = { year: String(year), state, kind: KINDS.find((k) => k === kind), status: CONTRIBUTION_STATUSES.find((s) => s === status) };
  const list = useApiQuery(["contributions", "list", filters], () => listContributions(filters));
  const report = useApiQuery(["reports", "contributions", year], () => call(api.reports.contributions.$get({ query: { year: String(year) } })));

  const rows = useMemo(
    () =>
      [...(list.data ?? [])].sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt)),
    [list.data],
  );

  const stateOptions = useMemo(
    () => [...(states.data ?? [])].sort((a, b) => a.name[lang].localeCompare(b.name[lang], locale)),
    [states.data, lang, locale],
  );

  // Totals come from the year report (sums of stored cents on the server), never from adding here.
  const totals = report.data
    ? state
      ? (report.data.byState.find((s) => s.code === state) ?? { receivedUsd: "0.00", inKindUsd: "0.00", pledgedOutstandingUsd: "0.00" })
      : report.data
    : undefined;

  const csvHref = withQuery("/api/contributions.csv", { year, state });
  const open = (c: Contribution) => navigate(`/contributions/${encodeURIComponent(c.id)}`);

  return (
    <div className="page" data-testid="contributions-page">
      <div className="page-head">
        <div>
          <h1>{t("contributions.title")}</h1>
          <p className="muted">{t("contributions.intro")}</p>
        </div>
        {session.can("createContribution") && (
          <Link to="/contributions/new" className="button" data-testid="record-contribution">
            {t("contributions.record")}
          </Link>
        )}
      </div>

      <div className="toolbar" role="search" data-testid="contribution-filters">
        <YearSelect value={year} onChange={setYear} />
        <div className="field field--inline">
          <label htmlFor="filter-state">{t("contributions.filter.state")}</label>
          <select id="filter-state" name="state" value={state} onChange={(e) => setQuery({ state: e.target.value })} data-testid="filter-state">
            <option value="">{t("contributions.filter.allStates")}</option>
            {stateOptions.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name[lang]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="filter-kind">{t("contributions.filter.kind")}</label>
          <select id="filter-kind" name="kind" value={kind} onChange={(e) => setQuery({ kind: e.target.value })} data-testid="filter-kind">
            <option value="">{t("contributions.filter.allKinds")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="filter-status">{t("contributions.filter.status")}</label>
          <select id="filter-status" name="status" value={status} onChange={(e) => setQuery({ status: e.target.value })} data-testid="filter-status">
            <option value="">{t("contributions.filter.allStatuses")}</option>
            {CONTRIBUTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`cstatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <a className="button button--secondary toolbar-end" href={csvHref} download data-testid="contributions-csv">
          {t("contributions.csv")}
        </a>
      </div>

      <section className="totals" aria-label={t("contributions.totalsLabel", { year })} data-testid="contribution-totals">
        <p className="totals-title muted">
          {state ? t("contributions.totalsFor", { name: states.nameOf(state), year }) : t("contributions.totalsYear", { year })}
          {(kind || status) && <span> · {t("contributions.totalsNote")}</span>}
        </p>
        {report.error ? <LoadError error={report.error} retry={report.reload} /> : null}
        <dl className="totals-list">
          <div data-testid="total-received">
            <dt>{t("totals.received")}</dt>
            <dd>{totals ? usd(totals.receivedUsd) : "…"}</dd>
          </div>
          <div data-testid="total-in-kind">
            <dt>{t("totals.inKind")}</dt>
            <dd>{totals ? usd(totals.inKindUsd) : "…"}</dd>
          </div>
          <div data-testid="total-outstanding">
            <dt>{t("totals.outstanding")}</dt>
            <dd>{totals ? usd(totals.pledgedOutstandingUsd) : "…"}</dd>
          </div>
        </dl>
      </section>

      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      {!list.data && list.loading && <Loading />}
      {list.data && (
        <div className="table-wrap" {...scrollRegion(t("contributions.caption", { year }))}>
          <table className="table table--clickable" data-testid="contributions-table">
            <caption className="visually-hidden">{t("contributions.caption", { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("contributions.col.date")}</th>
                <th scope="col">{t("contributions.col.state")}</th>
                <th scope="col">{t("contributions.col.kind")}</th>
                <th scope="col">{t("contributions.col.status")}</th>
                <th scope="col">{t("contributions.col.purpose")}</th>
                <th scope="col" className="num">{t("contributions.col.amount")}</th>
                <th scope="col" className="num">{t("contributions.col.usd")}</th>
                <th scope="col" className="num">{t("contributions.col.outstanding")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr
                  key={c.id}
                  data-id={c.id}
                  data-state={c.stateCode}
                  data-voided={c.voided ? "true" : undefined}
                  className={c.voided ? "is-voided" : undefined}
                  onClick={() => open(c)}
                >
                  <td className="nowrap">
                    <Link to={`/contributions/${encodeURIComponent(c.id)}`} onClick={(e) => e.stopPropagation()} data-testid="open-contribution">
                      {date(c.date)}
                    </Link>
                  </td>
                  <td className="state-name">
                    <span className="struck">{states.nameOf(c.stateCode)}</span>
                    {c.voided && <> <VoidedBadge /></>}
                  </td>
                  <td className="struck">
                    <KindLabel kind={c.kind} />
                  </td>
                  <td>
                    <ContributionStatusBadge status={c.status} />
                  </td>
                  <td className="struck">
                    <PurposeText c={c} />
                  </td>
                  <td className="num struck" data-testid="amount">{money(c.amount, c.currency)}</td>
                  <td className="num struck" data-testid="amount-usd">{usd(c.amountUsd)}</td>
                  <td className="num struck" data-testid="outstanding">
                    {c.status === "pledged" && c.outstanding !== undefined ? (
                      <>
                        {money(c.outstanding, c.currency)}
                        {c.currency !== "USD" && c.outstandingUsd && <span className="muted small block">{usd(c.outstandingUsd)}</span>}
                      </>
                    ) : (
                      <span className="muted">{t("common.none")}</span>
                    )}
                  </td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr className="empty-row">
                  <td colSpan={8} data-testid="contributions-empty">
                    {t("contributions.empty", { year })}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {list.data && rows.length > 0 && (
        <p className="muted small" data-testid="contributions-count">
          {t("contributions.count", { n: number(rows.length), voided: number(rows.filter((r) => r.voided).length) })}
        </p>
      )}
    </div>
  );
}
