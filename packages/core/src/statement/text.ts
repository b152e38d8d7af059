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

/** Intl's formatters are costly to make (a statement formats thousands of figures): one per locale and options. */
const FORMATS = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = FORMATS.get(key) as T | undefined;
  if (!f) FORMATS.set(key, (f = make()));
  return f;
}

export function date(iso: string, lang: Lang): string {
  return formatter(`date ${lang}`, () =>
    new Intl.DateTimeFormat(LOCALE[lang], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  ).format(new Date(`${iso}T00:00:00Z`));
}

/** A decimal string in a currency, exactly (Intl formats the string, never a float). */
export function money(amount: string, currency: string, digits: number, lang: Lang): string {
  return formatter(`money ${lang} ${currency} ${digits}`, () =>
    new Intl.NumberFormat(LOCALE[lang], {
      style: "currency",
      currency,
      currencyDisplay: "code",
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }),
  ).format(amount as unknown as number);
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
function percent(value: string, lang: Lang): string {
  return lang === "en" ? `${value} per cent` : `${value.replace(".", ",")}\u00a0%`;
}

type PeriodLike = { kind: "year" | "quarter" | "month"; year: number; id: string; end: string };

export interface Words {
  /** The secretariat's name with the abbreviation, from the profile. */
  org: string;
  subject(state: string, period: string, ref: string): string;
  periodName(p: PeriodLike): string;
  opening(addressee: string, state: StateNames, year: number, asOf: string): string;
  kind: Record<"cash" | "in_kind", string>;
  status: Record<"pledged" | "received", string>;
  purpose(p: "regular_budget" | "cica_fund" | "earmarked", earmark?: string): string;
  received: string;
  inKind: string;
  /** Under the in-kind total, when the organisation counts the seconded personnel's value in it. */
  ofWhichSeconded: string;
  /** The seconded personnel's value when the organisation only discloses it: beside, not counted. */
  secondedDisclosed: string;
  previous(year: number, asOf: string): string;
  change(diff: string, up: boolean): string;
  /** The collective picture: how much of the year's budget the contributions received cover. */
  coverage(percent: string, year: number, asOf: string): string;
  thanks(state: StateNames): string;
  /** Where contributions are paid (followed by the bank details). */
  payment: string;
  closing(addressee: string): string;
  signature: string;
  reference: string;
  /** Before the note's number in the letterhead: "No." / «№». */
  number: string;
  place: string;
  footer: string;
  // Statements as at their date: lines a ministry can match, arrears, quarter and year.
  lineColumns: [string, string, string, string, string, string, string];
  rate(rate: string): string;
  yourRef: string;
  paysPledge(number: string, date: string, balance: string): string;
  linesHeading(p: PeriodLike): string;
  noLines(p: PeriodLike): string;
  movements(period: string): string;
  yearToDate(year: number, asOf: string): string;
  yearAsAt(year: number, asOf: string): string;
  pledged: string;
  outstandingOfYear: string;
  arrearsTitle(asOf: string): string;
  arrearsNone: string;
  arrearsPledge(number: string, date: string, pledged: string, received: string, outstanding: string): string;
  arrearsYear(year: number, outstandingUsd: string): string;
  arrearsTotal: string;
  /** The neutral invitation, to a state that gave nothing in this or the previous fiscal year. */
  invite(state: StateNames): string;
  secondedAlso(state: StateNames, officers: string): string;
  seconded(state: StateNames, officers: string): string;
  officer(name: string, post: string): string;
  /** A revised statement: its mark ("Rev. 1") and the sentence saying which note it replaces. */
  revision(n: number): string;
  replaces(reference: string, date: string): string;
}

const quarterRu = ["I", "II", "III", "IV"];

/** The words of one language, with the organisation's names from its profile. */
export function words(lang: Lang, org: Org): Words {
  return lang === "en" ? english(org) : russian(org);
}

function english(org: Org): Words {
  const abbr = org.abbreviation.en;
  const secretariat = `${org.secretariat.en} (${abbr})`;
  const periodName = (p: PeriodLike) =>
    p.kind === "year"
      ? `${p.year}`
      : p.kind === "quarter"
        ? `Q${p.id.slice(-1)} ${p.year}`
        : new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${p.end}T00:00:00Z`));
  return {
    org: secretariat,
    subject: (state, period, ref) => `Statement of voluntary contributions of ${state} to the ${abbr} budget, ${period} (Ref. ${ref})`,
    periodName,
    opening: (addressee, state, year, asOf) =>
      `The ${secretariat} presents its compliments to ${addressee} and has the honour to transmit herewith the statement of the voluntary contributions of ${state.genitive} to the ${abbr} budget for the fiscal year ${year}, as at ${asOf}.`,
    kind: { cash: "financial", in_kind: "in kind" },
    status: { received: "received", pledged: "pledged" },
    purpose: (p, earmark) => (p === "regular_budget" ? "regular budget" : p === "cica_fund" ? `${abbr} Fund` : `earmarked: ${earmark ?? ""}`),
    received: "Financial contributions received",
    inKind: "Contributions in kind",
    ofWhichSeconded: "of which personnel seconded to the Secretariat, at standard cost",
    secondedDisclosed: "Personnel seconded to the Secretariat, at standard cost (for information; not included in the figures above)",
    previous: (year, asOf) => `For comparison, fiscal year ${year} to ${asOf}`,
    change: (diff, up) => (up ? `an increase of ${diff}` : `a decrease of ${diff}`),
    coverage: (p, year, asOf) =>
      `As at ${asOf}, the financial contributions received from the Member States cover ${percent(p, "en")} of the ${abbr} budget for ${year}.`,
    thanks: (state) =>
      `The Secretariat wishes to express its deep appreciation to ${state.dative} for its valuable contribution, which strengthens the capacity of the Secretariat to support the Member States and the ${abbr} process.`,
    payment: "Contributions may be transferred to the following account:",
    closing: (addressee) => `The Secretariat avails itself of this opportunity to renew to ${addressee} the assurances of its highest consideration.`,
    signature: org.signature.en,
    reference: "Ref.",
    number: "No.",
    place: org.city.en,
    footer: `This statement was prepared from the Secretariat's records. Please inform the Secretariat of any discrepancy: ${org.financeContact.name}, ${org.financeContact.email}.`,
    // Statements as at their date: lines a ministry can match, arrears, quarter and year.
    lineColumns: ["No.", "Value date", "Contribution", "Your reference", "Amount", "Rate per USD", "USD equivalent"],
    rate: (rate) => `at ${rate} per USD`,
    yourRef: "your ref.",
    paysPledge: (number, date, balance) => `Payment of pledge ${number} of ${date}; balance of the pledge after it: ${balance}`,
    linesHeading: (p) => (p.kind === "year" ? `Contributions recorded in the fiscal year ${p.year}` : `Contributions recorded in ${periodName(p)}`),
    noLines: (p) => (p.kind === "year" ? `No contribution was recorded in the fiscal year ${p.year}.` : `No contribution was recorded in ${periodName(p)}.`),
    movements: (period) => `Movements in ${period} (USD)`,
    yearToDate: (year, asOf) => `Fiscal year ${year} to date, as at ${asOf} (USD)`,
    yearAsAt: (year, asOf) => `Fiscal year ${year}, as at ${asOf} (USD)`,
    pledged: "Pledges made",
    outstandingOfYear: "Pledges of the year outstanding",
    arrearsTitle: (asOf) => `Pledges of earlier years outstanding as at ${asOf}`,
    arrearsNone: "No pledge of an earlier year is outstanding.",
    arrearsPledge: (number, date, pledged, received, outstanding) =>
      `${number} of ${date}: pledged ${pledged}; received ${received}; outstanding ${outstanding}`,
    arrearsYear: (year, outstandingUsd) => `Pledges of ${year}: outstanding ${outstandingUsd}`,
    arrearsTotal: "Total outstanding from earlier years",
    invite: (state) =>
      `The Secretariat would welcome any voluntary contribution to the ${abbr} budget that ${state.formal} may wish to consider, and remains at its disposal for any information.`,
    secondedAlso: (state, officers) => `The Secretariat is equally grateful to ${state.dative} for the personnel it has seconded to the Secretariat: ${officers}.`,
    seconded: (state, officers) => `The Secretariat wishes to express its appreciation to ${state.dative} for the personnel it has seconded to the Secretariat: ${officers}.`,
    officer: (name, post) => `${name}, ${post}`,
    revision: (n) => `Rev. ${n}`,
    replaces: (reference, date) =>
      `This note replaces note No. ${reference} of ${date}. The statement has been revised following a correction of the Secretariat's records.`,
  };
}

function russian(org: Org): Words {
  const abbr = org.abbreviation.ru;
  const secretariat = `${org.secretariat.ru} (${abbr})`;
  const periodName = (p: PeriodLike) =>
    p.kind === "year"
      ? `${p.year} г.`
      : p.kind === "quarter"
        ? `${quarterRu[Number(p.id.slice(-1)) - 1]} квартал ${p.year} г.`
        : new Intl.DateTimeFormat("ru-RU", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${p.end}T00:00:00Z`));
  return {
    org: secretariat,
    subject: (state, period, ref) => `Выписка о добровольных взносах в бюджет ${abbr}: ${state}, ${period} (исх. ${ref})`,
    periodName,
    opening: (addressee, state, year, asOf) =>
      `${secretariat} свидетельствует свое уважение ${addressee} и имеет честь препроводить настоящим выписку о добровольных взносах ${state.genitive} в бюджет ${abbr} за ${year} финансовый год по состоянию на ${asOf}${asOf.endsWith(".") ? "" : "."}`,
    kind: { cash: "денежный", in_kind: "в натуральной форме" },
    status: { received: "поступил", pledged: "объявлен" },
    purpose: (p, earmark) => (p === "regular_budget" ? "регулярный бюджет" : p === "cica_fund" ? `Фонд ${abbr}` : `целевой: ${earmark ?? ""}`),
    received: "Поступившие денежные взносы",
    inKind: "Взносы в натуральной форме",
    ofWhichSeconded: "в том числе персонал, прикомандированный в Секретариат, по нормативной стоимости",
    secondedDisclosed: "Персонал, прикомандированный в Секретариат, по нормативной стоимости (для сведения; в приведенные выше суммы не включен)",
    previous: (year, asOf) => `Для сравнения: ${year} финансовый год по состоянию на ${asOf}`,
    change: (diff, up) => (up ? `увеличение на ${diff}` : `уменьшение на ${diff}`),
    coverage: (p, year, asOf) =>
      `По состоянию на ${asOf} поступившие денежные взносы государств-членов покрывают ${percent(p, "ru")} бюджета ${abbr} на ${year} год.`,
    thanks: (state) =>
      `Секретариат выражает глубокую признательность ${state.dative} за ценный вклад, который укрепляет возможности Секретариата по оказанию поддержки государствам-членам и процессу ${abbr}.`,
    payment: "Реквизиты для перечисления взносов:",
    closing: (addressee) => `Секретариат пользуется случаем, чтобы возобновить ${addressee} уверения в своем весьма высоком уважении.`,
    signature: org.signature.ru,
    reference: "Исх.",
    number: "№",
    place: org.city.ru,
    footer: `Выписка подготовлена по данным учёта Секретариата. Просим сообщить Секретариату о любых расхождениях: ${org.financeContact.name}, ${org.financeContact.email}.`,
    // Statements as at their date: lines a ministry can match, arrears, quarter and year.
    lineColumns: ["№", "Дата валютирования", "Взнос", "Ваша ссылка", "Сумма", "Курс за 1 долл. США", "Эквивалент в долларах США"],
    rate: (rate) => `по курсу ${rate} за 1 долл. США`,
    yourRef: "ваша ссылка",
    paysPledge: (number, date, balance) => `Оплата объявленного взноса ${number} от ${date}; остаток по нему после оплаты: ${balance}`,
    linesHeading: (p) => (p.kind === "year" ? `Взносы, учтённые за ${p.year} финансовый год` : `Взносы, учтённые за ${periodName(p)}`),
    noLines: (p) => (p.kind === "year" ? `За ${p.year} финансовый год взносы не учитывались.` : `За ${periodName(p)} взносы не учитывались.`),
    movements: (period) => `Движение за ${period} (долл. США)`,
    yearToDate: (year, asOf) => `${year} финансовый год с начала года по состоянию на ${asOf} (долл. США)`,
    yearAsAt: (year, asOf) => `${year} финансовый год по состоянию на ${asOf} (долл. США)`,
    pledged: "Объявленные взносы",
    outstandingOfYear: "Не поступившие объявленные взносы года",
    arrearsTitle: (asOf) => `Объявленные взносы прошлых лет, не поступившие по состоянию на ${asOf}`,
    arrearsNone: "Непоступивших объявленных взносов прошлых лет нет.",
    arrearsPledge: (number, date, pledged, received, outstanding) =>
      `${number} от ${date}: объявлено ${pledged}; поступило ${received}; остаток ${outstanding}`,
    arrearsYear: (year, outstandingUsd) => `Объявленные в ${year} г.: остаток ${outstandingUsd}`,
    arrearsTotal: "Итого остаток по взносам прошлых лет",
    invite: (state) =>
      `Секретариат будет признателен за любой добровольный взнос в бюджет ${abbr}, который сочтёт возможным внести ${state.formal}, и остаётся в его распоряжении для предоставления любой информации.`,
    secondedAlso: (state, officers) => `Секретариат также признателен ${state.dative} за персонал, прикомандированный в Секретариат: ${officers}.`,
    seconded: (state, officers) => `Секретариат выражает признательность ${state.dative} за персонал, прикомандированный в Секретариат: ${officers}.`,
    officer: (name, post) => `${name}, ${post}`,
    revision: (n) => `Ред. ${n}`,
    replaces: (reference, date) =>
      `Настоящая нота заменяет ноту № ${reference} от ${date}${date.endsWith(".") ? "" : "."} Выписка исправлена в связи с уточнением данных учёта Секретариата.`,
  };
}
