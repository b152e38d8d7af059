/** /staff/:id — one post: details, incumbencies, the effective-dated history of titles and statuses; hr renames and edits it. */
import { useState, type FormEvent } from "react";
import { inForce, mayAnnounce, scheduled, STATUS_CHANGES } from "@tracker/core/post/rules";
import { api, call, seg, type Json } from "../api";
import {
  CategoryField,
  FundingField,
  HrErrorNotice,
  isDate,
  Nationality,
  Period,
  PostStatusBadge,
  secondmentPath,
  today,
  useHrErrors,
  useMemberStates,
  vacancyPath,
  VacancyStatusBadge,
  type PostDetail,
} from "../hr";
import { useI18n } from "../i18n";
import { useMoney } from "../finance";
import { justCreated, Link, useSearch, withQuery } from "../router";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { ActionButton, BackLink, FormActions, RecordFrame, RecordTable, scrollRegion, SelectField, SuccessNotice, TextField } from "../ui";
import { DateField, refuseUnreadable } from "../fields";
import { History, usePeople } from "./History";

const getPost = (id: string, asOf?: string) =>
  call(api.posts[":id"].$get({ param: { id: seg(id) }, query: asOf ? { asOf } : {} }));

function Back() {
  const { t } = useI18n();
  return <BackLink to="/staff" testId="back-to-staff" label={t("post.back")} />;
}

