/** How the audit trail of posts, secondments and vacancies reads: field names, actions, statuses by record, candidates. */
import type { I18n, Key } from "../i18n";

export const HR_ACTIONS = [
  "secondment", "secondment_extend", "secondment_end",
  "recommendation_received", "recommendation_shortlisted", "recommendation_selected", "recommendation_not_selected",
  "cancel", "close", "reopen",
];

export const HR_DATE_FIELDS = ["startOn", "endOn", "originalEndOn", "endedOn", "lastOn", "publishedOn", "deadline", "effectiveOn"];

const STATUS: Record<string, Record<string, Key>> = {
  post: { vacant: "postStatus.vacant", filled: "postStatus.filled", frozen: "postStatus.frozen", abolished: "postStatus.abolished" },
  secondment: { planned: "secondmentStatus.planned", active: "secondmentStatus.active", ended: "secondmentStatus.ended" },
  vacancy: { open: "vacancyStatus.open", closed: "vacancyStatus.closed", filled: "vacancyStatus.filled", cancelled: "vacancyStatus.cancelled" },
};

const RECOMMENDATION: Record<string, Key> = {
  received: "recommendationStatus.received",
  shortlisted: "recommendationStatus.shortlisted",
  selected: "recommendationStatus.selected",
  not_selected: "recommendationStatus.not_selected",
};

const ENUMS: Record<string, Record<string, Key>> = {
  category: {
    executive: "category.executive",
    senior_officer: "category.senior_officer",
    professional: "category.professional",
    expert: "category.expert",
    administrative: "category.administrative",
    support: "category.support",
  },
  funding: { secondment: "funding.secondment", regular_budget: "funding.regular_budget", voluntary: "funding.voluntary" },
  basis: { competitive: "basis.competitive", contractual: "basis.contractual" },
};

const isDay = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** A value of a staffing record as text, or undefined to let the general rules show it. */
export function hrValue(field: string, value: unknown, i18n: I18n, entity?: string): string | undefined {
  if (entity !== "post" && entity !== "secondment" && entity !== "vacancy") return undefined;
  if (value === null || value === undefined) return undefined;
  const { t, date } = i18n;
  const day = (v: unknown) => (isDay(v) ? date(v) : "");
  const period = (from: unknown, to: unknown) => `${day(from)} – ${isDay(to) ? date(to) : t("hr.openEnded")}`;
  if (typeof value === "string") {
    // "Name (KZ) 2026-01-12..2027-01-12 secondment <id>": one incumbency of a post.
    const m = field === "incumbencies" ? /^(.*) \((\w+)\) (\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})?( secondment \S+)?( vacancy \S+)?$/.exec(value) : null;
    if (m) return `${m[1]} (${m[2]}), ${period(m[3], m[4])}${m[5] ? ` · ${t("post.viaSecondment").toLocaleLowerCase(i18n.locale)}` : m[6] ? ` · ${t("post.viaVacancy").toLocaleLowerCase(i18n.locale)}` : ""}`;
    if (field === "status") {
      const key = STATUS[entity]?.[value];
      return key ? t(key) : undefined;
    }
    const key = ENUMS[field]?.[value];
    return key ? t(key) : undefined;
  }
  if (typeof value !== "object" || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if ("candidateName" in o) {
    const status = typeof o.status === "string" && RECOMMENDATION[o.status] ? ` · ${t(RECOMMENDATION[o.status]!)}` : "";
    const received = isDay(o.receivedOn) ? `, ${t("recommendation.receivedOn").toLocaleLowerCase(i18n.locale)} ${date(o.receivedOn)}` : "";
    const late = o.late === true ? ` (${t("recommendation.late").toLocaleLowerCase(i18n.locale)})` : "";
    const start = isDay(o.startOn) ? `, ${period(o.startOn, o.endOn)}` : "";
    return `${String(o.candidateName)} (${String(o.stateCode ?? o.nationality ?? "")})${received}${late}${start}${status}`;
  }
  if (field === "incumbent" && "name" in o) {
    return `${String(o.name)} (${String(o.nationality ?? "")}), ${period(o.since, o.until)}`;
  }
  if ("previousEndOn" in o && "endOn" in o) {
    return `${day(o.previousEndOn)} → ${day(o.endOn)}${o.decisionRef ? ` (${String(o.decisionRef)})` : ""}`;
  }
  return undefined;
}
