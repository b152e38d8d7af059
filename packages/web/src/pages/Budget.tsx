/** /budget: a year's budget by line, draft or approved; finance sets it (each save is a new version); versions and history. */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { api, ApiError, call, type Budget, type BudgetLine, type BudgetStatus } from "../api";
import { fieldErrors, withoutIssues } from "../errors";
import { BudgetStatusBadge, useMoney } from "../finance";
import { useI18n } from "../i18n";
import { AmountField, DateField, refuseUnreadable } from "../fields";
import { sumUsd } from "../money";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { ErrorNotice, FieldError, FormActions, Loaded, LoadError, Loading, PageHead, scrollRegion, SelectField, SuccessNotice, TextAreaField, TextField, useFocusOnShow } from "../ui";
import { useYear, YearSelect } from "../year";
import { History } from "./History";
import { YearCloseBox } from "./YearClose";

/** The year's budget, or null when none is set (404). */
async function loadBudget(year: number): Promise<Budget | null> {
  try {
    return await call(api.budgets[":year"].$get({ param: { year: String(year) }, query: {} }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

function LinesTable({ budget, testId = "budget-lines" }: { budget: Budget; testId?: string }) {
  const { t } = useI18n();
  const { decimal } = useMoney();
  return (
    <div className="table-wrap" {...scrollRegion(t("budget.lines"))}>
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col" className="col-code">{t("budget.col.code")}</th>
            <th scope="col">{t("budget.col.name")}</th>
            <th scope="col" className="num">{t("budget.col.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {budget.lines.map((l) => (
            <tr key={l.code} data-code={l.code}>
              <td className="code">{l.code}</td>
              <td>{l.name}</td>
              <td className="num">{decimal(l.amountUsd)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th scope="row" colSpan={2}>
              {t("budget.total")}
            </th>
            <td className="num" data-testid="budget-total">
              {decimal(budget.totalUsd)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

interface DraftLine extends BudgetLine {
  key: number;
}

function BudgetForm({
  year,
  budget,
  onSaved,
  onCancel,
  onReload,
}: {
  year: number;
  budget: Budget | null;
  onSaved: (b: Budget) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const { usd } = useMoney();
  const title = useFocusOnShow<HTMLHeadingElement>();
  const nextKey = useRef(1);
  const [status, setStatus] = useState<BudgetStatus>(budget?.status ?? "draft");
  const [approvedOn, setApprovedOn] = useState(budget?.approvedOn ?? "");
  const [decisionRef, setDecisionRef] = useState(budget?.decisionRef ?? "");
  const [note, setNote] = useState(budget?.note ?? "");
  const [lines, setLines] = useState<DraftLine[]>(() =>
    (budget?.lines.length ? budget.lines : [{ code: "", name: "", amountUsd: "" }]).map((l) => ({ ...l, key: nextKey.current++ })),
  );
  const save = useApiMutation(
    () =>
      call(
        api.budgets[":year"].$put({
          param: { year: String(year) },
          json: {
            status,
            lines: lines.map(({ code, name, amountUsd }) => ({ code: code.trim(), name: name.trim(), amountUsd })),
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(status === "approved" && approvedOn ? { approvedOn } : {}),
            ...(decisionRef.trim() ? { decisionRef: decisionRef.trim() } : {}),
            ...(budget ? { version: budget.version } : {}),
          },
        }),
      ),
    onSaved,
  );
  const busy = save.busy;
  const [linesRemoved, setLinesRemoved] = useState(false);
  const error = linesRemoved ? withoutIssues(save.error, "lines.") : save.error;
  const errors = fieldErrors(error);

  const setLine = (i: number, patch: Partial<BudgetLine>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const removeLine = (i: number) => {
    setLines((ls) => ls.filter((_, j) => j !== i));
    setLinesRemoved(true);
  };
  const total = sumUsd(lines.map((l) => l.amountUsd.trim() || "0"));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || refuseUnreadable(event)) return;
    setLinesRemoved(false);
    save.run();
  };

  const conflict = error instanceof ApiError && error.status === 409;
  const shown = new Set(["status", "approvedOn", "decisionRef", "note", "lines"]);
  lines.forEach((_, i) => ["code", "name", "amountUsd"].forEach((f) => shown.add(`lines.${i}.${f}`)));
  const otherIssues = error instanceof ApiError ? error.issues.filter((i) => !shown.has(i.path)) : [];

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="budget-form" aria-labelledby="budget-form-title">
      <h2 id="budget-form-title" tabIndex={-1} ref={title}>{budget ? t("budget.editTitle", { year }) : t("budget.setTitle", { year })}</h2>
      <p className="muted">{budget ? t("budget.editIntro", { n: budget.version + 1 }) : t("budget.setIntro")}</p>
      <ErrorNotice error={error}>
        {conflict && (
          <button type="button" className="button button--small" onClick={onReload} data-testid="reload">
            {t("common.reload")}
          </button>
        )}
      </ErrorNotice>
      {otherIssues.map((i) => (
        <FieldError key={i.path} path={i.path || "(body)"} message={`${i.path ? `${i.path}: ` : ""}${i.message}`} />
      ))}
      <div className="grid">
        <SelectField
          label={t("budget.status")}
          name="status"
          value={status}
          onChange={(v) => setStatus(v === "approved" ? "approved" : "draft")}
          options={[
            { value: "draft", label: t("budgetStatus.draft") },
            { value: "approved", label: t("budgetStatus.approved") },
          ]}
          error={errors.status}
        />
        {status === "approved" && (
          <DateField
            label={t("budget.approvedOn")}
            name="approvedOn"
            value={approvedOn}
            onChange={setApprovedOn}
            error={errors.approvedOn}
            hint={t("budget.approvedOnHint")}
          />
        )}
        <TextField
          label={t("budget.decisionRef")}
          name="decisionRef"
          value={decisionRef}
          onChange={setDecisionRef}
          error={errors.decisionRef}
          hint={status === "approved" ? t("budget.decisionRefRequired") : t("budget.decisionRefHint")}
          maxLength={200}
          required={status === "approved"}
        />
      </div>

      <fieldset className="lines-edit">
        <legend>{t("budget.lines")}</legend>
        <FieldError path="lines" message={errors.lines} />
        <p className="field-hint">{t("fields.amountHint", { n: 2 })}</p>
        <div className="line-row line-row--head" aria-hidden="true">
          <span>{t("budget.col.code")}</span>
          <span>{t("budget.col.name")}</span>
          <span>{t("budget.col.amount")}</span>
          <span />
        </div>
        {lines.map((l, i) => (
          <div className="line-row" key={l.key} data-testid="line-row" data-index={i}>
            <TextField
              label={<span className="visually-hidden">{t("budget.lineCode", { n: i + 1 })}</span>}
              name={`lines.${i}.code`}
              value={l.code}
              onChange={(v) => setLine(i, { code: v })}
              error={errors[`lines.${i}.code`]}
              maxLength={20}
              autoComplete="off"
            />
            <TextField
              label={<span className="visually-hidden">{t("budget.lineName", { n: i + 1 })}</span>}
              name={`lines.${i}.name`}
              value={l.name}
              onChange={(v) => setLine(i, { name: v })}
              error={errors[`lines.${i}.name`]}
              maxLength={300}
              autoComplete="off"
            />
            <AmountField
              label={<span className="visually-hidden">{t("budget.lineAmount", { n: i + 1 })}</span>}
              name={`lines.${i}.amountUsd`}
              value={l.amountUsd}
              onChange={(v) => setLine(i, { amountUsd: v })}
              error={errors[`lines.${i}.amountUsd`]}
              formatHint={false}
            />
            <button
              type="button"
              className="button button--secondary button--small line-remove"
              onClick={() => removeLine(i)}
              disabled={lines.length === 1}
              aria-label={t("budget.removeLineN", { n: i + 1 })}
              data-testid="remove-line"
            >
              {t("budget.removeLine")}
            </button>
          </div>
        ))}
        <div className="lines-foot">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setLines((ls) => [...ls, { key: nextKey.current++, code: "", name: "", amountUsd: "" }])}
            data-testid="add-line"
          >
            {t("budget.addLine")}
          </button>
          <p className="lines-total" data-testid="budget-form-total">
            {t("budget.total")}: <strong>{total !== undefined ? usd(total) : t("budget.totalUnreadable")}</strong>
          </p>
        </div>
      </fieldset>

      <TextAreaField label={t("budget.note")} name="note" value={note} onChange={setNote} error={errors.note} maxLength={1000} rows={2} />

      <FormActions label={t("budget.save")} busy={busy} testId="save-budget" onCancel={onCancel} cancelTestId="cancel" />
    </form>
  );
}

function Versions({ year, current }: { year: number; current: number }) {
  const { t, dateTime, date } = useI18n();
  const { decimal } = useMoney();
  const history = useApiQuery(["budgets", year, "history"], () =>
    call(api.budgets[":year"].history.$get({ param: { year: String(year) } })).then((r) => r.items),
  );
  const [open, setOpen] = useState<number>();
  return (
    <section className="panel" aria-labelledby="versions-title" data-testid="budget-versions">
      <h2 id="versions-title">{t("budget.versions")}</h2>
      <p className="muted">{t("budget.versionsIntro")}</p>
      <Loaded query={history}>
        {(versions) => (
          <div className="table-wrap" {...scrollRegion(t("budget.versions"))}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("budget.col.version")}</th>
                  <th scope="col">{t("budget.status")}</th>
                  <th scope="col" className="num">{t("budget.col.total")}</th>
                  <th scope="col">{t("budget.col.saved")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("budget.showLines")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {versions.map((b) => (
                  <VersionRows key={b.version} b={b} open={open === b.version} toggle={() => setOpen(open === b.version ? undefined : b.version)}>
                    <td>
                      {t("budget.version", { n: b.version })}
                      {b.version === current && <span className="muted"> · {t("budget.inForce")}</span>}
                    </td>
                    <td>
                      <BudgetStatusBadge status={b.status} />
                      {b.approvedOn && <span className="muted small"> {date(b.approvedOn)}</span>}
                    </td>
                    <td className="num">{decimal(b.totalUsd)}</td>
                    <td>
                      {dateTime(b.createdAt)} · {b.createdBy}
                    </td>
                  </VersionRows>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </section>
  );
}

function VersionRows({ b, open, toggle, children }: { b: Budget; open: boolean; toggle: () => void; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <tr data-version={b.version} data-testid="budget-version">
        {children}
        <td className="actions">
          <button type="button" className="button button--secondary button--small" onClick={toggle} aria-expanded={open}>
            {open ? t("budget.hideLines") : t("budget.showLines")}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="version-lines">
          <td colSpan={5}>
            <LinesTable budget={b} testId={`budget-lines-v${b.version}`} />
            {b.note && <p className="muted small">{b.note}</p>}
          </td>
        </tr>
      )}
    </>
  );
}

export function BudgetPage() {
  const { t, date, dateTime } = useI18n();
  const { usd } = useMoney();
  const session = useSession();
  const isFinance = session.can("putBudget");
  const [year, setYear, settled] = useYear();
  const budget = useApiQuery(["budgets", year], () => loadBudget(year), { enabled: settled });
  const [editing, setEditing] = useState<number>();
  const [saved, setSaved] = useState<number>();
  const b = budget.data;
  const isEditing = editing === year;
  // Leaving the form (saved or cancelled) takes focus back to the budget it changed.
  const wasEditing = useRef(false);
  const current = useRef<HTMLHeadingElement>(null);
  const setButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (wasEditing.current && !isEditing) (current.current ?? setButton.current)?.focus();
    wasEditing.current = isEditing;
  }, [isEditing, b]);

  return (
    <div className="page" data-testid="budget-page" data-year={year}>
      <PageHead title={t("budget.title", { year })} intro={t("budget.intro")}>
        <YearSelect
          value={year}
          onChange={(y) => {
            setEditing(undefined);
            setSaved(undefined);
            setYear(y);
          }}
        />
      </PageHead>

      {saved === year && b && <SuccessNotice>{t("budget.saved", { n: b.version })}</SuccessNotice>}
      {budget.error ? <LoadError error={budget.error} retry={budget.reload} /> : null}
      {(budget.loading || !settled) && b === undefined && <Loading />}

      {isEditing && b !== undefined && (
        <BudgetForm
          key={`form-${year}-${b?.version ?? 0}`}
          year={year}
          budget={b}
          onSaved={(next) => {
            budget.setData(next);
            setEditing(undefined);
            setSaved(year);
          }}
          onCancel={() => setEditing(undefined)}
          onReload={() => {
            setEditing(undefined);
            budget.reload();
          }}
        />
      )}

      {settled && <YearCloseBox key={year} year={year} />}

      {b === null && !isEditing && (
        <section className="panel empty-budget" data-testid="no-budget">
          <p>{t("budget.none", { year })}</p>
          {isFinance && (
            <button type="button" className="button" ref={setButton} onClick={() => setEditing(year)} data-testid="set-budget">
              {t("budget.set", { year })}
            </button>
          )}
        </section>
      )}

      {b && !isEditing && (
        <section className="panel" aria-labelledby="budget-current-title" data-testid="budget-current">
          <div className="panel-head">
            <div>
              <h2 id="budget-current-title" tabIndex={-1} ref={current}>
                {t("budget.heading", { year })} <BudgetStatusBadge status={b.status} />{" "}
                <span className="muted version-label" data-testid="budget-version-label">
                  {t("budget.version", { n: b.version })}
                </span>
              </h2>
              <p className="budget-total-line">
                {t("budget.total")}: <strong data-testid="budget-total-usd">{usd(b.totalUsd)}</strong>
              </p>
            </div>
            {isFinance && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setEditing(year);
                  setSaved(undefined);
                }}
                data-testid="edit-budget"
              >
                {t("budget.edit")}
              </button>
            )}
          </div>
          <dl className="details details--compact">
            <div>
              <dt>{t("budget.approvedOn")}</dt>
              <dd data-testid="budget-approved-on">{b.approvedOn ? date(b.approvedOn) : <span className="muted">{t("common.none")}</span>}</dd>
            </div>
            <div>
              <dt>{t("budget.decisionRef")}</dt>
              <dd data-testid="budget-decision">{b.decisionRef || <span className="muted">{t("common.none")}</span>}</dd>
            </div>
            <div>
              <dt>{t("budget.savedBy")}</dt>
              <dd>
                {dateTime(b.createdAt)} · {b.createdBy}
              </dd>
            </div>
          </dl>
          {b.note && <p className="budget-note">{b.note}</p>}
          <LinesTable budget={b} />
        </section>
      )}

      {b && <Versions year={year} current={b.version} />}
      <History entity="budget" id={String(year)} />
    </div>
  );
}
