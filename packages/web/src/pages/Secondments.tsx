/** /secondments: personnel seconded by member states, with filters; those ending within 90 days are marked; hr records new ones. */
import { isOpen } from "@tracker/core/post/rules";
import { useMemo, useState, type FormEvent } from "react";
import { api, ApiError, call } from "../api";
import {
  EndingSoonBadge,
  ENDING_SOON_DAYS,
  HrErrorNotice,
  Nationality,
  Period,
  postPath,
  SECONDMENT_STATUSES,
  SecondmentStatusBadge,
  secondmentPath,
  useHrErrors,
  useMemberStates,
  usePostList,
  type Post,
} from "../hr";
import { useI18n } from "../i18n";
import { Link, navigate, setQuery, useSearch } from "../router";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { LoadError, Loading, scrollRegion, SelectField, TextAreaField, TextField } from "../ui";
import { DateField, refuseUnreadable } from "../fields";

function AddSecondmentForm({ posts, onCancel }: { posts: Post[]; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const states = useMemberStates();
  const [draft, setDraft] = useState({
    personName: "",
    sendingState: "",
    nationality: "",
    postId: "",
    startOn: "",
    endOn: "",
    decisionRef: "",
    note: "",
  });
  const save = useApiMutation(
    () =>
      call(
        api.secondments.$post({
          json: {
            personName: draft.personName,
            sendingState: draft.sendingState,
            postId: draft.postId,
            startOn: draft.startOn,
            endOn: draft.endOn,
            ...(draft.nationality ? { nationality: draft.nationality } : {}),
            ...(draft.decisionRef.trim() ? { decisionRef: draft.decisionRef } : {}),
            ...(draft.note.trim() ? { note: draft.note } : {}),
          },
        }),
      ),
    (created) => navigate(secondmentPath(created.id), { state: { created: created.id } }),
  );
  const { error, busy } = save;
  const errors = useHrErrors(error);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const open = posts.filter((p) => isOpen(p.status));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (refuseUnreadable(event)) return;
    if (!busy) save.run();
  };

  const occupied = error instanceof ApiError && error.code === "post.occupied";

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="secondment-form" aria-labelledby="secondment-form-title">
      <h2 id="secondment-form-title">{t("secondmentForm.title")}</h2>
      <p className="muted">{t("secondmentForm.intro")}</p>
      <HrErrorNotice error={error} shown={["personName", "sendingState", "nationality", "postId", "startOn", "endOn", "decisionRef", "note"]} />
      <div className="grid">
        <TextField label={t("secondment.person")} name="personName" value={draft.personName} onChange={set("personName")} error={errors.personName} maxLength={200} required />
        <SelectField
          label={t("secondment.sendingState")}
          name="sendingState"
          value={draft.sendingState}
          onChange={set("sendingState")}
          error={errors.sendingState}
          options={states.options(t("hr.chooseState"))}
        />
        <SelectField
          label={t("secondment.nationality")}
          name="nationality"
          value={draft.nationality}
          onChange={set("nationality")}
          error={errors.nationality}
          options={[{ value: "", label: t("secondmentForm.sameAsSending") }, ...states.options("").slice(1)]}
        />
        <SelectField
          label={t("secondment.post")}
          name="postId"
          value={draft.postId}
          onChange={set("postId")}
          error={errors.postId ?? (occupied ? t("occupied.title") : undefined)}
          options={[
            { value: "", label: t("hr.choosePost") },
            ...open.map((p) => ({ value: p.id, label: `${p.number} · ${p.title[lang]} (${t(`postStatus.${p.status}`)})` })),
          ]}
        />
        <DateField label={t("secondment.startOn")} name="startOn" value={draft.startOn} onChange={set("startOn")} error={errors.startOn} required />
        <DateField label={t("secondment.endOn")} name="endOn" value={draft.endOn} onChange={set("endOn")} error={errors.endOn} hint={t("secondmentForm.endOnHint")} required />
        <TextField label={t("secondment.decisionRef")} name="decisionRef" value={draft.decisionRef} onChange={set("decisionRef")} error={errors.decisionRef} hint={t("secondmentForm.decisionHint")} maxLength={200} />
      </div>
      <TextAreaField label={t("secondment.note")} name="note" value={draft.note} onChange={set("note")} error={errors.note} maxLength={1000} rows={2} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy} data-testid="save-secondment">
          {busy ? t("common.saving") : t("secondmentForm.create")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} data-testid="cancel">
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

