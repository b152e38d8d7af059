/** /secondments/:id — one secondment: dates, extensions; hr extends it or ends it early; the audit trail. */
import { mayChange } from "@tracker/core/secondment/rules";
import { useState, type FormEvent } from "react";
import { api, call, seg } from "../api";
import {
  addDays,
  EndingSoonBadge,
  HrErrorNotice,
  Nationality,
  postPath,
  SecondmentStatusBadge,
  today,
  useHrErrors,
  useMemberStates,
  usePostList,
  type Secondment,
} from "../hr";
import { useI18n } from "../i18n";
import { justCreated, Link } from "../router";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { useEscape } from "../confirm";
import { ActionButton, BackLink, FormActions, RecordFrame, RecordTable, SelectField, SuccessNotice, TextField } from "../ui";
import { DateField, refuseUnreadable } from "../fields";
import { History, usePeople } from "./History";

function Back() {
  const { t } = useI18n();
  return <BackLink to="/secondments" testId="back-to-secondments" label={t("secondment.back")} />;
}

function ExtendForm({ s, onSaved, onCancel, onReload }: { s: Secondment; onSaved: (s: Secondment) => void; onCancel: () => void; onReload: () => void }) {
  const { t, date } = useI18n();
  const [endOn, setEndOn] = useState(addDays(s.endOn, 365));
  const [decisionRef, setDecisionRef] = useState("");
  const [overrideRef, setOverrideRef] = useState("");
  const save = useApiMutation(
    () =>
      call(
        api.secondments[":id"].extend.$post({
          param: { id: seg(s.id) },
          json: { endOn, ...(decisionRef.trim() ? { decisionRef } : {}), ...(overrideRef.trim() ? { override: { decisionRef: overrideRef } } : {}), version: s.version },
        }),
      ),
    (saved) => onSaved(saved),
  );
  const { error, busy } = save;
  const errors = useHrErrors(error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (refuseUnreadable(event)) return;
    if (!busy) save.run();
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="extend-form" aria-labelledby="extend-title">
      <h2 id="extend-title">{t("extend.title")}</h2>
      <p className="muted">{t("extend.intro", { date: date(s.endOn) })}</p>
      {s.tour && <p className="muted" data-testid="extend-limits">{t("tour.extendLimits", { tour: date(s.tour.tourEndsBy), cumulative: date(s.tour.cumulativeEndsBy) })}</p>}
      <HrErrorNotice error={error} onReload={onReload} shown={["endOn", "decisionRef", "override.decisionRef"]} />
      <div className="grid">
        <DateField label={t("extend.endOn")} name="endOn" value={endOn} onChange={setEndOn} error={errors.endOn} required />
        <TextField label={t("extend.decisionRef")} name="decisionRef" value={decisionRef} onChange={setDecisionRef} error={errors.decisionRef} hint={t("secondmentForm.decisionHint")} maxLength={200} />
        <TextField label={t("tour.override")} name="override.decisionRef" value={overrideRef} onChange={setOverrideRef} error={errors["override.decisionRef"]} hint={t("tour.overrideHint")} maxLength={200} />
      </div>
      <FormActions label={t("extend.save")} busy={busy} testId="save-extend" onCancel={onCancel} />
    </form>
  );
}

function EndForm({ s, onSaved, onCancel, onReload }: { s: Secondment; onSaved: (s: Secondment) => void; onCancel: () => void; onReload: () => void }) {
  const { t, date } = useI18n();
  const now = today();
  const [endedOn, setEndedOn] = useState(now < s.startOn ? s.startOn : now > s.endOn ? s.endOn : now);
  const [reason, setReason] = useState("");
  const save = useApiMutation(
    () =>
      call(api.secondments[":id"].end.$post({ param: { id: seg(s.id) }, json: { endedOn, reason, version: s.version } })),
    (saved) => onSaved(saved),
  );
  const { error, busy } = save;
  const errors = useHrErrors(error);
  useEscape(() => !busy && onCancel());

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (refuseUnreadable(event)) return;
    if (!busy) save.run();
  };

  return (
    <form className="panel form end-panel" onSubmit={submit} noValidate data-testid="end-form" aria-labelledby="end-title">
      <h2 id="end-title">{t("endEarly.title")}</h2>
      <p>{t("endEarly.intro", { date: date(s.endOn) })}</p>
      <HrErrorNotice error={error} onReload={onReload} shown={["endedOn", "reason"]} />
      <div className="grid">
        <DateField label={t("endEarly.endedOn")} name="endedOn" value={endedOn} onChange={setEndedOn} error={errors.endedOn} required />
        <TextField label={t("endEarly.reason")} name="reason" value={reason} onChange={setReason} error={errors.reason} hint={t("endEarly.reasonHint")} maxLength={500} required />
      </div>
      <FormActions label={t("endEarly.save")} busy={busy} testId="save-end" danger onCancel={onCancel} />
    </form>
  );
}

