/**
 * The interface's languages and the hook that picks the current one. Each language is one catalogue
 * file (`en.ts`, `ru.ts`, in ICU MessageFormat), loaded with a dynamic import: the first load fetches
 * only the language in use, and the other arrives when the user switches. A third language is one more
 * file and its line in LANGUAGES.
 */
import { IntlMessageFormat } from "intl-messageformat";
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Catalogue, Key } from "./en";

export type { Catalogue, Key };

const LANGUAGES = {
  en: { locale: "en-GB", load: () => import("./en").then((m) => m.en as Catalogue) },
  ru: { locale: "ru-RU", load: () => import("./ru").then((m) => m.ru) },
} satisfies Record<string, { locale: string; load: () => Promise<Catalogue> }>;

export type Lang = keyof typeof LANGUAGES;
export type Vars = Record<string, string | number>;
export type T = (key: Key, vars?: Vars) => string;

const STORAGE_KEY = "tracker.lang";

function isLang(value: unknown): value is Lang {
  return typeof value === "string" && Object.hasOwn(LANGUAGES, value);
}

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (isLang(value)) return value;
  } catch {
    /* storage blocked: the browser's languages decide */
  }
  return browserLang();
}

/** The first of the browser's preferred languages that the interface speaks ("ru-KZ" is Russian), else English. */
function browserLang(): Lang {
  const preferred = typeof navigator === "undefined" ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const base = tag?.split("-")[0]?.toLowerCase();
    if (isLang(base)) return base;
  }
  return "en";
}

const loaded = new Map<Lang, Promise<Catalogue>>();
const ready = new Map<Lang, Catalogue>();

/** The catalogue of a language, fetched once. */
export function loadCatalogue(lang: Lang): Promise<Catalogue> {
  let p = loaded.get(lang);
  if (!p) {
    p = LANGUAGES[lang].load().then((c) => {
      ready.set(lang, c);
      return c;
    });
    loaded.set(lang, p);
  }
  return p;
}

// The language in use starts loading with the page, not after the first render.
const initialLang = storedLang();
void loadCatalogue(initialLang);

const compiled = new Map<string, IntlMessageFormat>();

/** A `YYYY-MM-DD` date as the language writes it (calendar date, no time zone shift). */
function dateIn(lang: Lang, iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LANGUAGES[lang].locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(d);
}

/** An ISO instant as the language writes a date and time (local time), as `I18n.dateTime` does. */
export function dateTimeIn(lang: Lang, iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(LANGUAGES[lang].locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A count already written with digit groups ("1 234", "1,234"): plural rules need the number. */
const GROUPED = /^\d{1,3}(?:[\s\u00a0\u202f,]\d{3})+$/;

function param(lang: Lang, value: string): string | number {
  if (ISO_DATE.test(value)) return dateIn(lang, value);
  if (/^\d+$/.test(value) && value.length < 16) return Number(value);
  if (GROUPED.test(value)) return Number(value.replace(/\D/g, ""));
  return value;
}

/** The text of a key in a language, with its parameters (ISO dates written out); the key itself if unknown. */
export function translate(lang: Lang, key: Key, vars?: Vars): string {
  const catalogue = ready.get(lang);
  const text = catalogue?.[key];
  if (text === undefined) return key;
  if (!vars && !text.includes("{")) return text;
  const id = `${lang}\u0000${key}`;
  let f = compiled.get(id);
  if (!f) {
    try {
      f = new IntlMessageFormat(text, LANGUAGES[lang].locale);
    } catch {
      return text;
    }
    compiled.set(id, f);
  }
  const values: Vars = {};
  for (const [k, v] of Object.entries(vars ?? {})) values[k] = typeof v === "string" ? param(lang, v) : v;
  try {
    return String(f.format(values));
  } catch {
    return text;
  }
}

/** Whether the language in use has a text for this key (e.g. an API message code). */
export function knows(key: string): key is Key {
  return ready.get(active)?.[key as Key] !== undefined;
}

let active: Lang = initialLang;

/** A key in the language in use, for text made outside a component (API errors as they arrive). */
export function translateActive(key: Key, vars?: Vars): string {
  return translate(active, key, vars);
}

export interface I18n {
  lang: Lang;
  locale: string;
  t: T;
  setLang: (lang: Lang) => void;
  /** A `YYYY-MM-DD` date, as the language writes it (calendar date, no time zone shift). */
  date: (iso: string | undefined | null) => string;
  /** An ISO timestamp, in local time. */
  dateTime: (iso: string) => string;
  number: (n: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  // `lang` is the language shown: it changes once the wanted language's catalogue has arrived.
  const [lang, setLangState] = useState<Lang | undefined>(() => (ready.has(initialLang) ? initialLang : undefined));
  const [wanted, setWanted] = useState<Lang>(initialLang);

  useEffect(() => {
    let live = true;
    loadCatalogue(wanted).then(
      () => live && setLangState(wanted),
      () => live && setLangState((shown) => shown ?? wanted),
    );
    return () => {
      live = false;
    };
  }, [wanted]);

  const setLang = useCallback((next: Lang) => {
    setWanted(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* not remembered; still switched */
    }
  }, []);

  useEffect(() => {
    if (!lang) return;
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n | null>(() => {
    if (!lang) return null;
    active = lang;
    const locale = LANGUAGES[lang].locale;
    const dateFmt = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    const numberFmt = new Intl.NumberFormat(locale);
    return {
      lang,
      locale,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      date: (iso) => {
        if (!iso) return "";
        const d = new Date(`${iso}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
      },
      dateTime: (iso) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d);
      },
      number: (n) => numberFmt.format(n),
    };
  }, [lang, setLang]);

  // Nothing is shown until the language's text has arrived (one small request, started with the page).
  if (!value) return null;
  return createElement(I18nContext.Provider, { value }, children);
}

/** The current language, `t(key, params)` and the formatters. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
