/** The organisation's profile (admin): names, city, reference format, signature, bank details, finance contact. */
import { useState, type FormEvent } from "react";
import { api, ApiError, call, type OrganisationProfile as Profile } from "../api";
import { fieldErrors } from "../errors";
import { useI18n, type Key } from "../i18n";
import { useApiMutation, useApiQuery } from "../query";
import { ErrorNotice, LoadError, Loading, SuccessNotice, TextAreaField, TextField } from "../ui";

type Pair = { en: string; ru: string };
const LANGS = ["en", "ru"] as const;

export function OrganisationPage() {
  const { t } = useI18n();
  const q = useApiQuery(["organisation"], () => call(api.organisation.$get()));
  // The form starts afresh from each version read; the notice says which version this admin saved.
  const [savedVersion, setSavedVersion] = useState<number>();
  const onSaved = (p: Profile) => {
    setSavedVersion(p.version);
    q.setData(p);
  };
  return (
    <section className="page" data-testid="organisation-page">
      <h1>{t("organisation.title")}</h1>
      <p className="muted">{t("organisation.intro")}</p>
      {q.error ? <LoadError error={q.error} retry={q.reload} /> : !q.data ? <Loading /> : <OrganisationForm key={q.data.version} profile={q.data} saved={savedVersion === q.data.version} onSaved={onSaved} onReload={q.reload} />}
    </section>
  );
}

function OrganisationForm({ profile, saved, onSaved, onReload }: { profile: Profile; saved: boolean; onSaved: (p: Profile) => void; onReload: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(() => ({
    name: profile.name,
    abbreviation: profile.abbreviation,
    secretariat: profile.secretariat,
    city: profile.city,
    referenceFormat: profile.referenceFormat,
    signature: profile.signature,
    bankDetails: profile.bankDetails ?? { en: "", ru: "" },
    financeContact: profile.financeContact,
    showBudgetCoverage: profile.showBudgetCoverage,
    secondmentValue: profile.secondmentValue,
    staffBudgetLine: profile.staffBudgetLine,
  }));
  const [edited, setEdited] = useState(false);
  const save = useApiMutation(
    () => {
      const { bankDetails, ...rest } = draft;
      const bank = bankDetails.en.trim() || bankDetails.ru.trim() ? { bankDetails } : {};
      return call(api.organisation.$put({ json: { ...rest, ...bank, version: profile.version } }));
    },
    onSaved,
  );
  const errors = fieldErrors(save.error);
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  type PairField = "name" | "abbreviation" | "secretariat" | "city" | "signature" | "bankDetails";
  const setPair = (field: PairField, lang: keyof Pair, v: string) => {
    setEdited(true);
    setDraft((d) => ({ ...d, [field]: { ...d[field], [lang]: v } }));
  };
  const pair = (field: PairField, opts: { area?: boolean; hint?: Key; maxLength?: number } = {}) =>
    LANGS.map((l) => {
      const props = {
        label: t(`organisation.${field}.${l}`),
        name: `${field}.${l}`,
        value: draft[field][l],
        onChange: (v: string) => setPair(field, l, v),
        error: errors[`${field}.${l}`] ?? errors[field],
        ...(opts.hint ? { hint: t(opts.hint) } : {}),
        lang: l,
      };
      return opts.area ? <TextAreaField key={l} {...props} rows={4} /> : <TextField key={l} {...props} {...(opts.maxLength ? { maxLength: opts.maxLength } : {})} />;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.busy) return;
    save.run(undefined);
  };
  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="organisation-form">
      <p className="muted" data-testid="organisation-version">{t("organisation.version", { version: profile.version })}</p>
      {saved && !edited && <SuccessNotice>{t("organisation.saved")}</SuccessNotice>}
      <ErrorNotice error={save.error}>
        {conflict && (
          <button type="button" className="button button--small" onClick={onReload} data-testid="reload">
            {t("common.reload")}
          </button>
        )}
      </ErrorNotice>
      <div className="grid">
        {pair("name")}
        {pair("abbreviation", { maxLength: 20 })}
        {pair("secretariat", { hint: "organisation.secretariatHint" })}
        {pair("city")}
        <TextField
          label={t("organisation.referenceFormat")}
          name="referenceFormat"
          value={draft.referenceFormat}
          onChange={(v) => {
            setEdited(true);
            setDraft((d) => ({ ...d, referenceFormat: v }));
          }}
          error={errors.referenceFormat}
          hint={t("organisation.referenceFormatHint", { period: "{period}", year: "{year}", state: "{state}" })}
          autoComplete="off"
        />
        {pair("signature", { area: true })}
        {pair("bankDetails", { area: true, hint: "organisation.bankDetailsHint" })}
        <TextField
          label={t("organisation.financeContact.name")}
          name="financeContact.name"
          value={draft.financeContact.name}
          onChange={(v) => setDraft((d) => ({ ...d, financeContact: { ...d.financeContact, name: v } }))}
          error={errors["financeContact.name"]}
          hint={t("organisation.financeContactHint")}
        />
        <TextField
          label={t("organisation.financeContact.email")}
          name="financeContact.email"
          type="email"
          value={draft.financeContact.email}
          onChange={(v) => setDraft((d) => ({ ...d, financeContact: { ...d.financeContact, email: v } }))}
          error={errors["financeContact.email"]}
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          name="showBudgetCoverage"
          checked={draft.showBudgetCoverage}
          onChange={(e) => setDraft((d) => ({ ...d, showBudgetCoverage: e.target.checked }))}
        />
        {t("organisation.showBudgetCoverage")}
      </label>
      <fieldset className="choices" data-testid="secondment-value">
        <legend>{t("organisation.secondmentValue")}</legend>
        {(["disclosed", "recognised"] as const).map((v) => (
          <label className="check" key={v}>
            <input
              type="radio"
              name="secondmentValue"
              value={v}
              checked={draft.secondmentValue === v}
              onChange={() => {
                setEdited(true);
                setDraft((d) => ({ ...d, secondmentValue: v }));
              }}
            />
            {t(`organisation.secondmentValue.${v}`)}
          </label>
        ))}
      </fieldset>
      <div className="grid">
        <TextField
          label={t("organisation.staffBudgetLine")}
          name="staffBudgetLine"
          value={draft.staffBudgetLine}
          onChange={(v) => {
            setEdited(true);
            setDraft((d) => ({ ...d, staffBudgetLine: v }));
          }}
          error={errors.staffBudgetLine}
          hint={t("organisation.staffBudgetLineHint")}
          maxLength={20}
          autoComplete="off"
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.busy} data-testid="save-organisation">
          {save.busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}
