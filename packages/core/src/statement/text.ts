/**
 * The words of the statement in the Secretariat's two working languages, in
 * its formal diplomatic style. Numbers, dates and currencies are formatted by
 * Intl for the language; nothing here computes money.
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

interface Words {
  org: string;
  subject(state: string, period: string, ref: string): string;
  periodName(p: { kind: "year" | "quarter" | "month"; year: number; id: string; end: string }): string;
  opening(state: string, year: number, asOf: string): string;
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
  thanks(state: string): string;
  invitation(state: string): string;
  closing: string;
  signature: string;
  reference: string;
  place: string;
  footer: string;
  // Statements as at their date: lines a ministry can match, arrears, quarter and year.
  lineColumns: [string, string, string, string, string, string, string];
  rate(rate: string): string;
  yourRef: string;
  paysPledge(number: string, date: string, balance: string): string;
  linesHeading(p: { kind: "year" | "quarter" | "month"; year: number; id: string; end: string }): string;
  noLines(p: { kind: "year" | "quarter" | "month"; year: number; id: string; end: string }): string;
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
  invite(state: string): string;
  secondedAlso(state: string, officers: string): string;
  seconded(state: string, officers: string): string;
  officer(name: string, post: string): string;
}

const quarterRu = ["I", "II", "III", "IV"];

export const WORDS: Record<Lang, Words> = {
  en: {
    org: "Secretariat of the Conference on Interaction and Confidence Building Measures in Asia (CICA)",
    subject: (state, period, ref) => `Statement of voluntary contributions of ${state} to the CICA budget, ${period} (Ref. ${ref})`,
    periodName: (p) =>
      p.kind === "year"
        ? `${p.year}`
        : p.kind === "quarter"
          ? `Q${p.id.slice(-1)} ${p.year}`
          : new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${p.end}T00:00:00Z`)),
    opening: (state, year, asOf) =>
      `The Secretariat of the Conference on Interaction and Confidence Building Measures in Asia (CICA) presents its compliments to the competent authorities of ${state} and has the honour to transmit herewith the statement of its voluntary contributions to the CICA budget for the fiscal year ${year}, as at ${asOf}.`,
    heading: "Contributions recorded in the fiscal year to date",
    columns: ["Date", "Contribution", "Purpose", "Amount", "USD equivalent"],
    none: (year) => `No contribution has been recorded for the fiscal year ${year} to date.`,
    kind: { cash: "financial", in_kind: "in kind" },
    status: { received: "received", pledged: "pledged" },
    purpose: (p, earmark) => (p === "regular_budget" ? "regular budget" : p === "cica_fund" ? "CICA Fund" : `earmarked: ${earmark ?? ""}`),
    totals: "Totals for the fiscal year to date (USD)",
    received: "Financial contributions received",
    inKind: "Contributions in kind",
    outstanding: "Pledges outstanding",
    previous: (year, asOf) => `For comparison, fiscal year ${year} to ${asOf}`,
    change: (diff, up) => (up ? `an increase of ${diff}` : `a decrease of ${diff}`),
    thanks: (state) =>
      `The Secretariat wishes to express its deep appreciation to ${state} for its valuable contribution, which strengthens the capacity of the Secretariat to support the Member States and the CICA process.`,
    invitation: (state) =>
      `The Secretariat would be grateful if ${state} would consider making a voluntary contribution to the CICA budget, following the example of those Member States who demonstrate their commitment to the principles and goals of CICA through regular contributions of financial resources.`,
    closing:
      "The Secretariat avails itself of this opportunity to renew the assurances of its highest consideration.",
    signature: "CICA Secretariat",
    reference: "Ref.",
    place: "Astana",
    footer: "This statement was prepared from the Secretariat's records. Please inform the Secretariat of any discrepancy.",
    // Statements as at their date: lines a ministry can match, arrears, quarter and year.
    lineColumns: ["No.", "Value date", "Contribution", "Your reference", "Amount", "Rate per USD", "USD equivalent"],
    rate: (rate) => `at ${rate} per USD`,
    yourRef: "your ref.",
    paysPledge: (number, date, balance) => `Payment of pledge ${number} of ${date}; balance of the pledge after it: ${balance}`,
    linesHeading: (p) => (p.kind === "year" ? `Contributions recorded in the fiscal year ${p.year}` : `Contributions recorded in ${WORDS.en.periodName(p)}`),
    noLines: (p) =>
      p.kind === "year" ? `No contribution was recorded in the fiscal year ${p.year}.` : `No contribution was recorded in ${WORDS.en.periodName(p)}.`,
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
      `The Secretariat would welcome any voluntary contribution to the CICA budget that ${state} may wish to consider, and remains at its disposal for any information.`,
    secondedAlso: (state, officers) => `The Secretariat is equally grateful to ${state} for the personnel it has seconded to the Secretariat: ${officers}.`,
    seconded: (state, officers) => `The Secretariat wishes to express its appreciation to ${state} for the personnel it has seconded to the Secretariat: ${officers}.`,
    officer: (name, post) => `${name}, ${post}`,
  },
  ru: {
    org: "Секретариат Совещания по взаимодействию и мерам доверия в Азии (СВМДА)",
    subject: (state, period, ref) => `Выписка о добровольных взносах в бюджет СВМДА: ${state}, ${period} (исх. ${ref})`,
    periodName: (p) =>
      p.kind === "year"
        ? `${p.year} г.`
        : p.kind === "quarter"
          ? `${quarterRu[Number(p.id.slice(-1)) - 1]} квартал ${p.year} г.`
          : new Intl.DateTimeFormat("ru-RU", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${p.end}T00:00:00Z`)),
    opening: (state, year, asOf) =>
      `Секретариат Совещания по взаимодействию и мерам доверия в Азии (СВМДА) свидетельствует свое уважение компетентным органам государства-члена «${state}» и имеет честь препроводить настоящим выписку о его добровольных взносах в бюджет СВМДА за ${year} финансовый год по состоянию на ${asOf}${asOf.endsWith(".") ? "" : "."}`,
    heading: "Взносы, учтённые с начала финансового года",
    columns: ["Дата", "Взнос", "Назначение", "Сумма", "Эквивалент в долларах США"],
    none: (year) => `С начала ${year} финансового года взносы не поступали.`,
    kind: { cash: "денежный", in_kind: "в натуральной форме" },
    status: { received: "поступил", pledged: "объявлен" },
    purpose: (p, earmark) => (p === "regular_budget" ? "регулярный бюджет" : p === "cica_fund" ? "Фонд СВМДА" : `целевой: ${earmark ?? ""}`),
    totals: "Итого с начала финансового года (долл. США)",
    received: "Поступившие денежные взносы",
    inKind: "Взносы в натуральной форме",
    outstanding: "Объявленные, но не поступившие взносы",
    previous: (year, asOf) => `Для сравнения: ${year} финансовый год по состоянию на ${asOf}`,
    change: (diff, up) => (up ? `увеличение на ${diff}` : `уменьшение на ${diff}`),
    thanks: (state) =>
      `Секретариат выражает глубокую признательность государству-члену «${state}» за ценный вклад, который укрепляет возможности Секретариата по оказанию поддержки государствам-членам и процессу СВМДА.`,
    invitation: (state) =>
      `Секретариат был бы признателен государству-члену «${state}» за рассмотрение возможности внесения добровольного взноса в бюджет СВМДА по примеру государств-членов, которые подтверждают свою приверженность принципам и целям СВМДА регулярными финансовыми взносами.`,
    closing: "Секретариат пользуется случаем, чтобы возобновить уверения в своем весьма высоком уважении.",
    signature: "Секретариат СВМДА",
    reference: "Исх.",
    place: "г. Астана",
    footer: "Выписка подготовлена по данным учёта Секретариата. Просим сообщить Секретариату о любых расхождениях.",
    // Statements as at their date: lines a ministry can match, arrears, quarter and year.
    lineColumns: ["№", "Дата валютирования", "Взнос", "Ваша ссылка", "Сумма", "Курс за 1 долл. США", "Эквивалент в долларах США"],
    rate: (rate) => `по курсу ${rate} за 1 долл. США`,
    yourRef: "ваша ссылка",
    paysPledge: (number, date, balance) => `Оплата объявленного взноса ${number} от ${date}; остаток по нему после оплаты: ${balance}`,
    linesHeading: (p) => (p.kind === "year" ? `Взносы, учтённые за ${p.year} финансовый год` : `Взносы, учтённые за ${WORDS.ru.periodName(p)}`),
    noLines: (p) => (p.kind === "year" ? `За ${p.year} финансовый год взносы не учитывались.` : `За ${WORDS.ru.periodName(p)} взносы не учитывались.`),
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
      `Секретариат будет признателен за любой добровольный взнос в бюджет СВМДА, который сочтёт возможным внести ${state}, и остаётся в его распоряжении для предоставления любой информации.`,
    secondedAlso: (_state, officers) => `Секретариат также признателен за персонал, прикомандированный в Секретариат: ${officers}.`,
    seconded: (_state, officers) => `Секретариат выражает признательность за персонал, прикомандированный в Секретариат: ${officers}.`,
    officer: (name, post) => `${name}, ${post}`,
  },
};