/** The tour rules on this secondment: the extensions used, its person's service, the last day each limit allows. */
function TourPanel({ tour }: { tour: NonNullable<Secondment["tour"]> }) {
  const { t, date, number } = useI18n();
  const row = (label: string, value: string, testId: string, over?: boolean) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId} className={over ? "is-ending-soon-text" : undefined}>
        {value}
        {over && <> · {t("tour.beyond")}</>}
      </dd>
    </div>
  );
  return (
    <section className="panel" aria-labelledby="tour-title" data-testid="tour">
      <h2 id="tour-title">{t("tour.title")}</h2>
      <dl className="details">
        {row(t("tour.extensionsUsed"), number(tour.extensionsUsed), "tour-extensions")}
        {row(t("tour.service"), t("tour.serviceValue", { served: tour.servedDays, planned: tour.plannedDays, n: tour.secondments }), "tour-service")}
        {row(t("tour.maxTour"), t("tour.limitValue", { months: tour.maxTourMonths, date: date(tour.tourEndsBy) }), "tour-max", tour.beyond.includes("tour"))}
        {row(t("tour.cumulative"), t("tour.limitValue", { months: tour.cumulativeMonths, date: date(tour.cumulativeEndsBy) }), "tour-cumulative", tour.beyond.includes("cumulative"))}
      </dl>
    </section>
  );
}

type Notice = "created" | "extended" | "ended";

const COST_COMPONENTS = ["salary", "allowances", "insurance", "travel"] as const;
const BEARERS = ["sending_state", "secretariat"] as const;
type Bearers = Secondment["costBearers"];

/** Who bears each cost of the secondment: HR chooses the sending state or the Secretariat for each. */
function CostBearersPanel({ s, mayChange, onSaved, onReload }: { s: Secondment; mayChange: boolean; onSaved: (s: Secondment) => void; onReload: () => void }) {
  const { t } = useI18n();
  const [bearers, setBearers] = useState<Bearers>(s.costBearers);
  const save = useApiMutation(
    () => call(api.secondments[":id"]["cost-bearers"].$put({ param: { id: seg(s.id) }, json: { costBearers: bearers, version: s.version } })),
    onSaved,
  );
  const errors = useHrErrors(save.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!save.busy) save.run();
  };
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="cost-bearers-title" data-testid="cost-bearers">
      <h2 id="cost-bearers-title">{t("secondment.costBearers")}</h2>
      <HrErrorNotice error={save.error} onReload={onReload} />
      <div className="grid">
        {COST_COMPONENTS.map((c) => (
          <SelectField
            key={c}
            label={t(`secondment.cost.${c}`)}
            name={`costBearers.${c}`}
            value={bearers[c]}
            onChange={(v) => setBearers((b) => ({ ...b, [c]: BEARERS.find((x) => x === v) ?? b[c] }))}
            options={BEARERS.map((x) => ({ value: x, label: t(`secondment.bearer.${x}`) }))}
            error={errors[`costBearers.${c}`]}
            disabled={!mayChange}
          />
        ))}
      </div>
      {mayChange && <FormActions label={t("secondment.saveCostBearers")} busy={save.busy} testId="save-cost-bearers" />}
    </form>
  );
}

