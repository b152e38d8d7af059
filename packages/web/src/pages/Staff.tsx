/** /staff: the staff matrix as of a date, grouped by category; hr adds posts. */
import { useMemo, useState, type FormEvent } from "react";
import { api, call } from "../api";
import {
  CATEGORIES,
  CategoryField,
  FundingField,
  HrErrorNotice,
  isDate,
  Nationality,
  Period,
  POST_STATUSES,
  PostStatusBadge,
  postPath,
  secondmentPath,
  today,
  useHrErrors,
  useMemberStates,
  vacancyPath,
  type Category,
  type Post,
  type Funding,
} from "../hr";
import { useI18n } from "../i18n";
import { useMoney } from "../finance";
import * as Views from "@tracker/core/export/views";
import { Link, navigate, setQuery, useSearch } from "../router";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { ExportLinks, Table, type Column } from "../table";
import { FilterSelect, FormActions, Loaded, PageHead, SelectField, TextField } from "../ui";
import { DateField, refuseUnreadable } from "../fields";

function AddPostForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  const states = useMemberStates();
  const [draft, setDraft] = useState({
    number: "",
    en: "",
    ru: "",
    category: "senior_officer" as Category,
    grade: "",
    unit: "",
    funding: "secondment" as Funding,
    status: "",
    incumbentName: "",
    incumbentNationality: "",
    incumbentSince: "",
  });
  const save = useApiMutation(
    () => {
      const named = draft.incumbentName.trim() || draft.incumbentNationality;
      return call(
        api.posts.$post({
          json: {
            number: draft.number,
            title: { en: draft.en, ru: draft.ru },
            category: draft.category,
            funding: draft.funding,
            ...(draft.grade.trim() ? { grade: draft.grade } : {}),
            ...(draft.unit.trim() ? { unit: draft.unit } : {}),
            ...(draft.status === "frozen" ? { status: "frozen" as const } : {}),
            ...(named
              ? {
                  incumbent: {
                    name: draft.incumbentName,
                    nationality: draft.incumbentNationality,
                    ...(draft.incumbentSince ? { since: draft.incumbentSince } : {}),
                  },
                }
              : {}),
          },
        }),
      );
    },
    (created) => navigate(postPath(created.id), { state: { created: created.id } }),
  );
  const { error, busy } = save;
  const errors = useHrErrors(error);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (refuseUnreadable(event)) return;
    if (!busy) save.run();
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="post-form" aria-labelledby="post-form-title">
      <h2 id="post-form-title">{t("postForm.newTitle")}</h2>
      <HrErrorNotice
        error={error}
        shown={["number", "title.en", "title.ru", "category", "grade", "unit", "funding", "status", "incumbent", "incumbent.name", "incumbent.nationality", "incumbent.since"]}
      />
      <div className="grid">
        <TextField label={t("post.number")} name="number" value={draft.number} onChange={set("number")} error={errors.number} hint={t("postForm.numberHint")} maxLength={20} autoComplete="off" required />
        <CategoryField value={draft.category} onChange={set("category")} error={errors.category} />
        <TextField label={t("post.titleEn")} name="title.en" value={draft.en} onChange={set("en")} error={errors["title.en"]} maxLength={300} lang="en" required />
        <TextField label={t("post.titleRu")} name="title.ru" value={draft.ru} onChange={set("ru")} error={errors["title.ru"]} maxLength={300} lang="ru" required />
        <TextField label={t("post.grade")} name="grade" value={draft.grade} onChange={set("grade")} error={errors.grade} hint={t("postForm.gradeHint")} maxLength={20} />
        <TextField label={t("post.unit")} name="unit" value={draft.unit} onChange={set("unit")} error={errors.unit} maxLength={200} />
        <FundingField value={draft.funding} onChange={set("funding")} error={errors.funding} />
        <SelectField
          label={t("post.status")}
          name="status"
          value={draft.status}
          onChange={set("status")}
          error={errors.status}
          options={[
            { value: "", label: t("postForm.statusDefault") },
            { value: "frozen", label: t("postStatus.frozen") },
          ]}
        />
      </div>
      <fieldset className="subform">
        <legend className="subform-title">{t("postForm.incumbent")}</legend>
        <p className="muted small">{t("postForm.incumbentHint")}</p>
        <div className="grid">
          <TextField label={t("post.incumbentName")} name="incumbent.name" value={draft.incumbentName} onChange={set("incumbentName")} error={errors["incumbent.name"] ?? errors.incumbent} maxLength={200} />
          <SelectField
            label={t("post.nationality")}
            name="incumbent.nationality"
            value={draft.incumbentNationality}
            onChange={set("incumbentNationality")}
            error={errors["incumbent.nationality"]}
            options={states.options(t("hr.chooseState"))}
          />
          <DateField label={t("post.since")} name="incumbent.since" value={draft.incumbentSince} onChange={set("incumbentSince")} error={errors["incumbent.since"]} hint={t("hr.todayIfEmpty")} />
        </div>
      </fieldset>
      <FormActions label={t("postForm.create")} busy={busy} testId="save-post" onCancel={onCancel} cancelTestId="cancel" />
    </form>
  );
}

