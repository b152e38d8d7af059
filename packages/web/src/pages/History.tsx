/**
 * The audit trail as people read it: one row per change (field, before, after), a creation as one
 * row that opens on its fields, records and users by name. The trail of one record (or of one kind
 * of record) here; the audit page (Audit.tsx) shows the same rows across kinds.
 */
import { REFERENCES, type EntityName } from "@tracker/core/audit/readers";
import { actorName, inPartOrder, isTrailWord } from "@tracker/core/audit/words";
import { apply, sortOf, audit as auditView, type View } from "@tracker/core/export/views";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api, call } from "../api";
import { Link } from "../router";
import { useSession } from "../session";
import { useI18n, type I18n, type Key } from "../i18n";
import { formatDecimal } from "../money";
import { HR_ACTIONS, HR_DATE_FIELDS, hrValue } from "./history-hr";
import { LoadError, Loading } from "../ui";

const ACTIONS = new Set(["create", "update", "delete", "void", "rename", "extend", "end", "fill", "revise", "payment_recorded", "payment_withdrawn",
  "login", "login_failed", "lockout", "unlock", "logout", "password_reset", "role_change", "disable", "enable", ...HR_ACTIONS]);
const STATUS_VALUES: Record<string, Key> = {
  member: "status.member",
  observer: "status.observer",
  partner: "status.partner",
  pledged: "cstatus.pledged",
  received: "cstatus.received",
  draft: "budgetStatus.draft",
  approved: "budgetStatus.approved",
};
const ENUM_VALUES: Record<string, Record<string, Key>> = {
  kind: { cash: "kind.cash", in_kind: "kind.in_kind" },
  purpose: { regular_budget: "purpose.regular_budget", cica_fund: "purpose.cica_fund", earmarked: "purpose.earmarked" },
};
const DATE_FIELDS = new Set(["joinedOn", "date", "approvedOn", ...HR_DATE_FIELDS]);
const MONEY_FIELDS = new Set(["amount", "amountUsd", "outstanding", "outstandingUsd", "received", "totalUsd"]);

function fieldLabel(field: string, t: I18n["t"]) {
  if (field.startsWith("recommendation ")) return t("field.recommendation");
  return isTrailWord(`field.${field}`) ? t(`field.${field}` as Key) : field;
}

/** The label of a part of a field's value (a formal name's dative), else of the field of that name. */
function partLabel(key: string, t: I18n["t"]) {
  return isTrailWord(`sub.${key}`) ? t(`sub.${key}` as Key) : fieldLabel(key, t);
}

/** A before/after value as plain text; objects and lists are spelled out, never as raw JSON where avoidable. */
function show(field: string, value: unknown, i18n: I18n, entity?: EntityName, names?: Names): string {
  const { t } = i18n;
  const ref = REFERENCES[field];
  const named = ref && typeof value === "string" ? names?.[`${ref}:${value}`] : undefined;
  if (named) return named[i18n.lang];
  const hr = hrValue(field, value, i18n, entity);
  if (hr !== undefined) return hr;
  if (value === null || value === undefined || value === "") return t("common.none");
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (typeof value === "number") return field === "year" || field === "fiscalYear" ? String(value) : i18n.number(value);
  if (typeof value === "string") {
    if (field === "status" && STATUS_VALUES[value]) return t(STATUS_VALUES[value]);
    const enumKey = ENUM_VALUES[field]?.[value];
    if (enumKey) return t(enumKey);
    if (DATE_FIELDS.has(field) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return i18n.date(value);
    if (MONEY_FIELDS.has(field) && /^-?\d+(\.\d+)?$/.test(value)) return formatDecimal(value, i18n.locale);
    if (field === "voidedAt" && !Number.isNaN(Date.parse(value))) return i18n.dateTime(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t("common.none");
    if (field === "roles") return value.map((r) => (["admin", "finance", "hr", "viewer"].includes(String(r)) ? t(`role.${r}` as Key) : String(r))).join(", ");
    return value.map((v) => show(field, v, i18n, entity)).join("; ");
  }
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (field === "contacts" && "email" in o) {
      const lang = o.language === "ru" || o.language === "en" ? ` (${t(`lang.${o.language}`)})` : "";
      return `${String(o.name ?? "")} <${String(o.email)}>${lang}`;
    }
    if (field === "lines" && "code" in o && "amountUsd" in o) return `${String(o.code)} ${String(o.name ?? "")}: ${formatDecimal(String(o.amountUsd), i18n.locale)} USD`;
    if ("en" in o && "ru" in o && Object.keys(o).length === 2) return `${String(o.en)} / ${String(o.ru)}`;
    return inPartOrder(Object.entries(o))
      .map(([k, v]) => `${partLabel(k, t)}: ${show(k, v, i18n, entity, names)}`)
      .join("; ");
  }
  return String(value);
}

type ChangesPage = Awaited<ReturnType<typeof loadChanges>>;
export type ChangeRow = ChangesPage["items"][number];
export type Names = ChangesPage["names"];
export type ChangesQuery = { entity?: EntityName; id?: string; user?: string; from?: string; to?: string; q?: string };

const loadChanges = (query: ChangesQuery & { cursor?: string }) => {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v) q[k] = v;
  return call(api.audit.changes.$get({ query: q }));
};

