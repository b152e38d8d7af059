/**
 * /statements (finance, admin): preview a member state's statement as its
 * recipients will see it, run the statements of a period now (a dry run
 * first), and the history of runs and of each recipient's delivery.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import {
  api,
  call,
  type Delivery,
  type MemberState,
  type QueuedRun,
  type RunResult,
  type StatementLang,
  type StatementPreview,
  type StatementRun,
} from "../api";
import { fieldErrors } from "../errors";
import { useStates } from "../finance";
import { useI18n } from "../i18n";
import { lastQuarter, parsePeriod, PeriodPicker, periodName } from "../period";
import { Link, setQuery, useSearch, withQuery } from "../router";
import { useApiQuery } from "../query";
import { ErrorNotice, FieldError, LoadError, Loading } from "../ui";

type States = ReturnType<typeof useStates>;

const LANG_NAMES: Record<StatementLang, string> = { en: "English", ru: "Русский" };

/** States sorted by name in the current language. */
function useSorted(states: States): MemberState[] {
  const { lang, locale } = useI18n();
  return useMemo(() => [...(states.data ?? [])].sort((a, b) => a.name[lang].localeCompare(b.name[lang], locale)), [states.data, lang, locale]);
}

function StateName({ code, states }: { code: string; states: States }) {
  return (
    <>
      <span className="state-name">{states.nameOf(code)}</span> <span className="code muted small">{code}</span>
    </>
  );
}

// ---------- Preview ----------

