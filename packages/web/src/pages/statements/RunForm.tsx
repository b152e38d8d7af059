/**
 * "Send now": the period (the one previewed), the states, a dry run first, then a confirmation that
 * lists the dry run's recipients by number and by state; confirming sends that period and those states.
 */
import { useState, type FormEvent } from "react";
import { api, call, type QueuedRun, type RunResult } from "../../api";
import { fieldErrors } from "../../errors";
import { useI18n } from "../../i18n";
import { PeriodPicker, periodName } from "../../period";
import { Confirm } from "../../confirm";
import { ErrorNotice, FieldError } from "../../ui";
import { Outcome } from "./Outcome";
import { useSorted, type States } from "./shared";

type RunBody = { period: string; dryRun: boolean; states?: string[] };

/** Sends (or lists, in a dry run) the statements of the page's period: the period previewed. */
export function RunForm({ states, period, setPeriod, onRun }: { states: States; period: string; setPeriod: (p: string) => void; onRun: (result: RunResult) => void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const sorted = useSorted(states);
  const [scope, setScope] = useState<"members" | "chosen">("members");
  const [chosen, setChosen] = useState<string[]>([]);
  const [dryRun, setDryRun] = useState(true);
  /** The run being confirmed: its body as the dry run took it, and what that dry run would send. */
  const [pending, setPending] = useState<{ body: RunBody; recipients: RunResult["sent"] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [localError, setLocalError] = useState<string>();
  const [result, setResult] = useState<RunResult>();
  const errors = fieldErrors(error);
  const statesError = localError ?? errors.states ?? Object.entries(errors).find(([k]) => k.startsWith("states."))?.[1];

  // Any change of what would be run asks again.
  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPending(undefined);
    setLocalError(undefined);
  };
  const toggle = (code: string, on: boolean) => change(setChosen)(on ? [...chosen, code] : chosen.filter((c) => c !== code));

  const post = async (body: RunBody) => {
    // On AWS a real run is queued (202 { runId, status: "queued" }) and appears in the list of runs.
    const r = await call<RunResult | QueuedRun>(api.summaries.run.$post({ json: body }));
    return "status" in r ? undefined : r;
  };

  const attempt = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      await work();
    } catch (e) {
      setError(e);
      setPending(undefined);
    } finally {
      setBusy(false);
    }
  };

  // A dry run; for a real one, first the dry run of the same body, whose recipients the confirmation lists.
  const start = () =>
    attempt(async () => {
      const body: RunBody = { period, dryRun: true, ...(scope === "chosen" ? { states: [...chosen] } : {}) };
      const r = await post(body);
      if (!r) return;
      onRun(r);
      if (dryRun || r.sent.length === 0) setResult(r);
      else setPending({ body: { ...body, dryRun: false }, recipients: r.sent });
    });

  // Sends exactly what the dry run listed: its period and states.
  const send = (body: RunBody) =>
    attempt(async () => {
      const r = await post(body);
      setPending(undefined);
      if (r) {
        setResult(r);
        onRun(r);
      }
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (scope === "chosen" && chosen.length === 0) {
      setLocalError(t("statements.run.chooseOne"));
      return;
    }
    void start();
  };

  // The dry run's recipients by state, in the order of the states' names.
  const counts = new Map<string, number>();
  for (const r of pending?.recipients ?? []) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
  const byState = [...counts]
    .map(([code, n]) => ({ code, name: states.byCode.get(code)?.name[lang] ?? code, n }))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.locale));

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

        {pending ? (
          <Confirm
            testId="run-confirm"
            title={t("statements.run.confirmTitle", { period: periodName(pending.body.period, i18n) })}
            confirmLabel={t("statements.run.confirm")}
            busyLabel={t("statements.run.sending")}
            busy={busy}
            onConfirm={() => void send(pending.body)}
            onCancel={() => setPending(undefined)}
            confirmTestId="confirm-run"
            cancelTestId="cancel-run"
          >
            <p data-testid="run-confirm-count" data-recipients={pending.recipients.length} data-states={byState.length}>
              {t("statements.run.confirmText", { n: pending.recipients.length, states: byState.length })}
            </p>
            <ul className="confirm-states" data-testid="run-confirm-states">
              {byState.map((s) => (
                <li key={s.code} data-state={s.code} data-recipients={s.n}>
                  {t("statements.run.confirmState", { state: s.name, n: s.n })}
                </li>
              ))}
            </ul>
          </Confirm>
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
