/**
 * Fields for amounts, rates and dates, written and read in the interface language. Each holds the
 * API's form as its value (a decimal string "48000000.50", an ISO date "2022-03-05", or "" when
 * empty) and shows the language's: «48 000 000,50» and «05.03.2022» in Russian, "48,000,000.50" and
 * "2022-03-05" in English (the formats are described in money-units `readDecimal` and dates.ts).
 *
 * What does not fit the language's pattern is never guessed: the field keeps the text, leaves the
 * form's value as it was and, once left (or on Enter, or on a refused submit), says what it expects under it. A form's submit calls
 * `refuseUnreadable(event)` first, so nothing is sent while a field holds such text.
 */
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { CalendarButton } from "./calendar";
import { dateInput, readDate } from "./dates";
import { useI18n, type Key, type Lang } from "./i18n";
import { numberInput, readNumber } from "./money";
import { TextField } from "./ui";

interface EntryProps {
  label: ReactNode;
  /** The API path: the input's name, and where the API's error for it is shown. */
  name: string;
  value: string;
  onChange: (value: string) => void;
  /** The API's error for the field (the field's own, for text it cannot read, comes first). */
  error?: string;
  hint?: ReactNode;
  className?: string;
  required?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  "data-testid"?: string;
}

type Read = { ok: true; value: string } | { ok: false; code: Key };

/**
 * The text shown for a value: kept while the person types, replaced when the value changes from
 * outside (a reset, a record read again) or the language changes.
 */
function useEntry(value: string, onChange: (value: string) => void, lang: Lang, read: (text: string) => Read, show: (value: string) => string) {
  const [state, setState] = useState(() => ({ text: show(value), value, lang, revealed: false }));
  let current = state;
  if (state.value !== value || state.lang !== lang) {
    // From outside, or in the other language: shown anew (unreadable text stays, to be corrected).
    current = { ...state, text: value === "" && state.value === value ? state.text : show(value), value, lang };
    setState(current);
  }
  const result = read(current.text);
  const change = (text: string) => {
    const r = read(text);
    // Text it cannot read (yet: "48 000 0" on the way to "48 000 000") leaves the value as it was.
    if (!r.ok) return setState((s) => ({ ...s, text }));
    setState((s) => ({ ...s, text, value: r.value }));
    if (r.value !== value) onChange(r.value);
  };
  const reveal = () => setState((s) => (s.revealed ? s : { ...s, revealed: true }));
  return {
    text: current.text,
    change,
    problem: !result.ok ? result.code : undefined,
    shown: current.revealed,
    onBlur: reveal,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === "Enter") reveal();
    },
  };
}

function Entry({ entry, props, hint, addon, inputMode, testId }: {
  entry: ReturnType<typeof useEntry>;
  props: EntryProps;
  hint: ReactNode;
  addon?: ReactNode;
  inputMode: "decimal" | "numeric" | "text";
  testId?: string;
}) {
  const { t } = useI18n();
  const local = entry.problem && entry.shown ? t(entry.problem) : undefined;
  return (
    <TextField
      label={props.label}
      name={props.name}
      value={entry.text}
      onChange={entry.change}
      error={local ?? props.error}
      hint={hint}
      addon={addon}
      className={props.className}
      required={props.required}
      disabled={props.disabled}
      autoFocus={props.autoFocus}
      inputMode={inputMode}
      autoComplete="off"
      spellCheck={false}
      onBlur={entry.onBlur}
      onKeyDown={entry.onKeyDown}
      // Text it cannot read never matches, so the input is invalid; `refuseUnreadable` asks it to say so.
      pattern={entry.problem ? "(?!)" : undefined}
      onInvalid={entry.onBlur}
      data-unreadable={entry.problem ? "" : undefined}
      data-testid={testId ?? props["data-testid"]}
    />
  );
}

const joined = (a: ReactNode, b: ReactNode): ReactNode => (a ? (b ? <>{a} {b}</> : a) : b);

/** An amount: the language's digits and marks; `digits` (the currency's decimals) goes into the hint. */
export function AmountField({ digits, formatHint = true, ...props }: EntryProps & { digits?: number; formatHint?: boolean }) {
  const { t, lang, locale } = useI18n();
  const entry = useEntry(props.value, props.onChange, lang, (text) => readNumber(text, lang), (v) => numberInput(v, locale));
  const format = formatHint ? (digits === undefined ? t("fields.numberHint") : t("fields.amountHint", { n: digits })) : undefined;
  return <Entry entry={entry} props={{ ...props, className: `field--money${props.className ? ` ${props.className}` : ""}` }} hint={joined(props.hint, format)} inputMode="decimal" />;
}

/** An exchange rate: written like an amount («479,35» in Russian). */
export function RateField(props: EntryProps) {
  const { t, lang, locale } = useI18n();
  const entry = useEntry(props.value, props.onChange, lang, (text) => readNumber(text, lang), (v) => numberInput(v, locale));
  return <Entry entry={entry} props={{ ...props, className: `field--money${props.className ? ` ${props.className}` : ""}` }} hint={joined(props.hint, t("fields.rateHint"))} inputMode="decimal" />;
}

/**
 * A calendar date: dd.mm.yyyy in Russian, yyyy-mm-dd in English; the API gets yyyy-mm-dd. The
 * calendar button beside it writes the day picked into the field as if typed.
 */
export function DateField({ formatHint = true, ...props }: EntryProps & { formatHint?: boolean }) {
  const { t, lang } = useI18n();
  const entry = useEntry(props.value, props.onChange, lang, (text) => readDate(text, lang), (v) => dateInput(v, lang));
  return (
    <Entry
      entry={entry}
      props={{ ...props, className: `field--date${props.className ? ` ${props.className}` : ""}` }}
      hint={joined(props.hint, formatHint ? t("fields.dateHint") : undefined)}
      addon={<CalendarButton value={props.value} onPick={(iso) => entry.change(dateInput(iso, lang))} disabled={props.disabled} />}
      inputMode="text"
    />
  );
}

/**
 * Call first in a form's submit: true (and the first such field focused) when a field holds text it
 * cannot read, so the form sends nothing; each such field says what it expects.
 */
export function refuseUnreadable(event: FormEvent<HTMLFormElement>): boolean {
  const bad = [...event.currentTarget.querySelectorAll<HTMLInputElement>("input[data-unreadable]")];
  if (bad.length === 0) return false;
  for (const input of bad) input.checkValidity();
  bad[0]!.focus();
  return true;
}
