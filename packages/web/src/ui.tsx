/** Small shared pieces: form fields with their error, notices, badges. */
import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { ApiError, type Role, type StateStatus } from "./api";
import type { ApiQuery } from "./query";
import { errorText, issueText } from "./errors";
import { useI18n } from "./i18n";
import { Link, setQuery } from "./router";

/** The message under a field; `data-error-for` carries the API path (e.g. `contacts.0.email`). */
export function FieldError({ id, path, message }: { id?: string; path: string; message?: string }) {
  const { t, lang } = useI18n();
  if (!message) return null;
  return (
    <p className="field-error" id={id} data-error-for={path} data-testid={`error-${path}`}>
      {issueText(message, t, lang)}
    </p>
  );
}

/** What every field takes: its label, the API path as name, the value and its change, the error and a hint. */
interface FieldProps {
  label: ReactNode;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  /** What stands beside the control (a date field's calendar button). */
  addon?: ReactNode;
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, keyof FieldProps> & FieldProps;
type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, keyof FieldProps> & FieldProps;
type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, keyof FieldProps> & Omit<FieldProps, "hint"> & { options: Array<{ value: string; label: string }> };

/**
 * The frame of a field: label, the control (given the attributes that tie it to its label,
 * hint and error), the hint and the error under it.
 */
function Field({ label, name, value, onChange, error, hint, addon, className, control }: FieldProps & {
  className?: string;
  control: (attributes: { id: string; name: string; value: string; onChange: (e: { target: { value: string } }) => void; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {control({ id, name, value, onChange: (e) => onChange(e.target.value), "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {addon}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} path={name} message={error} />
    </div>
  );
}

export function TextField({ label, name, value, onChange, error, hint, addon, className, ...rest }: InputProps) {
  return <Field {...{ label, name, value, onChange, error, hint, addon, className }} control={(a) => <input {...a} {...rest} />} />;
}

export function TextAreaField({ label, name, value, onChange, error, hint, className, ...rest }: TextAreaProps) {
  return <Field {...{ label, name, value, onChange, error, hint, className }} control={(a) => <textarea {...a} {...rest} />} />;
}

export function SelectField({ label, name, value, onChange, options, error, className, ...rest }: SelectProps) {
  return (
    <Field
      {...{ label, name, value, onChange, error, className }}
      control={(a) => (
        <select {...a} {...rest}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/**
 * A list's filter in its toolbar: a select whose choice stands in the address as `?name=`, "" (the
 * choice `all`, when given) for no filter.
 */
export function FilterSelect({ name, label, value, all, options, id = `filter-${name}` }: {
  name: string;
  label: string;
  value: string;
  all?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  id?: string;
}) {
  return (
    <div className="field field--inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => setQuery({ [name]: e.target.value })} data-testid={`filter-${name}`}>
        {all !== undefined && <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A button of a page's head actions: `primary` (the main action), `secondary` or `danger`. */
export function ActionButton({ onClick, testId, tone = "primary", disabled, children }: { onClick: () => void; testId: string; tone?: "primary" | "secondary" | "danger"; disabled?: boolean; children: ReactNode }) {
  return (
    <button type="button" className={tone === "primary" ? "button" : `button button--${tone}`} onClick={onClick} disabled={disabled} data-testid={testId}>
      {children}
    </button>
  );
}

/**
 * A form's buttons: the submit (its label, "Saving…" while `busy`; red when `danger`) and, given
 * `onCancel`, Cancel.
 */
export function FormActions({ label, busy, testId, danger, onCancel, cancelTestId }: {
  label: ReactNode;
  busy: boolean;
  testId: string;
  danger?: boolean;
  onCancel?: () => void;
  cancelTestId?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <button type="submit" className={danger ? "button button--danger-solid" : "button"} disabled={busy} data-testid={testId}>
        {busy ? t("common.saving") : label}
      </button>
      {onCancel && (
        <button type="button" className="button button--secondary" onClick={onCancel} data-testid={cancelTestId}>
          {t("common.cancel")}
        </button>
      )}
    </div>
  );
}

/** A form-level error from the API, translated. */
export function ErrorNotice({ error, testId = "form-error", children }: { error: unknown; testId?: string; children?: ReactNode }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  return (
    <div className="notice notice--error" role="alert" data-testid={testId}>
      <span>{errorText(error, t, lang)}</span>
      {children}
    </div>
  );
}

export function SuccessNotice({ children, testId = "saved-notice" }: { children: ReactNode; testId?: string }) {
  return (
    <div className="notice notice--success" role="status" data-testid={testId}>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" data-testid="loading">
      {t("common.loading")}
    </p>
  );
}

/** A page's head: its title, the line under it and, on the right, what is given as children (its actions). */
export function PageHead({ title, intro, children }: { title: ReactNode; intro: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
      </div>
      {children}
    </div>
  );
}

/** "← All …": the way back from a record's page to its list. */
export function BackLink({ to, label, testId }: { to: string; label: string; testId: string }) {
  return (
    <p className="back">
      <Link to={to} data-testid={testId}>
        ← {label}
      </Link>
    </p>
  );
}

/** One record's page before it can be shown: loading, not found (404), or a failed load with a retry. */
export function RecordFrame({ className = "page", back, error, retry, notFound }: {
  className?: string;
  back: ReactNode;
  error: unknown;
  retry: () => void;
  notFound: { testId: string; text: string };
}) {
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <div className={className}>
      {back}
      {error === undefined ? (
        <Loading />
      ) : missing ? (
        <div className="notice notice--info" data-testid={notFound.testId}>
          {notFound.text}
        </div>
      ) : (
        <LoadError error={error} retry={retry} />
      )}
    </div>
  );
}

/**
 * A query's answer once it has one (`children` is given the data); before that, "Loading…" while
 * the first answer is on its way, and a failed load with its retry.
 */
export function Loaded<T>({ query, children }: { query: Pick<ApiQuery<T>, "data" | "error" | "loading" | "reload">; children: (data: T) => ReactNode }) {
  return (
    <>
      {query.error ? <LoadError error={query.error} retry={query.reload} /> : null}
      {!query.data && query.loading && <Loading />}
      {query.data ? children(query.data) : null}
    </>
  );
}

/** A failed load: the message and a retry button. */
export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  return (
    <ErrorNotice error={error} testId="load-error">
      <button type="button" className="button button--small" onClick={retry}>
        {t("common.retry")}
      </button>
    </ErrorNotice>
  );
}

export function StatusBadge({ status }: { status: StateStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--${status}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  return (
    <span className="roles">
      {roles.map((r) => (
        <span key={r} className={`badge badge--role badge--${r}`} data-role={r}>
          {t(`role.${r}`)}
        </span>
      ))}
    </span>
  );
}

/**
 * The attributes of a box that scrolls sideways (a wide table on a phone): a named region that
 * takes the keyboard's focus, so it can be scrolled with the arrow keys.
 */
export function scrollRegion(label: string) {
  return { role: "region", tabIndex: 0, "aria-label": label } as const;
}

/** A column header of a `RecordTable`: its text, or a key, a label and the header cell's class. */
export type Heading = string | { key: string; label: ReactNode; className: string };

/** The header of a column of figures (right-aligned). */
export const figures = (label: string): Heading => ({ key: label, label, className: "num" });

/**
 * A table on a record's page (its contacts, its extensions): the line saying there is none, or the
 * table in a scrolling region named `label`, its column headers, a row a record, and what stands
 * above and below it. A header that is `false` is left out.
 */
export function RecordTable<R>({ label, testId, id, empty, above, below, head, rows, row }: {
  label: string;
  testId: string;
  id?: string;
  empty: { testId: string; text: ReactNode };
  above?: ReactNode;
  below?: ReactNode;
  head: Array<Heading | false>;
  rows: readonly R[];
  row: (r: R, index: number) => ReactNode;
}) {
  if (rows.length === 0)
    return (
      <p className="muted" data-testid={empty.testId}>
        {empty.text}
      </p>
    );
  return (
    <>
      {above}
      <div className="table-wrap" {...scrollRegion(label)}>
        <table className="table" id={id} data-testid={testId}>
          <thead>
            <tr>
              {head.map((h) =>
                h === false ? null : typeof h === "string" ? (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ) : (
                  <th key={h.key} scope="col" className={h.className}>
                    {h.label}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>{rows.map(row)}</tbody>
        </table>
      </div>
      {below}
    </>
  );
}

/** Focus a heading (tabIndex -1) when it is shown, so a keyboard user is taken to what just opened or closed. */
export function useFocusOnShow<T extends HTMLElement>(shown = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (shown) ref.current?.focus({ preventScroll: false });
  }, [shown]);
  return ref;
}
