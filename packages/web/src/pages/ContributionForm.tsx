/**
 * Record or correct a contribution (finance). Amounts and rates stay decimal
 * strings; the USD preview is exact (BigInt, half-even to cents). A new record
 * carries one Idempotency-Key per opening of the form, so a double click or a
 * retry records it once.
 */
import type { InferRequestType, InferResponseType } from "hono/client";
import { useId, useMemo, useRef, useState, type FormEvent } from "react";
import { api, ApiError, call, CONTRIBUTION_STATUSES, KINDS, PURPOSES, seg, type Contribution, type ContributionStatus, type Kind, type Purpose } from "../api";
import { fieldErrors, withoutIssues } from "../errors";
import { listContributions, useMoney, useStates } from "../finance";
import { useI18n } from "../i18n";
import { today } from "../dates";
import { AmountField, DateField, RateField, refuseUnreadable } from "../fields";
import { COMMON_CURRENCIES, currencyDigits, sumAmounts, usdEquivalent } from "../money";
import { useApiMutation, useApiQuery } from "../query";
import { ErrorNotice, FieldError, FormActions, SelectField, TextAreaField, TextField } from "../ui";
import { Confirm } from "../confirm";
import { Link } from "../router";
import { OverpaymentOffer } from "./OverpaymentOffer";
import { DIFFERENCES, type Difference } from "@tracker/core/contribution/instalments";

export interface Draft {
  stateCode: string;
  kind: Kind;
  status: ContributionStatus;
  amount: string;
  currency: string;
  exchangeRate: string;
  /** Why the rate given differs from the register's rate in force (new records). */
  rateReason: string;
  date: string;
  purpose: Purpose;
  earmark: string;
  description: string;
  reference: string;
  pledgeId: string;
  /** Who paid, when not the state itself (a ministry on its behalf). */
  payer: string;
  /** A new pledge's schedule (none when empty). */
  instalments: { key: number; dueOn: string; amount: string }[];
  /** A payment of a scheduled pledge: where a difference from the instalment goes. */
  difference: Difference;
}


function emptyDraft(): Draft {
  return {
    stateCode: "",
    kind: "cash",
    status: "received",
    amount: "",
    currency: "USD",
    exchangeRate: "",
    rateReason: "",
    date: today(),
    purpose: "regular_budget",
    earmark: "",
    description: "",
    reference: "",
    pledgeId: "",
    payer: "",
    instalments: [],
    difference: "next",
  };
}

function draftOf(c: Contribution): Draft {
  return {
    stateCode: c.stateCode,
    kind: c.kind,
    status: c.status,
    amount: c.amount,
    currency: c.currency,
    exchangeRate: c.currency === "USD" ? "" : c.exchangeRate,
    rateReason: c.rateReason ?? "",
    date: c.date,
    purpose: c.purpose,
    earmark: c.earmark ?? "",
    description: c.description ?? "",
    reference: c.reference ?? "",
    pledgeId: c.pledgeId ?? "",
    payer: c.payer ?? "",
    instalments: [],
    difference: c.difference ?? "next",
  };
}

type Props =
  | { mode: "create"; initial?: Partial<Draft>; onSaved: (c: Contribution) => void; onCancel: () => void }
  | { mode: "edit"; record: Contribution; onSaved: (c: Contribution) => void; onCancel: () => void; onReload: () => void };

const SHOWN = ["stateCode", "kind", "status", "amount", "currency", "exchangeRate", "rateReason", "date", "purpose", "earmark", "description", "reference", "pledgeId", "payer", "instalments", "difference"];

type CreateBody = InferRequestType<typeof api.contributions.$post>["json"];
type InForce = InferResponseType<(typeof api.rates)["in-force"]["$get"], 200>;

/** A rate as a decimal string without trailing zeros ("470.2500" → "470.25"), to compare with the register's. */
const normalRate = (v: string) => (v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v).replace(/^0+(?=\d)/, "");
type PatchBody = Omit<InferRequestType<(typeof api.contributions)[":id"]["$patch"]>["json"], "version">;

