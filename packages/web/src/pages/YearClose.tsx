/** The close of a fiscal year (its status; finance closes it, an admin reopens a provisional close) and the overdue instalments of pledges. */
import { useState, type FormEvent } from "react";
import { api, call } from "../api";
import { useMoney } from "../finance";
import { useI18n } from "../i18n";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { ErrorNotice, Loaded, scrollRegion, TextField } from "../ui";

export function YearCloseBox({ year }: { year: number }) {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const param = { year: String(year) };
  const close = useApiQuery(["fiscal-years", year, "close"], () => call(api["fiscal-years"][":year"].close.$get({ param })));
  const [reason, setReason] = useState("");
  const closeIt = useApiMutation((status: "provisional" | "final") => call(api["fiscal-years"][":year"].close.$post({ param, json: { status } })), (next) => close.setData(next));
  const reopen = useApiMutation(() => call(api["fiscal-years"][":year"].reopen.$post({ param, json: { reason } })), (next) => {
    close.setData(next);
    setReason("");
  });
  const busy = closeIt.busy || reopen.busy;
  const submitReopen = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy) reopen.run();
  };
  return (
    <Loaded query={close}>
      {(c) => (
        <section className="panel" data-testid="year-close" data-status={c.status} aria-labelledby="year-close-title">
          <h2 id="year-close-title">{t("close.title", { year })}</h2>
          <p data-testid="year-close-status">
            {t(`close.status.${c.status}`, { year })}
            {c.status !== "open" && c.closedAt ? ` ${t("close.by", { who: c.closedBy ?? "", when: dateTime(c.closedAt) })}` : ""}
          </p>
          <ErrorNotice error={closeIt.error ?? reopen.error} testId="year-close-error" />
          {session.can("closeFiscalYear") && c.status !== "final" && (
            <div className="form-actions">
              {c.status === "open" && (
                <button type="button" className="button" disabled={busy} onClick={() => closeIt.run("provisional")} data-testid="close-provisional">
                  {t("close.doProvisional")}
                </button>
              )}
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => closeIt.run("final")} data-testid="close-final">
                {t("close.doFinal")}
              </button>
            </div>
          )}
          {session.can("reopenFiscalYear") && c.status === "provisional" && (
            <form onSubmit={submitReopen} noValidate data-testid="reopen-form">
              <TextField label={t("close.reopenReason")} name="reason" value={reason} onChange={setReason} maxLength={500} />
              <button type="submit" className="button" disabled={busy} data-testid="reopen">
                {t("close.reopen")}
              </button>
            </form>
          )}
        </section>
      )}
    </Loaded>
  );
}

/** The instalments overdue today (every state's, or one state's). */
export function OverdueInstalments({ state }: { state?: string }) {
  const { t, date } = useI18n();
  const { decimal } = useMoney();
  const overdue = useApiQuery(["contributions", "overdue", state ?? ""], () => call(api.contributions.overdue.$get({ query: state ? { state } : {} })));
  return (
    <Loaded query={overdue}>
      {({ items }) =>
        items.length === 0 ? null : (
          <section className="panel" data-testid="overdue-instalments" aria-labelledby="overdue-title">
            <h2 id="overdue-title">{t("overdue.title", { n: items.length })}</h2>
            <div className="table-wrap" {...scrollRegion(t("overdue.title", { n: items.length }))}>
              <table className="table">
                <thead>
                  <tr>
                    {!state && <th scope="col">{t("overdue.col.state")}</th>}
                    <th scope="col">{t("overdue.col.pledge")}</th>
                    <th scope="col">{t("overdue.col.due")}</th>
                    <th scope="col" className="num">{t("overdue.col.open")}</th>
                    <th scope="col" className="num">{t("overdue.col.openUsd")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((o) => (
                    <tr key={`${o.pledgeId} ${o.dueOn}`} data-pledge={o.pledgeId}>
                      {!state && <td>{o.stateCode}</td>}
                      <td>{o.number ?? o.pledgeId}</td>
                      <td>{t("overdue.due", { date: date(o.dueOn), n: o.daysOverdue })}</td>
                      <td className="num">{`${decimal(o.open)} ${o.currency}`}</td>
                      <td className="num">{decimal(o.openUsd)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )
      }
    </Loaded>
  );
}