export function SecondmentPage({ id }: { id: string }) {
  const { t, lang, date, dateTime, number } = useI18n();
  const person = usePeople("secondment", id);
  const session = useSession();
  const isHr = session.can("extendSecondment");
  const states = useMemberStates();
  const posts = usePostList();
  const record = useApiQuery(["secondments", id], () => call(api.secondments[":id"].$get({ param: { id: seg(id) } })));
  const [mode, setMode] = useState<"view" | "extend" | "end">("view");
  const [notice, setNotice] = useState<Notice | undefined>(() =>
    justCreated(id) ? "created" : undefined,
  );

  const s = record.data;
  if (!s) {
    return (
      <RecordFrame className="page hr-page" back={<Back />} error={record.error} retry={record.reload} notFound={{ testId: "secondment-not-found", text: t("secondment.notFound") }} />
    );
  }

  const saved = (next: Secondment, n: Notice) => {
    record.setData(next);
    setMode("view");
    setNotice(n);
  };
  const reload = () => {
    setMode("view");
    record.reload();
  };
  const post = posts.byId.get(s.postId);
  const soon = s.endingSoon;
  const openForm = (next: typeof mode) => {
    setMode(next);
    setNotice(undefined);
  };
  const noticeText: Record<Notice, string> = {
    created: t("secondment.created"),
    extended: t("secondment.extended", { date: date(s.endOn) }),
    ended: t("secondment.endedDone", { date: date(s.lastOn) }),
  };
  const canChange = isHr && mayChange(s);

  return (
    <div className="page hr-page" data-testid="secondment-page" data-id={s.id} data-status={s.status}>
      <Back />
      <div className="page-head">
        <div>
          <h1 data-testid="secondment-title">{s.personName}</h1>
          <p className="subtitle">
            {t("secondment.subtitle", { state: states.nameOf(s.sendingState) })} · <SecondmentStatusBadge status={s.status} /> {soon && <EndingSoonBadge />}
          </p>
        </div>
        {canChange && mode === "view" && (
          <div className="head-actions">
            <ActionButton onClick={() => openForm("extend")} testId="extend-secondment">
              {t("secondment.extend")}
            </ActionButton>
            <ActionButton onClick={() => openForm("end")} testId="end-secondment" tone="danger">
              {t("secondment.endEarly")}
            </ActionButton>
          </div>
        )}
      </div>

      {notice && <SuccessNotice>{noticeText[notice]}</SuccessNotice>}
      {soon && !s.endedOn && (
        <p className="notice notice--rotation" data-testid="rotation-notice">
          {t("secondment.rotationNotice", { date: date(s.lastOn) })}
        </p>
      )}

      {mode === "extend" && <ExtendForm key={`extend-${s.version}`} s={s} onSaved={(next) => saved(next, "extended")} onCancel={() => setMode("view")} onReload={reload} />}
      {mode === "end" && <EndForm key={`end-${s.version}`} s={s} onSaved={(next) => saved(next, "ended")} onCancel={() => setMode("view")} onReload={reload} />}

      <section className="panel" aria-labelledby="secondment-details-title">
        <h2 id="secondment-details-title">{t("secondment.details")}</h2>
        <dl className="details" data-testid="secondment-details">
          <div>
            <dt>{t("secondment.person")}</dt>
            <dd>{s.personName}</dd>
          </div>
          <div>
            <dt>{t("secondment.nationality")}</dt>
            <dd>
              <Nationality code={s.nationality} nameOf={states.nameOf} />
            </dd>
          </div>
          <div>
            <dt>{t("secondment.sendingState")}</dt>
            <dd data-testid="detail-sending-state">
              <Link to={`/states/${s.sendingState}`}>{states.nameOf(s.sendingState)}</Link> <span className="code muted">{s.sendingState}</span>
            </dd>
          </div>
          <div>
            <dt>{t("secondment.post")}</dt>
            <dd data-testid="detail-post">
              <Link to={postPath(s.postId)}>{post ? `${post.number} · ${post.title[lang]}` : t("secondment.openPost")}</Link>
            </dd>
          </div>
          <div>
            <dt>{t("secondment.startOn")}</dt>
            <dd>{date(s.startOn)}</dd>
          </div>
          <div>
            <dt>{s.endedOn ? t("secondment.plannedEnd") : t("secondment.endOn")}</dt>
            <dd className={soon && !s.endedOn ? "is-ending-soon-text" : undefined} data-testid="secondment-end" data-date={s.endOn}>
              {date(s.endOn)}
            </dd>
          </div>
          {s.endOn !== s.originalEndOn && (
            <div>
              <dt>{t("secondment.originalEnd")}</dt>
              <dd>{date(s.originalEndOn)}</dd>
            </div>
          )}
          {s.endedOn && (
            <div>
              <dt>{t("secondment.endedOn")}</dt>
              <dd data-testid="secondment-ended-on">{date(s.endedOn)}</dd>
            </div>
          )}
          {s.endReason && (
            <div>
              <dt>{t("secondment.endReason")}</dt>
              <dd>{s.endReason}</dd>
            </div>
          )}
          <div>
            <dt>{t("secondment.decisionRef")}</dt>
            <dd>{s.decisionRef ?? <span className="muted">{t("common.notRecorded")}</span>}</dd>
          </div>
        </dl>
        {s.note && <p className="description">{s.note}</p>}
        <p className="muted small">
          {t("contribution.recorded", { when: dateTime(s.createdAt), who: person(s.createdBy) })}
          {s.updatedAt !== s.createdAt && <> · {t("state.updated", { when: dateTime(s.updatedAt), who: person(s.updatedBy) })}</>} · {t("state.version", { n: number(s.version) })}
        </p>
      </section>

      {s.tour && <TourPanel tour={s.tour} />}

      <CostBearersPanel key={`bearers-${s.version}`} s={s} mayChange={session.can("setSecondmentCostBearers")} onSaved={(next) => record.setData(next)} onReload={reload} />

      <section className="panel" aria-labelledby="extensions-title" data-testid="extensions">
        <h2 id="extensions-title">{t("secondment.extensions")}</h2>
        <RecordTable
          label={t("secondment.extensions")}
          testId="extensions-table"
          empty={{ testId: "no-extensions", text: t("secondment.noExtensions") }}
          head={[t("secondment.extendedFrom"), t("secondment.extendedTo"), t("secondment.decisionRef"), t("postHistory.recorded")]}
          rows={s.extensions}
          row={(e, i) => (
            <tr key={i} data-testid="extension-row" data-end-on={e.endOn}>
              <td>{date(e.previousEndOn)}</td>
              <td>
                <strong>{date(e.endOn)}</strong>
              </td>
              <td>
                {e.decisionRef ?? <span className="muted">{t("common.none")}</span>}
                {e.override && (
                  <div className="small" data-testid="extension-override">
                    {t("tour.overrideOf", { ref: e.override.decisionRef, limits: e.override.limits.map((l) => t(`tour.limit.${l}`)).join(", ") })}
                  </div>
                )}
              </td>
              <td className="small">
                {dateTime(e.recordedAt)} · {e.recordedBy}
              </td>
            </tr>
          )}
        />
      </section>

      <History entity="secondment" id={s.id} />
    </div>
  );
}
