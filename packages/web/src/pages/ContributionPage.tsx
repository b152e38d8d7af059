/** /contributions/:id — one contribution: details, edit, void, pledge actions, payments, history. /contributions/new — record one. */
import { useState, type FormEvent } from "react";
import { api, ApiError, call, seg, type Contribution } from "../api";
import { fieldErrors } from "../errors";
import { ContributionStatusBadge, KindLabel, listContributions, PurposeText, useMoney, useStates, VoidedBadge } from "../finance";
import { useI18n } from "../i18n";
import { justCreated, Link, navigate, useSearch, withQuery } from "../router";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { useEscape } from "../confirm";
import { ActionButton, ErrorNotice, FormActions, LoadError, Loading, RecordFrame, scrollRegion, SuccessNotice, TextField } from "../ui";
import { ContributionForm, type Draft } from "./ContributionForm";
import { History, usePeople } from "./History";

const pathOf = (id: string) => `/contributions/${encodeURIComponent(id)}`;

function Back({ year }: { year?: number }) {
  const { t } = useI18n();
  return (
    <p className="back">
      <Link to={withQuery("/contributions", { year })} data-testid="back-to-contributions">
        ← {t("contribution.back")}
      </Link>
    </p>
  );
}

const getContribution = (id: string) => call(api.contributions[":id"].$get({ param: { id: seg(id) } }));
const useContribution = (id: string | undefined) =>
  useApiQuery(["contributions", id], () => getContribution(id ?? ""), { enabled: !!id });

/** /contributions/new, optionally `?pledge=<id>`: a payment of that pledge, prefilled. */
export function NewContributionPage() {
  const { t } = useI18n();
  const search = useSearch();
  const pledgeId = search.get("pledge") ?? "";
  const pledge = useContribution(pledgeId || undefined);

  let initial: Partial<Draft> | undefined;
  if (pledgeId) {
    if (pledge.error) {
      return (
        <div className="page">
          <Back />
          <LoadError error={pledge.error} retry={pledge.reload} />
        </div>
      );
    }
    if (!pledge.data) {
      return (
        <div className="page">
          <Back />
          <Loading />
        </div>
      );
    }
    const p = pledge.data;
    initial = {
      pledgeId: p.id,
      stateCode: p.stateCode,
      currency: p.currency,
      status: "received",
      kind: p.kind,
      purpose: p.purpose,
      earmark: p.earmark ?? "",
      amount: p.outstanding ?? "",
    };
  }

  return (
    <div className="page" data-testid="new-contribution-page">
      <Back year={pledge.data?.fiscalYear} />
      <ContributionForm
        key={pledgeId || "new"}
        mode="create"
        initial={initial}
        onSaved={(c) => navigate(pathOf(c.id), { state: { created: c.id } })}
        onCancel={() => (pledgeId ? navigate(pathOf(pledgeId)) : navigate("/contributions"))}
      />
      {pledgeId && <p className="muted small">{t("contributionForm.paymentIntro")}</p>}
    </div>
  );
}

function VoidPanel({ c, onDone, onCancel, onReload }: { c: Contribution; onDone: (c: Contribution) => void; onCancel: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const save = useApiMutation(
    () =>
      call(api.contributions[":id"].void.$post({ param: { id: seg(c.id) }, json: { reason, version: c.version } })),
    (voided) => onDone(voided),
  );
  const { error, busy } = save;
  const errors = fieldErrors(error);
  useEscape(() => !busy && onCancel());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) save.run();
  };

  return (
    <form className="panel form void-panel" onSubmit={submit} noValidate data-testid="void-form" aria-labelledby="void-title">
      <h2 id="void-title">{t("void.title")}</h2>
      <p>{t("void.intro")}</p>
      <ErrorNotice error={error}>
        {error instanceof ApiError && error.status === 409 && (
          <button type="button" className="button button--small" onClick={onReload} data-testid="reload">
            {t("common.reload")}
          </button>
        )}
      </ErrorNotice>
      <TextField label={t("void.reason")} name="reason" value={reason} onChange={setReason} error={errors.reason} hint={t("void.reasonHint")} maxLength={500} required autoFocus />
      <FormActions label={t("void.confirm")} busy={busy} testId="confirm-void" danger onCancel={onCancel} />
    </form>
  );
}

