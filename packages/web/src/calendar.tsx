/**
 * The calendar beside a date field: a button that opens a month grid, the month and the days'
 * names in the interface language (Intl), weeks from Monday. On the grid the arrows move a day or
 * a week, Home and End to the week's ends, Page Up and Page Down a month (with Shift a year);
 * Enter or a click picks the day, Escape closes it, and focus goes back to the button. Dates are
 * calendar days in UTC, as the API counts them.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { isDay, today } from "./dates";
import { useI18n } from "./i18n";

const dayOf = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoOf = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (iso: string, n: number) => isoOf(new Date(dayOf(iso).getTime() + n * 86_400_000));
/** 0 for Monday to 6 for Sunday. */
const weekday = (iso: string) => (dayOf(iso).getUTCDay() + 6) % 7;

/** The same day `n` months on (the month's last day when it has fewer). */
function plusMonths(iso: string, n: number): string {
  const d = dayOf(iso);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return isoOf(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))));
}

/** The weeks of the month of `iso`, each seven days or null outside the month. */
function weeksOf(iso: string): Array<Array<string | null>> {
  const first = `${iso.slice(0, 8)}01`;
  const month = iso.slice(0, 7);
  const weeks: Array<Array<string | null>> = [];
  for (let day = plusDays(first, -weekday(first)); day.slice(0, 7) <= month; day = plusDays(day, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => plusDays(day, i)).map((d) => (d.slice(0, 7) === month ? d : null)));
  }
  return weeks;
}

const KEYS: Record<string, (iso: string, shift: boolean) => string> = {
  ArrowLeft: (d) => plusDays(d, -1),
  ArrowRight: (d) => plusDays(d, 1),
  ArrowUp: (d) => plusDays(d, -7),
  ArrowDown: (d) => plusDays(d, 7),
  Home: (d) => plusDays(d, -weekday(d)),
  End: (d) => plusDays(d, 6 - weekday(d)),
  PageUp: (d, shift) => plusMonths(d, shift ? -12 : -1),
  PageDown: (d, shift) => plusMonths(d, shift ? 12 : 1),
};

const isIso = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isDay(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)));

/** The button and, while open, the month grid; `onPick` gets the ISO date chosen. */
export function CalendarButton({ value, onPick, disabled }: { value: string; onPick: (iso: string) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  return (
    <>
      <button
        type="button"
        ref={button}
        className="calendar-button"
        aria-label={t("calendar.open")}
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        data-testid="calendar-button"
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <rect x="1.5" y="2.5" width="13" height="12" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6h13M5 1v3M11 1v3" stroke="currentColor" />
        </svg>
      </button>
      {open && (
        <MonthGrid
          value={value}
          opener={button}
          onPick={(iso) => {
            onPick(iso);
            close(true);
          }}
          onClose={close}
        />
      )}
    </>
  );
}

function MonthGrid({ value, opener, onPick, onClose }: {
  value: string;
  opener: RefObject<HTMLButtonElement | null>;
  onPick: (iso: string) => void;
  onClose: (refocus: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const now = today();
  const [focus, setFocus] = useState(() => (isIso(value) ? value : now));
  // Focus follows the day moved to from the keyboard (not after a click on the month buttons).
  const follow = useRef(true);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (follow.current) dialog.current?.querySelector<HTMLButtonElement>(`button[data-date="${focus}"]`)?.focus();
  }, [focus]);

  // A press outside closes it, leaving the focus where the press put it.
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      const target = e.target instanceof Node ? e.target : null;
      if (target && !dialog.current?.contains(target) && !opener.current?.contains(target)) onClose(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [onClose, opener]);

  const month = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(dayOf(focus));
  const long = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  // 2024-01-01 was a Monday.
  const days = Array.from({ length: 7 }, (_, i) => dayOf(`2024-01-0${i + 1}`));
  const dayName = (format: "short" | "long", d: Date) => new Intl.DateTimeFormat(locale, { weekday: format, timeZone: "UTC" }).format(d);

  const move = (to: string, byKeyboard: boolean) => {
    follow.current = byKeyboard;
    setFocus(to);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
      return;
    }
    const next = KEYS[e.key];
    if (!next || !(e.target instanceof HTMLButtonElement) || !e.target.dataset.date) return;
    e.preventDefault();
    move(next(focus, e.shiftKey), true);
  };

  return (
    <div
      className="calendar"
      role="dialog"
      aria-label={t("calendar.title")}
      ref={dialog}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        // Focus moved to something else on the page (Tab away): closed.
        const to = e.relatedTarget;
        if (to instanceof Node && !dialog.current?.contains(to) && !opener.current?.contains(to)) onClose(false);
      }}
      data-testid="calendar"
    >
      <div className="calendar-head">
        <button type="button" className="calendar-nav" aria-label={t("calendar.previous")} onClick={() => move(plusMonths(focus, -1), false)} data-testid="calendar-previous">
          <span aria-hidden="true">‹</span>
        </button>
        <p className="calendar-month" id={`${id}-month`} aria-live="polite" data-testid="calendar-month">
          {month}
        </p>
        <button type="button" className="calendar-nav" aria-label={t("calendar.next")} onClick={() => move(plusMonths(focus, 1), false)} data-testid="calendar-next">
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <table className="calendar-grid" role="grid" aria-labelledby={`${id}-month`}>
        <thead>
          <tr>
            {days.map((d) => (
              <th key={d.getUTCDate()} scope="col" abbr={dayName("long", d)}>
                {dayName("short", d)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(focus).map((week) => (
            <tr key={week.find((d) => d !== null)}>
              {week.map((d, i) =>
                d === null ? (
                  <td key={i} />
                ) : (
                  <td key={i} aria-selected={d === value}>
                    <button
                      type="button"
                      tabIndex={d === focus ? 0 : -1}
                      className={`calendar-day${d === value ? " is-chosen" : ""}${d === now ? " is-today" : ""}`}
                      aria-label={long.format(dayOf(d))}
                      aria-current={d === now ? "date" : undefined}
                      onClick={() => onPick(d)}
                      data-date={d}
                    >
                      {Number(d.slice(8))}
                    </button>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
