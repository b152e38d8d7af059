/**
 * The words of the statement in the Secretariat's two working languages, in
 * its formal diplomatic style. The organisation's names, city and signature
 * come from its profile, a state's from its formal name (with the article in
 * English, in the case the sentence needs in Russian); no name is written
 * here. Numbers, dates and currencies are formatted by Intl for the language;
 * nothing here computes money.
 */
export type Lang = "en" | "ru";

export const LOCALE: Record<Lang, string> = { en: "en-GB", ru: "ru-RU" };

export function date(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

/** A decimal string in a currency, exactly (Intl formats the string, never a float). */
export function money(amount: string, currency: string, digits: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], {
    style: "currency",
    currency,
    currencyDisplay: "code",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount as unknown as number);
}

export function usd(amount: string, lang: Lang): string {
  return money(amount, "USD", 2, lang);
}

/** What the words need of the organisation's profile. */
export interface Org {
  name: { en: string; ru: string };
  abbreviation: { en: string; ru: string };
  secretariat: { en: string; ru: string };
  city: { en: string; ru: string };
  signature: { en: string; ru: string };
  bankDetails?: { en: string; ru: string };
  financeContact: { name: string; email: string };
}

/** A state's names as one language's sentences use them. */
export interface StateNames {
  /** The short name, for subjects and tables: "Republic of Korea", «Республика Корея». */
  short: string;
  /** As a subject or object: "the Republic of Korea", «Республика Корея». */
  formal: string;
  /** After "of": "the Republic of Korea", «Республики Корея». */
  genitive: string;
  /** After "to": "the Republic of Korea", «Республике Корея». */
  dative: string;
}

export function stateNames(
  state: { name: { en: string; ru: string }; formalName?: { en: string; ru: string; ruGenitive: string; ruDative: string } },
  lang: Lang,
): StateNames {
  const f = state.formalName;
  if (lang === "en") {
    const formal = f?.en ?? state.name.en;
    return { short: state.name.en, formal, genitive: formal, dative: formal };
  }
  // Without a formal name the short one stands after «государство-член», declined, never in quotation marks.
  return f
    ? { short: state.name.ru, formal: f.ru, genitive: f.ruGenitive, dative: f.ruDative }
    : { short: state.name.ru, formal: state.name.ru, genitive: `государства-члена ${state.name.ru}`, dative: `государству-члену ${state.name.ru}` };
}

/** The note's addressee when the focal point names none: "the competent authorities of the Republic of Korea". */
export function defaultAddressee(names: StateNames, lang: Lang): string {
  return lang === "en" ? `the competent authorities of ${names.genitive}` : `компетентным органам ${names.genitive}`;
}

/** A percentage as a decimal string ("62.5") written for the language. */
export function percent(value: string, lang: Lang): string {
  return lang === "en" ? `${value} per cent` : `${value.replace(".", ",")}\u00a0%`;
}

type PeriodLike = { kind: "year" | "quarter" | "month"; year: number; id: string; end: string };

export interface Words {
  /** "Secretariat of the Conference on ... (CICA)" */
  org: string;
  subject(state: string, period: string, ref: string): string;
  periodName(p: PeriodLike): string;
  opening(addressee: string, state: StateNames, year: number, asOf: string): string;
  heading: string;
  columns: [string, string, string, string, string];
  none(year: number): string;
  kind: Record<"cash" | "in_kind", string>;
  status: Record<"pledged" | "received", string>;
  purpose(p: "regular_budget" | "cica_fund" | "earmarked", earmark?: string): string;
  totals: string;
  received: string;
  inKind: string;
  outstanding: string;
  previous(year: number, asOf: string): string;
  change(diff: string, up: boolean): string;
  /** The collective picture: how much of the year's budget the contributions received cover. */
  coverage(percent: string, year: number, asOf: string): string;
  thanks(state: StateNames): string;
  invitation(state: StateNames): string;
  /** Where contributions are paid (followed by the bank details). */
  payment: string;
  closing(addressee: string): string;
  signature: string;
  reference: string;
  /** Before the note's number in the letterhead: "No." / «№». */
  number: string;
  place: string;
  footer: string;
}

const quarterRu = ["I", "II", "III", "IV"];

/** The words of one language, with the organisation's names from its profile. */
export function words(lang: Lang, org: Org): Words {
  return lang === "en" ? english(org) : russian(org);
}

