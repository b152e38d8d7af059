/**
 * Pieces the HR pages share: the shapes the staffing API returns, badges,
 * nationalities as member-state names, dates (UTC, as the server counts them),
 * and the clear notice for a post that is already occupied.
 */
import { useMemo, type ReactNode } from "react";
import type { InferResponseType } from "hono/client";
import { api, ApiError, call, type MemberState } from "./api";
import { fieldErrors } from "./errors";
import { useStates } from "./finance";
import { useI18n } from "./i18n";
import { useApiQuery } from "./query";
import { ErrorNotice, FieldError, SelectField } from "./ui";

type Ok<F extends (...args: never[]) => unknown> = InferResponseType<F, 200>;

export type Post = Ok<typeof api.posts.$get>["items"][number];
export type PostDetail = Ok<(typeof api.posts)[":id"]["$get"]>;
export type Category = Post["category"];
export type Funding = Post["funding"];
export type PostStatus = Post["status"];
export type Secondment = Ok<(typeof api.secondments)[":id"]["$get"]>;
export type SecondmentStatus = Secondment["status"];
export type Vacancy = Ok<(typeof api.vacancies)[":id"]["$get"]>;
export type VacancyStatus = Vacancy["status"];
export type Basis = Vacancy["basis"];
export type Recommendation = Vacancy["recommendations"][number];
export type RecommendationStatus = Recommendation["status"];

export const CATEGORIES = ["executive", "senior_officer", "professional", "expert", "administrative", "support"] as const satisfies readonly Category[];
const FUNDING = ["secondment", "regular_budget", "voluntary"] as const satisfies readonly Funding[];
export const POST_STATUSES = ["vacant", "filled", "frozen", "abolished"] as const satisfies readonly PostStatus[];
export const SECONDMENT_STATUSES = ["planned", "active", "ended"] as const satisfies readonly SecondmentStatus[];
export const VACANCY_STATUSES = ["open", "closed", "filled", "cancelled"] as const satisfies readonly VacancyStatus[];
export const BASES = ["competitive", "contractual"] as const satisfies readonly Basis[];

/** Rotation alerts and the "ending soon" mark look this many days ahead (the server marks `endingSoon`). */
import { ROTATION_ALERT_DAYS as ENDING_SOON_DAYS } from "@tracker/core/secondment/rules";
export { ENDING_SOON_DAYS };

export const postPath = (id: string) => `/staff/${encodeURIComponent(id)}`;
export const secondmentPath = (id: string) => `/secondments/${encodeURIComponent(id)}`;
export const vacancyPath = (id: string) => `/vacancies/${encodeURIComponent(id)}`;

/** Today as YYYY-MM-DD in UTC: the day the server counts statuses and alerts on (the web's one "today"). */
export { today } from "./dates";

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export const isDate = (value: string | null | undefined): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));


/** Member states for names and selects: `nameOf(code)` in the current language (the code itself when unknown). */
export function useMemberStates() {
  const states = useStates();
  const { lang, locale } = useI18n();
  const members = useMemo(
    () => [...(states.data ?? [])].filter((s) => s.status === "member").sort((a, b) => a.name[lang].localeCompare(b.name[lang], locale)),
    [states.data, lang, locale],
  );
  const options = (placeholder: string) => [
    { value: "", label: placeholder },
    ...members.map((s: MemberState) => ({ value: s.code, label: s.name[lang] })),
  ];
  return { ...states, members, options };
}

/** Every post (as of today), for selects and for titles beside secondments and vacancies. */
export function usePostList() {
  const posts = useApiQuery(["posts", "list", {}], () => call(api.posts.$get({ query: {} })).then((r) => r.items));
  const byId = useMemo(() => new Map((posts.data ?? []).map((p) => [p.id, p])), [posts.data]);
  return { ...posts, byId };
}

/** The name of a nationality: the member state's name in the current language, else the code. */
export function Nationality({ code, nameOf }: { code: string; nameOf: (code: string) => string }) {
  const name = nameOf(code);
  return (
    <span className="nationality" data-nationality={code} title={name !== code ? code : undefined}>
      {name}
    </span>
  );
}

function Badge({ kind, value, label, testId }: { kind: string; value: string; label: string; testId?: string }) {
  return (
    <span className={`badge badge--${kind}-${value}`} data-status={value} data-testid={testId}>
      {label}
    </span>
  );
}

