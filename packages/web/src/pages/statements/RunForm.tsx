/** "Send now": the period (the one previewed), the states, a dry run first, then a confirmation. */
import { useState, type FormEvent } from "react";
import { api, call, type QueuedRun, type RunResult } from "../../api";
import { fieldErrors } from "../../errors";
import { useI18n } from "../../i18n";
import { PeriodPicker, periodName } from "../../period";
import { ErrorNotice, FieldError } from "../../ui";
import { Outcome } from "./Outcome";
import { useSorted, type States } from "./shared";

/** Sends (or lists, in a dry run) the statements of the page's period: the period previewed. */
export function RunForm({ states, period, setPeriod, onRun }: { states: States; period: string; setPeriod: (p: string) => void; onRun: (result: RunResult) => void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const sorted = useSorted(states);
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