function english(org: Org): Words {
  const abbr = org.abbreviation.en;
  const secretariat = `${org.secretariat.en} (${abbr})`;
  return {
    org: secretariat,
    subject: (state, period, ref) => `Statement of voluntary contributions of ${state} to the ${abbr} budget, ${period} (Ref. ${ref})`,
    periodName: (p) =>
      p.kind === "year"
        ? `${p.year}`
        : p.kind === "quarter"
          ? `Q${p.id.slice(-1)} ${p.year}`
          : new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${p.end}T00:00:00Z`)),
    opening: (addressee, state, year, asOf) =>
      `The ${secretariat} presents its compliments to ${addressee} and has the honour to transmit herewith the statement of the voluntary contributions of ${state.genitive} to the ${abbr} budget for the fiscal year ${year}, as at ${asOf}.`,
    heading: "Contributions recorded in the fiscal year to date",
    columns: ["Date", "Contribution", "Purpose", "Amount", "USD equivalent"],
    none: (year) => `No contribution has been recorded for the fiscal year ${year} to date.`,
    kind: { cash: "financial", in_kind: "in kind" },
    status: { received: "received", pledged: "pledged" },
    purpose: (p, earmark) => (p === "regular_budget" ? "regular budget" : p === "cica_fund" ? `${abbr} Fund` : `earmarked: ${earmark ?? ""}`),
    totals: "Totals for the fiscal year to date (USD)",
    received: "Financial contributions received",
    inKind: "Contributions in kind",
    outstanding: "Pledges outstanding",
    previous: (year, asOf) => `For comparison, fiscal year ${year} to ${asOf}`,
    change: (diff, up) => (up ? `an increase of ${diff}` : `a decrease of ${diff}`),
    coverage: (p, year, asOf) =>
      `As at ${asOf}, the financial contributions received from the Member States cover ${percent(p, "en")} of the ${abbr} budget for ${year}.`,
    thanks: (state) =>
      `The Secretariat wishes to express its deep appreciation to ${state.dative} for its valuable contribution, which strengthens the capacity of the Secretariat to support the Member States and the ${abbr} process.`,
    invitation: (state) =>
      `The Secretariat would be grateful if ${state.formal} would consider making a voluntary contribution to the ${abbr} budget, following the example of those Member States who demonstrate their commitment to the principles and goals of ${abbr} through regular contributions of financial resources.`,
    payment: "Contributions may be transferred to the following account:",
    closing: (addressee) => `The Secretariat avails itself of this opportunity to renew to ${addressee} the assurances of its highest consideration.`,
    signature: org.signature.en,
    reference: "Ref.",
    number: "No.",
    place: org.city.en,
    footer: `This statement was prepared from the Secretariat's records. Please inform the Secretariat of any discrepancy: ${org.financeContact.name}, ${org.financeContact.email}.`,
  };
}

function russian(org: Org): Words {
  const abbr = org.abbreviation.ru;
  const secretariat = `${org.secretariat.ru} (${abbr})`;
  return {
    org: secretariat,
    subject: (state, period, ref) => `Выписка о добровольных взносах в бюджет ${abbr}: ${state}, ${period} (исх. ${ref})`,
    periodName: (p) =>
      p.kind === "year"
        ? `${p.year} г.`
        : p.kind === "quarter"
          ? `${quarterRu[Number(p.id.slice(-1)) - 1]} квартал ${p.year} г.`
          : new Intl.DateTimeFormat("ru-RU", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${p.end}T00:00:00Z`)),
    opening: (addressee, state, year, asOf) =>
      `${secretariat} свидетельствует свое уважение ${addressee} и имеет честь препроводить настоящим выписку о добровольных взносах ${state.genitive} в бюджет ${abbr} за ${year} финансовый год по состоянию на ${asOf}${asOf.endsWith(".") ? "" : "."}`,
    heading: "Взносы, учтённые с начала финансового года",
    columns: ["Дата", "Взнос", "Назначение", "Сумма", "Эквивалент в долларах США"],
    none: (year) => `С начала ${year} финансового года взносы не поступали.`,
    kind: { cash: "денежный", in_kind: "в натуральной форме" },
    status: { received: "поступил", pledged: "объявлен" },
    purpose: (p, earmark) => (p === "regular_budget" ? "регулярный бюджет" : p === "cica_fund" ? `Фонд ${abbr}` : `целевой: ${earmark ?? ""}`),
    totals: "Итого с начала финансового года (долл. США)",
    received: "Поступившие денежные взносы",
    inKind: "Взносы в натуральной форме",
    outstanding: "Объявленные, но не поступившие взносы",
    previous: (year, asOf) => `Для сравнения: ${year} финансовый год по состоянию на ${asOf}`,
    change: (diff, up) => (up ? `увеличение на ${diff}` : `уменьшение на ${diff}`),
    coverage: (p, year, asOf) =>
      `По состоянию на ${asOf} поступившие денежные взносы государств-членов покрывают ${percent(p, "ru")} бюджета ${abbr} на ${year} год.`,
    thanks: (state) =>
      `Секретариат выражает глубокую признательность ${state.dative} за ценный вклад, который укрепляет возможности Секретариата по оказанию поддержки государствам-членам и процессу ${abbr}.`,
    invitation: (state) =>
      `Секретариат был бы признателен ${state.dative} за рассмотрение возможности внесения добровольного взноса в бюджет ${abbr} по примеру государств-членов, которые подтверждают свою приверженность принципам и целям ${abbr} регулярными финансовыми взносами.`,
    payment: "Реквизиты для перечисления взносов:",
    closing: (addressee) => `Секретариат пользуется случаем, чтобы возобновить ${addressee} уверения в своем весьма высоком уважении.`,
    signature: org.signature.ru,
    reference: "Исх.",
    number: "№",
    place: org.city.ru,
    footer: `Выписка подготовлена по данным учёта Секретариата. Просим сообщить Секретариату о любых расхождениях: ${org.financeContact.name}, ${org.financeContact.email}.`,
  };
}