type Notice = "created" | "saved" | "voided" | "received";

export function ContributionPage({ id }: { id: string }) {
  const { t, date, dateTime, number } = useI18n();
  const person = usePeople("contribution", id);
  const session = useSession();
  const { money, usd, decimal } = useMoney();
  const states = useStates();
  const isFinance = session.can("updateContribution");
  const record = useContribution(id);
  const [mode, setMode] = useState<"view" | "edit" | "void">("view");
  const [notice, setNotice] = useState<Notice | undefined>(() =>
    justCreated(id) ? "created" : undefined,
  );
  const receive = useApiMutation(
    (c: Contribution) => call(api.contributions[":id"].$patch({ param: { id: seg(c.id) }, json: { status: "received", version: c.version } })),
    (next) => updated(next, "received"),
  );

  const c = record.data;
  const payments = useApiQuery(
    ["contributions", "payments", c?.id, c?.version],
    () => listContributions({ state: c?.stateCode }).then((items) => items.filter((p) => p.pledgeId === c?.id)),
    { enabled: c?.status === "pledged" },
  );
  const pledge = useContribution(c?.pledgeId);

  if (!c) {
    return (
      <RecordFrame back={<Back />} error={record.error} retry={record.reload} notFound={{ testId: "contribution-not-found", text: t("contribution.notFound") }} />
    );
  }

  function updated(next: Contribution, n: Notice) {
    record.setData(next);
    setMode("view");
    setNotice(n);
    receive.reset();
  }

  const markReceived = () => {
    if (receive.busy) return;
    setNotice(undefined);
    receive.run(c);
  };

  const stateName = states.nameOf(c.stateCode);
  const canChange = isFinance && !c.voided;
  const openForm = (next: typeof mode) => {
    setMode(next);
    setNotice(undefined);
  };
  const noticeText: Record<Notice, string> = {
    created: t("contribution.created"),
    saved: t("contribution.saved"),
    voided: t("contribution.voidedDone"),
    received: t("contribution.receivedDone"),
  };

  return (
    <div className="page" data-testid="contribution-page" data-id={c.id} data-voided={c.voided ? "true" : "false"}>
      <Back year={c.fiscalYear} />
      <div className="page-head">
        <div>
          <h1>
            <span data-testid="contribution-title">{t(c.status === "pledged" ? "contribution.titlePledge" : "contribution.title", { state: stateName })}</span>{" "}
            {c.voided && <VoidedBadge />}
          </h1>
          <p className={`subtitle contribution-amount${c.voided ? " is-struck" : ""}`}>
            <strong data-testid="contribution-amount">{money(c.amount, c.currency)}</strong>
            {c.currency !== "USD" && <span> = {usd(c.amountUsd)}</span>} · <ContributionStatusBadge status={c.status} />
          </p>
        </div>
        {canChange && mode === "view" && (
          <div className="head-actions">
            {c.open && (
              <>
                <Link to={withQuery("/contributions/new", { pledge: c.id })} className="button" data-testid="record-payment">
                  {t("contribution.recordPayment")}
                </Link>
                <button type="button" className="button button--secondary" onClick={markReceived} disabled={receive.busy} data-testid="mark-received">
                  {t("contribution.markReceived")}
                </button>
              </>
            )}
            <ActionButton onClick={() => openForm("edit")} testId="edit-contribution" tone="secondary">
              {t("contribution.edit")}
            </ActionButton>
            <ActionButton onClick={() => openForm("void")} testId="void-contribution" tone="danger">
              {t("contribution.void")}
            </ActionButton>
          </div>
        )}
      </div>

      {notice && <SuccessNotice>{noticeText[notice]}</SuccessNotice>}
      <ErrorNotice error={receive.error} testId="action-error" />
      {c.voided && (
        <div className="notice notice--void" data-testid="void-notice">
          <span>
            {t("contribution.voidedOn", { when: c.voidedAt ? dateTime(c.voidedAt) : "", who: c.voidedBy ?? "" })}
            {c.voidReason && (
              <>
                {" "}
                {t("contribution.voidReason")}: <q>{c.voidReason}</q>
              </>
            )}
          </span>
        </div>
      )}

      {mode === "edit" && (
        <ContributionForm
          key={`edit-${c.version}`}
          mode="edit"
          record={c}
          onSaved={(next) => updated(next, "saved")}
          onCancel={() => setMode("view")}
          onReload={() => {
            setMode("view");
            record.reload();
          }}
        />
      )}
      {mode === "void" && (
        <VoidPanel
          key={`void-${c.version}`}
          c={c}
          onDone={(next) => updated(next, "voided")}
          onCancel={() => setMode("view")}
          onReload={() => {
            setMode("view");
            record.reload();
          }}
        />
      )}

      {mode !== "edit" && (
        <section className={`panel${c.voided ? " is-voided-panel" : ""}`} aria-labelledby="contribution-details-title">
          <h2 id="contribution-details-title">{t("contribution.details")}</h2>
          <dl className="details" data-testid="contribution-details">
            <div>
              <dt>{t("contribution.state")}</dt>
              <dd data-testid="detail-state">
                <Link to={`/states/${c.stateCode}`}>{stateName}</Link> <span className="code muted">{c.stateCode}</span>
              </dd>
            </div>
            <div>
              <dt>{t("contribution.kind")}</dt>
              <dd>
                <KindLabel kind={c.kind} />
              </dd>
            </div>
            <div>
              <dt>{t("contribution.status")}</dt>
              <dd>
                <ContributionStatusBadge status={c.status} />
              </dd>
            </div>
            <div>
              <dt>{t("contribution.amount")}</dt>
              <dd className="money" data-testid="detail-amount">{money(c.amount, c.currency)}</dd>
            </div>
            <div>
              <dt>{t("contribution.exchangeRate")}</dt>
              <dd data-testid="detail-rate">
                {c.currency === "USD" ? (
                  <span className="muted">{t("contribution.noRate")}</span>
                ) : (
                  t("contribution.rateValue", { rate: decimal(c.exchangeRate), currency: c.currency })
                )}
              </dd>
            </div>
            <div>
              <dt>{t("contribution.amountUsd")}</dt>
              <dd className="money" data-testid="detail-usd">{usd(c.amountUsd)}</dd>
            </div>
            {c.status === "pledged" && (
              <div>
                <dt>{t("contribution.outstanding")}</dt>
                <dd className="money" data-testid="detail-outstanding">
                  {money(c.outstanding ?? "0", c.currency)}
                  {c.currency !== "USD" && c.outstandingUsd && <span className="muted"> = {usd(c.outstandingUsd)}</span>}
                </dd>
              </div>
            )}
            <div>
              <dt>{c.status === "pledged" ? t("contribution.datePledged") : t("contribution.dateReceived")}</dt>
              <dd>{date(c.date)}</dd>
            </div>
            <div>
              <dt>{t("contribution.fiscalYear")}</dt>
              <dd>{c.fiscalYear}</dd>
            </div>
            <div>
              <dt>{t("contribution.purpose")}</dt>
              <dd>
                <PurposeText c={{ purpose: c.purpose }} />
              </dd>
            </div>
            {c.purpose === "earmarked" && (
              <div>
                <dt>{t("contribution.earmark")}</dt>
                <dd>{c.earmark}</dd>
              </div>
            )}
            <div>
              <dt>{t("contribution.reference")}</dt>
              <dd>{c.reference || <span className="muted">{t("common.notRecorded")}</span>}</dd>
            </div>
            {c.pledgeId && (
              <div>
                <dt>{t("contribution.paysPledge")}</dt>
                <dd data-testid="detail-pledge">
                  <Link to={pathOf(c.pledgeId)}>
                    {pledge.data
                      ? t("contribution.pledgeOf", { date: date(pledge.data.date), amount: money(pledge.data.amount, pledge.data.currency) })
                      : t("contribution.openPledge")}
                  </Link>
                </dd>
              </div>
            )}
            {c.payer && (
              <div>
                <dt>{t("contribution.payer")}</dt>
                <dd data-testid="detail-payer">{c.payer}</dd>
              </div>
            )}
            {c.adjusts && (
              <div>
                <dt>{t("contribution.adjusts")}</dt>
                <dd data-testid="detail-adjusts">
                  <Link to={pathOf(c.adjusts)}>{t("contribution.adjustsRecord")}</Link>
                </dd>
              </div>
            )}
            {c.adjustedBy?.length ? (
              <div>
                <dt>{t("contribution.adjustedBy")}</dt>
                <dd data-testid="detail-adjusted-by">
                  {c.adjustedBy.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ", "}
                      <Link to={pathOf(id)}>{t("contribution.adjustment", { n: i + 1 })}</Link>
                    </span>
                  ))}
                </dd>
              </div>
            ) : null}
          </dl>
          {c.instalments?.length ? (
            <div className="table-wrap" {...scrollRegion(t("contribution.instalments"))}>
              <table className="table" data-testid="detail-instalments">
                <caption>{t("contribution.instalments")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("overdue.col.due")}</th>
                    <th scope="col" className="num">{t("contributions.col.amount")}</th>
                    <th scope="col" className="num">{t("contribution.instalmentPaid")}</th>
                    <th scope="col" className="num">{t("overdue.col.open")}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.instalments.map((i) => (
                    <tr key={i.dueOn} data-due={i.dueOn} data-overdue={i.overdue ? "true" : undefined}>
                      <td>
                        {date(i.dueOn)}
                        {i.overdue && <> <span className="badge">{t("contribution.instalmentOverdue")}</span></>}
                      </td>
                      <td className="num">{money(i.amount, c.currency)}</td>
                      <td className="num">{money(i.paid, c.currency)}</td>
                      <td className="num">{money(i.open, c.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {c.description && (
            <div className="description">
              <h3>{t("contribution.description")}</h3>
              <p data-testid="detail-description">{c.description}</p>
            </div>
          )}
          <p className="muted small">
            {c.createdAt && t("contribution.recorded", { when: dateTime(c.createdAt), who: person(c.createdBy) })}
            {c.updatedAt && c.updatedAt !== c.createdAt && <> · {t("state.updated", { when: dateTime(c.updatedAt), who: person(c.updatedBy) })}</>} ·{" "}
            {t("state.version", { n: number(c.version) })}
          </p>
        </section>
      )}

      {c.status === "pledged" && (
        <section className="panel" aria-labelledby="payments-title" data-testid="pledge-payments">
          <h2 id="payments-title">{t("contribution.payments")}</h2>
          {payments.error ? <LoadError error={payments.error} retry={payments.reload} /> : null}
          {payments.data && payments.data.length === 0 && <p className="muted">{t("contribution.noPayments")}</p>}
          {payments.data && payments.data.length > 0 && (
            <div className="table-wrap" {...scrollRegion(t("contribution.payments"))}>
              <table className="table table--clickable">
                <thead>
                  <tr>
                    <th scope="col">{t("contributions.col.date")}</th>
                    <th scope="col" className="num">{t("contributions.col.amount")}</th>
                    <th scope="col" className="num">{t("contributions.col.usd")}</th>
                    <th scope="col">{t("contribution.reference")}</th>
                  </tr>
                </thead>
                <tbody>
                  {payments.data.map((p) => (
                    <tr key={p.id} data-id={p.id} className={p.voided ? "is-voided" : undefined} onClick={() => navigate(pathOf(p.id))}>
                      <td>
                        <Link to={pathOf(p.id)} onClick={(e) => e.stopPropagation()}>
                          {date(p.date)}
                        </Link>
                        {p.voided && <> <VoidedBadge /></>}
                      </td>
                      <td className="num">{money(p.amount, p.currency)}</td>
                      <td className="num">{usd(p.amountUsd)}</td>
                      <td>{p.reference ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      <History entity="contribution" id={c.id} />
    </div>
  );
}
