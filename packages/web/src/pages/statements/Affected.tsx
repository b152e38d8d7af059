/**
 * The statements a correction has affected: for each statement sent whose figures or lines differ
 * now, the recipient, the statement sent (original or revision) and its day, and each figure sent
 * and now; per state and period, "Send Rev. n…" with a confirmation. The comparison is core's.
 */
import type { InferResponseType } from "hono/client";
import { useMemo, useState } from "react";
import { api, call } from "../../api";
import { useMoney } from "../../finance";
import { useI18n } from "../../i18n";
import { periodName } from "../../period";
import { useApiQuery } from "../../query";
import { Confirm } from "../../confirm";
import { ErrorNotice, LoadError, Loading, scrollRegion } from "../../ui";
import { StateName, type States } from "./shared";

type Item = InferResponseType<typeof api.summaries.affected.$get, 200>["items"][number];
type Revised = InferResponseType<typeof api.summaries.revisions.$post, 200>;

interface Group {
  key: string;
  period: string;
  state: string;
  nextRevision: number;
  rows: Item[];
}

export function Affected({ states, onSent }: { states: States; onSent: (period: string) => void }) {
  const { t } = useI18n();
  const affected = useApiQuery(["summaries", "affected"], () => call(api.summaries.affected.$get({ query: {} })).then((r) => r.items));
  const [result, setResult] = useState<Revised>();
  const groups = useMemo(() => {
    const out = new Map<string, Group>();
    for (const item of affected.data ?? []) {
      const key = `${item.period}|${item.state}`;
      const g = out.get(key) ?? { key, period: item.period, state: item.state, nextRevision: item.nextRevision, rows: [] };
      g.rows.push(item);
      out.set(key, g);
    }
    return [...out.values()];
  }, [affected.data]);

  return (
    <section className="panel" aria-labelledby="affected-title" data-testid="affected-panel">
      <h2 id="affected-title">{t("statements.affected.title")}</h2>
      <p className="muted">{t("statements.affected.intro")}</p>
      {affected.error ? <LoadError error={affected.error} retry={affected.reload} /> : null}
      {!affected.data && affected.loading && <Loading />}
      {result && (
        <p className="notice notice--success" role="status" data-testid="revision-result" data-sent={result.sent.length} data-reference={result.reference}>
          {t("statements.affected.done", { n: result.revision, reference: result.reference, sent: result.sent.length })}
          {result.skipped.length > 0 && (
            <span className="small">
              {" "}
              {result.skipped.map((s) => `${s.email ?? s.state}: ${t(`skip.${s.reason}`)}`).join("; ")}
            </span>
          )}
        </p>
      )}
      {affected.data && groups.length === 0 && (
        <p className="muted" data-testid="affected-empty">
          {t("statements.affected.empty")}
        </p>
      )}
      {groups.map((g) => (
        <AffectedGroup
          key={g.key}
          group={g}
          states={states}
          onSent={(r) => {
            setResult(r);
            onSent(r.period);
          }}
        />
      ))}
    </section>
  );
}

function AffectedGroup({ group, states, onSent }: { group: Group; states: States; onSent: (r: Revised) => void }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const { usd } = useMoney();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const send = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await call<Revised | { status: "queued" }>(api.summaries.revisions.$post({ json: { period: group.period, state: group.state, revision: group.nextRevision } }));
      setConfirming(false);
      if (!("status" in r)) onSent(r);
    } catch (e) {
      setError(e);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="affected-group" data-testid="affected-group" data-period={group.period} data-state={group.state} data-next-revision={group.nextRevision}>
      <h3>
        <StateName code={group.state} states={states} /> · {periodName(group.period, i18n)}
      </h3>
      <ErrorNotice error={error} testId="revision-error" />
      <div className="table-wrap" {...scrollRegion(`${group.state} · ${periodName(group.period, i18n)}`)}>
        <table className="table table--compact" data-testid="affected-table">
          <thead>
            <tr>
              <th scope="col">{t("statements.col.recipient")}</th>
              <th scope="col">{t("statements.col.lang")}</th>
              <th scope="col">{t("statements.affected.sentStatement")}</th>
              <th scope="col">{t("statements.col.sentAt")}</th>
              <th scope="col">{t("statements.affected.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {group.rows.map((r) => (
              <tr key={r.email} data-email={r.email} data-revision={r.revision}>
                <td>{r.email}</td>
                <td>{t(`lang.${r.lang}`)}</td>
                <td className="code small">
                  {r.reference} <span className="muted">({r.revision ? t("statements.affected.revision", { n: r.revision }) : t("statements.affected.original")})</span>
                </td>
                <td className="nowrap">{r.sentAt ? <time dateTime={r.sentAt}>{dateTime(r.sentAt)}</time> : null}</td>
                <td>
                  <ul className="plain-list small">
                    {r.changes.map((c) => (
                      <li key={c.figure} data-figure={c.figure} data-then={c.then} data-now={c.now}>
                        {t(`figure.${c.figure}`)}: {usd(c.then)} → <strong>{usd(c.now)}</strong>
                      </li>
                    ))}
                    {r.linesChanged && <li data-figure="lines">{t("statements.affected.lines", { then: r.lines.then, now: r.lines.now })}</li>}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {confirming ? (
        <Confirm
          testId="revision-confirm"
          title={t("statements.affected.confirmTitle", { n: group.nextRevision, state: states.nameOf(group.state), period: periodName(group.period, i18n) })}
          confirmLabel={t("statements.affected.confirm")}
          busyLabel={t("statements.affected.sending")}
          busy={busy}
          onConfirm={() => void send()}
          onCancel={() => setConfirming(false)}
          confirmTestId="confirm-revision"
          cancelTestId="cancel-revision"
        >
          <p>{t("statements.affected.confirmText", { count: group.rows.length })}</p>
        </Confirm>
      ) : (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setConfirming(true)} data-testid="send-revision">
            {t("statements.affected.send", { n: group.nextRevision })}
          </button>
        </div>
      )}
    </div>
  );
}
