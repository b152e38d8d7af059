/**
 * /vacancies/:id — one vacancy: details, the candidates member states recommended
 * (late ones marked), shortlist / select / not selected, and the fill that
 * appoints a shortlisted or selected candidate to the post; the audit trail.
 */
import { useState, type FormEvent } from "react";
import { isLate, STATUS_CHANGES, takesRecommendations } from "@tracker/core/vacancy/rules";
import { api, ApiError, call, seg, type Json } from "../api";
import { Confirm } from "../confirm";
import {
  BASES,
  HrErrorNotice,
  isDate,
  LateBadge,
  Nationality,
  Period,
  postPath,
  PostStatusBadge,
  RecommendationStatusBadge,
  today,
  useHrErrors,
  useMemberStates,
  VacancyStatusBadge,
  type Recommendation,
  type RecommendationStatus,
  type Vacancy,
} from "../hr";
import { useI18n, type Key } from "../i18n";
import { justCreated, Link } from "../router";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { BackLink, ErrorNotice, FormActions, RecordFrame, RecordTable, SelectField, SuccessNotice, TextAreaField, TextField } from "../ui";
import { DateField, refuseUnreadable } from "../fields";
import { History, usePeople } from "./History";

function Back() {
  const { t } = useI18n();
  return <BackLink to="/vacancies" testId="back-to-vacancies" label={t("vacancy.back")} />;
}

function RecommendForm({ v, onSaved, onCancel }: { v: Vacancy; onSaved: () => void; onCancel: () => void }) {
  const { t, date } = useI18n();
  const states = useMemberStates();
  const [draft, setDraft] = useState({ stateCode: "", candidateName: "", nationality: "", receivedOn: today(), note: "" });
  const [late, setLate] = useState(false);
  const save = useApiMutation((json: Json<(typeof api.vacancies)[":id"]["recommendations"]["$post"]>) =>
    call(api.vacancies[":id"].recommendations.$post({ param: { id: seg(v.id) }, json })), onSaved);
  const { error, busy } = save;
  const errors = useHrErrors(error);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const afterDeadline = isDate(draft.receivedOn) && isLate(draft.receivedOn, v.deadline);

  const body = () => ({
    stateCode: draft.stateCode,
    candidateName: draft.candidateName,
    receivedOn: draft.receivedOn,
    ...(draft.nationality ? { nationality: draft.nationality } : {}),
    ...(afterDeadline && late ? { late: true } : {}),
    ...(draft.note.trim() ? { note: draft.note } : {}),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (refuseUnreadable(event)) return;
    if (busy) return;
    save.run(body());
  };
  // The warning of a likely duplicate, with "Record anyway".
  const duplicate = error instanceof ApiError && error.code === "recommendation.likely_duplicate" ? error.params : undefined;

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="recommendation-form" aria-labelledby="recommend-title">
      <h2 id="recommend-title">{t("recommendForm.title")}</h2>
      <p className="muted">{t("recommendForm.intro", { date: date(v.deadline) })}</p>
      {duplicate ? (
        <Confirm
          testId="duplicate-warning"
          title={t("recommendation.likely_duplicate", { ...duplicate, state: states.nameOf(String(duplicate.state)), date: date(String(duplicate.date)) })}
          confirmLabel={t("recommendForm.recordAnyway")}
          busyLabel={t("common.saving")}
          busy={busy}
          danger={false}
          onConfirm={() => save.run({ ...body(), confirmDuplicate: true })}
          onCancel={save.reset}
          confirmTestId="record-anyway"
          cancelTestId="cancel-duplicate"
        >
          <p>
            <a href={`#recommendation-${String(duplicate.id)}`} data-testid="duplicate-link">
              {t("recommendForm.openDuplicate", { candidate: String(duplicate.candidate) })}
            </a>
          </p>
        </Confirm>
      ) : (
        <HrErrorNotice error={error} shown={["stateCode", "candidateName", "nationality", "receivedOn", "late", "note"]} />
      )}
      <div className="grid">
        <SelectField
          label={t("recommendation.state")}
          name="stateCode"
          value={draft.stateCode}
          onChange={set("stateCode")}
          error={errors.stateCode}
          options={states.options(t("hr.chooseState"))}
        />
        <TextField label={t("recommendation.candidate")} name="candidateName" value={draft.candidateName} onChange={set("candidateName")} error={errors.candidateName} maxLength={200} required />
        <SelectField
          label={t("recommendation.nationality")}
          name="nationality"
          value={draft.nationality}
          onChange={set("nationality")}
          error={errors.nationality}
          options={[{ value: "", label: t("recommendForm.sameAsState") }, ...states.options("").slice(1)]}
        />
        <DateField label={t("recommendation.receivedOn")} name="receivedOn" value={draft.receivedOn} onChange={set("receivedOn")} error={errors.receivedOn} required />
      </div>
      {afterDeadline && (
        <div className="late-choice" data-testid="late-choice">
          <label className="check">
            <input type="checkbox" name="late" checked={late} onChange={(e) => setLate(e.target.checked)} data-testid="late-checkbox" />
            {t("recommendForm.acceptLate", { date: date(v.deadline) })}
          </label>
          <p className="field-hint">{t("recommendForm.lateHint")}</p>
        </div>
      )}
      <TextAreaField label={t("recommendation.note")} name="note" value={draft.note} onChange={set("note")} error={errors.note} maxLength={2000} rows={2} />
      <FormActions label={t("recommendForm.save")} busy={busy} testId="save-recommendation" onCancel={onCancel} />
    </form>
  );
}

