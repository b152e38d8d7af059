/**
 * The one confirmation of the web, for every destructive or sending action (send statements,
 * send a revision, void, fill a vacancy, end a secondment, record anyway): an inline alert dialog
 * that names what will happen, with focus on "Cancel" when it opens, Escape to cancel, and focus
 * back where it was when it closes.
 */
import { useEffect, useId, useRef, type ReactNode } from "react";
import { useI18n } from "./i18n";

/** Calls `onEscape` when Escape is pressed anywhere on the page while `active`. */
export function useEscape(onEscape: () => void, active = true) {
  const latest = useRef(onEscape);
  latest.current = onEscape;
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      e.preventDefault();
      latest.current();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [active]);
}

export function Confirm({
  title,
  children,
  confirmLabel,
  busyLabel,
  busy = false,
  danger = true,
  onConfirm,
  onCancel,
  testId,
  confirmTestId,
  cancelTestId,
  extra,
}: {
  /** The question, in bold. */
  title: ReactNode;
  /** What will happen. */
  children?: ReactNode;
  confirmLabel: ReactNode;
  busyLabel?: ReactNode;
  busy?: boolean;
  /** A red confirm button (the default: these actions cannot be undone). */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
  confirmTestId?: string;
  cancelTestId?: string;
  /** More buttons, after Cancel. */
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancel.current?.focus();
    return () => {
      // Back to what opened it, when that is still on the page and focus has not moved elsewhere meanwhile.
      if (opener?.isConnected && (document.activeElement === document.body || document.activeElement === null)) opener.focus();
    };
  }, []);
  useEscape(() => {
    if (!busy) onCancel();
  });
  return (
    <div className="notice notice--warning confirm" role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={children ? `${id}-text` : undefined} data-testid={testId}>
      <p id={`${id}-title`}>
        <strong>{title}</strong>
      </p>
      {children && (
        <div id={`${id}-text`} className="confirm-text">
          {children}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className={`button${danger ? " button--danger-solid" : ""}`} disabled={busy} onClick={onConfirm} data-testid={confirmTestId}>
          {busy ? (busyLabel ?? confirmLabel) : confirmLabel}
        </button>
        <button type="button" ref={cancel} className="button button--secondary" onClick={onCancel} disabled={busy} data-testid={cancelTestId}>
          {t("common.cancel")}
        </button>
        {extra}
      </div>
    </div>
  );
}