/** The trail under a query, a page at a time (rows and names of every page so far). */
export function useChanges(query: ChangesQuery, enabled: boolean) {
  const trail = useInfiniteQuery({
    queryKey: ["audit", "changes", query],
    queryFn: ({ pageParam }) => loadChanges({ ...query, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.cursor,
    enabled,
  });
  const pages = trail.data?.pages ?? [];
  return {
    rows: pages.flatMap((p) => p.items),
    names: Object.assign({}, ...pages.map((p) => p.names)) as Names,
    error: trail.error,
    loading: trail.isFetching,
    more: trail.hasNextPage,
    next: () => void trail.fetchNextPage(),
    retry: () => void trail.refetch(),
  };
}

/**
 * Names for the accounts a record's footer gives ("recorded by", "changed by"): from the record's
 * trail as its history section reads it (the same request), the system's part by name; an account
 * the trail loaded so far does not name (or a user who may not read the trail) stays as recorded.
 */
export function usePeople(entity: EntityName, id: string): (who: string | null | undefined) => string {
  const { lang } = useI18n();
  const session = useSession();
  const trail = useChanges({ entity, id }, session.canReadTrail(entity));
  return (who) => (who ? actorName(lang, who, trail.rows.find((r) => r.actor === who)?.actorName ?? who) : "");
}

const RECORD_PATHS: Partial<Record<EntityName, (id: string) => string>> = {
  memberState: (id) => `/states/${encodeURIComponent(id)}`,
  contribution: (id) => `/contributions/${encodeURIComponent(id)}`,
  budget: (id) => `/budget?year=${encodeURIComponent(id)}`,
  post: (id) => `/staff/${encodeURIComponent(id)}`,
  secondment: (id) => `/secondments/${encodeURIComponent(id)}`,
  vacancy: (id) => `/vacancies/${encodeURIComponent(id)}`,
  user: (id) => `/users/${encodeURIComponent(id)}`,
  organisation: () => "/organisation",
};

/** "Post SO-01 Senior Officer": the kind of record and its name (its id when it names nothing now). */
function RecordName({ entity, id, names }: { entity: EntityName; id: string; names: Names }) {
  const { t, lang } = useI18n();
  const name = names[`${entity}:${id}`]?.[lang] ?? (entity === "organisation" ? "" : id);
  const text = `${t(`entity.${entity}`)}${name ? ` ${name}` : ""}`;
  const path = RECORD_PATHS[entity]?.(id);
  return path ? <Link to={path}>{text}</Link> : <span>{text}</span>;
}

/** Who did it: a user's name with the email beside it, the system's part by name ("System (seed data)"). */
function Who({ actor, name }: { actor: string; name: string }) {
  const { lang } = useI18n();
  const shown = actorName(lang, actor, name);
  return shown !== actor && actor.includes("@") ? (
    <>
      {shown} <span className="muted small">{actor}</span>
    </>
  ) : (
    <>{shown}</>
  );
}

/** The columns a sortable trail sorts by (the view's keys), as the header shows them. */
const SORTABLE: Array<{ key: string; label: Key }> = [
  { key: "at", label: "history.when" },
  { key: "who", label: "history.who" },
  { key: "record", label: "history.record" },
  { key: "action", label: "history.action" },
];

/**
 * The rows of events, grouped by event (when, who and action once per event), one row per change.
 * `sortable`: the events loaded so far sort by when, who, record or action (`?sort=`, `aria-sort` on
 * the header), as the trail's export sorts every event.
 */
export function ChangeTable({
  rows,
  names,
  showRecord,
  testId = "history-table",
  sort,
  onSort,
}: {
  rows: ChangeRow[];
  names: Names;
  showRecord: boolean;
  testId?: string;
  sort?: string | null;
  onSort?: (sort: string) => void;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const action = (a: string) => (ACTIONS.has(a) ? t(`action.${a}` as Key) : a);
  const recordText = (entity: EntityName, id: string) => `${t(`entity.${entity}`)} ${names[`${entity}:${id}`]?.[lang] ?? (entity === "organisation" ? "" : id)}`.trim();
  const grouped: ChangeRow[][] = [];
  for (const r of rows) {
    const last = grouped.at(-1);
    if (last && last[0]!.eventId === r.eventId) last.push(r);
    else grouped.push([r]);
  }
  const current = sortOf(auditView as View<never>, sort);
  const events = onSort
    ? apply(
        auditView,
        grouped.map((group) => {
          const e = group[0]!;
          return { group, at: e.at, who: actorName(lang, e.actor, e.actorName), record: recordText(e.entity, e.id), action: action(e.action) };
        }),
        { sort },
        { lang, stateName: (c) => c, postNumber: (p) => p },
      ).map((x) => x.group)
    : grouped;
  const head = (key: string, label: Key) => {
    const sortable = onSort && SORTABLE.some((c) => c.key === key);
    if (!sortable) return <th scope="col">{t(label)}</th>;
    const active = current.key === key;
    const next = active ? (current.desc ? key : `-${key}`) : key === "at" ? "-at" : key;
    return (
      <th scope="col" aria-sort={active ? (current.desc ? "descending" : "ascending") : "none"} data-column={key}>
        <button type="button" className="sort-button" onClick={() => onSort(next)} data-testid={`sort-${key}`}>
          {t(label)}
          <span className="sort-mark" aria-hidden="true">
            {active ? (current.desc ? "▼" : "▲") : "↕"}
          </span>
        </button>
      </th>
    );
  };
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t("history.title")}>
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {head("at", "history.when")}
            {head("who", "history.who")}
            {showRecord && head("record", "history.record")}
            {head("action", "history.action")}
            <th scope="col">{t("history.field")}</th>
            <th scope="col">{t("history.before")}</th>
            <th scope="col">{t("history.after")}</th>
          </tr>
        </thead>
        {events.map((group) => {
          const e = group[0]!;
          const span = group.length;
          return (
            <tbody key={e.eventId} data-testid="history-entry" data-action={e.action} data-entity={e.entity} data-id={e.id}>
              {group.map((r, i) => (
                <tr key={`${r.eventId}-${r.field ?? i}`} data-testid="change-row" data-kind={r.kind} data-field={r.field}>
                  {i === 0 && (
                    <>
                      <td rowSpan={span}>
                        <time dateTime={e.at} data-testid="history-when">{i18n.dateTime(e.at)}</time>
                      </td>
                      <td rowSpan={span} data-testid="history-who">
                        <Who actor={e.actor} name={e.actorName} />
                      </td>
                      {showRecord && (
                        <td rowSpan={span} data-testid="history-record">
                          <RecordName entity={e.entity} id={e.id} names={names} />
                        </td>
                      )}
                      <td rowSpan={span}>
                        <span className={`badge badge--action badge--${e.action}`}>{action(e.action)}</span>
                      </td>
                    </>
                  )}
                  {r.kind === "created" || r.kind === "deleted" ? (
                    <td colSpan={3} data-testid="created-fields">
                      <details>
                        <summary>{t(r.kind === "created" ? "history.createdFields" : "history.deletedFields", { n: r.fields?.length ?? 0 })}</summary>
                        <dl className="details details--compact">
                          {(r.fields ?? []).map((f) => (
                            <div key={f.field} data-field={f.field}>
                              <dt>{fieldLabel(f.field, t)}</dt>
                              <dd>{show(f.field, f.value, i18n, e.entity, names)}</dd>
                            </div>
                          ))}
                        </dl>
                      </details>
                    </td>
                  ) : r.kind === "event" ? (
                    <td colSpan={3} className="muted">{t("common.none")}</td>
                  ) : (
                    <>
                      <th scope="row">{fieldLabel(r.field ?? "", t)}</th>
                      <td className="before">{show(r.field ?? "", r.before, i18n, e.entity, names)}</td>
                      <td className="after">{show(r.field ?? "", r.after, i18n, e.entity, names)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

/** The trail of a record (or of a kind of record), newest first, a page at a time; nothing for a user who may not read it. */
export function History({ entity, id }: { entity: EntityName; id?: string }) {
  const { t } = useI18n();
  const session = useSession();
  const allowed = session.canReadTrail(entity);
  const trail = useChanges({ entity, ...(id ? { id } : {}) }, allowed);
  if (!allowed) return null;
  return (
    <section className="panel history" data-testid="history" aria-labelledby="history-title">
      <h2 id="history-title">{t("history.title")}</h2>
      <p className="muted">{id ? t("history.intro") : t("history.introUsers")}</p>
      {trail.error ? <LoadError error={trail.error} retry={trail.retry} /> : null}
      {!trail.error && !trail.loading && trail.rows.length === 0 && <p className="muted" data-testid="history-empty">{t("history.empty")}</p>}
      {trail.rows.length > 0 && <ChangeTable rows={trail.rows} names={trail.names} showRecord={!id} />}
      {trail.loading && <Loading />}
      {!trail.loading && trail.more && (
        <button type="button" className="button button--secondary" onClick={trail.next} data-testid="history-more">
          {t("history.more")}
        </button>
      )}
    </section>
  );
}
