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
import * as Views from "@tracker/core/export/views";
import { Link, navigate, setQuery, useSearch } from "../router";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { ExportLinks, Table, type Column } from "../table";
import { FilterSelect, FormActions, Loaded, PageHead, SelectField, TextAreaField, TextField } from "../ui";
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
      <FormActions label={t("vacancyForm.create")} busy={busy} testId="save-vacancy" onCancel={onCancel} cancelTestId="cancel" />
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
  const context = useMemo(
    () => ({ lang, stateName: (code: string) => code, postNumber: (id: string) => posts.byId.get(id)?.number ?? "" }),
    [lang, posts.byId],
  );
  const columns: Column<Vacancy>[] = [
    {
      key: "title",
      header: t("vacancy.titleCol"),
      cell: (v) => (
        <Link to={vacancyPath(v.id)} onClick={(e) => e.stopPropagation()} data-testid="open-vacancy">
          {v.title[lang]}
        </Link>
      ),
    },
    {
      key: "post",
      header: t("vacancy.post"),
      className: "nowrap",
      cell: (v) => {
        const post = posts.byId.get(v.postId);
        return post ? (
          <Link to={postPath(post.id)} onClick={(e) => e.stopPropagation()} className="code">
            {post.number}
          </Link>
        ) : (
          <span className="muted">{t("common.none")}</span>
        );
      },
    },
    { key: "basis", header: t("vacancy.basis"), cell: (v) => t(`basis.${v.basis}`) },
    { key: "published", header: t("vacancy.publishedOn"), className: "nowrap", cell: (v) => date(v.publishedOn) },
    {
      key: "deadline",
      header: t("vacancy.deadline"),
      className: "nowrap",
      cell: (v) => (
        <>
          {date(v.deadline)}
          {takesRecommendations(v.status) && v.deadlinePassed && <span className="muted small block">{t("vacancy.deadlinePassed")}</span>}
        </>
      ),
    },
    { key: "recommendations", header: t("vacancy.recommendations"), className: "num", cell: (v) => number(v.recommendations.length) },
    { key: "status", header: t("vacancy.status"), cell: (v) => <VacancyStatusBadge status={v.status} /> },
  ];

  return (
    <div className="page hr-page" data-testid="vacancies-page">
      <PageHead title={t("vacancies.title")} intro={t("vacancies.intro")}>
        {session.can("createVacancy") && !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)} data-testid="add-vacancy">
            {t("vacancies.add")}
          </button>
        )}
      </PageHead>

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
        <FilterSelect
          name="status"
          label={t("vacancy.status")}
          value={status}
          all={t("vacancies.allStatuses")}
          options={VACANCY_STATUSES.map((s) => ({ value: s, label: t(`vacancyStatus.${s}`) }))}
        />
        <ExportLinks path="/api/exports/vacancies" params={{ status: vacancyStatus }} testId="vacancies-csv" />
      </div>

      <Loaded query={list}>
        {(rows) => (
          <Table
            testId="vacancies-table"
            label={t("vacancies.title")}
            columns={columns}
            rows={rows}
            view={Views.vacancies}
            context={context}
            rowKey={(v) => v.id}
            rowProps={(v) => ({ "data-id": v.id, "data-status": v.status, "data-post-id": v.postId, onClick: () => navigate(vacancyPath(v.id)) })}
            empty={status ? t("vacancies.noMatch") : t("vacancies.empty")}
            searchHint={t("vacancies.searchHint")}
          />
        )}
      </Loaded>
    </div>
  );
}
