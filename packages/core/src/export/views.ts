/**
 * What a list can be searched and sorted by, declared once for the web's tables
 * and the server's exports: the same words match the same rows, the same sort
 * gives the same order, and the totals of amounts are exact sums of decimal
 * strings per currency (never across currencies) and in USD. Zod-free: the web
 * imports it (`@tracker/core/export/views`).
 */
import { digits, formatUnits } from "../money-units";

export type Lang = "en" | "ru";
export const LANGS = ["en", "ru"] as const;

/** Names a row refers to by code or id. */
export interface Context {
  lang: Lang;
  stateName: (code: string) => string;
  /** Every name of a state (each language's), so a search finds it whatever the interface language. */
  stateNames?: (code: string) => string[];
  postNumber: (id: string) => string;
}

const namesOf = (c: Context, code: string) => c.stateNames?.(code) ?? [c.stateName(code)];

type Value = string | number | bigint;

export interface View<R> {
  /** The texts a search looks in. */
  search: (r: R, c: Context) => (string | undefined)[];
  /** Sort keys by name; strings compare in the language's collation, numbers as numbers. */
  sort: Record<string, (r: R, c: Context) => Value>;
  /** The order when none is asked for: a key, "-" first for descending. */
  defaultSort: string;
}

interface ContributionRow {
  id: string;
  date: string;
  stateCode: string;
  kind: string;
  status: string;
  purpose: string;
  amount: string;
  currency: string;
  amountUsd: string;
  outstandingUsd?: string;
  reference?: string;
  description?: string;
  earmark?: string;
  number?: string;
  voided: boolean;
  createdAt: string;
}
interface PostRow {
  number: string;
  category: string;
  title: { en: string; ru: string };
  grade?: string;
  unit?: string;
  funding: string;
  status: string;
  incumbent?: { name: string; nationality: string };
}
interface SecondmentRow {
  personName: string;
  sendingState: string;
  nationality: string;
  postId: string;
  startOn: string;
  lastOn: string;
  status: string;
  decisionRef?: string;
  note?: string;
}
interface VacancyRow {
  title: { en: string; ru: string };
  postId: string;
  basis: string;
  publishedOn: string;
  deadline: string;
  status: string;
  recommendations: readonly unknown[];
}
interface UserRow {
  email: string;
  name: string;
  roles: readonly string[];
  disabled: boolean;
}

/** A decimal string ("1234.5") as an integer in units of 10^-d. */
export function units(value: string | undefined, d: number): bigint {
  if (!value) return 0n;
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  const n = BigInt(whole || "0") * 10n ** BigInt(d) + BigInt(fraction.padEnd(d, "0").slice(0, d) || "0");
  return negative ? -n : n;
}

const STATUS_RANK: Record<string, number> = { active: 0, planned: 1, ended: 2, open: 0, closed: 1, filled: 2, cancelled: 3 };

export const contributions: View<ContributionRow> = {
  search: (r, c) => [r.number, r.reference, r.description, r.earmark, r.stateCode, ...namesOf(c, r.stateCode), r.currency],
  sort: {
    date: (r) => `${r.date} ${r.createdAt}`,
    state: (r, c) => c.stateName(r.stateCode),
    kind: (r) => r.kind,
    status: (r) => r.status,
    purpose: (r) => r.purpose,
    reference: (r) => r.reference ?? "",
    amount: (r) => units(r.amountUsd, 2),
    usd: (r) => units(r.amountUsd, 2),
    outstanding: (r) => units(r.outstandingUsd, 2),
  },
  defaultSort: "-date",
};

export const posts: View<PostRow> = {
  search: (r, c) => [r.number, r.title[c.lang], r.title.en, r.title.ru, r.unit, r.grade, r.incumbent?.name],
  sort: {
    number: (r) => r.number,
    title: (r, c) => r.title[c.lang],
    grade: (r) => r.grade ?? "",
    funding: (r) => r.funding,
    status: (r) => r.status,
    incumbent: (r) => r.incumbent?.name ?? "",
  },
  defaultSort: "number",
};

export const secondments: View<SecondmentRow> = {
  search: (r, c) => [r.personName, ...namesOf(c, r.sendingState), ...namesOf(c, r.nationality), c.postNumber(r.postId), r.decisionRef, r.note],
  sort: {
    person: (r) => r.personName,
    state: (r, c) => c.stateName(r.sendingState),
    post: (r, c) => c.postNumber(r.postId),
    start: (r) => r.startOn,
    end: (r) => r.lastOn,
    // Active first, then planned, then ended; within each the soonest last day first.
    status: (r) => `${STATUS_RANK[r.status] ?? 9} ${r.lastOn} ${r.personName}`,
  },
  defaultSort: "status",
};

