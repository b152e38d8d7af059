/** What the parts of the Statements page share: the states, sorted by name, and a state's name with its code. */
import { useMemo } from "react";
import type { MemberState, StatementLang } from "../../api";
import { useStates } from "../../finance";
import { useI18n } from "../../i18n";

export type States = ReturnType<typeof useStates>;

export const LANG_NAMES: Record<StatementLang, string> = { en: "English", ru: "Русский" };

/** States sorted by name in the current language. */
export function useSorted(states: States): MemberState[] {
  const { lang, locale } = useI18n();
  return useMemo(() => [...(states.data ?? [])].sort((a, b) => a.name[lang].localeCompare(b.name[lang], locale)), [states.data, lang, locale]);
}

export function StateName({ code, states }: { code: string; states: States }) {
  return (
    <>
      <span className="state-name">{states.nameOf(code)}</span> <span className="code muted small">{code}</span>
    </>
  );
}

/** Rows in the order of the states' names, then recipients. */
export function byName<T extends { state: string; email?: string }>(items: T[], states: States, lang: "en" | "ru", locale: string): T[] {
  const name = (code: string) => states.byCode.get(code)?.name[lang] ?? code;
  return [...items].sort((a, b) => name(a.state).localeCompare(name(b.state), locale) || (a.email ?? "").localeCompare(b.email ?? ""));
}