function FillForm({ v, initial, onSaved, onCancel, onReload }: { v: Vacancy; initial?: string; onSaved: (v: Vacancy) => void; onCancel: () => void; onReload: () => void }) {
  const { t, date } = useI18n();
  const states = useMemberStates();
  const eligible = v.recommendations.filter((r) => r.canFill);
  const [recommendationId, setRecommendationId] = useState(initial ?? v.selectedRecommendationId ?? (eligible.length === 1 ? eligible[0]!.id : ""));
  const [startOn, setStartOn] = useState(today());
  const [endOn, setEndOn] = useState("");
  const save = useApiMutation(
    () => call(api.vacancies[":id"].fill.$post({ param: { id: seg(v.id) }, json: { recommendationId, startOn, ...(endOn ? { endOn } : {}), version: v.version } })),
    onSaved,
  );
  const { error, busy } = save;
  const errors = useHrErrors(error);
  const [confirming, setConfirming] = useState(false);
  const chosen = eligible.find((r) => r.id === recommendationId);
  const others = v.recommendations.filter((r) => r.id !== recommendationId && (r.status === "received" || r.status === "shortlisted")).length;

  // Asks first, naming the candidate; with no candidate chosen the API names the field.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (refuseUnreadable(event)) return;
    if (busy) return;
    if (chosen && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    save.run();
  };

  return (
    <form className="panel form fill-panel" onSubmit={submit} noValidate data-testid="fill-form" aria-labelledby="fill-title">
      <h2 id="fill-title">{t("fill.title")}</h2>
      <p className="muted">{t("fill.intro")}</p>
      <HrErrorNotice error={error} onReload={onReload} shown={["recommendationId", "startOn", "endOn"]} />
      <div className="grid">
        <SelectField
          label={t("fill.candidate")}
          name="recommendationId"
          value={recommendationId}
          onChange={setRecommendationId}
          error={errors.recommendationId}
          options={[
            { value: "", label: t("fill.chooseCandidate") },
            ...eligible.map((r) => ({
              value: r.id,
              label: `${r.candidateName} · ${states.nameOf(r.stateCode)} (${t(`recommendationStatus.${r.status}`)})`,
            })),
          ]}
        />
        <DateField label={t("fill.startOn")} name="startOn" value={startOn} onChange={setStartOn} error={errors.startOn} required />
        <DateField label={t("fill.endOn")} name="endOn" value={endOn} onChange={setEndOn} error={errors.endOn} hint={t("fill.endOnHint")} />
      </div>
      <p className="muted small">{t("fill.effect", { date: date(startOn) || startOn })}</p>
      {confirming && chosen ? (
        <Confirm
          testId="fill-confirm"
          title={t("fill.confirmTitle", { name: chosen.candidateName, state: states.nameOf(chosen.stateCode) })}
          confirmLabel={t("fill.confirm")}
          busyLabel={t("common.saving")}
          busy={busy}
          onConfirm={() => {
            setConfirming(false);
            save.run();
          }}
          onCancel={() => setConfirming(false)}
          confirmTestId="confirm-fill"
          cancelTestId="cancel-fill"
        >
          <p>{t("fill.confirmText", { date: date(startOn) || startOn, n: others })}</p>
        </Confirm>
      ) : (
        <FormActions label={t("fill.save")} busy={busy} testId="save-fill" onCancel={onCancel} />
      )}
    </form>
  );
}