export function StaffPage() {
  const { t, lang, date, number } = useI18n();
  const { usd } = useMoney();
  const session = useSession();
  const search = useSearch();
  const asOfParam = search.get("asOf");
  // Without a chosen date the server answers as of its own today (UTC), and says which day that is.
  const chosen = isDate(asOfParam) ? asOfParam : undefined;
  const status = search.get("status") ?? "";
  const states = useMemberStates();
  const [adding, setAdding] = useState(false);
  const postStatus = POST_STATUSES.find((s) => s === status);
  const posts = useApiQuery(["posts", "list", { asOf: chosen, status: postStatus }], () =>
    call(api.posts.$get({ query: { ...(chosen ? { asOf: chosen } : {}), ...(postStatus ? { status: postStatus } : {}) } })).then((r) => r.items),
  );
  const asOf = chosen ?? posts.data?.[0]?.asOf ?? today();

  const context = useMemo(() => ({ lang, stateName: states.nameOf, postNumber: () => "" }), [lang, states.nameOf]);
  const columns: Column<Post>[] = [
    {
      key: "number",
      header: t("post.number"),
      className: "code nowrap col-number",
      cell: (p) => (
        <Link to={postPath(p.id)} onClick={(e) => e.stopPropagation()} data-testid="open-post">
          {p.number}
        </Link>
      ),
    },
    {
      key: "title",
      header: t("post.title"),
      cell: (p) => (
        <>
          <span className="post-title" data-testid="post-title">{p.title[lang]}</span>
          {p.unit && <span className="muted small block">{p.unit}</span>}
        </>
      ),
    },
    {
      key: "grade",
      header: t("post.grade"),
      className: "nowrap",
      cellProps: { "data-testid": "post-grade" },
      cell: (p) => (
        <>
          {p.grade ?? <span className="muted">{t("common.none")}</span>}
          {p.standardCost !== undefined && (
            <span className="muted small block" data-testid="post-cost">
              {p.standardCost ? t("post.costMonthly", { amount: usd(p.standardCost.monthlyUsd) }) : t("post.costNone")}
            </span>
          )}
        </>
      ),
    },
    { key: "funding", header: t("post.funding"), cell: (p) => t(`funding.${p.funding}`) },
    { key: "status", header: t("post.status"), cell: (p) => <PostStatusBadge status={p.status} /> },
    {
      key: "incumbent",
      header: t("post.incumbent"),
      cellProps: { "data-testid": "incumbent" },
      cell: (p) =>
        p.incumbent ? (
          <>
            <span className="incumbent-name">{p.incumbent.name}</span>
            {" · "}
            <Nationality code={p.incumbent.nationality} nameOf={states.nameOf} />
            <span className="muted small block">
              <Period from={p.incumbent.since} to={p.incumbent.until} />
              {p.incumbent.secondmentId && (
                <>
                  {" · "}
                  <Link to={secondmentPath(p.incumbent.secondmentId)} onClick={(e) => e.stopPropagation()}>
                    {t("staff.seconded")}
                  </Link>
                </>
              )}
              {p.incumbent.vacancyId && (
                <>
                  {" · "}
                  <Link to={vacancyPath(p.incumbent.vacancyId)} onClick={(e) => e.stopPropagation()}>
                    {t("staff.appointed")}
                  </Link>
                </>
              )}
            </span>
          </>
        ) : (
          <span className="muted">{t("common.none")}</span>
        ),
    },
  ];

  const counts = useMemo(() => {
    const c = { vacant: 0, filled: 0, frozen: 0, abolished: 0 };
    for (const p of posts.data ?? []) c[p.status]++;
    return c;
  }, [posts.data]);

  const isToday = !chosen;

  return (
    <div className="page hr-page staff-page" data-testid="staff-page" data-as-of={asOf}>
      <PageHead title={t("staff.title")} intro={t("staff.intro")}>
        <div className="head-actions">
          <Link to="/staff/report" className="button button--secondary" data-testid="open-hr-dashboard">
            {t("nav.hrDashboard")}
          </Link>
          {session.can("createPost") && !adding && (
            <button type="button" className="button" onClick={() => setAdding(true)} data-testid="add-post">
              {t("staff.add")}
            </button>
          )}
        </div>
      </PageHead>

      {adding && <AddPostForm onCancel={() => setAdding(false)} />}

      <div className="toolbar" role="search" data-testid="staff-filters">
        <DateField label={t("staff.asOf")} name="asOf" value={asOf} onChange={(v) => setQuery({ asOf: isDate(v) ? v : undefined })} className="field--inline" formatHint={false} data-testid="as-of" />
        {!isToday && (
          <button type="button" className="button button--secondary" onClick={() => setQuery({ asOf: undefined })} data-testid="as-of-today">
            {t("staff.backToToday")}
          </button>
        )}
        <FilterSelect
          id="staff-status"
          name="status"
          label={t("post.status")}
          value={status}
          all={t("staff.allStatuses")}
          options={POST_STATUSES.map((s) => ({ value: s, label: t(`postStatus.${s}`) }))}
        />
        <ExportLinks path="/api/exports/posts" params={{ asOf: isToday ? undefined : asOf, status }} testId="staff-csv" />
      </div>

      {posts.data && (
        <p className="staff-summary muted" data-testid="staff-summary">
          {t("staff.summary", {
            date: date(asOf),
            total: number(posts.data.length),
            filled: number(counts.filled),
            vacant: number(counts.vacant),
            frozen: number(counts.frozen + counts.abolished),
          })}
        </p>
      )}

      <Loaded query={posts}>
        {(rows) => (
          <Table
            testId="staff-table"
            className="staff-table"
            label={t("staff.caption", { date: date(asOf) })}
            columns={columns}
            rows={rows}
            view={Views.posts}
            context={context}
            rowKey={(p) => p.id}
            rowProps={(p) => ({
              "data-number": p.number,
              "data-id": p.id,
              "data-status": p.status,
              className: `post-row post-row--${p.status}`,
              onClick: () => navigate(postPath(p.id)),
            })}
            groups={{
              of: (p) => p.category,
              order: CATEGORIES,
              label: (g, n) => (
                <>
                  {t(`category.${g as Category}`)} <span className="muted count">({number(n)})</span>
                </>
              ),
            }}
            empty={status ? t("staff.noMatch") : t("staff.empty")}
            searchHint={t("staff.searchHint")}
          />
        )}
      </Loaded>
    </div>
  );
}