export function SecondmentsPage() {
  const { t, lang, number } = useI18n();
  const session = useSession();
  const search = useSearch();
  const state = search.get("state") ?? "";
  const status = search.get("status") ?? "";
  const soon = search.get("ending") === "soon";
  const states = useMemberStates();
  const posts = usePostList();
  const [adding, setAdding] = useState(false);
  const filters = { state, status: SECONDMENT_STATUSES.find((s) => s === status), soon };
  const list = useApiQuery(["secondments", "list", filters], () =>
      call(
        api.secondments.$get({
          query: {
            ...(state ? { state } : {}),
            ...(filters.status ? { status: filters.status } : {}),
            ...(soon ? { endingWithinDays: String(ENDING_SOON_DAYS) } : {}),
          },
        }),
      ).then((r) => r.items),
  );
  const rows = useMemo(() => {
    const rank = { active: 0, planned: 1, ended: 2 } as const;
    return [...(list.data ?? [])].sort((a, b) => rank[a.status] - rank[b.status] || a.lastOn.localeCompare(b.lastOn) || a.personName.localeCompare(b.personName));
  }, [list.data]);
  const soonCount = rows.filter((s) => s.endingSoon).length;

  return (
    <div className="page hr-page" data-testid="secondments-page">
      <div className="page-head">
        <div>
          <h1>{t("secondments.title")}</h1>
          <p className="muted">{t("secondments.intro")}</p>
        </div>
        {session.can("createSecondment") && !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)} data-testid="add-secondment">
            {t("secondments.add")}
          </button>
        )}
      </div>

      {adding && <AddSecondmentForm posts={posts.data ?? []} onCancel={() => setAdding(false)} />}

      <div className="toolbar" role="search" data-testid="secondment-filters">
        <div className="field field--inline">
          <label htmlFor="filter-state">{t("secondment.sendingState")}</label>
          <select id="filter-state" name="state" value={state} onChange={(e) => setQuery({ state: e.target.value })} data-testid="filter-state">
            {states.options(t("contributions.filter.allStates")).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="filter-status">{t("secondment.status")}</label>
          <select id="filter-status" name="status" value={status} onChange={(e) => setQuery({ status: e.target.value })} data-testid="filter-status">
            <option value="">{t("secondments.allStatuses")}</option>
            {SECONDMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`secondmentStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="check toolbar-check">
          <input type="checkbox" name="endingSoon" checked={soon} onChange={(e) => setQuery({ ending: e.target.checked ? "soon" : undefined })} data-testid="filter-ending-soon" />
          {t("secondments.onlyEndingSoon", { days: ENDING_SOON_DAYS })}
        </label>
      </div>

      {list.data && soonCount > 0 && (
        <p className="notice notice--rotation" data-testid="ending-soon-notice">
          {t("secondments.endingSoonCount", { n: number(soonCount), days: ENDING_SOON_DAYS })}
        </p>
      )}

      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      {!list.data && list.loading && <Loading />}
      {list.data && (
        <div className="table-wrap" {...scrollRegion(t("secondments.title"))}>
          <table className="table table--clickable" data-testid="secondments-table">
            <caption className="visually-hidden">{t("secondments.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("secondment.person")}</th>
                <th scope="col">{t("secondment.sendingState")}</th>
                <th scope="col">{t("secondment.post")}</th>
                <th scope="col">{t("secondment.period")}</th>
                <th scope="col">{t("secondment.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => {
                const post = posts.byId.get(s.postId);
                const soonRow = s.endingSoon;
                return (
                  <tr
                    key={s.id}
                    data-id={s.id}
                    data-state={s.sendingState}
                    data-status={s.status}
                    data-ending-soon={soonRow ? "true" : undefined}
                    className={soonRow ? "is-ending-soon" : s.status === "ended" ? "is-past" : undefined}
                    onClick={() => navigate(secondmentPath(s.id))}
                  >
                    <td>
                      <Link to={secondmentPath(s.id)} onClick={(e) => e.stopPropagation()} data-testid="open-secondment">
                        {s.personName}
                      </Link>
                      {s.nationality !== s.sendingState && (
                        <span className="muted small block">
                          <Nationality code={s.nationality} nameOf={states.nameOf} />
                        </span>
                      )}
                    </td>
                    <td className="state-name">{states.nameOf(s.sendingState)}</td>
                    <td>
                      {post ? (
                        <Link to={postPath(post.id)} onClick={(e) => e.stopPropagation()}>
                          <span className="code">{post.number}</span> {post.title[lang]}
                        </Link>
                      ) : (
                        <span className="muted">{t("common.none")}</span>
                      )}
                    </td>
                    <td className="nowrap" data-testid="period">
                      <Period from={s.startOn} to={s.lastOn} />
                      {s.extensions.length > 0 && <span className="muted small block">{t("secondments.extendedTimes", { n: number(s.extensions.length) })}</span>}
                    </td>
                    <td>
                      <SecondmentStatusBadge status={s.status} /> {soonRow && <EndingSoonBadge />}
                    </td>
                  </tr>
                );
              })}
              {rows.length === 0 && (
                <tr className="empty-row">
                  <td colSpan={5} data-testid="secondments-empty">
                    {state || status || soon ? t("secondments.noMatch") : t("secondments.empty")}
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
