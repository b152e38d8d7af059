/** The audit trail of one record (or of one kind of record): when, who, action, field changes. */
import type { EntityName } from "@tracker/core/audit/readers";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api, call } from "../api";
import { useSession } from "../session";
import { useI18n, type I18n, type Key } from "../i18n";
import { formatDecimal } from "../money";
import { HR_ACTIONS, HR_DATE_FIELDS, HR_FIELDS, hrValue } from "./history-hr";
import { LoadError, Loading } from "../ui";

const FIELDS = new Set([
  "code", "name", "status", "joinedOn", "contacts", "email", "roles", "disabled", "password",
  "stateCode", "kind", "amount", "currency", "exchangeRate", "amountUsd", "date", "fiscalYear", "purpose", "earmark", "description",
  "reference", "pledgeId", "outstanding", "outstandingUsd", "voided", "voidReason", "voidedAt", "voidedBy", "received",
  "year", "lines", "totalUsd", "note", "approvedOn", "decisionRef", "id",
  ...HR_FIELDS,
]);
const ACTIONS = new Set(["create", "update", "delete", "void", "rename", "extend", "end", "fill", "revise", "payment_recorded", "payment_withdrawn", ...HR_ACTIONS]);
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
  return FIELDS.has(field) ? t(`field.${field}` as Key) : field;
}

/** A before/after value as plain text; objects and lists are spelled out, never as raw JSON where avoidable. */
function show(field: string, value: unknown, i18n: I18n, entity?: EntityName): string {
  const { t } = i18n;
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
    return Object.entries(o)
      .map(([k, v]) => `${k}: ${show(k, v, i18n)}`)
      .join(", ");
  }
  return String(value);
}

/** The trail of a record, newest first, a page at a time; nothing for a user who may not read it. */
export function History({ entity, id }: { entity: EntityName; id?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const allowed = session.canReadTrail(entity);
  const trail = useInfiniteQuery({
    queryKey: ["audit", entity, id ?? ""],
    queryFn: ({ pageParam }) => call(api.audit.$get({ query: { entity, ...(id ? { id } : {}), ...(pageParam ? { cursor: pageParam } : {}) } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.cursor,
    enabled: allowed,
  });
  if (!allowed) return null;
  const items = trail.data?.pages.flatMap((page) => page.items) ?? [];
  const error = trail.error;
  const loading = trail.isFetching;
  const cursor = trail.hasNextPage;
  const more = () => void trail.fetchNextPage();

  return (
    <section className="panel history" data-testid="history" aria-labelledby="history-title">
      <h2 id="history-title">{t("history.title")}</h2>
      <p className="muted">{id ? t("history.intro") : t("history.introUsers")}</p>
      {error ? <LoadError error={error} retry={() => void trail.refetch()} /> : null}
      {!error && !loading && items.length === 0 && <p className="muted" data-testid="history-empty">{t("history.empty")}</p>}
      {items.length > 0 && (
        <ol className="history-list">
          {items.map((event, index) => {
            const changes = Object.entries(event.changes ?? {});
            return (
              <li key={`${event.at}-${index}`} className="history-entry" data-testid="history-entry" data-action={event.action}>
                <div className="history-meta">
                  <span className={`badge badge--action badge--${event.action}`}>
                    {ACTIONS.has(event.action) ? t(`action.${event.action}` as Key) : event.action}
                  </span>
                  <time dateTime={event.at} data-testid="history-when">{i18n.dateTime(event.at)}</time>
                  <span className="history-who" data-testid="history-who">{event.actor}</span>
                  {!id && <span className="history-record">{event.id}</span>}
                </div>
                {changes.length > 0 && (
                  <table className="changes">
                    <thead>
                      <tr>
                        <th scope="col">{t("history.field")}</th>
                        <th scope="col">{t("history.before")}</th>
                        <th scope="col">{t("history.after")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {changes.map(([field, pair]) => {
                        const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
                        return (
                          <tr key={field} data-field={field}>
                            <th scope="row">{fieldLabel(field, t)}</th>
                            <td className="before">{show(field, before, i18n, entity)}</td>
                            <td className="after">{show(field, after, i18n, entity)}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {loading && <Loading />}
      {!loading && cursor && (
        <button type="button" className="button button--secondary" onClick={more} data-testid="history-more">
          {t("history.more")}
        </button>
      )}
    </section>
  );
}
