/**
 * /rates: the exchange-rate register, newest effective date first, one currency's or all; finance
 * enters or changes a rate and imports a CSV file (row errors listed by row and column, in the
 * interface's language). Loaded on first visit.
 */
import type { InferResponseType } from "hono/client";
import { useState, type FormEvent } from "react";
import { api, ApiError, call, seg } from "../api";
import { fieldErrors, issueText } from "../errors";
import { DateField, RateField, refuseUnreadable } from "../fields";
import { useI18n, type Key } from "../i18n";
import { COMMON_CURRENCIES } from "../money";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { ErrorNotice, LoadError, Loading, scrollRegion, SelectField, SuccessNotice, TextField } from "../ui";

type Rate = InferResponseType<(typeof api.rates)[":currency"][":date"]["$put"], 200>;
type Imported = InferResponseType<typeof api.rates.import.$post, 200>;
type Source = Rate["source"];
const SOURCES = ["nbk", "un_operational", "bank_actual", "manual"] as const satisfies readonly Source[];

const sourceKey = (s: string) => `rateSource.${s}` as Key;

function RateForm({ editing, onDone }: { editing: Rate | undefined; onDone: (r: Rate) => void }) {
  const { t } = useI18n();
  const [currency, setCurrency] = useState(editing?.currency ?? "KZT");
  const [date, setDate] = useState(editing?.effectiveDate ?? "");
  const [rate, setRate] = useState(editing?.rate ?? "");
  const [source, setSource] = useState<Source>(editing?.source ?? "nbk");
  const [note, setNote] = useState(editing?.note ?? "");
  const save = useApiMutation(
    () =>
      call(
        api.rates[":currency"][":date"].$put({
          param: { currency: seg(currency.trim().toUpperCase()), date: seg(date) },
          json: { rate, source, ...(note.trim() ? { note: note.trim() } : {}), ...(editing ? { version: editing.version } : {}) },
        }),
      ),
    onDone,
  );
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.busy || refuseUnreadable(event)) return;
    save.run();
  };
  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="rate-form" aria-labelledby="rate-form-title">
      <h2 id="rate-form-title">{editing ? t("rates.changeTitle", { currency: editing.currency, date: editing.effectiveDate }) : t("rates.enterTitle")}</h2>
      <ErrorNotice error={save.error} />
      <div className="grid">
        <TextField
          label={t("rates.currency")}
          name="currency"
          value={currency}
          onChange={(v) => setCurrency(v.toUpperCase().replace(/[^A-Z]/g, "").slice(0, 3))}
          error={errors.currency}
          maxLength={3}
          autoComplete="off"
          disabled={!!editing}
          required
        />
        <DateField label={t("rates.effectiveDate")} name="effectiveDate" value={date} onChange={setDate} error={errors.effectiveDate ?? errors.date} disabled={!!editing} required />
        <RateField label={t("rates.rate", { currency: currency || "…" })} name="rate" value={rate} onChange={setRate} error={errors.rate} required />
        <SelectField
          label={t("rates.source")}
          name="source"
          value={source}
          onChange={(v) => setSource(SOURCES.find((s) => s === v) ?? source)}
          options={SOURCES.map((s) => ({ value: s, label: t(sourceKey(s)) }))}
          error={errors.source}
        />
        <TextField label={t("rates.note")} name="note" value={note} onChange={setNote} error={errors.note} maxLength={500} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.busy} data-testid="save-rate">
          {save.busy ? t("common.saving") : t("rates.save")}
        </button>
      </div>
    </form>
  );
}

