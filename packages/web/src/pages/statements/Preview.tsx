/** The preview of a statement: subject, reference, PDF, recipients, the HTML as sent and the plain text. */
import { useState } from "react";
import { api, call, type StatementLang } from "../../api";
import { fieldErrors } from "../../errors";
import { useI18n } from "../../i18n";
import { PeriodPicker } from "../../period";
import { useApiQuery } from "../../query";
import { Link, setQuery, useSearch, withQuery } from "../../router";
import { FieldError, LoadError, Loading } from "../../ui";
import { LANG_NAMES, useSorted, type States } from "./shared";

/** A member state's statement for the page's period, as its recipients will see it. */
export function Preview({ states, period, setPeriod }: { states: States; period: string; setPeriod: (p: string) => void }) {
  const i18n = useI18n();
  const { t, lang: uiLang } = i18n;
  const search = useSearch();
  const sorted = useSorted(states);
  const state = search.get("state") ?? "";
  const record = states.byCode.get(state);
  const langParam = search.get("lang");
  // The language the state's first focal point reads, unless one is chosen.
  const lang: StatementLang = langParam === "en" || langParam === "ru" ? langParam : (record?.contacts[0]?.language ?? uiLang);
  const [tab, setTab] = useState<"html" | "text">("html");

  const ready = Boolean(state && states.data);
  const preview = useApiQuery(["summaries", "preview", state, period, lang], () => call(api.summaries.preview.$get({ query: { state, period, lang } })), {
    enabled: ready,
  });
  const errors = fieldErrors(preview.error);
  const frameSrc = withQuery("/api/summaries/preview.html", { state, period, lang });
  const pdfSrc = withQuery("/api/summaries/preview.pdf", { state, period, lang });
  const data = preview.data;

  return (
    <section className="panel statement-preview" data-testid="statement-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("statements.preview.title")}</h2>
      <p className="muted">{t("statements.preview.intro")}</p>
      <div className="toolbar statement-controls">
        <div className={`field field--inline${errors.state ? " field--invalid" : ""}`}>
          <label htmlFor="preview-state">{t("statements.state")}</label>
          <select id="preview-state" name="state" value={state} onChange={(e) => setQuery({ state: e.target.value, lang: undefined })}>
            <option value="">{t("statements.chooseState")}</option>
            {sorted.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name[uiLang]}
              </option>
            ))}
          </select>
          <FieldError path="state" message={errors.state} />
        </div>
        <PeriodPicker value={period} onChange={setPeriod} error={errors.period} />
        <div className="field field--inline">
          <label htmlFor="preview-lang">{t("statements.lang")}</label>
          <select id="preview-lang" name="lang" value={lang} onChange={(e) => setQuery({ lang: e.target.value })}>
            {(["en", "ru"] as const).map((l) => (
              <option key={l} value={l} lang={l}>
                {LANG_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
      </div>

      {states.error ? <LoadError error={states.error} retry={states.reload} /> : null}
      {!state && <p className="notice notice--info" data-testid="preview-empty">{t("statements.preview.choose")}</p>}
      {preview.error && !errors.period ? <LoadError error={preview.error} retry={preview.reload} /> : null}
      {ready && !data && preview.loading && <Loading />}
      {data && (
        <div className="statement" data-lang={data.lang} data-reference={data.reference}>
          <dl className="details statement-meta">
            <div className="statement-subject-row">
              <dt>{t("statements.subject")}</dt>
              <dd data-testid="statement-subject" lang={data.lang}>
                {data.subject}
              </dd>
            </div>
            <div>
              <dt>{t("statements.reference")}</dt>
              <dd className="code" data-testid="statement-reference">
                {data.reference}
              </dd>
              <dd>
                <a href={pdfSrc} target="_blank" rel="noopener" data-testid="statement-pdf">
                  {t("statements.pdf")}
                </a>
              </dd>
            </div>
            <div>
              <dt>{t("statements.recipients")}</dt>
              <dd data-testid="statement-recipients">
                {data.to.length ? (
                  <ul className="recipients">
                    {data.to.map((r) => (
                      <li key={r.email} data-email={r.email} data-lang={r.language}>
                        {r.name} <span className="muted">&lt;{r.email}&gt;</span> <span className="badge badge--role">{t(`lang.${r.language}`)}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="warning-text" data-testid="no-recipients">
                    {t("statements.noRecipients")}{" "}
                    <Link to={`/states/${encodeURIComponent(state)}`}>{t("statements.openState")}</Link>
                  </span>
                )}
                {data.to.length > 0 && <p className="muted small">{t("statements.recipientsNote")}</p>}
              </dd>
            </div>
          </dl>

          <div className="tabs" role="tablist" aria-label={t("statements.preview.views")}>
            <button type="button" role="tab" id="tab-html" aria-controls="view-html" aria-selected={tab === "html"} onClick={() => setTab("html")} data-testid="tab-html">
              {t("statements.tab.html")}
            </button>
            <button type="button" role="tab" id="tab-text" aria-controls="view-text" aria-selected={tab === "text"} onClick={() => setTab("text")} data-testid="tab-text">
              {t("statements.tab.text")}
            </button>
          </div>
          <div role="tabpanel" id="view-html" aria-labelledby="tab-html" hidden={tab !== "html"} className="tab-panel">
            {/* No scripts, no same-origin: the statement is shown as an email client would, and can do nothing. */}
            <iframe key={frameSrc} src={frameSrc} sandbox="" title={t("statements.frameTitle", { subject: data.subject })} className="statement-frame" data-testid="statement-frame" />
          </div>
          <div role="tabpanel" id="view-text" aria-labelledby="tab-text" hidden={tab !== "text"} className="tab-panel">
            <pre className="statement-text" lang={data.lang} data-testid="statement-text">
              {data.text}
            </pre>
          </div>
        </div>
      )}
    </section>
  );
}