/** The selects of a post's category and of its funding, in the forms that create and edit posts. */
export function CategoryField({ value, onChange, error }: { value: Category; onChange: (value: string) => void; error?: string }) {
  const { t } = useI18n();
  return <SelectField label={t("post.category")} name="category" value={value} onChange={onChange} error={error} options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />;
}

export function FundingField({ value, onChange, error }: { value: Funding; onChange: (value: string) => void; error?: string }) {
  const { t } = useI18n();
  return <SelectField label={t("post.funding")} name="funding" value={value} onChange={onChange} error={error} options={FUNDING.map((f) => ({ value: f, label: t(`funding.${f}`) }))} />;
}

export function PostStatusBadge({ status }: { status: PostStatus }) {
  const { t } = useI18n();
  return <Badge kind="post" value={status} label={t(`postStatus.${status}`)} testId="post-status" />;
}

export function SecondmentStatusBadge({ status }: { status: SecondmentStatus }) {
  const { t } = useI18n();
  return <Badge kind="secondment" value={status} label={t(`secondmentStatus.${status}`)} testId="secondment-status" />;
}

export function VacancyStatusBadge({ status }: { status: VacancyStatus }) {
  const { t } = useI18n();
  return <Badge kind="vacancy" value={status} label={t(`vacancyStatus.${status}`)} testId="vacancy-status" />;
}

export function RecommendationStatusBadge({ status }: { status: RecommendationStatus }) {
  const { t } = useI18n();
  return <Badge kind="rec" value={status} label={t(`recommendationStatus.${status}`)} testId="recommendation-status" />;
}

export function LateBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge--late" data-testid="late-badge" title={t("recommendation.lateHint")}>
      {t("recommendation.late")}
    </span>
  );
}

export function EndingSoonBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge--ending-soon" data-testid="ending-soon" title={t("secondments.endingSoonHint", { days: ENDING_SOON_DAYS })}>
      {t("secondments.endingSoon")}
    </span>
  );
}

/** A period "1 March 2026 – 28 February 2027", open-ended when there is no end. */
export function Period({ from, to }: { from: string; to?: string }) {
  const { t, date } = useI18n();
  return (
    <span className="nowrap-dates">
      {date(from)} – {to ? date(to) : <span className="muted">{t("hr.openEnded")}</span>}
    </span>
  );
}

/**
 * 409 post.occupied as a notice of its own: the post already has an incumbent
 * for (part of) these dates, told from the error's parameters.
 */
function OccupiedNotice({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t, date } = useI18n();
  if (!(error instanceof ApiError) || error.code !== "post.occupied") return null;
  const p = error.params;
  const detail =
    typeof p.number === "string" && typeof p.name === "string" && typeof p.startOn === "string"
      ? t(p.kind === "secondment" ? "occupied.bySecondment" : "occupied.byAppointment", {
          number: p.number,
          name: p.name,
          from: date(p.startOn),
          to: p.endOn === "open" || typeof p.endOn !== "string" ? t("hr.openEnded") : date(p.endOn),
        })
      : t("occupied.generic");
  return (
    <div className="notice notice--error notice--occupied" role="alert" data-testid="post-occupied">
      <div>
        <strong>{t("occupied.title")}</strong>
        <p className="occupied-detail">{detail}</p>
        <p className="muted small">{t("occupied.hint")}</p>
      </div>
      {children}
    </div>
  );
}

/** Field messages by path, in the current language (dates in words). */
export function useHrErrors(error: unknown): Record<string, string> {
  useI18n();
  return fieldErrors(error);
}

/**
 * A form's error: 409 post.occupied as its own notice, anything else as the
 * usual notice; a version conflict offers a reload. Issues on fields the form
 * does not show are listed under it.
 */
export function HrErrorNotice({ error, onReload, shown = [] }: { error: unknown; onReload?: () => void; shown?: string[] }) {
  const { t } = useI18n();
  const errors = useHrErrors(error);
  if (!error) return null;
  const stale = error instanceof ApiError && error.status === 409 && /version_conflict|changed$/.test(error.code);
  const reload = stale && onReload && (
    <button type="button" className="button button--small" onClick={onReload} data-testid="reload">
      {t("common.reload")}
    </button>
  );
  const others = Object.entries(errors).filter(([path]) => !shown.includes(path));
  return (
    <>
      {error instanceof ApiError && error.code === "post.occupied" ? <OccupiedNotice error={error} /> : <ErrorNotice error={error}>{reload}</ErrorNotice>}
      {others.map(([path, message]) => (
        <FieldError key={path} path={path || "(body)"} message={path ? `${path}: ${message}` : message} />
      ))}
    </>
  );
}