function ImportForm() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | undefined>();
  const [done, setDone] = useState<Imported | undefined>();
  const load = useApiMutation(
    async (f: File) => call(api.rates.import.$post({ json: { csv: await f.text() } })),
    (r) => setDone(r),
  );
  const rowIssues = load.error instanceof ApiError ? load.error.issues.filter((i) => i.path.startsWith("rows.")) : [];
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file || load.busy) return;
    setDone(undefined);
    load.run(file);
  };
  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="rates-import" aria-labelledby="rates-import-title">
      <h2 id="rates-import-title">{t("rates.importTitle")}</h2>
      <p className="muted">{t("rates.importIntro")}</p>
      <ErrorNotice error={load.error} />
      {rowIssues.length > 0 && (
        <ul className="issue-list" data-testid="import-issues">
          {rowIssues.map((i) => (
            <li key={`${i.path}-${i.code}`}>{t("rates.rowIssue", { row: i.params?.row ?? "", column: i.params?.column ?? "", reason: issueText(i, t) })}</li>
          ))}
        </ul>
      )}
      {done && <SuccessNotice testId="import-done">{t("rates.imported", { created: done.created, unchanged: done.unchanged })}</SuccessNotice>}
      <div className="field">
        <label htmlFor="rates-file">{t("rates.file")}</label>
        <input id="rates-file" name="file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0])} data-testid="rates-file" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={!file || load.busy} data-testid="import-rates">
          {load.busy ? t("common.saving") : t("rates.import")}
        </button>
      </div>
    </form>
  );
}

export function RatesPage() {
  const { t, date, dateTime } = useI18n();
  const session = useSession();
  const [currency, setCurrency] = useState("");
  const [editing, setEditing] = useState<Rate | undefined>();
  const [formKey, setFormKey] = useState(0);
  const [saved, setSaved] = useState<Rate | undefined>();
  const rates = useApiQuery(["rates", currency], () => call(api.rates.$get({ query: currency ? { currency } : {} })));
  const mayWrite = session.can("putExchangeRate");
  return (
    <section className="page" aria-labelledby="rates-title">
      <h1 id="rates-title">{t("rates.title")}</h1>
      <p className="muted">{t("rates.intro")}</p>
      {saved && (
        <SuccessNotice testId="rate-saved">{t("rates.saved", { rate: saved.rate, currency: saved.currency, date: date(saved.effectiveDate) })}</SuccessNotice>
      )}
      {mayWrite && (
        <RateForm
          key={formKey}
          editing={editing}
          onDone={(r) => {
            setSaved(r);
            setEditing(undefined);
            setFormKey((k) => k + 1);
          }}
        />
      )}
      {mayWrite && <ImportForm />}
      <div className="grid">
        <SelectField
          label={t("rates.filter")}
          name="currencyFilter"
          value={currency}
          onChange={setCurrency}
          options={[{ value: "", label: t("rates.all") }, ...COMMON_CURRENCIES.filter((c) => c !== "USD").map((c) => ({ value: c, label: c }))]}
        />
      </div>
      {rates.error ? (
        <LoadError error={rates.error} retry={rates.reload} />
      ) : !rates.data ? (
        <Loading />
      ) : rates.data.items.length === 0 ? (
        <p className="muted" data-testid="rates-none">{t("rates.none")}</p>
      ) : (
        <div className="table-wrap" {...scrollRegion(t("rates.title"))}>
          <table className="table" data-testid="rates-table">
            <thead>
              <tr>
                <th scope="col">{t("rates.col.currency")}</th>
                <th scope="col">{t("rates.col.effectiveDate")}</th>
                <th scope="col" className="num">{t("rates.col.rate")}</th>
                <th scope="col">{t("rates.col.source")}</th>
                <th scope="col">{t("rates.col.note")}</th>
                <th scope="col">{t("rates.col.updated")}</th>
                {mayWrite && <th scope="col"><span className="visually-hidden">{t("rates.change")}</span></th>}
              </tr>
            </thead>
            <tbody>
              {rates.data.items.map((r) => (
                <tr key={`${r.currency}-${r.effectiveDate}`} data-rate={`${r.currency} ${r.effectiveDate}`}>
                  <td className="code">{r.currency}</td>
                  <td>{date(r.effectiveDate)}</td>
                  <td className="num">{r.rate}</td>
                  <td>{t(sourceKey(r.source))}</td>
                  <td>{r.note ?? ""}</td>
                  <td className="muted small">{dateTime(r.updatedAt)}</td>
                  {mayWrite && (
                    <td>
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        onClick={() => {
                          setEditing(r);
                          setFormKey((k) => k + 1);
                        }}
                      >
                        {t("rates.change")}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
