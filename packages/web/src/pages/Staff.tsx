/** /staff: the staff matrix as of a date, grouped by category; hr adds posts. */
import { useMemo, useState, type FormEvent } from "react";
import { api, call } from "../api";
import {
  CATEGORIES,
  FUNDING,
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
  type Funding,
} from "../hr";
import { useI18n } from "../i18n";
import { Link, navigate, setQuery, useSearch, withQuery } from "../router";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { LoadError, Loading, scrollRegion, SelectField, TextField } from "../ui";
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
        <SelectField
          label={t("post.category")}
          name="category"
          value={draft.category}
          onChange={set("category")}
          error={errors.category}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        />
        <TextField label={t("post.titleEn")} name="title.en" value={draft.en} onChange={set("en")} error={errors["title.en"]} maxLength={300} lang="en" required />
        <TextField label={t("post.titleRu")} name="title.ru" value={draft.ru} onChange={set("ru")} error={errors["title.ru"]} maxLength={300} lang="ru" required />
        <TextField label={t("post.grade")} name="grade" value={draft.grade} onChange={set("grade")} error={errors.grade} hint={t("postForm.gradeHint")} maxLength={20} />
        <TextField label={t("post.unit")} name="unit" value={draft.unit} onChange={set("unit")} error={errors.unit} maxLength={200} />
        <SelectField
          label={t("post.funding")}
          name="funding"
          value={draft.funding}
          onChange={set("funding")}
          error={errors.funding}
          options={FUNDING.map((f) => ({ value: f, label: t(`funding.${f}`) }))}
        />
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
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy} data-testid="save-post">
          {busy ? t("common.saving") : t("postForm.create")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} data-testid="cancel">
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

export function StaffPage() {
  const { t, lang, date, number } = useI18n();
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

  const groups = useMemo(() => {
    const items = posts.data ?? [];
    return CATEGORIES.map((category) => ({
      category,
      posts: items.filter((p) => p.category === category).sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true })),
    })).filter((g) => g.posts.length > 0);
  }, [posts.data]);

  const counts = useMemo(() => {
    const c = { vacant: 0, filled: 0, frozen: 0, abolished: 0 };
    for (const p of posts.data ?? []) c[p.status]++;
    return c;
  }, [posts.data]);

  const isToday = !chosen;

  return (
    <div className="page hr-page staff-page" data-testid="staff-page" data-as-of={asOf}>
      <div className="page-head">
        <div>
          <h1>{t("staff.title")}</h1>
          <p className="muted">{t("staff.intro")}</p>
        </div>
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
      </div>

      {adding && <AddPostForm onCancel={() => setAdding(false)} />}

      <div className="toolbar" role="search" data-testid="staff-filters">
        <DateField label={t("staff.asOf")} name="asOf" value={asOf} onChange={(v) => setQuery({ asOf: isDate(v) ? v : undefined })} className="field--inline" formatHint={false} data-testid="as-of" />
        {!isToday && (
          <button type="button" className="button button--secondary" onClick={() => setQuery({ asOf: undefined })} data-testid="as-of-today">
            {t("staff.backToToday")}
          </button>
        )}
        <div className="field field--inline">
          <label htmlFor="staff-status">{t("post.status")}</label>
          <select id="staff-status" name="status" value={status} onChange={(e) => setQuery({ status: e.target.value })} data-testid="filter-status">
            <option value="">{t("staff.allStatuses")}</option>
            {POST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`postStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <a className="button button--secondary toolbar-end" href={withQuery("/api/posts.csv", { asOf: isToday ? undefined : asOf })} download data-testid="staff-csv">
          {t("staff.csv")}
        </a>
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

      {posts.error ? <LoadError error={posts.error} retry={posts.reload} /> : null}
      {!posts.data && posts.loading && <Loading />}
      {posts.data && (
        <div className="table-wrap" {...scrollRegion(t("staff.title"))}>
          <table className="table table--clickable staff-table" data-testid="staff-table">
            <caption className="visually-hidden">{t("staff.caption", { date: date(asOf) })}</caption>
            <thead>
              <tr>
                <th scope="col" className="col-number">{t("post.number")}</th>
                <th scope="col">{t("post.title")}</th>
                <th scope="col">{t("post.grade")}</th>
                <th scope="col">{t("post.funding")}</th>
                <th scope="col">{t("post.status")}</th>
                <th scope="col">{t("post.incumbent")}</th>
              </tr>
            </thead>
            {groups.map((g) => (
              <tbody key={g.category} data-category={g.category}>
                <tr className="group-row">
                  <th scope="colgroup" colSpan={6}>
                    {t(`category.${g.category}`)} <span className="muted count">({number(g.posts.length)})</span>
                  </th>
                </tr>
                {g.posts.map((p) => (
                  <tr
                    key={p.id}
                    data-number={p.number}
                    data-id={p.id}
                    data-status={p.status}
                    className={`post-row post-row--${p.status}`}
                    onClick={() => navigate(postPath(p.id))}
                  >
                    <td className="code nowrap">
                      <Link to={postPath(p.id)} onClick={(e) => e.stopPropagation()} data-testid="open-post">
                        {p.number}
                      </Link>
                    </td>
                    <td>
                      <span className="post-title" data-testid="post-title">{p.title[lang]}</span>
                      {p.unit && <span className="muted small block">{p.unit}</span>}
                    </td>
                    <td className="nowrap">{p.grade ?? <span className="muted">{t("common.none")}</span>}</td>
                    <td>{t(`funding.${p.funding}`)}</td>
                    <td>
                      <PostStatusBadge status={p.status} />
                    </td>
                    <td data-testid="incumbent">
                      {p.incumbent ? (
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
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
            {groups.length === 0 && (
              <tbody>
                <tr className="empty-row">
                  <td colSpan={6} data-testid="staff-empty">
                    {status ? t("staff.noMatch") : t("staff.empty")}
                  </td>
                </tr>
              </tbody>
            )}
          </table>
        </div>
      )}
    </div>
  );
}
