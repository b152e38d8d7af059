/**
 * Importing contributions from a spreadsheet (finance): upload a CSV or XLSX file, map its
 * columns (the product's own export and layouts mapped before map themselves), read the preview
 * (each row's errors by row and column, the duplicates, the rows to create and their totals per
 * currency and in USD), resolve each duplicate, confirm, and follow the progress.
 */
import type { InferResponseType } from "hono/client";
import { useEffect, useState, type FormEvent } from "react";
import { api, call } from "../api";
import { issueText } from "../errors";
import { useI18n, type Key } from "../i18n";
import { formatMoney } from "../money";
import { useApiMutation } from "../query";
import { ErrorNotice, scrollRegion, SelectField, SuccessNotice, TextField } from "../ui";

type Info = InferResponseType<typeof api.imports.$post, 201>;
type Progress = InferResponseType<(typeof api.imports)[":id"]["progress"]["$get"], 200>;
type Field = Info["fields"][number];
const DEFAULTABLE = ["kind", "status", "purpose"] as const;
const CODES = { kind: ["cash", "in_kind"], status: ["received", "pledged"], purpose: ["regular_budget", "cica_fund", "earmarked"] } as const;
const WORD_GROUP = { kind: "kind", status: "cstatus", purpose: "purpose" } as const;

/** A file's bytes as base64, a slice at a time (a spread of a large array overflows the stack). */
async function base64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function MappingForm({ info, onDone }: { info: Info; onDone: (i: Info) => void }) {
  const { t } = useI18n();
  const [columns, setColumns] = useState<Partial<Record<Field, string>>>(info.mapping?.columns ?? {});
  const [defaults, setDefaults] = useState<Partial<Record<(typeof DEFAULTABLE)[number], string>>>(info.mapping?.defaults ?? {});
  const save = useApiMutation(
    () =>
      call(
        api.imports[":id"].mapping.$put({
          param: { id: info.id },
          json: {
            columns: Object.fromEntries(Object.entries(columns).filter(([, v]) => v)),
            defaults: Object.fromEntries(Object.entries(defaults).filter(([, v]) => v)) as never,
          },
        }),
      ),
    onDone,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!save.busy) save.run(undefined);
  };
  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="import-mapping" aria-labelledby="import-mapping-title">
      <h2 id="import-mapping-title">{t("imports.mappingTitle")}</h2>
      <p className="muted">{t("imports.mappingIntro")}</p>
      <ErrorNotice error={save.error} />
      <div className="grid">
        {info.fields.map((f) => (
          <SelectField
            key={f}
            label={t(`imports.field.${f}` as Key)}
            name={`column-${f}`}
            value={columns[f] ?? ""}
            onChange={(v) => setColumns((c) => ({ ...c, [f]: v }))}
            options={[{ value: "", label: t("imports.noColumn") }, ...info.header.filter(Boolean).map((h) => ({ value: h, label: h }))]}
          />
        ))}
        {DEFAULTABLE.map((f) => (
          <SelectField
            key={`default-${f}`}
            label={t("imports.defaultOf", { field: t(`imports.field.${f}` as Key) })}
            name={`default-${f}`}
            value={defaults[f] ?? ""}
            onChange={(v) => setDefaults((d) => ({ ...d, [f]: v }))}
            options={[{ value: "", label: t("imports.noDefault") }, ...CODES[f].map((c) => ({ value: c, label: t(`${WORD_GROUP[f]}.${c}` as Key) }))]}
          />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.busy} data-testid="import-save-mapping">
          {save.busy ? t("common.saving") : t("imports.saveMapping")}
        </button>
      </div>
    </form>
  );
}

