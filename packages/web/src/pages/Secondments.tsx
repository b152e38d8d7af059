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
  type Secondment,
} from "../hr";
import { useI18n } from "../i18n";
import * as Views from "@tracker/core/export/views";
import { Link, navigate, setQuery, useSearch } from "../router";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { ExportLinks, Table, type Column } from "../table";
import { FilterSelect, FormActions, Loaded, PageHead, SelectField, TextAreaField, TextField } from "../ui";
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
      <FormActions label={t("secondmentForm.create")} busy={busy} testId="save-secondment" onCancel={onCancel} cancelTestId="cancel" />
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
  const soonCount = (list.data ?? []).filter((s) => s.endingSoon).length;
  const context = useMemo(
    () => ({ lang, stateName: states.nameOf, stateNames: states.namesOf, postNumber: (id: string) => posts.byId.get(id)?.number ?? "" }),
    [lang, states.nameOf, states.namesOf, posts.byId],
  );
  const columns: Column<Secondment>[] = [
    {
      key: "person",
      header: t("secondment.person"),
      cell: (s) => (
        <>
          <Link to={secondmentPath(s.id)} onClick={(e) => e.stopPropagation()} data-testid="open-secondment">
            {s.personName}
          </Link>
          {s.nationality !== s.sendingState && (
            <span className="muted small block">
              <Nationality code={s.nationality} nameOf={states.nameOf} />
            </span>
          )}
        </>
      ),
    },
    { key: "state", header: t("secondment.sendingState"), className: "state-name", cell: (s) => states.nameOf(s.sendingState) },
    {
      key: "post",
      header: t("secondment.post"),
      cell: (s) => {
        const post = posts.byId.get(s.postId);
        return post ? (
          <Link to={postPath(post.id)} onClick={(e) => e.stopPropagation()}>
            <span className="code">{post.number}</span> {post.title[lang]}
          </Link>
        ) : (
          <span className="muted">{t("common.none")}</span>
        );
      },
    },
    {
      key: "end",
      header: t("secondment.period"),
      className: "nowrap",
      cellProps: { "data-testid": "period" },
      cell: (s) => (
        <>
          <Period from={s.startOn} to={s.lastOn} />
          {s.extensions.length > 0 && <span className="muted small block">{t("secondments.extendedTimes", { n: number(s.extensions.length) })}</span>}
        </>
      ),
    },
    {
      key: "status",
      header: t("secondment.status"),
      cell: (s) => (
        <>
          <SecondmentStatusBadge status={s.status} /> {s.endingSoon && <EndingSoonBadge />}
        </>
      ),
    },
  ];

  return (
    <div className="page hr-page" data-testid="secondments-page">
      <PageHead title={t("secondments.title")} intro={t("secondments.intro")}>
        {session.can("createSecondment") && !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)} data-testid="add-secondment">
            {t("secondments.add")}
          </button>
        )}
      </PageHead>

      {adding && <AddSecondmentForm posts={posts.data ?? []} onCancel={() => setAdding(false)} />}

      <div className="toolbar" role="search" data-testid="secondment-filters">
        <FilterSelect name="state" label={t("secondment.sendingState")} value={state} options={states.options(t("contributions.filter.allStates"))} />
        <FilterSelect
          name="status"
          label={t("secondment.status")}
          value={status}
          all={t("secondments.allStatuses")}
          options={SECONDMENT_STATUSES.map((s) => ({ value: s, label: t(`secondmentStatus.${s}`) }))}
        />
        <label className="check toolbar-check">
          <input type="checkbox" name="endingSoon" checked={soon} onChange={(e) => setQuery({ ending: e.target.checked ? "soon" : undefined })} data-testid="filter-ending-soon" />
          {t("secondments.onlyEndingSoon", { days: ENDING_SOON_DAYS })}
        </label>
        <ExportLinks
          path="/api/exports/secondments"
          params={{ state, status: filters.status, endingWithinDays: soon ? ENDING_SOON_DAYS : undefined }}
          testId="secondments-csv"
        />
      </div>

      {list.data && soonCount > 0 && (
        <p className="notice notice--rotation" data-testid="ending-soon-notice">
          {t("secondments.endingSoonCount", { n: number(soonCount), days: ENDING_SOON_DAYS })}
        </p>
      )}

      <Loaded query={list}>
        {(rows) => (
          <Table
            testId="secondments-table"
            label={t("secondments.title")}
            columns={columns}
            rows={rows}
            view={Views.secondments}
            context={context}
            rowKey={(s) => s.id}
            rowProps={(s) => ({
              "data-id": s.id,
              "data-state": s.sendingState,
              "data-status": s.status,
              "data-ending-soon": s.endingSoon ? "true" : undefined,
              className: s.endingSoon ? "is-ending-soon" : s.status === "ended" ? "is-past" : undefined,
              onClick: () => navigate(secondmentPath(s.id)),
            })}
            empty={state || status || soon ? t("secondments.noMatch") : t("secondments.empty")}
            searchHint={t("secondments.searchHint")}
          />
        )}
      </Loaded>
    </div>
  );
}
