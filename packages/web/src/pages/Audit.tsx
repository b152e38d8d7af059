/**
 * /audit — "what changed, and who did it": the trail across every kind of record the user may read,
 * filtered by user, kind of record and date range and searched by words (all kept in the address;
 * the server searches, as the trail is read a page at a time), one row per change, records and users
 * by name. The events loaded sort by when, who, record or action (`?sort=`); the CSV and XLSX exports
 * take the same filters, search and sort over the whole trail. Loaded on first visit.
 */
import { ENTITIES, type EntityName } from "@tracker/core/audit/readers";
import { useEffect, useState, type FormEvent } from "react";
import { DateField } from "../fields";
import { useI18n } from "../i18n";
import { setQuery, useSearch } from "../router";
import { useSession } from "../session";
import { ExportLinks } from "../table";
import { LoadError, Loading } from "../ui";
import { ChangeTable, useChanges, type ChangesQuery } from "./History";

const KINDS = Object.keys(ENTITIES) as EntityName[];
const isDay = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export function AuditPage() {
  const { t } = useI18n();
  const session = useSession();
  const search = useSearch();
  const kinds = KINDS.filter((k) => session.canReadTrail(k));
  const entityParam = search.get("entity");
  const query: ChangesQuery = {
    ...(entityParam && (kinds as string[]).includes(entityParam) ? { entity: entityParam as EntityName } : {}),
    ...(search.get("user") ? { user: search.get("user")! } : {}),
    ...(isDay(search.get("from")) ? { from: search.get("from")! } : {}),
    ...(isDay(search.get("to")) ? { to: search.get("to")! } : {}),
    ...(search.get("q")?.trim() ? { q: search.get("q")!.trim() } : {}),
  };
  const [user, setUser] = useState(query.user ?? "");
  const [words, setWords] = useState(query.q ?? "");
  const trail = useChanges(query, true);

  // The search follows the typing, once it pauses (each search is a request).
  useEffect(() => {
    if (words.trim() === (query.q ?? "")) return;
    const timer = setTimeout(() => setQuery({ q: words.trim() || undefined }), 350);
    return () => clearTimeout(timer);
  }, [words, query.q]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ user: user.trim() || undefined, q: words.trim() || undefined });
  };

  return (
    <div className="page" data-testid="audit-page">
      <div className="page-head">
        <div>
          <h1>{t("audit.title")}</h1>
          <p className="muted">{t("audit.intro")}</p>
        </div>
      </div>

      <form className="panel toolbar audit-filters" onSubmit={apply} aria-label={t("audit.filters")} data-testid="audit-filters">
        <div className="field field--inline list-search">
          <label htmlFor="audit-search">{t("table.search")}</label>
          <input
            id="audit-search"
            name="q"
            type="search"
            value={words}
            onChange={(e) => setWords(e.target.value)}
            aria-describedby="audit-search-hint"
            autoComplete="off"
            data-testid="list-search"
          />
          <span id="audit-search-hint" className="muted small">
            {t("audit.searchHint")}
          </span>
        </div>
        <div className="field field--inline">
          <label htmlFor="audit-user">{t("audit.user")}</label>
          <input id="audit-user" name="user" type="email" value={user} onChange={(e) => setUser(e.target.value)} autoComplete="off" />
        </div>
        <div className="field field--inline">
          <label htmlFor="audit-entity">{t("audit.entity")}</label>
          <select id="audit-entity" name="entity" value={query.entity ?? ""} onChange={(e) => setQuery({ entity: e.target.value || undefined })}>
            <option value="">{t("audit.anyEntity")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`entity.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <DateField label={t("audit.from")} name="from" value={query.from ?? ""} onChange={(v) => setQuery({ from: v || undefined })} className="field--inline" formatHint={false} />
        <DateField label={t("audit.to")} name="to" value={query.to ?? ""} onChange={(v) => setQuery({ to: v || undefined })} className="field--inline" formatHint={false} />
        <button type="submit" className="button" data-testid="audit-apply">
          {t("audit.apply")}
        </button>
        <button type="button" className="button button--secondary" data-testid="audit-week" onClick={() => setQuery({ from: daysAgo(6), to: undefined })}>
          {t("audit.thisWeek")}
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="audit-clear"
          onClick={() => {
            setUser("");
            setWords("");
            setQuery({ user: undefined, entity: undefined, from: undefined, to: undefined, q: undefined });
          }}
        >
          {t("audit.clear")}
        </button>
      </form>

      <section className="panel" aria-labelledby="audit-results-title">
        <div className="list-tools">
          <h2 id="audit-results-title" className="visually-hidden">
            {t("audit.title")}
          </h2>
          <ExportLinks path="/api/exports/audit" params={{ entity: query.entity, user: query.user, from: query.from, to: query.to }} testId="audit-csv" />
        </div>
        {trail.error ? <LoadError error={trail.error} retry={trail.retry} /> : null}
        {!trail.error && !trail.loading && trail.rows.length === 0 && (
          <p className="muted" data-testid="audit-empty">
            {t("audit.empty")}
          </p>
        )}
        {trail.rows.length > 0 && (
          <ChangeTable rows={trail.rows} names={trail.names} showRecord testId="audit-table" sort={search.get("sort")} onSort={(sort) => setQuery({ sort })} />
        )}
        {trail.loading && <Loading />}
        {!trail.loading && trail.more && (
          <button type="button" className="button button--secondary" onClick={trail.next} data-testid="audit-more">
            {t("history.more")}
          </button>
        )}
      </section>
    </div>
  );
}
