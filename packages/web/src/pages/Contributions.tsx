/** /contributions: a year's contributions with filters, the year's totals (from the report), CSV export. */
import { useMemo } from "react";
import { api, call, CONTRIBUTION_STATUSES, KINDS, type Contribution } from "../api";
import { ContributionStatusBadge, KindLabel, listContributions, PurposeText, useMoney, useStates, VoidedBadge } from "../finance";
import { useI18n } from "../i18n";
import * as Views from "@tracker/core/export/views";
import { Link, navigate, setQuery, useSearch } from "../router";
import { useApiQuery } from "../query";
import { useSession } from "../session";
import { ExportLinks, Table, type Column } from "../table";
import { FilterSelect, Loaded, LoadError, PageHead } from "../ui";
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

  const open = (c: Contribution) => navigate(`/contributions/${encodeURIComponent(c.id)}`);
  const context = useMemo(
    () => ({ lang, stateName: states.nameOf, stateNames: states.namesOf, postNumber: () => "" }),
    [lang, states.nameOf, states.namesOf],
  );
  const columns: Column<Contribution>[] = [
    {
      key: "date",
      header: t("contributions.col.date"),
      className: "nowrap",
      cell: (c) => (
        <Link to={`/contributions/${encodeURIComponent(c.id)}`} onClick={(e) => e.stopPropagation()} data-testid="open-contribution">
          {date(c.date)}
        </Link>
      ),
    },
    {
      key: "state",
      header: t("contributions.col.state"),
      className: "state-name",
      cell: (c) => (
        <>
          <span className="struck">{states.nameOf(c.stateCode)}</span>
          {c.voided && <> <VoidedBadge /></>}
        </>
      ),
    },
    { key: "kind", header: t("contributions.col.kind"), className: "struck", cell: (c) => <KindLabel kind={c.kind} /> },
    { key: "status", header: t("contributions.col.status"), cell: (c) => <ContributionStatusBadge status={c.status} /> },
    { key: "purpose", header: t("contributions.col.purpose"), className: "struck", cell: (c) => <PurposeText c={c} /> },
    { key: "amount", header: t("contributions.col.amount"), className: "num struck", cellProps: { "data-testid": "amount" }, cell: (c) => money(c.amount, c.currency) },
    { key: "usd", header: t("contributions.col.usd"), className: "num struck", cellProps: { "data-testid": "amount-usd" }, cell: (c) => usd(c.amountUsd) },
    {
      key: "outstanding",
      header: t("contributions.col.outstanding"),
      className: "num struck",
      cellProps: { "data-testid": "outstanding" },
      cell: (c) =>
        c.status === "pledged" && c.outstanding !== undefined ? (
          <>
            {money(c.outstanding, c.currency)}
            {c.currency !== "USD" && c.outstandingUsd && <span className="muted small block">{usd(c.outstandingUsd)}</span>}
          </>
        ) : (
          <span className="muted">{t("common.none")}</span>
        ),
    },
  ];

  return (
    <div className="page" data-testid="contributions-page">
      <PageHead title={t("contributions.title")} intro={t("contributions.intro")}>
        {session.can("createContribution") && (
          <Link to="/contributions/new" className="button" data-testid="record-contribution">
            {t("contributions.record")}
          </Link>
        )}
      </PageHead>

      <div className="toolbar" role="search" data-testid="contribution-filters">
        <YearSelect value={year} onChange={setYear} />
        <FilterSelect
          name="state"
          label={t("contributions.filter.state")}
          value={state}
          all={t("contributions.filter.allStates")}
          options={stateOptions.map((s) => ({ value: s.code, label: s.name[lang] }))}
        />
        <FilterSelect name="kind" label={t("contributions.filter.kind")} value={kind} all={t("contributions.filter.allKinds")} options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        <FilterSelect
          name="status"
          label={t("contributions.filter.status")}
          value={status}
          all={t("contributions.filter.allStatuses")}
          options={CONTRIBUTION_STATUSES.map((s) => ({ value: s, label: t(`cstatus.${s}`) }))}
        />
        <ExportLinks path="/api/exports/contributions" params={{ year, state, kind, status }} testId="contributions-csv" />
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

      <Loaded query={list}>
        {(rows) => (
          <Table
            testId="contributions-table"
            label={t("contributions.caption", { year })}
            columns={columns}
            rows={rows}
            view={Views.contributions}
            context={context}
            rowKey={(c) => c.id}
            rowProps={(c) => ({
              "data-id": c.id,
              "data-state": c.stateCode,
              "data-voided": c.voided ? "true" : undefined,
              className: c.voided ? "is-voided" : undefined,
              onClick: () => open(c),
            })}
            empty={t("contributions.empty", { year })}
            searchHint={t("contributions.searchHint")}
            totals={(shown) => {
              const sum = Views.contributionTotals(shown);
              return (
                <tr className="totals-row">
                  <th scope="row" colSpan={5}>
                    {t("table.total")}
                  </th>
                  <td className="num" data-testid="total-amounts">
                    {sum.byCurrency.map((x) => (
                      <span key={x.currency} className="block" data-currency={x.currency}>
                        {money(x.amount, x.currency)}
                      </span>
                    ))}
                  </td>
                  <td className="num" data-testid="total-usd">{usd(sum.usd)}</td>
                  <td className="num" data-testid="total-outstanding-usd">{usd(sum.outstandingUsd)}</td>
                </tr>
              );
            }}
          />
        )}
      </Loaded>
    </div>
  );
}