function Preview({ states }: { states: States }) {
  const i18n = useI18n();
  const { t, lang: uiLang } = i18n;
  const search = useSearch();
  const sorted = useSorted(states);
  const state = search.get("state") ?? "";
  const period = parsePeriod(search.get("period")) ? search.get("period")! : lastQuarter();
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
        <PeriodPicker value={period} onChange={(p) => setQuery({ period: p })} error={errors.period} />
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

// ---------- Run ----------

/** Rows in the order of the states' names, then recipients. */
function byName<T extends { state: string; email?: string }>(items: T[], states: States, lang: "en" | "ru", locale: string): T[] {
  const name = (code: string) => states.byCode.get(code)?.name[lang] ?? code;
  return [...items].sort((a, b) => name(a.state).localeCompare(name(b.state), locale) || (a.email ?? "").localeCompare(b.email ?? ""));
}

function Outcome({ result, states, live }: { result: RunResult; states: States; live?: boolean }) {
  const i18n = useI18n();
  const { t, number, lang, locale } = i18n;
  const period = periodName(result.period, i18n);
  const sentLabel = result.dryRun ? t("statements.result.toSend") : t("statements.result.sent");
  const section = (title: string, count: number, outcome: string, head: ReactNode, rows: ReactNode) => (
    <div className="outcome-group" data-group={outcome}>
      <h4>
        {title} <span className="count muted">({number(count)})</span>
      </h4>
      {count === 0 ? (
        <p className="muted small">{t("statements.result.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>{head}</thead>
            <tbody>{rows}</tbody>
          </table>
        </div>
      )}
    </div>
  );
  const stateCol = <th scope="col">{t("statements.col.state")}</th>;
  const emailCol = <th scope="col">{t("statements.col.recipient")}</th>;

  return (
    <div className="run-result" data-testid={live ? "run-result" : "run-details"} data-run-id={result.runId} data-dry-run={String(result.dryRun)} role={live ? "status" : undefined}>
      {live && (
        <p className={`notice ${result.failed.length ? "notice--error" : result.dryRun || !result.sent.length ? "notice--info" : "notice--success"}`} data-testid="run-summary">
          {result.dryRun ? t("statements.result.dryDone", { period }) : t("statements.result.done", { period })}
        </p>
      )}
      <dl className="totals-list run-counts">
        <div data-testid="count-sent">
          <dt>{sentLabel}</dt>
          <dd>{number(result.sent.length)}</dd>
        </div>
        <div data-testid="count-skipped">
          <dt>{t("statements.result.skipped")}</dt>
          <dd>{number(result.skipped.length)}</dd>
        </div>
        <div data-testid="count-failed" className={result.failed.length ? "has-failed" : undefined}>
          <dt>{t("statements.result.failed")}</dt>
          <dd>{number(result.failed.length)}</dd>
        </div>
      </dl>
      {section(
        sentLabel,
        result.sent.length,
        "sent",
        <tr>
          {stateCol}
          {emailCol}
          <th scope="col">{t("statements.col.lang")}</th>
          <th scope="col">{t("statements.reference")}</th>
        </tr>,
        byName(result.sent, states, lang, locale).map((s) => (
          <tr key={`${s.state}|${s.email}`} data-state={s.state} data-email={s.email} data-outcome="sent">
            <td>
              <StateName code={s.state} states={states} />
            </td>
            <td>{s.email}</td>
            <td>{t(`lang.${s.lang}`)}</td>
            <td className="code small">{s.reference}</td>
          </tr>
        )),
      )}
      {section(
        t("statements.result.skipped"),
        result.skipped.length,
        "skipped",
        <tr>
          {stateCol}
          {emailCol}
          <th scope="col">{t("statements.col.reason")}</th>
        </tr>,
        byName(result.skipped, states, lang, locale).map((s, i) => (
          <tr key={`${s.state}|${s.email ?? ""}|${i}`} data-state={s.state} data-email={s.email ?? ""} data-outcome="skipped" data-reason={s.reason}>
            <td>
              <StateName code={s.state} states={states} />
            </td>
            <td>{s.email ?? <span className="muted">{t("common.none")}</span>}</td>
            <td>{t(`skip.${s.reason}`)}</td>
          </tr>
        )),
      )}
      {section(
        t("statements.result.failed"),
        result.failed.length,
        "failed",
        <tr>
          {stateCol}
          {emailCol}
          <th scope="col">{t("statements.col.error")}</th>
          <th scope="col" className="num">{t("statements.col.attempts")}</th>
        </tr>,
        byName(result.failed, states, lang, locale).map((f, i) => (
          <tr key={`${f.state}|${f.email ?? ""}|${i}`} data-state={f.state} data-email={f.email ?? ""} data-outcome="failed">
            <td>
              <StateName code={f.state} states={states} />
            </td>
            <td>{f.email ?? <span className="muted">{t("common.none")}</span>}</td>
            <td className="error-text">{f.error}</td>
            <td className="num">{f.attempts ?? t("common.none")}</td>
          </tr>
        )),
      )}
    </div>
  );
}

function RunForm({ states, onRun }: { states: States; onRun: (result: RunResult) => void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const sorted = useSorted(states);
  const [period, setPeriod] = useState(lastQuarter);
  const [scope, setScope] = useState<"members" | "chosen">("members");
  const [chosen, setChosen] = useState<string[]>([]);
  const [dryRun, setDryRun] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [localError, setLocalError] = useState<string>();
  const [result, setResult] = useState<RunResult>();
  const errors = fieldErrors(error);
  const statesError = localError ?? errors.states ?? Object.entries(errors).find(([k]) => k.startsWith("states."))?.[1];
  const members = sorted.filter((s) => s.status === "member");

  // Any change of what would be run asks again.
  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setConfirming(false);
    setLocalError(undefined);
  };
  const toggle = (code: string, on: boolean) => change(setChosen)(on ? [...chosen, code] : chosen.filter((c) => c !== code));

  const run = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const body = { period, dryRun, ...(scope === "chosen" ? { states: chosen } : {}) };
      // On AWS a real run is queued (202 { runId, status: "queued" }) and appears in the list of runs.
      const r = await call<RunResult | QueuedRun>(api.summaries.run.$post({ json: body }));
      setConfirming(false);
      if (!("status" in r)) {
        setResult(r);
        onRun(r);
      }
    } catch (e) {
      setError(e);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (scope === "chosen" && chosen.length === 0) {
      setLocalError(t("statements.run.chooseOne"));
      return;
    }
    if (!dryRun && !confirming) {
      setConfirming(true);
      return;
    }
    void run();
  };

  const scopeText =
    scope === "members"
      ? t("statements.run.scopeMembers", { n: members.length })
      : chosen
          .map((c) => states.byCode.get(c)?.name[lang] ?? c)
          .sort((a, b) => a.localeCompare(b, i18n.locale))
          .join(", ");

  return (
    <section className="panel" aria-labelledby="run-title" data-testid="run-panel">
      <h2 id="run-title">{t("statements.run.title")}</h2>
      <p className="muted">{t("statements.run.intro")}</p>
      <form className="form run-form" onSubmit={submit} noValidate data-testid="run-form">
        <ErrorNotice error={error && !errors.period ? error : undefined} />
        <PeriodPicker value={period} onChange={change(setPeriod)} error={errors.period} />
        <fieldset className={`field${statesError ? " field--invalid" : ""}`}>
          <legend>{t("statements.run.states")}</legend>
          <div className="checks">
            <label className="check">
              <input type="radio" name="scope" value="members" checked={scope === "members"} onChange={() => change(setScope)("members")} />
              {t("statements.run.allMembers")}
            </label>
            <label className="check">
              <input type="radio" name="scope" value="chosen" checked={scope === "chosen"} onChange={() => change(setScope)("chosen")} data-testid="scope-chosen" />
              {t("statements.run.onlyChosen")}
            </label>
          </div>
          {scope === "chosen" && (
            <ul className="state-checks" data-testid="run-states">
              {sorted.map((s) => (
                <li key={s.code}>
                  <label className="check">
                    <input type="checkbox" name="states" value={s.code} checked={chosen.includes(s.code)} onChange={(e) => toggle(s.code, e.target.checked)} />
                    <span>
                      {s.name[lang]}
                      {s.status !== "member" && <span className="muted small"> · {t(`status.${s.status}`)}</span>}
                      {s.contacts.length === 0 && <span className="muted small"> · {t("statements.run.noContacts")}</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <FieldError path="states" message={statesError} />
        </fieldset>
        <div className="field">
          <label className="check">
            <input type="checkbox" name="dryRun" checked={dryRun} onChange={(e) => change(setDryRun)(e.target.checked)} />
            {t("statements.run.dryRun")}
          </label>
          <p className="field-hint">{dryRun ? t("statements.run.dryRunHint") : t("statements.run.realHint")}</p>
        </div>

        {confirming ? (
          <div className="notice notice--warning confirm" role="alertdialog" aria-labelledby="confirm-text" data-testid="run-confirm">
            <p id="confirm-text">
              <strong>{t("statements.run.confirmTitle", { period: periodName(period, i18n) })}</strong>
              <br />
              {t("statements.run.confirmText", { scope: scopeText })}
            </p>
            <div className="form-actions">
              <button type="submit" className="button button--danger-solid" disabled={busy} data-testid="confirm-run" autoFocus>
                {busy ? t("statements.run.sending") : t("statements.run.confirm")}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)} disabled={busy} data-testid="cancel-run">
                {t("common.cancel")}
              </button>
            </div>
          </div>
        ) : (
          <div className="form-actions">
            <button type="submit" className={`button${dryRun ? "" : " button--danger-solid"}`} disabled={busy} data-testid="run-statements">
              {busy ? t("statements.run.running") : dryRun ? t("statements.run.submitDry") : t("statements.run.submit")}
            </button>
          </div>
        )}
      </form>
      {result && <Outcome result={result} states={states} live />}
    </section>
  );
}

// ---------- History ----------

function Runs({ states, version, onPeriod }: { states: States; version: number; onPeriod: (period: string) => void }) {
  const { t, dateTime, number } = useI18n();
  const [limit, setLimit] = useState(20);
  const [open, setOpen] = useState<string>();
  const runs = useApiQuery(["summaries", "runs", limit, version], () => call(api.summaries.runs.$get({ query: { limit: String(limit) } })).then((r) => r.items));
  const items = runs.data ?? [];

  return (
    <div className="runs">
      <h3>{t("statements.runs.title")}</h3>
      {runs.error ? <LoadError error={runs.error} retry={runs.reload} /> : null}
      {!runs.data && runs.loading && <Loading />}
      {runs.data && (
        <div className="table-wrap">
          <table className="table" data-testid="runs-table">
            <caption className="visually-hidden">{t("statements.runs.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("statements.col.when")}</th>
                <th scope="col">{t("statements.col.trigger")}</th>
                <th scope="col">{t("statements.col.who")}</th>
                <th scope="col">{t("statements.col.period")}</th>
                <th scope="col">{t("statements.col.dryRun")}</th>
                <th scope="col" className="num">{t("statements.result.sent")}</th>
                <th scope="col" className="num">{t("statements.result.skipped")}</th>
                <th scope="col" className="num">{t("statements.result.failed")}</th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">{t("statements.runs.details")}</span>
                </th>
              </tr>
            </thead>
            {items.map((r) => (
              <tbody key={r.runId} className="run-group">
                <tr data-run-id={r.runId} data-period={r.period} data-dry-run={String(r.dryRun)} data-trigger={r.trigger}>
                  <td className="nowrap">
                    <time dateTime={r.startedAt}>{dateTime(r.startedAt)}</time>
                  </td>
                  <td>{t(`trigger.${r.trigger}`)}</td>
                  <td>{r.actor}</td>
                  <td>
                    <button type="button" className="link-button code" onClick={() => onPeriod(r.period)} title={t("statements.runs.showDeliveries")}>
                      {r.period}
                    </button>
                  </td>
                  <td>{r.dryRun ? <span className="badge badge--dry">{t("statements.dryRunBadge")}</span> : <span className="muted">{t("common.no")}</span>}</td>
                  <td className="num" data-testid="run-sent">{number(r.sent.length)}</td>
                  <td className="num" data-testid="run-skipped">{number(r.skipped.length)}</td>
                  <td className={`num${r.failed.length ? " failed-count" : ""}`} data-testid="run-failed">
                    {number(r.failed.length)}
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-expanded={open === r.runId}
                      onClick={() => setOpen(open === r.runId ? undefined : r.runId)}
                      data-testid="run-details-toggle"
                    >
                      {open === r.runId ? t("statements.runs.hide") : t("statements.runs.details")}
                    </button>
                  </td>
                </tr>
                {open === r.runId && (
                  <tr className="run-details-row">
                    <td colSpan={9}>
                      <Outcome result={r} states={states} />
                    </td>
                  </tr>
                )}
              </tbody>
            ))}
            {items.length === 0 && (
              <tbody>
                <tr className="empty-row">
                  <td colSpan={9} data-testid="runs-empty">
                    {t("statements.runs.empty")}
                  </td>
                </tr>
              </tbody>
            )}
          </table>
        </div>
      )}
      {runs.data && items.length >= limit && limit < 100 && (
        <button type="button" className="button button--secondary" onClick={() => setLimit(100)} data-testid="runs-more">
          {t("statements.runs.more")}
        </button>
      )}
    </div>
  );
}

function Deliveries({ states, period, setPeriod, version }: { states: States; period: string; setPeriod: (p: string) => void; version: number }) {
  const i18n = useI18n();
  const { t, dateTime, number, locale, lang } = i18n;
  const deliveries = useApiQuery(["summaries", "deliveries", period, version], () => call(api.summaries.deliveries.$get({ query: { period } })).then((r) => r.items));
  const errors = fieldErrors(deliveries.error);
  const rows = useMemo(
    () =>
      [...(deliveries.data ?? [])].sort(
        (a, b) => (states.byCode.get(a.state)?.name[lang] ?? a.state).localeCompare(states.byCode.get(b.state)?.name[lang] ?? b.state, locale) || a.email.localeCompare(b.email),
      ),
    [deliveries.data, states.byCode, lang, locale],
  );

  return (
    <div className="deliveries" id="deliveries" data-testid="deliveries">
      <h3>{t("statements.deliveries.title")}</h3>
      <p className="muted">{t("statements.deliveries.intro")}</p>
      <div className="toolbar">
        <PeriodPicker value={period} onChange={setPeriod} error={errors.period} />
      </div>
      {deliveries.error && !errors.period ? <LoadError error={deliveries.error} retry={deliveries.reload} /> : null}
      {!deliveries.data && deliveries.loading && <Loading />}
      {deliveries.data && (
        <div className="table-wrap">
          <table className="table" data-testid="deliveries-table" data-period={period}>
            <caption className="visually-hidden">{t("statements.deliveries.caption", { period: periodName(period, i18n) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("statements.col.state")}</th>
                <th scope="col">{t("statements.col.recipient")}</th>
                <th scope="col">{t("statements.col.lang")}</th>
                <th scope="col">{t("statements.col.status")}</th>
                <th scope="col" className="num">{t("statements.col.attempts")}</th>
                <th scope="col">{t("statements.col.lastError")}</th>
                <th scope="col">{t("statements.col.sentAt")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={`${d.state}|${d.email}`} data-state={d.state} data-email={d.email} data-status={d.status}>
                  <td>
                    <StateName code={d.state} states={states} />
                  </td>
                  <td>{d.email}</td>
                  <td>{t(`lang.${d.lang}`)}</td>
                  <td>
                    <span className={`badge badge--delivery-${d.status}`} data-testid="delivery-status">
                      {t(`delivery.${d.status}`)}
                    </span>
                  </td>
                  <td className="num">{number(d.attempts)}</td>
                  <td className="error-text">{d.lastError ?? <span className="muted">{t("common.none")}</span>}</td>
                  <td className="nowrap">{d.sentAt ? <time dateTime={d.sentAt}>{dateTime(d.sentAt)}</time> : <span className="muted">{t("common.none")}</span>}</td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr className="empty-row">
                  <td colSpan={7} data-testid="deliveries-empty">
                    {t("statements.deliveries.empty", { period: periodName(period, i18n) })}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function StatementsPage() {
  const { t } = useI18n();
  const states = useStates();
  // Bumped after a run: the runs and deliveries load again.
  const [version, setVersion] = useState(0);
  const [deliveriesPeriod, setDeliveriesPeriod] = useState(lastQuarter);

  return (
    <div className="page" data-testid="statements-page">
      <div className="page-head">
        <div>
          <h1>{t("statements.title")}</h1>
          <p className="muted">{t("statements.intro")}</p>
        </div>
      </div>
      <Preview states={states} />
      <RunForm
        states={states}
        onRun={(r) => {
          setDeliveriesPeriod(r.period);
          setVersion((n) => n + 1);
        }}
      />
      <section className="panel" aria-labelledby="statements-history-title" data-testid="statements-history">
        <h2 id="statements-history-title">{t("statements.history.title")}</h2>
        <Runs
          states={states}
          version={version}
          onPeriod={(p) => {
            setDeliveriesPeriod(p);
            document.getElementById("deliveries")?.scrollIntoView({ block: "start" });
          }}
        />
        <Deliveries states={states} period={deliveriesPeriod} setPeriod={setDeliveriesPeriod} version={version} />
      </section>
    </div>
  );
}