function Duplicates({ info, onDone }: { info: Info; onDone: (i: Info) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const resolve = useApiMutation(
    (a: { rows: number[]; action: "skip" | "record" }) =>
      call(api.imports[":id"].resolutions.$post({ param: { id: info.id }, json: { ...a, ...(a.action === "record" ? { reason } : {}) } })),
    onDone,
  );
  if (info.duplicates.length === 0) return null;
  const open = info.duplicates.filter((d) => !d.resolution).map((d) => d.row);
  return (
    <section className="panel" aria-labelledby="import-dups-title" data-testid="import-duplicates">
      <h2 id="import-dups-title">{t("imports.duplicatesTitle", { n: info.duplicates.length })}</h2>
      <p className="muted">{t("imports.duplicatesIntro")}</p>
      <ErrorNotice error={resolve.error} />
      <TextField label={t("imports.reason")} name="reason" value={reason} onChange={setReason} />
      <div className="table-wrap" {...scrollRegion(t("imports.duplicatesTitle", { n: info.duplicates.length }))}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("imports.col.row")}</th>
              <th scope="col">{t("imports.col.repeats")}</th>
              <th scope="col">{t("imports.col.resolution")}</th>
              <th scope="col"><span className="visually-hidden">{t("imports.col.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {info.duplicates.map((d) => (
              <tr key={d.row} data-row={d.row}>
                <td className="num">{d.row}</td>
                <td>{d.of === "ledger" ? t("imports.ofLedger", { number: d.number ?? "" }) : t("imports.ofRow", { row: d.firstRow ?? 0 })}</td>
                <td>{d.resolution ? (d.resolution.action === "skip" ? t("imports.skipped") : t("imports.recorded", { reason: d.resolution.reason ?? "" })) : t("imports.unresolved")}</td>
                <td>
                  <button type="button" className="button button--small button--secondary" onClick={() => resolve.run({ rows: [d.row], action: "skip" })} data-testid={`skip-${d.row}`}>
                    {t("imports.skip")}
                  </button>{" "}
                  <button type="button" className="button button--small button--secondary" onClick={() => resolve.run({ rows: [d.row], action: "record" })} data-testid={`record-${d.row}`}>
                    {t("imports.record")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open.length > 1 && (
        <button type="button" className="button button--secondary" onClick={() => resolve.run({ rows: open, action: "skip" })} data-testid="skip-all">
          {t("imports.skipAll", { n: open.length })}
        </button>
      )}
    </section>
  );
}

function Preview({ info, onChange }: { info: Info; onChange: (i: Info) => void }) {
  const { t, lang } = useI18n();
  const locale = lang === "ru" ? "ru-RU" : "en-GB";
  const [progress, setProgress] = useState<Progress | undefined>(info.progress ? { id: info.id, status: info.status, ...info.progress } : undefined);
  const confirm = useApiMutation(() => call(api.imports[":id"].confirm.$post({ param: { id: info.id } })), setProgress);
  const running = progress?.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void call(api.imports[":id"].progress.$get({ param: { id: info.id } })).then(setProgress, () => undefined);
    }, 500);
    return () => clearInterval(timer);
  }, [running, info.id]);
  return (
    <>
      <section className="panel" aria-labelledby="import-preview-title" data-testid="import-preview">
        <h2 id="import-preview-title">{t("imports.previewTitle", { file: info.filename })}</h2>
        {info.mappingFrom && <p className="muted" data-testid="import-mapped-from">{t(`imports.mappedFrom.${info.mappingFrom}` as Key)}</p>}
        <p data-testid="import-counts">
          {t("imports.counts", { rows: info.rows, toCreate: info.toCreate, errors: new Set(info.errors.map((e) => e.row)).size, already: info.alreadyImported, ignored: info.ignored })}
        </p>
        {info.totals.length > 0 && (
          <div className="table-wrap" {...scrollRegion(t("imports.totalsTitle"))}>
            <table className="table" data-testid="import-totals">
              <caption>{t("imports.totalsTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("imports.col.currency")}</th>
                  <th scope="col" className="num">{t("imports.col.rows")}</th>
                  <th scope="col" className="num">{t("imports.col.amount")}</th>
                  <th scope="col" className="num">{t("imports.col.amountUsd")}</th>
                </tr>
              </thead>
              <tbody>
                {info.totals.map((x) => (
                  <tr key={x.currency} data-currency={x.currency}>
                    <td className="code">{x.currency}</td>
                    <td className="num">{x.rows}</td>
                    <td className="num">{formatMoney(x.amount, x.currency, locale)}</td>
                    <td className="num">{formatMoney(x.amountUsd, "USD", locale)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>{t("imports.totalUsd")}</th>
                  <td className="num" data-testid="import-total-usd">{formatMoney(info.totalUsd, "USD", locale)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        {info.errors.length > 0 && (
          <>
            <h3>{t("imports.errorsTitle", { n: info.errors.length })}</h3>
            <ul className="issue-list" data-testid="import-errors">
              {info.errors.map((e) => (
                <li key={`${e.row}-${e.field}-${e.code}`}>
                  {t("imports.rowError", { row: e.row, column: e.column, reason: issueText({ code: e.code, params: e.params as never, message: e.message }, t) })}
                </li>
              ))}
            </ul>
            <a className="button button--secondary" href={`/api/imports/${encodeURIComponent(info.id)}/errors.csv`} download data-testid="import-errors-csv">
              {t("imports.errorsCsv")}
            </a>
          </>
        )}
      </section>
      {info.status === "draft" && <Duplicates info={info} onDone={onChange} />}
      {info.status === "draft" && !progress && (
        <div className="form-actions">
          <ErrorNotice error={confirm.error} />
          <button type="button" className="button" disabled={confirm.busy || !info.mapping} onClick={() => confirm.run(undefined)} data-testid="import-confirm">
            {t("imports.confirm", { n: info.toCreate })}
          </button>
        </div>
      )}
      {progress && (
        <section className="panel" aria-live="polite" data-testid="import-progress">
          <progress max={progress.total || 1} value={progress.done} />
          <p>{progress.status === "done" ? t("imports.done", { n: progress.created }) : t("imports.progress", { done: progress.done, total: progress.total })}</p>
          {progress.status === "done" && <SuccessNotice testId="import-done">{t("imports.done", { n: progress.created })}</SuccessNotice>}
        </section>
      )}
    </>
  );
}

export function ImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | undefined>();
  const [info, setInfo] = useState<Info | undefined>();
  const upload = useApiMutation(async (f: File) => call(api.imports.$post({ json: { filename: f.name, data: await base64(f) } })), setInfo);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file || upload.busy) return;
    setInfo(undefined);
    upload.run(file);
  };
  return (
    <section className="page" aria-labelledby="import-title">
      <h1 id="import-title">{t("imports.title")}</h1>
      <p className="muted">{t("imports.intro")}</p>
      <form className="panel form" onSubmit={submit} noValidate data-testid="import-upload">
        <ErrorNotice error={upload.error} />
        <div className="field">
          <label htmlFor="import-file">{t("imports.file")}</label>
          <input id="import-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0])} data-testid="import-file" />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={!file || upload.busy} data-testid="import-upload-button">
            {upload.busy ? t("common.saving") : t("imports.upload")}
          </button>
        </div>
      </form>
      {info && info.status === "draft" && <MappingForm key={`${info.id}-${info.mapping ? "m" : ""}`} info={info} onDone={setInfo} />}
      {info && info.mapping && <Preview key={info.id} info={info} onChange={setInfo} />}
    </section>
  );
}
