/** /vacancies: open positions by status, with the recommendations received; hr announces new ones. */
import { isOpen } from "@tracker/core/post/rules";
import { takesRecommendations } from "@tracker/core/vacancy/rules";
import { useMemo, useState, type FormEvent } from "react";
import { api, call } from "../api";
import {
  BASES,
  HrErrorNotice,
  postPath,
  today,
  useHrErrors,
  usePostList,
  vacancyPath,
  VACANCY_STATUSES,
  VacancyStatusBadge,
  type Basis,
  type Post,
  type Vacancy,
} from "../hr";
import { useI18n } from "../i18n";
import { Link, navigate, setQuery, useSearch } from "../router";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { LoadError, Loading, scrollRegion, SelectField, TextAreaField, TextField } from "../ui";
import { DateField, refuseUnreadable } from "../fields";

function AddVacancyForm({ posts, postId, onCancel }: { posts: Post[]; postId: string; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState({ postId, basis: "competitive" as Basis, publishedOn: today(), deadline: "", en: "", ru: "", note: "" });
  const save = useApiMutation(
    () => {
      const titled = draft.en.trim() || draft.ru.trim();
      return call(
        api.vacancies.$post({
          json: {
            postId: draft.postId,
            basis: draft.basis,
            publishedOn: draft.publishedOn,
            deadline: draft.deadline,
            ...(titled ? { title: { en: draft.en, ru: draft.ru } } : {}),
            ...(draft.note.trim() ? { note: draft.note } : {}),
          },
        }),
      );
    },
    (created) => navigate(vacancyPath(created.id), { state: { created: created.id } }),
  );
  const { error, busy } = save;
  const errors = useHrErrors(error);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const open = posts.filter((p) => isOpen(p.status) || p.id === postId);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (refuseUnreadable(event)) return;
    if (!busy) save.run();
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="vacancy-form" aria-labelledby="vacancy-form-title">
      <h2 id="vacancy-form-title">{t("vacancyForm.title")}</h2>
      <HrErrorNotice error={error} shown={["postId", "basis", "publishedOn", "deadline", "title", "title.en", "title.ru", "note"]} />
      <div className="grid">
        <SelectField
          label={t("vacancy.post")}
          name="postId"
          value={draft.postId}
          onChange={set("postId")}
          error={errors.postId}
          options={[
            { value: "", label: t("hr.choosePost") },
            ...open.map((p) => ({ value: p.id, label: `${p.number} · ${p.title[lang]} (${t(`postStatus.${p.status}`)})` })),
          ]}
        />
        <SelectField
          label={t("vacancy.basis")}
          name="basis"
          value={draft.basis}
          onChange={set("basis")}
          error={errors.basis}
          options={BASES.map((b) => ({ value: b, label: t(`basis.${b}`) }))}
        />
        <DateField label={t("vacancy.publishedOn")} name="publishedOn" value={draft.publishedOn} onChange={set("publishedOn")} error={errors.publishedOn} required />
        <DateField label={t("vacancy.deadline")} name="deadline" value={draft.deadline} onChange={set("deadline")} error={errors.deadline} hint={t("vacancyForm.deadlineHint")} required />
        <TextField label={t("vacancyForm.titleEn")} name="title.en" value={draft.en} onChange={set("en")} error={errors["title.en"]} hint={t("vacancyForm.titleHint")} maxLength={300} lang="en" />
        <TextField label={t("vacancyForm.titleRu")} name="title.ru" value={draft.ru} onChange={set("ru")} error={errors["title.ru"]} maxLength={300} lang="ru" />
      </div>
      <TextAreaField label={t("vacancy.note")} name="note" value={draft.note} onChange={set("note")} error={errors.note} maxLength={2000} rows={2} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy} data-testid="save-vacancy">
          {busy ? t("common.saving") : t("vacancyForm.create")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} data-testid="cancel">
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

export function VacanciesPage() {
  const { t, lang, date, number } = useI18n();
  const session = useSession();
  const search = useSearch();
  const status = search.get("status") ?? "";
  const addFor = search.get("add");
  const posts = usePostList();
  const [adding, setAdding] = useState(addFor !== null);
  const vacancyStatus = VACANCY_STATUSES.find((s) => s === status);
  const list = useApiQuery(["vacancies", "list", { status: vacancyStatus }], () =>
    call(api.vacancies.$get({ query: vacancyStatus ? { status: vacancyStatus } : {} })).then((r) => r.items),
  );
  const rows = useMemo(() => {
    const rank: Record<Vacancy["status"], number> = { open: 0, closed: 1, filled: 2, cancelled: 3 };
    return [...(list.data ?? [])].sort((a, b) => rank[a.status] - rank[b.status] || b.publishedOn.localeCompare(a.publishedOn));
  }, [list.data]);

  return (
    <div className="page hr-page" data-testid="vacancies-page">
      <div className="page-head">
        <div>
          <h1>{t("vacancies.title")}</h1>
          <p className="muted">{t("vacancies.intro")}</p>
        </div>
        {session.can("createVacancy") && !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)} data-testid="add-vacancy">
            {t("vacancies.add")}
          </button>
        )}
      </div>

      {adding && session.can("createVacancy") && (
        <AddVacancyForm
          posts={posts.data ?? []}
          postId={addFor ?? ""}
          onCancel={() => {
            setAdding(false);
            setQuery({ add: undefined });
          }}
        />
      )}

      <div className="toolbar" role="search" data-testid="vacancy-filters">
        <div className="field field--inline">
          <label htmlFor="filter-status">{t("vacancy.status")}</label>
          <select id="filter-status" name="status" value={status} onChange={(e) => setQuery({ status: e.target.value })} data-testid="filter-status">
            <option value="">{t("vacancies.allStatuses")}</option>
            {VACANCY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`vacancyStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      {!list.data && list.loading && <Loading />}
      {list.data && (
        <div className="table-wrap" {...scrollRegion(t("vacancies.title"))}>
          <table className="table table--clickable" data-testid="vacancies-table">
            <caption className="visually-hidden">{t("vacancies.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("vacancy.titleCol")}</th>
                <th scope="col">{t("vacancy.post")}</th>
                <th scope="col">{t("vacancy.basis")}</th>
                <th scope="col">{t("vacancy.publishedOn")}</th>
                <th scope="col">{t("vacancy.deadline")}</th>
                <th scope="col" className="num">{t("vacancy.recommendations")}</th>
                <th scope="col">{t("vacancy.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => {
                const post = posts.byId.get(v.postId);
                const deadlinePassed = takesRecommendations(v.status) && v.deadlinePassed;
                return (
                  <tr key={v.id} data-id={v.id} data-status={v.status} data-post-id={v.postId} onClick={() => navigate(vacancyPath(v.id))}>
                    <td>
                      <Link to={vacancyPath(v.id)} onClick={(e) => e.stopPropagation()} data-testid="open-vacancy">
                        {v.title[lang]}
                      </Link>
                    </td>
                    <td className="nowrap">
                      {post ? (
                        <Link to={postPath(post.id)} onClick={(e) => e.stopPropagation()} className="code">
                          {post.number}
                        </Link>
                      ) : (
                        <span className="muted">{t("common.none")}</span>
                      )}
                    </td>
                    <td>{t(`basis.${v.basis}`)}</td>
                    <td className="nowrap">{date(v.publishedOn)}</td>
                    <td className="nowrap">
                      {date(v.deadline)}
                      {deadlinePassed && <span className="muted small block">{t("vacancy.deadlinePassed")}</span>}
                    </td>
                    <td className="num">{number(v.recommendations.length)}</td>
                    <td>
                      <VacancyStatusBadge status={v.status} />
                    </td>
                  </tr>
                );
              })}
              {rows.length === 0 && (
                <tr className="empty-row">
                  <td colSpan={7} data-testid="vacancies-empty">
                    {status ? t("vacancies.noMatch") : t("vacancies.empty")}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