export const vacancies: View<VacancyRow> = {
  search: (r, c) => [r.title[c.lang], r.title.en, r.title.ru, c.postNumber(r.postId)],
  sort: {
    title: (r, c) => r.title[c.lang],
    post: (r, c) => c.postNumber(r.postId),
    basis: (r) => r.basis,
    published: (r) => r.publishedOn,
    deadline: (r) => r.deadline,
    recommendations: (r) => r.recommendations.length,
    // Open first, then closed, filled, cancelled; within each the latest published first.
    status: (r) => (STATUS_RANK[r.status] ?? 9) * 1e8 - Number(r.publishedOn.replace(/-/g, "")),
  },
  defaultSort: "status",
};

export const users: View<UserRow> = {
  search: (r) => [r.email, r.name, ...r.roles],
  sort: {
    email: (r) => r.email,
    name: (r) => r.name,
    roles: (r) => r.roles.join(" "),
    status: (r) => (r.disabled ? 1 : 0),
  },
  defaultSort: "email",
};

interface AuditRow {
  at: string;
  /** Who did it (a user's name), the record (its kind and name) and the action, as the language writes them. */
  who: string;
  record: string;
  action: string;
}

/** The audit trail's events: searched on the server (the trail is read a page at a time), sorted like a list. */
export const audit: View<AuditRow> = {
  search: (r) => [r.who, r.record, r.action],
  sort: {
    at: (r) => r.at,
    who: (r) => r.who,
    record: (r) => r.record,
    action: (r) => r.action,
  },
  defaultSort: "-at",
};

/** A sort as the URL gives it ("-date"), checked against the view; otherwise its default. */
export function sortOf(view: View<never>, value: string | undefined | null): { key: string; desc: boolean } {
  const s = value && view.sort[value.replace(/^-/, "")] ? value : view.defaultSort;
  return { key: s.replace(/^-/, ""), desc: s.startsWith("-") };
}

function normal(s: string): string {
  return s.toLocaleLowerCase().replace(/ё/g, "е").replace(/[\s\u00a0\u202f]+/g, " ");
}

/** Whether the texts hold every word of the search (case and ё/е aside). */
export function matches(texts: readonly (string | undefined)[], q: string | null | undefined): boolean {
  const words = normal(q ?? "").split(" ").filter(Boolean);
  if (!words.length) return true;
  const text = normal(texts.filter(Boolean).join(" \u0001 "));
  return words.every((w) => text.includes(w));
}

/** The rows whose texts hold every word of the search, in the asked order (ties keep their order). */
export function apply<R>(view: View<R>, rows: readonly R[], query: { q?: string | null; sort?: string | null }, c: Context): R[] {
  const found = query.q ? rows.filter((r) => matches(view.search(r, c), query.q)) : [...rows];
  const { key, desc } = sortOf(view as View<never>, query.sort);
  const get = view.sort[key]!;
  const collator = new Intl.Collator(c.lang === "ru" ? "ru" : "en", { numeric: true, sensitivity: "base" });
  const keyed = found.map((r, i) => ({ r, i, k: get(r, c) }));
  keyed.sort((a, b) => {
    const d = typeof a.k === "string" && typeof b.k === "string" ? collator.compare(a.k, b.k) : a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
    return (desc ? -d : d) || a.i - b.i;
  });
  return keyed.map((x) => x.r);
}

export interface ContributionTotals {
  /** Sums of the amounts in each currency, by currency code. */
  byCurrency: { currency: string; amount: string }[];
  usd: string;
  outstandingUsd: string;
  /** The rows counted (voided ones count nowhere). */
  count: number;
}

/** Totals of the listed contributions: exact, per currency and in USD; voided ones are left out. */
export function contributionTotals(rows: readonly ContributionRow[]): ContributionTotals {
  const byCurrency = new Map<string, bigint>();
  let usd = 0n;
  let outstanding = 0n;
  let count = 0;
  for (const r of rows) {
    if (r.voided) continue;
    count++;
    byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0n) + units(r.amount, digits(r.currency)));
    usd += units(r.amountUsd, 2);
    outstanding += units(r.outstandingUsd, 2);
  }
  return {
    byCurrency: [...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, u]) => ({ currency, amount: formatUnits(u, digits(currency)) })),
    usd: formatUnits(usd, 2),
    outstandingUsd: formatUnits(outstanding, 2),
    count,
  };
}