function EditVacancyForm({ v, onSaved, onCancel, onReload }: { v: Vacancy; onSaved: (v: Vacancy) => void; onCancel: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ en: v.title.en, ru: v.title.ru, basis: v.basis, publishedOn: v.publishedOn, deadline: v.deadline, note: v.note ?? "" });
  const save = useApiMutation(
    () =>
      call(
        api.vacancies[":id"].$patch({
          param: { id: seg(v.id) },
          json: {
            title: { en: draft.en, ru: draft.ru },
            basis: draft.basis,
            publishedOn: draft.publishedOn,
            deadline: draft.deadline,
            note: draft.note.trim() ? draft.note : null,
            version: v.version,
          },
        }),
      ),
    onSaved,
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
    <form className="panel form" onSubmit={submit} noValidate data-testid="edit-vacancy-form" aria-labelledby="edit-vacancy-title">
      <h2 id="edit-vacancy-title">{t("vacancyForm.editTitle")}</h2>
      <HrErrorNotice error={error} onReload={onReload} shown={["title.en", "title.ru", "basis", "publishedOn", "deadline", "note"]} />
      <div className="grid">
        <TextField label={t("vacancyForm.titleEn")} name="title.en" value={draft.en} onChange={set("en")} error={errors["title.en"]} maxLength={300} lang="en" />
        <TextField label={t("vacancyForm.titleRu")} name="title.ru" value={draft.ru} onChange={set("ru")} error={errors["title.ru"]} maxLength={300} lang="ru" />
        <SelectField label={t("vacancy.basis")} name="basis" value={draft.basis} onChange={set("basis")} error={errors.basis} options={BASES.map((b) => ({ value: b, label: t(`basis.${b}`) }))} />
        <DateField label={t("vacancy.publishedOn")} name="publishedOn" value={draft.publishedOn} onChange={set("publishedOn")} error={errors.publishedOn} />
        <DateField label={t("vacancy.deadline")} name="deadline" value={draft.deadline} onChange={set("deadline")} error={errors.deadline} />
      </div>
      <TextAreaField label={t("vacancy.note")} name="note" value={draft.note} onChange={set("note")} error={errors.note} maxLength={2000} rows={2} />
      <FormActions label={t("common.save")} busy={busy} testId="save-vacancy" onCancel={onCancel} />
    </form>
  );
}

/** The button for a move the server allows (`allowedTransitions`): its label and test id. */
function moveButton(from: RecommendationStatus, to: RecommendationStatus): { key: Key; testId: string } {
  if (to === "selected") return { key: "recommendation.select", testId: "select" };
  if (to === "not_selected") return { key: "recommendation.notSelect", testId: "not-select" };
  if (from === "selected") return { key: "recommendation.deselect", testId: "deselect" };
  if (from === "not_selected") return { key: "recommendation.reconsider", testId: "shortlist" };
  return { key: "recommendation.shortlist", testId: "shortlist" };
}

/** The button for a status change the rules offer: its label and test id. */
const STATUS_BUTTONS: Record<"open" | "closed" | "cancelled", { key: Key; testId: string }> = {
  closed: { key: "vacancy.close", testId: "close-vacancy" },
  open: { key: "vacancy.reopen", testId: "reopen-vacancy" },
  cancelled: { key: "vacancy.cancel", testId: "cancel-vacancy" },
};

type Notice = "created" | "recommended" | "updated" | "filled" | "saved" | "status";