function RenameForm({ post, onSaved, onCancel, onReload }: { post: PostDetail; onSaved: (p: PostDetail) => void; onCancel: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const [en, setEn] = useState(post.title.en);
  const [ru, setRu] = useState(post.title.ru);
  const [effectiveOn, setEffectiveOn] = useState(today());
  const [decisionRef, setDecisionRef] = useState("");
  const save = useApiMutation(
    () => call(api.posts[":id"].rename.$post({ param: { id: seg(post.id) }, json: { title: { en, ru }, effectiveOn, decisionRef, version: post.version } })),
    onSaved,
  );
  const { error, busy } = save;
  const errors = useHrErrors(error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (refuseUnreadable(event)) return;
    if (!busy) save.run();
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="rename-form" aria-labelledby="rename-title">
      <h2 id="rename-title">{t("rename.title")}</h2>
      <p className="muted">{t("rename.intro")}</p>
      <HrErrorNotice error={error} onReload={onReload} shown={["title", "title.en", "title.ru", "effectiveOn", "decisionRef"]} />
      {errors.title && <p className="field-error" data-error-for="title">{errors.title}</p>}
      <div className="grid grid--pairs">
        <TextField label={t("rename.newTitleEn")} name="title.en" value={en} onChange={setEn} error={errors["title.en"]} maxLength={300} lang="en" required />
        <TextField label={t("rename.newTitleRu")} name="title.ru" value={ru} onChange={setRu} error={errors["title.ru"]} maxLength={300} lang="ru" required />
      </div>
      <div className="grid grid--pairs">
        <DateField label={t("rename.effectiveOn")} name="effectiveOn" value={effectiveOn} onChange={setEffectiveOn} error={errors.effectiveOn} hint={t("rename.effectiveOnHint")} required />
        <TextField
          label={t("rename.decisionRef")}
          name="decisionRef"
          value={decisionRef}
          onChange={setDecisionRef}
          error={errors.decisionRef}
          hint={t("rename.decisionRefHint")}
          maxLength={200}
          required
        />
      </div>
      <FormActions label={t("rename.save")} busy={busy} testId="save-rename" onCancel={onCancel} />
    </form>
  );
}

function EditPostForm({ post, onSaved, onCancel, onReload }: { post: PostDetail; onSaved: (p: PostDetail) => void; onCancel: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({
    number: post.number,
    category: post.category,
    grade: post.grade ?? "",
    unit: post.unit ?? "",
    funding: post.funding,
    status: "",
    statusReason: "",
  });
  const save = useApiMutation(
    (json: Json<(typeof api.posts)[":id"]["$patch"]>) => call(api.posts[":id"].$patch({ param: { id: seg(post.id) }, json })),
    onSaved,
  );
  const { error, busy } = save;
  const [unchanged, setUnchanged] = useState(false);
  const errors = useHrErrors(error);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const statusChoices = STATUS_CHANGES[post.status];
  const newStatus = statusChoices.find((s) => s === draft.status);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (refuseUnreadable(event)) return;
    if (busy) return;
    const grade = draft.grade.trim();
    const unit = draft.unit.trim();
    const json = {
      ...(draft.number.trim().toUpperCase() !== post.number ? { number: draft.number } : {}),
      ...(draft.category !== post.category ? { category: draft.category } : {}),
      ...(draft.funding !== post.funding ? { funding: draft.funding } : {}),
      ...(grade !== (post.grade ?? "") ? { grade: grade || null } : {}),
      ...(unit !== (post.unit ?? "") ? { unit: unit || null } : {}),
      ...(newStatus ? { status: newStatus } : {}),
      ...(newStatus && draft.statusReason.trim() ? { statusReason: draft.statusReason } : {}),
    };
    if (Object.keys(json).length === 0) {
      setUnchanged(true);
      return;
    }
    setUnchanged(false);
    save.run({ ...json, version: post.version });
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="edit-post-form" aria-labelledby="edit-post-title">
      <h2 id="edit-post-title">{t("postForm.editTitle", { number: post.number })}</h2>
      <p className="muted">{t("postForm.editIntro")}</p>
      <HrErrorNotice error={error} onReload={onReload} shown={["number", "category", "grade", "unit", "funding", "status", "statusReason"]} />
      {unchanged && <p className="notice notice--info">{t("contributionForm.noChanges")}</p>}
      <div className="grid">
        <TextField label={t("post.number")} name="number" value={draft.number} onChange={set("number")} error={errors.number} maxLength={20} autoComplete="off" />
        <CategoryField value={draft.category} onChange={set("category")} error={errors.category} />
        <TextField label={t("post.grade")} name="grade" value={draft.grade} onChange={set("grade")} error={errors.grade} maxLength={20} />
        <TextField label={t("post.unit")} name="unit" value={draft.unit} onChange={set("unit")} error={errors.unit} maxLength={200} />
        <FundingField value={draft.funding} onChange={set("funding")} error={errors.funding} />
        <SelectField
          label={t("postForm.changeStatus")}
          name="status"
          value={draft.status}
          onChange={set("status")}
          error={errors.status}
          options={[
            { value: "", label: t("postForm.keepStatus", { status: t(`postStatus.${post.status}`) }) },
            ...statusChoices.map((s) => ({ value: s, label: t(s === "vacant" ? "postForm.reopen" : `postStatus.${s}`) })),
          ]}
        />
        {draft.status && (
          <TextField label={t("postForm.statusReason")} name="statusReason" value={draft.statusReason} onChange={set("statusReason")} error={errors.statusReason} hint={t("postForm.statusReasonHint")} maxLength={500} />
        )}
      </div>
      <FormActions label={t("common.save")} busy={busy} testId="save-post" onCancel={onCancel} />
    </form>
  );
}

/** The titles and statuses over time, oldest first; the title in force on the post's date (today unless asked) is marked, later ones are scheduled. */
function PostHistory({ post, nameOf }: { post: PostDetail; nameOf: (code: string) => string }) {
  const { t, lang, date, dateTime } = useI18n();
  const current = inForce(post.history.filter((h) => h.kind === "title"), post.asOf);
  const other = lang === "en" ? "ru" : "en";

  return (
    <section className="panel" aria-labelledby="post-history-title">
      <h2 id="post-history-title">{t("postHistory.title")}</h2>
      <p className="muted">{t("postHistory.intro")}</p>
      <div className="table-wrap" {...scrollRegion(t("postHistory.title"))}>
        <table className="table post-history" data-testid="post-history">
          <thead>
            <tr>
              <th scope="col">{t("postHistory.effectiveOn")}</th>
              <th scope="col">{t("postHistory.change")}</th>
              <th scope="col">{t("postHistory.basis")}</th>
              <th scope="col">{t("postHistory.recorded")}</th>
            </tr>
          </thead>
          <tbody>
            {post.history.map((h, i) => {
              const future = scheduled(h, post.asOf);
              const inForce = h === current;
              const superseded = h.kind === "title" && !inForce && !future;
              return h.kind === "title" && h.title ? (
                <tr
                  key={i}
                  data-testid="title-entry"
                  data-effective-on={h.effectiveOn ?? ""}
                  data-current={inForce ? "true" : undefined}
                  className={`title-entry${inForce ? " is-current" : ""}${future ? " is-future" : ""}${superseded ? " is-superseded" : ""}`}
                >
                  <td className="nowrap">{h.effectiveOn ? date(h.effectiveOn) : <span className="muted">{t("postHistory.fromStart")}</span>}</td>
                  <td>
                    <span className="history-kind">{t(h.effectiveOn ? "postHistory.renamed" : "postHistory.originalTitle")}</span>{" "}
                    <strong className="title-text" data-testid="title-text">{h.title[lang]}</strong>
                    {inForce && <span className="badge badge--in-force">{t("postHistory.inForce")}</span>}
                    {future && <span className="badge badge--scheduled">{t("postHistory.scheduled")}</span>}
                    <span className="muted small block" lang={other}>
                      {h.title[other]}
                    </span>
                  </td>
                  <td data-testid="decision-ref">{h.decisionRef ?? <span className="muted">{t("common.none")}</span>}</td>
                  <td className="small">{h.recordedAt ? `${dateTime(h.recordedAt)} · ${h.recordedBy ?? ""}` : ""}</td>
                </tr>
              ) : (
                <tr key={i} data-testid="status-entry" data-status={h.status} data-effective-on={h.effectiveOn ?? ""} className={future ? "is-future" : undefined}>
                  <td className="nowrap">{h.effectiveOn ? date(h.effectiveOn) : <span className="muted">{t("postHistory.fromStart")}</span>}</td>
                  <td>
                    {h.status && <PostStatusBadge status={h.status} />}
                    {h.incumbent && (
                      <span className="history-incumbent">
                        {" "}
                        {h.incumbent.name} · <Nationality code={h.incumbent.nationality} nameOf={nameOf} />
                      </span>
                    )}
                    {future && <span className="badge badge--scheduled">{t("postHistory.scheduled")}</span>}
                  </td>
                  <td>{h.reason ?? <span className="muted">{t("common.none")}</span>}</td>
                  <td className="small">{h.recordedAt ? `${dateTime(h.recordedAt)} · ${h.recordedBy ?? ""}` : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Notice = "created" | "saved" | "renamed";

export function PostPage({ id }: { id: string }) {
  const { t, lang, date, dateTime, number } = useI18n();
  const { usd } = useMoney();
  const person = usePeople("post", id);
  const session = useSession();
  const isHr = session.can("updatePost");
  const search = useSearch();
  const asOfParam = search.get("asOf");
  const asOf = isDate(asOfParam) ? asOfParam : undefined;
  const states = useMemberStates();
  const record = useApiQuery(["posts", id, asOf ?? ""], () => getPost(id, asOf));
  const vacancies = useApiQuery(["vacancies", "list", { postId: id }], () => call(api.vacancies.$get({ query: { postId: id } })).then((r) => r.items));
  const [mode, setMode] = useState<"view" | "rename" | "edit">("view");
  const [notice, setNotice] = useState<Notice | undefined>(() =>
    justCreated(id) ? "created" : undefined,
  );

  const p = record.data;
  if (!p) {
    return (
      <RecordFrame className="page hr-page" back={<Back />} error={record.error} retry={record.reload} notFound={{ testId: "post-not-found", text: t("post.notFound") }} />
    );
  }

  const saved = (next: PostDetail, n: Notice) => {
    record.setData(next);
    setMode("view");
    setNotice(n);
  };
  const other = lang === "en" ? "ru" : "en";
  const reload = () => {
    setMode("view");
    record.reload();
  };
  const openForm = (next: typeof mode) => {
    setMode(next);
    setNotice(undefined);
  };
  const noticeText: Record<Notice, string> = { created: t("post.created"), saved: t("post.saved"), renamed: t("post.renamed") };

  return (
    <div className="page hr-page" data-testid="post-page" data-id={p.id} data-status={p.status}>
      <Back />
      <div className="page-head">
        <div>
          <h1>
            <span className="code code--title">{p.number}</span> <span data-testid="post-page-title">{p.title[lang]}</span>
          </h1>
          <p className="subtitle">
            <span lang={other}>{p.title[other]}</span> · <PostStatusBadge status={p.status} />
          </p>
        </div>
        {isHr && mode === "view" && (
          <div className="head-actions">
            <ActionButton onClick={() => openForm("rename")} testId="rename-post">
              {t("post.rename")}
            </ActionButton>
            <ActionButton onClick={() => openForm("edit")} testId="edit-post" tone="secondary">
              {t("post.edit")}
            </ActionButton>
            {mayAnnounce(p.status) && (
              <Link to={withQuery("/vacancies", { add: p.id })} className="button button--secondary" data-testid="announce-vacancy">
                {t("vacancies.add")}
              </Link>
            )}
          </div>
        )}
      </div>

      {asOf && (
        <p className="notice notice--info" data-testid="post-as-of">
          {t("post.asOfNotice", { date: date(asOf) })} <Link to={`/staff/${encodeURIComponent(p.id)}`}>{t("staff.backToToday")}</Link>
        </p>
      )}
      {notice && <SuccessNotice>{noticeText[notice]}</SuccessNotice>}

      {mode === "rename" && <RenameForm key={`rename-${p.version}`} post={p} onSaved={(next) => saved(next, "renamed")} onCancel={() => setMode("view")} onReload={reload} />}
      {mode === "edit" && <EditPostForm key={`edit-${p.version}`} post={p} onSaved={(next) => saved(next, "saved")} onCancel={() => setMode("view")} onReload={reload} />}

      <section className="panel" aria-labelledby="post-details-title">
        <h2 id="post-details-title">{t("post.details")}</h2>
        <dl className="details" data-testid="post-details">
          <div>
            <dt>{t("post.number")}</dt>
            <dd className="code">{p.number}</dd>
          </div>
          <div>
            <dt>{t("post.category")}</dt>
            <dd data-testid="detail-category">{t(`category.${p.category}`)}</dd>
          </div>
          <div>
            <dt>{t("post.grade")}</dt>
            <dd>{p.grade ?? <span className="muted">{t("common.notRecorded")}</span>}</dd>
          </div>
          <div>
            <dt>{t("post.standardCost")}</dt>
            <dd data-testid="detail-cost">
              {p.standardCost ? (
                <>
                  {t("post.costMonthly", { amount: usd(p.standardCost.monthlyUsd) })}
                  <span className="muted small block">
                    {t(p.standardCost.grade === "*" ? "post.costFromCategory" : "post.costFrom", { date: date(p.standardCost.effectiveOn) })}
                  </span>
                </>
              ) : (
                <span className="muted">{t("post.costNone")}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t("post.unit")}</dt>
            <dd>{p.unit ?? <span className="muted">{t("common.notRecorded")}</span>}</dd>
          </div>
          <div>
            <dt>{t("post.funding")}</dt>
            <dd>{t(`funding.${p.funding}`)}</dd>
          </div>
          <div>
            <dt>{t("post.status")}</dt>
            <dd>
              <PostStatusBadge status={p.status} />
            </dd>
          </div>
          <div>
            <dt>{t("post.incumbent")}</dt>
            <dd data-testid="detail-incumbent">
              {p.incumbent ? (
                <>
                  {p.incumbent.name} · <Nationality code={p.incumbent.nationality} nameOf={states.nameOf} />
                  <span className="muted small block">
                    <Period from={p.incumbent.since} to={p.incumbent.until} />
                  </span>
                </>
              ) : (
                <span className="muted">{t("common.none")}</span>
              )}
            </dd>
          </div>
        </dl>
        <p className="muted small">
          {t("state.updated", { when: dateTime(p.updatedAt), who: person(p.updatedBy) })} · {t("state.version", { n: number(p.version) })}
        </p>
      </section>

      <section className="panel" aria-labelledby="incumbencies-title">
        <h2 id="incumbencies-title">{t("post.incumbencies")}</h2>
        <RecordTable
          label={t("post.incumbencies")}
          testId="incumbencies"
          empty={{ testId: "no-incumbencies", text: t("post.noIncumbencies") }}
          head={[t("post.incumbentName"), t("post.nationality"), t("post.period"), t("post.through")]}
          rows={[...p.incumbencies].reverse()}
          row={(i) => (
            <tr key={i.id} data-id={i.id} data-kind={i.kind}>
              <td>{i.name}</td>
              <td>
                <Nationality code={i.nationality} nameOf={states.nameOf} />
              </td>
              <td>
                <Period from={i.startOn} to={i.endOn} />
              </td>
              <td>
                {i.secondmentId ? (
                  <Link to={secondmentPath(i.secondmentId)}>{t("post.viaSecondment")}</Link>
                ) : i.vacancyId ? (
                  <Link to={vacancyPath(i.vacancyId)}>{t("post.viaVacancy")}</Link>
                ) : (
                  t("post.viaAppointment")
                )}
              </td>
            </tr>
          )}
        />
      </section>

      {vacancies.data && vacancies.data.length > 0 && (
        <section className="panel" aria-labelledby="post-vacancies-title" data-testid="post-vacancies">
          <h2 id="post-vacancies-title">{t("post.vacancies")}</h2>
          <ul className="plain-list">
            {vacancies.data.map((v) => (
              <li key={v.id}>
                <Link to={vacancyPath(v.id)}>{v.title[lang]}</Link> · {t("vacancy.publishedOn")} {date(v.publishedOn)} · <VacancyStatusBadge status={v.status} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <PostHistory post={p} nameOf={states.nameOf} />

      <History entity="post" id={p.id} />
    </div>
  );
}
