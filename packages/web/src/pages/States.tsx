/** /states: every member state, observer and partner, with a filter. */
import { useMemo, useState } from "react";
import { STATUSES } from "../api";
import { useI18n } from "../i18n";
import { Link, navigate } from "../router";
import { useStatesQuery } from "../query";
import { useSession } from "../session";
import { Loaded, PageHead, scrollRegion, StatusBadge } from "../ui";

export function StatesPage() {
  const { t, lang, date, number } = useI18n();
  const session = useSession();
  const states = useStatesQuery();
  const [filter, setFilter] = useState("");
  const [status, setStatus] = useState("");

  const shown = useMemo(() => {
    const q = filter.trim().toLocaleLowerCase();
    return (states.data ?? []).filter(
      (s) =>
        (!status || s.status === status) &&
        (!q ||
          s.code.toLowerCase().includes(q) ||
          s.name.en.toLocaleLowerCase().includes(q) ||
          s.name.ru.toLocaleLowerCase().includes(q)),
    );
  }, [states.data, filter, status]);

  return (
    <div className="page">
      <PageHead title={t("states.title")} intro={t("states.intro")}>
        {session.can("createState") && (
          <Link to="/states/new" className="button" data-testid="add-state">
            {t("states.add")}
          </Link>
        )}
      </PageHead>

      <div className="toolbar" role="search">
        <div className="field field--inline">
          <label htmlFor="states-filter">{t("states.filter")}</label>
          <input
            id="states-filter"
            type="search"
            name="filter"
            value={filter}
            placeholder={t("states.filterPlaceholder")}
            onChange={(e) => setFilter(e.target.value)}
            data-testid="states-filter"
            autoComplete="off"
          />
        </div>
        <div className="field field--inline">
          <label htmlFor="states-status">{t("states.statusFilter")}</label>
          <select id="states-status" name="status" value={status} onChange={(e) => setStatus(e.target.value)} data-testid="states-status-filter">
            <option value="">{t("status.all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {states.data && (
          <p className="toolbar-count muted" data-testid="states-count" aria-live="polite">
            {t("states.count", { shown: number(shown.length), total: number(states.data.length) })}
          </p>
        )}
      </div>

      <Loaded query={states}>
        {(rows) => (
          <div className="table-wrap" {...scrollRegion(t("states.title"))}>
            <table className="table table--clickable" data-testid="states-table">
              <thead>
                <tr>
                  <th scope="col" className="col-code">{t("states.col.code")}</th>
                  <th scope="col">{t("states.col.name")}</th>
                  <th scope="col">{t("states.col.status")}</th>
                  <th scope="col">{t("states.col.joinedOn")}</th>
                  <th scope="col" className="num">{t("states.col.contacts")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((s) => (
                  <tr key={s.code} data-code={s.code} onClick={() => navigate(`/states/${s.code}`)}>
                    <td className="col-code">
                      <Link to={`/states/${s.code}`} className="code" onClick={(e) => e.stopPropagation()}>
                        {s.code}
                      </Link>
                    </td>
                    <td className="state-name" lang={lang}>{s.name[lang]}</td>
                    <td>
                      <StatusBadge status={s.status} />
                    </td>
                    <td>{s.joinedOn ? date(s.joinedOn) : <span className="muted">{t("common.none")}</span>}</td>
                    <td className="num" data-testid="contacts-count">{number(s.contacts.length)}</td>
                  </tr>
                ))}
                {shown.length === 0 && (
                  <tr className="empty-row">
                    <td colSpan={5}>{rows.length === 0 ? t("states.empty") : t("states.noMatch")}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </div>
  );
}