export function ContributionForm(props: Props) {
  const { t, lang, locale, date } = useI18n();
  const { money, usd } = useMoney();
  const states = useStates();
  const currencyId = useId();
  const previewId = useId();
  const record = props.mode === "edit" ? props.record : undefined;
  const [draft, setDraft] = useState<Draft>(() => (record ? draftOf(record) : { ...emptyDraft(), ...(props.mode === "create" ? props.initial : {}) }));
  const [otherCurrency, setOtherCurrency] = useState(() => !COMMON_CURRENCIES.some((c) => c === draft.currency));
  const [unchanged, setUnchanged] = useState(false);
  // One key per opening of the form: a second click or a retry of the same body records nothing new.
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  // `confirmDuplicate`: "Record anyway" after the warning of a likely duplicate.
  const save = useApiMutation(
    (confirmDuplicate: boolean) =>
      props.mode === "create"
        ? call(api.contributions.$post({ json: { ...createBody(), ...(confirmDuplicate ? { confirmDuplicate } : {}) }, header: { "idempotency-key": idempotencyKey.current } }))
        : call(api.contributions[":id"].$patch({ param: { id: seg(props.record.id) }, json: { ...patchBody(props.record), version: props.record.version } })),
    props.onSaved,
  );
  const { busy } = save;
  // Once a row is removed, the positions in the API's messages about instalments no longer hold.
  const [rowsRemoved, setRowsRemoved] = useState(false);
  const error = rowsRemoved ? withoutIssues(save.error, "instalments.") : save.error;
  const errors = fieldErrors(error);
  const nextKey = useRef(1);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setUnchanged(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const isUsd = draft.currency === "USD";
  // The register's rate in force for the currency on the value date (the rule is core's: GET /api/rates/in-force).
  const askRate = !isUsd && /^[A-Z]{3}$/.test(draft.currency) && /^\d{4}-\d{2}-\d{2}$/.test(draft.date);
  const inForce = useApiQuery<InForce>(
    ["rates", "inForce", draft.currency, draft.date],
    () => call(api.rates["in-force"].$get({ query: { currency: draft.currency, date: draft.date } })),
    { enabled: askRate },
  );
  const registerRate = askRate && inForce.data?.found ? inForce.data : undefined;
  const typedRate = draft.exchangeRate.trim();
  const rateUsed = typedRate || registerRate?.rate || "";
  // A rate given that differs from the one in force overrides it: a new record says why.
  const overrides = props.mode === "create" && !!registerRate?.rate && !!typedRate && normalRate(typedRate) !== normalRate(registerRate.rate);
  const preview = usdEquivalent(draft.amount, draft.currency, isUsd ? undefined : rateUsed);

  // Open pledges of the state, for "pays pledge" (new received records only).
  const wantPledges = props.mode === "create" && draft.status === "received" && /^[A-Z]{2}$/.test(draft.stateCode);
  const pledges = useApiQuery(
    ["contributions", "openPledges", draft.stateCode],
    () => listContributions({ state: draft.stateCode, status: "pledged" }).then((items) => items.filter((p) => p.open)),
    { enabled: wantPledges },
  );
  const samePledges = (pledges.data ?? []).filter((p) => p.currency === draft.currency);
  const otherPledges = (pledges.data ?? []).filter((p) => p.currency !== draft.currency);
  const chosenPledge = samePledges.find((p) => p.id === draft.pledgeId);
  const scheduled = draft.status === "pledged" && props.mode === "create";
  const setRow = (index: number, patch: Partial<Draft["instalments"][number]>) =>
    set("instalments", draft.instalments.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const addRow = () => set("instalments", [...draft.instalments, { key: nextKey.current++, dueOn: "", amount: "" }]);
  const removeRow = (index: number) => {
    set("instalments", draft.instalments.filter((_, i) => i !== index));
    setRowsRemoved(true);
  };
  const scheduleSum = sumAmounts(draft.instalments.map((r) => r.amount), draft.currency);

  const stateOptions = useMemo(
    () =>
      [...(states.data ?? [])]
        .sort((a, b) => a.name[lang].localeCompare(b.name[lang], locale))
        .map((s) => ({ value: s.code, label: s.status === "member" ? s.name[lang] : `${s.name[lang]} (${t(`status.${s.status}`)})` })),
    [states.data, lang, locale, t],
  );

  const amount = draft.amount;
  const rate = draft.exchangeRate;
  const text = (v: string) => v.trim();
  const createBody = (): CreateBody => ({
        stateCode: draft.stateCode,
        kind: draft.kind,
        status: draft.status,
        amount,
        currency: draft.currency,
        ...(!isUsd && rate ? { exchangeRate: rate } : {}),
        ...(!isUsd && rate && overrides && text(draft.rateReason) ? { rateReason: text(draft.rateReason) } : {}),
        date: draft.date,
        purpose: draft.purpose,
        ...(draft.purpose === "earmarked" && text(draft.earmark) ? { earmark: text(draft.earmark) } : {}),
        ...(text(draft.description) ? { description: text(draft.description) } : {}),
        ...(text(draft.reference) ? { reference: text(draft.reference) } : {}),
        ...(draft.status === "received" && draft.pledgeId ? { pledgeId: draft.pledgeId } : {}),
        ...(draft.status === "received" && draft.pledgeId && chosenPledge?.instalments?.length ? { difference: draft.difference } : {}),
        ...(text(draft.payer) ? { payer: text(draft.payer) } : {}),
        ...(scheduled && draft.instalments.length ? { instalments: draft.instalments.map((r) => ({ dueOn: r.dueOn, amount: r.amount })) } : {}),
  });
  /** Edit: only what changed (the version read is added when sending). */
  const patchBody = (record: Contribution): PatchBody => {
    const before = draftOf(record);
    const changed = <K extends keyof Draft>(k: K) => (draft[k] !== before[k] ? { [k]: draft[k] } : {});
    const changedText = (k: "earmark" | "description" | "reference" | "payer") => (text(draft[k]) !== before[k] ? { [k]: text(draft[k]) } : {});
    return {
      ...changed("stateCode"),
      ...changed("kind"),
      ...changed("status"),
      ...changed("currency"),
      ...changed("date"),
      ...changed("purpose"),
      ...(amount !== before.amount ? { amount } : {}),
      ...(!isUsd && rate && (rate !== before.exchangeRate || draft.currency !== before.currency) ? { exchangeRate: rate } : {}),
      ...(draft.purpose === "earmarked" ? changedText("earmark") : {}),
      ...changedText("description"),
      ...changedText("reference"),
      ...changedText("payer"),
    };
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || refuseUnreadable(event)) return;
    const json = props.mode === "create" ? createBody() : patchBody(props.record);
    if (props.mode === "edit" && Object.keys(json).length === 0) {
      setUnchanged(true);
      return;
    }
    setRowsRemoved(false);
    save.run(false);
  };
  const duplicate = error instanceof ApiError && error.code === "contribution.likely_duplicate" ? error.params : undefined;

  const conflict = error instanceof ApiError && error.status === 409 && error.code === "contribution.version_conflict";
  const otherIssues = error instanceof ApiError ? error.issues.filter((i) => !SHOWN.includes(i.path)) : [];
  const lockedToPledge = props.mode === "edit" && !!props.record.pledgeId;
  const title =
    props.mode === "create"
      ? draft.pledgeId && chosenPledge
        ? t("contributionForm.paymentTitle")
        : t("contributionForm.newTitle")
      : t("contributionForm.editTitle");

  // A new record's form is its page: its title is the page's heading.
  const Heading = props.mode === "create" ? "h1" : "h2";
  const currencyOptions = COMMON_CURRENCIES.map((c) => ({ value: c, label: c }));

  return (
    <form className="panel form contribution-form" onSubmit={submit} noValidate data-testid="contribution-form" aria-labelledby="contribution-form-title">
      <Heading id="contribution-form-title">{title}</Heading>

      {duplicate ? (
        <Confirm
          testId="duplicate-warning"
          title={t("contribution.likely_duplicate", { ...duplicate, date: date(String(duplicate.date)) })}
          confirmLabel={t("contributionForm.recordAnyway")}
          busyLabel={t("common.saving")}
          busy={busy}
          danger={false}
          onConfirm={() => save.run(true)}
          onCancel={save.reset}
          confirmTestId="record-anyway"
          cancelTestId="cancel-duplicate"
        >
          <p>
            <Link to={`/contributions/${encodeURIComponent(String(duplicate.id))}`} data-testid="duplicate-link">
              {t("contributionForm.openDuplicate", { number: String(duplicate.number ?? duplicate.id) })}
            </Link>
          </p>
        </Confirm>
      ) : null}
      <ErrorNotice error={duplicate ? undefined : error}>
        {conflict && props.mode === "edit" && (
          <button type="button" className="button button--small" onClick={props.onReload} data-testid="reload">
            {t("common.reload")}
          </button>
        )}
      </ErrorNotice>
      {props.mode === "create" && <OverpaymentOffer error={error} body={createBody()} onSaved={props.onSaved} />}
      {unchanged && (
        <div className="notice notice--info" role="status" data-testid="no-changes">
          {t("contributionForm.noChanges")}
        </div>
      )}
      {otherIssues.map((i) => (
        <FieldError key={i.path} path={i.path || "(body)"} message={`${i.path ? `${i.path}: ` : ""}${i.message}`} />
      ))}

      <div className="grid">
        <SelectField
          label={t("contribution.state")}
          name="stateCode"
          value={draft.stateCode}
          onChange={(v) => {
            set("stateCode", v);
            set("pledgeId", "");
          }}
          options={[{ value: "", label: states.data ? t("contributionForm.chooseState") : t("common.loading") }, ...stateOptions]}
          error={errors.stateCode}
          disabled={lockedToPledge}
          required
        />
        <SelectField
          label={t("contribution.kind")}
          name="kind"
          value={draft.kind}
          onChange={(v) => set("kind", KINDS.find((k) => k === v) ?? draft.kind)}
          options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          error={errors.kind}
        />
        <SelectField
          label={t("contribution.status")}
          name="status"
          value={draft.status}
          onChange={(v) => {
            set("status", CONTRIBUTION_STATUSES.find((s) => s === v) ?? draft.status);
            if (v !== "received") set("pledgeId", "");
          }}
          options={CONTRIBUTION_STATUSES.map((s) => ({ value: s, label: t(`cstatus.${s}`) }))}
          error={errors.status}
        />
        <DateField
          label={t("contribution.date")}
          name="date"
          value={draft.date}
          onChange={(v) => set("date", v)}
          error={errors.date}
          hint={draft.status === "pledged" ? t("contributionForm.datePledged") : t("contributionForm.dateReceived")}
          required
        />
      </div>

      <fieldset className="money-fields">
        <legend>{t("contributionForm.amountLegend")}</legend>
        <div className="grid">
          <AmountField
            label={t("contribution.amount")}
            name="amount"
            value={draft.amount}
            onChange={(v) => set("amount", v)}
            error={errors.amount}
            digits={currencyDigits(draft.currency)}
            required
          />
          <div className={`field${errors.currency ? " field--invalid" : ""}`}>
            <label htmlFor={currencyId}>{t("contribution.currency")}</label>
            <div className="currency-inputs">
              <select
                id={currencyId}
                name={otherCurrency ? "currencyChoice" : "currency"}
                value={otherCurrency ? "OTHER" : draft.currency}
                disabled={lockedToPledge}
                aria-invalid={errors.currency && !otherCurrency ? true : undefined}
                onChange={(e) => {
                  if (e.target.value === "OTHER") {
                    setOtherCurrency(true);
                    set("currency", "");
                  } else {
                    setOtherCurrency(false);
                    set("currency", e.target.value);
                  }
                  set("pledgeId", "");
                }}
              >
                {currencyOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
                <option value="OTHER">{t("contributionForm.otherCurrency")}</option>
              </select>
              {otherCurrency && (
                <input
                  name="currency"
                  value={draft.currency}
                  onChange={(e) => set("currency", e.target.value.toUpperCase().replace(/[^A-Z]/g, "").slice(0, 3))}
                  aria-label={t("contributionForm.currencyCode")}
                  placeholder="ABC"
                  maxLength={3}
                  autoComplete="off"
                  className="currency-code"
                  disabled={lockedToPledge}
                  aria-invalid={errors.currency ? true : undefined}
                />
              )}
            </div>
            <FieldError path="currency" message={errors.currency} />
          </div>
          {!isUsd && (
            <RateField
              label={t("contribution.rateLabel", { currency: draft.currency || "…" })}
              name="exchangeRate"
              value={draft.exchangeRate}
              onChange={(v) => set("exchangeRate", v)}
              error={errors.exchangeRate}
              hint={
                <span data-testid="rate-in-force">
                  {!askRate
                    ? t("contributionForm.rateHint", { currency: draft.currency || "…" })
                    : inForce.loading && !inForce.data
                      ? t("common.loading")
                      : registerRate?.rate
                        ? t("contributionForm.rateInForce", {
                            rate: registerRate.rate,
                            source: t(`rateSource.${registerRate.source ?? "manual"}`),
                            date: date(registerRate.effectiveDate ?? draft.date),
                          })
                        : inForce.data
                          ? t("contributionForm.rateNone", { currency: draft.currency, date: date(draft.date) })
                          : t("contributionForm.rateHint", { currency: draft.currency || "…" })}
                </span>
              }
              required={!registerRate}
            />
          )}
          {overrides && (
            <TextField
              label={t("contributionForm.rateReason")}
              name="rateReason"
              value={draft.rateReason}
              onChange={(v) => set("rateReason", v)}
              error={errors.rateReason}
              hint={t("contributionForm.rateReasonHint", { rate: registerRate?.rate ?? "" })}
              maxLength={500}
              required
            />
          )}
          <div className="field usd-preview-field">
            <span className="label" id={`${previewId}-label`}>
              {t("contributionForm.preview")}
            </span>
            <output className={`usd-preview${preview ? "" : " usd-preview--empty"}`} aria-labelledby={`${previewId}-label`} aria-live="polite" data-testid="usd-preview">
              {preview
                ? usd(preview)
                : draft.amount.trim() && (isUsd || rateUsed)
                  ? t("contributionForm.previewCheck", { n: currencyDigits(draft.currency) })
                  : t("contributionForm.previewEmpty")}
            </output>
            {preview && !isUsd && <p className="field-hint">{t("contributionForm.previewHint")}</p>}
          </div>
        </div>
      </fieldset>

      <div className="grid">
        <SelectField
          label={t("contribution.purpose")}
          name="purpose"
          value={draft.purpose}
          onChange={(v) => set("purpose", PURPOSES.find((p) => p === v) ?? draft.purpose)}
          options={PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
          error={errors.purpose}
        />
        {draft.purpose === "earmarked" && (
          <TextField
            label={t("contribution.earmark")}
            name="earmark"
            value={draft.earmark}
            onChange={(v) => set("earmark", v)}
            error={errors.earmark}
            hint={t("contributionForm.earmarkHint")}
            maxLength={300}
            required
          />
        )}
        <TextField
          label={t("contribution.reference")}
          name="reference"
          value={draft.reference}
          onChange={(v) => set("reference", v)}
          error={errors.reference}
          hint={t("contributionForm.referenceHint")}
          maxLength={200}
          autoComplete="off"
        />
        <TextField
          label={t("contribution.payer")}
          name="payer"
          value={draft.payer}
          onChange={(v) => set("payer", v)}
          error={errors.payer}
          hint={t("contributionForm.payerHint")}
          maxLength={300}
        />
      </div>

      {scheduled && (
        <fieldset className="instalments-edit" data-testid="instalments-edit">
          <legend>{t("contribution.instalments")}</legend>
          <FieldError path="instalments" message={errors.instalments} />
          {draft.instalments.length === 0 && <p className="muted">{t("contributionForm.noSchedule")}</p>}
          {draft.instalments.map((r, i) => (
            <div className="grid instalment-row" key={r.key} data-testid="instalment-row" data-index={i}>
              <DateField
                label={t("contributionForm.instalmentDue", { n: i + 1 })}
                name={`instalments.${i}.dueOn`}
                value={r.dueOn}
                onChange={(v) => setRow(i, { dueOn: v })}
                error={errors[`instalments.${i}.dueOn`]}
                required
              />
              <AmountField
                label={t("contributionForm.instalmentAmount", { n: i + 1 })}
                name={`instalments.${i}.amount`}
                value={r.amount}
                onChange={(v) => setRow(i, { amount: v })}
                error={errors[`instalments.${i}.amount`]}
                digits={currencyDigits(draft.currency)}
                required
              />
              <button type="button" className="button button--secondary button--small" onClick={() => removeRow(i)} data-testid="remove-instalment">
                {t("contributionForm.removeInstalment")}
              </button>
            </div>
          ))}
          {/* Shown once every amount can be read. */}
          {draft.instalments.length > 0 && scheduleSum !== undefined && /^[A-Z]{3}$/.test(draft.currency) && (
            <p className="field-hint" data-testid="schedule-sum" aria-live="polite">
              {t("contributionForm.scheduleSum", { sum: money(scheduleSum, draft.currency), amount: draft.amount ? money(draft.amount, draft.currency) : "…" })}
            </p>
          )}
          <button type="button" className="button button--secondary" onClick={addRow} data-testid="add-instalment">
            {t("contributionForm.addInstalment")}
          </button>
        </fieldset>
      )}

      <TextAreaField
        label={draft.kind === "in_kind" ? t("contributionForm.descriptionInKind") : t("contribution.description")}
        name="description"
        value={draft.description}
        onChange={(v) => set("description", v)}
        error={errors.description}
        hint={draft.kind === "in_kind" ? t("contributionForm.descriptionInKindHint") : t("contributionForm.descriptionHint")}
        maxLength={2000}
        rows={3}
        required={draft.kind === "in_kind"}
      />

      {props.mode === "create" && draft.status === "received" && (
        <div className="pledge-choice">
          <SelectField
            label={t("contributionForm.paysPledge")}
            name="pledgeId"
            value={draft.pledgeId}
            onChange={(v) => set("pledgeId", v)}
            options={[
              { value: "", label: t("contributionForm.notPledgePayment") },
              ...(draft.pledgeId && !chosenPledge ? [{ value: draft.pledgeId, label: t("contributionForm.pledgeSelected") }] : []),
              ...samePledges.map((p) => ({
                value: p.id,
                label: t("contributionForm.pledgeOption", {
                  date: date(p.date),
                  amount: money(p.amount, p.currency),
                  outstanding: money(p.outstanding ?? "0", p.currency),
                }),
              })),
            ]}
            error={errors.pledgeId}
            disabled={!draft.stateCode || (samePledges.length === 0 && !draft.pledgeId)}
          />
          <p className="field-hint" data-testid="pledge-hint">
            {!draft.stateCode
              ? t("contributionForm.pledgeChooseState")
              : pledges.loading
                ? t("common.loading")
                : samePledges.length === 0
                  ? t("contributionForm.noOpenPledges", { currency: draft.currency || "…" })
                  : t("contributionForm.pledgeHint")}
            {otherPledges.length > 0 && (
              <>
                {" "}
                {t("contributionForm.otherCurrencyPledges", { currencies: [...new Set(otherPledges.map((p) => p.currency))].join(", ") })}
              </>
            )}
          </p>
        </div>
      )}
      {props.mode === "create" && draft.status === "received" && chosenPledge?.instalments?.length ? (
        <fieldset className={`field${errors.difference ? " field--invalid" : ""}`} data-testid="difference">
          <legend>{t("contributionForm.difference")}</legend>
          <div className="checks">
            {DIFFERENCES.map((d) => (
              <label className="check" key={d}>
                <input type="radio" name="difference" value={d} checked={draft.difference === d} onChange={() => set("difference", d)} data-testid={`difference-${d}`} />
                {t(`contributionForm.difference.${d}`)}
              </label>
            ))}
          </div>
          <FieldError path="difference" message={errors.difference} />
        </fieldset>
      ) : null}
      {lockedToPledge && <p className="muted small">{t("contributionForm.lockedToPledge")}</p>}

      <FormActions label={props.mode === "create" ? t("contributionForm.create") : t("common.save")} busy={busy} testId="save-contribution" onCancel={props.onCancel} cancelTestId="cancel" />
    </form>
  );
}