export function VacancyPage({ id }: { id: string }) {
  const { t, lang, date, dateTime, number } = useI18n();
  const person = usePeople("vacancy", id);
  const session = useSession();
  const isHr = session.can("updateVacancy");
  const states = useMemberStates();
  const record = useApiQuery(["vacancies", id], () => call(api.vacancies[":id"].$get({ param: { id: seg(id) } })));
  const v = record.data;
  const post = useApiQuery(["posts", v?.postId, ""], () => call(api.posts[":id"].$get({ param: { id: seg(v?.postId ?? "") }, query: {} })), { enabled: !!v });
  const [mode, setMode] = useState<"view" | "recommend" | "fill" | "edit">("view");
  const [fillWith, setFillWith] = useState<string>();
  const [notice, setNotice] = useState<Notice | undefined>(() =>
    justCreated(id) ? "created" : undefined,
  );
  const moveTo = useApiMutation(
    ({ r, to }: { r: Recommendation; to: RecommendationStatus }) =>
      call(api.vacancies[":id"].recommendations[":rid"].$patch({ param: { id: seg(r.vacancyId), rid: seg(r.id) }, json: { status: to, version: r.version } })),
    () => done("updated"),
  );
  const changeStatus = useApiMutation(
    ({ status, version }: { status: "open" | "closed" | "cancelled"; version: number }) =>
      call(api.vacancies[":id"].$patch({ param: { id: seg(id) }, json: { status, version } })),
    (next) => done("status", next),
  );
  const actionError = moveTo.error ?? changeStatus.error;
  const busy = moveTo.busy || changeStatus.busy;

  if (!v) {
    return (
      <RecordFrame className="page hr-page" back={<Back />} error={record.error} retry={record.reload} notFound={{ testId: "vacancy-not-found", text: t("vacancy.notFound") }} />
    );
  }

  function done(n: Notice, next?: Vacancy) {
    if (next) record.setData(next);
    else record.reload();
    setMode("view");
    setNotice(n);
    moveTo.reset();
    changeStatus.reset();
  }
  const reload = () => {
    setMode("view");
    record.reload();
  };

  const move = (r: Recommendation, to: RecommendationStatus) => {
    if (busy) return;
    changeStatus.reset();
    setNotice(undefined);
    moveTo.run({ r, to });
  };

  const setStatus = (status: "open" | "closed" | "cancelled") => {
    if (busy) return;
    moveTo.reset();
    setNotice(undefined);
    changeStatus.run({ status, version: v.version });
  };

  const active = v.inProgress;
  const canFill = isHr && v.canFill;
  const p = post.data;
  const noticeText: Record<Notice, string> = {
    created: t("vacancy.created"),
    recommended: t("vacancy.recommended"),
    updated: t("vacancy.recommendationUpdated"),
    filled: t("vacancy.filledDone"),
    saved: t("post.saved"),
    status: t("vacancy.statusChanged", { status: t(`vacancyStatus.${v.status}`) }),
  };
  const deadlinePassed = v.deadlinePassed;

  return (
    <div className="page hr-page" data-testid="vacancy-page" data-id={v.id} data-status={v.status}>
      <Back />
      <div className="page-head">
        <div>
          <h1 data-testid="vacancy-title">{v.title[lang]}</h1>
          <p className="subtitle">
            {p && (
              <>
                <Link to={postPath(v.postId)} className="code">
                  {p.number}
                </Link>{" "}
                ·{" "}
              </>
            )}
            {t(`basis.${v.basis}`)} · <VacancyStatusBadge status={v.status} />
          </p>
        </div>
        {isHr && mode === "view" && (
          <div className="head-actions">
            {takesRecommendations(v.status) && (
              <button type="button" className="button" onClick={() => (setMode("recommend"), setNotice(undefined))} data-testid="add-recommendation">
                {t("vacancy.addRecommendation")}
              </button>
            )}
            {canFill && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setFillWith(undefined);
                  setMode("fill");
                  setNotice(undefined);
                }}
                data-testid="fill-vacancy"
              >
                {t("vacancy.fill")}
              </button>
            )}
            {active && (
              <button type="button" className="button button--secondary" onClick={() => (setMode("edit"), setNotice(undefined))} data-testid="edit-vacancy">
                {t("vacancy.edit")}
              </button>
            )}
            {STATUS_CHANGES[v.status].map((to) => (
              <button
                key={to}
                type="button"
                className={`button ${to === "cancelled" ? "button--danger" : "button--secondary"}`}
                disabled={busy}
                onClick={() => setStatus(to)}
                data-testid={STATUS_BUTTONS[to].testId}
              >
                {t(STATUS_BUTTONS[to].key)}
              </button>
            ))}
          </div>
        )}
      </div>

      {notice && <SuccessNotice>{noticeText[notice]}</SuccessNotice>}
      <ErrorNotice error={actionError} testId="action-error" />

      {mode === "recommend" && <RecommendForm key={`rec-${v.version}`} v={v} onSaved={() => done("recommended")} onCancel={() => setMode("view")} />}
      {mode === "fill" && (
        <FillForm key={`fill-${v.version}-${fillWith ?? ""}`} v={v} initial={fillWith} onSaved={(next) => done("filled", next)} onCancel={() => setMode("view")} onReload={reload} />
      )}
      {mode === "edit" && <EditVacancyForm key={`edit-${v.version}`} v={v} onSaved={(next) => done("saved", next)} onCancel={() => setMode("view")} onReload={reload} />}

      {v.filled && (
        <section className="panel filled-panel" aria-labelledby="filled-title" data-testid="filled-info">
          <h2 id="filled-title">{t("vacancy.filledTitle")}</h2>
          <p>
            {t("vacancy.filledBy", { name: v.filled.candidateName, state: states.nameOf(v.filled.stateCode) })}{" "}
            <span className="muted">
              (<Period from={v.filled.startOn} to={v.filled.endOn} />)
            </span>
          </p>
          <p>
            <Link to={postPath(v.postId)} data-testid="filled-post-link">
              {p ? `${p.number} · ${p.title[lang]}` : t("secondment.openPost")}
            </Link>{" "}
            {p && <PostStatusBadge status={p.status} />}
          </p>
          <p className="muted small">{t("vacancy.filledAt", { when: dateTime(v.filled.filledAt), who: v.filled.filledBy })}</p>
        </section>
      )}

      <section className="panel" aria-labelledby="vacancy-details-title">
        <h2 id="vacancy-details-title">{t("vacancy.details")}</h2>
        <dl className="details" data-testid="vacancy-details">
          <div>
            <dt>{t("vacancy.post")}</dt>
            <dd>
              <Link to={postPath(v.postId)}>{p ? `${p.number} · ${p.title[lang]}` : t("secondment.openPost")}</Link>
            </dd>
          </div>
          <div>
            <dt>{t("vacancy.basis")}</dt>
            <dd>{t(`basis.${v.basis}`)}</dd>
          </div>
          <div>
            <dt>{t("vacancy.publishedOn")}</dt>
            <dd>{date(v.publishedOn)}</dd>
          </div>
          <div>
            <dt>{t("vacancy.deadline")}</dt>
            <dd data-testid="vacancy-deadline" data-date={v.deadline}>
              {date(v.deadline)}
              {deadlinePassed && active && <span className="muted small block">{t("vacancy.deadlinePassed")}</span>}
            </dd>
          </div>
          <div>
            <dt>{t("vacancy.status")}</dt>
            <dd>
              <VacancyStatusBadge status={v.status} />
            </dd>
          </div>
        </dl>
        {v.note && <p className="description">{v.note}</p>}
        <p className="muted small">
          {t("contribution.recorded", { when: dateTime(v.createdAt), who: person(v.createdBy) })} · {t("state.version", { n: number(v.version) })}
        </p>
      </section>

      <section className="panel" aria-labelledby="recommendations-title" data-testid="recommendations">
        <h2 id="recommendations-title">
          {t("vacancy.recommendations")} <span className="muted count">({number(v.recommendations.length)})</span>
        </h2>
        <p className="muted">{t("vacancy.recommendationsIntro")}</p>
        <RecordTable
          label={t("vacancy.recommendations")}
          testId="recommendations-table"
          empty={{ testId: "no-recommendations", text: t("vacancy.noRecommendations") }}
          head={[
            t("recommendation.state"),
            t("recommendation.candidate"),
            t("recommendation.receivedOn"),
            t("recommendation.status"),
            isHr && active && { key: "actions", className: "actions", label: <span className="visually-hidden">{t("recommendation.actions")}</span> },
          ]}
          rows={v.recommendations}
          row={(r) => (
            <tr key={r.id} id={`recommendation-${r.id}`} data-id={r.id} data-state={r.stateCode} data-status={r.status} className={r.status === "not_selected" ? "is-past" : undefined}>
              <td className="state-name">{states.nameOf(r.stateCode)}</td>
              <td>
                <span data-testid="candidate-name">{r.candidateName}</span>
                {r.nationality !== r.stateCode && (
                  <span className="muted small block">
                    <Nationality code={r.nationality} nameOf={states.nameOf} />
                  </span>
                )}
                {r.note && <span className="muted small block">{r.note}</span>}
              </td>
              <td className="nowrap">
                {date(r.receivedOn)} {r.late && <LateBadge />}
              </td>
              <td>
                <RecommendationStatusBadge status={r.status} />
              </td>
              {isHr && active && (
                <td className="actions">
                  <div className="row-actions">
                    {r.allowedTransitions.map((to) => (
                      <button
                        key={to}
                        type="button"
                        className="button button--secondary button--small"
                        disabled={busy}
                        onClick={() => move(r, to)}
                        data-testid={moveButton(r.status, to).testId}
                      >
                        {t(moveButton(r.status, to).key)}
                      </button>
                    ))}
                    {r.canFill && (
                      <button
                        type="button"
                        className="button button--small"
                        disabled={busy}
                        onClick={() => {
                          setFillWith(r.id);
                          setMode("fill");
                          setNotice(undefined);
                        }}
                        data-testid="fill-with"
                      >
                        {t("recommendation.appoint")}
                      </button>
                    )}
                  </div>
                </td>
              )}
            </tr>
          )}
        />
      </section>

      <History entity="vacancy" id={v.id} />
    </div>
  );
}
