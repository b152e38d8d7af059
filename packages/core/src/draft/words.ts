/**
 * The words of the draft of the Secretary General's report, management part, in the two working
 * languages and in the report's register. The organisation's abbreviation comes from its profile
 * and the states' names from their formal names (in Russian in the case the sentence needs:
 * «признательность Республике Казахстан», «от Республики Казахстан»); post titles stand in
 * quotation marks in the nominative in Russian, so no name is ever declined here. Counts agree with
 * their noun (Intl.PluralRules: 1 сотрудник, 2 сотрудника, 5 сотрудников); lists are joined by
 * Intl.ListFormat ("A, B and C", «А, Б и В»).
 */
import type { Category } from "../post/schema";
import { date, LOCALE, type Lang } from "../statement/text";

type Plural = "one" | "few" | "many";

function plural(n: number, lang: Lang): Plural {
  const p = new Intl.PluralRules(LOCALE[lang]).select(n);
  return p === "one" ? "one" : p === "few" ? "few" : "many";
}

const EN_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const RU_MASCULINE = ["ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять"];
const RU_FEMININE = ["ноль", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять"];

/** A count in words up to ten, in figures above. */
const spell = (n: number, words: string[]) => words[n] ?? String(n);

export function list(items: string[], lang: Lang): string {
  return new Intl.ListFormat(LOCALE[lang], { style: "long", type: "conjunction" }).format(items);
}

/** A category's staff as the sentences count them (the executive posts are named by their title instead). */
type Counted = Exclude<Category, "executive">;
const EN_STAFF: Record<Counted, [one: string, other: string, of: string]> = {
  senior_officer: ["Senior Officer", "Senior Officers", "Senior Officers"],
  professional: ["Officer", "Officers", "Officers"],
  expert: ["Expert", "Experts", "experts"],
  administrative: ["administrative staff member", "administrative staff members", "administrative staff"],
  support: ["support staff member", "support staff members", "support staff"],
};
/** Nominative after 1, 2–4 and 5+, and the genitive plural ("должности экспертов"). */
const RU_STAFF: Record<Counted, Record<Plural | "of", string>> = {
  senior_officer: { one: "старший сотрудник", few: "старших сотрудника", many: "старших сотрудников", of: "старших сотрудников" },
  professional: { one: "сотрудник категории специалистов", few: "сотрудника категории специалистов", many: "сотрудников категории специалистов", of: "сотрудников категории специалистов" },
  expert: { one: "эксперт", few: "эксперта", many: "экспертов", of: "экспертов" },
  administrative: { one: "административный сотрудник", few: "административных сотрудника", many: "административных сотрудников", of: "административных сотрудников" },
  support: { one: "сотрудник вспомогательного персонала", few: "сотрудника вспомогательного персонала", many: "сотрудников вспомогательного персонала", of: "сотрудников вспомогательного персонала" },
};

/** Newly seconded staff of one sending state: counts by category, and the executive posts by title. */
export interface Arrivals {
  /** The state as the sentence needs it: "the Republic of Kazakhstan" / «Республики Казахстан» (after «от»). */
  state: string;
  counts: Array<{ category: Counted; n: number }>;
  executive: string[];
}

export interface OpenPosition {
  title: string;
  basis: "competitive" | "contractual";
  recommended: number;
}

export interface Rename {
  from: string;
  to: string;
  effectiveOn: string;
  decisionRef?: string;
  posts: number;
}

export interface Words {
  title(year: number): string;
  heading: string;
  mark: string;
  prepared(on: string, asOf: string): string;
  /** `states` in the case "appreciation to" takes. */
  thanks(states: string[], year: number): string;
  inviteOthers: string;
  noContribution(year: number): string;
  welcomed(year: number, arrivals: Arrivals[]): string;
  noneWelcomed(year: number): string;
  call: string;
  seconding(year: number, seconding: number, members: number): string;
  openPositions(asOf: string, category: Counted | undefined, items: OpenPosition[]): string;
  recommendationsWelcome: string;
  recommendationsReceived: string;
  noOpenPosition(asOf: string): string;
  renamed(items: Rename[]): string;
  // The notes for the editor
  notesTitle: string;
  notesContributions(year: number): string;
  contributionLine(state: string, financial: string, inKind: string): string;
  notesWelcomed(year: number): string;
  welcomedLine(person: string, post: string, number: string, state: string, startOn: string): string;
  notesOpen(asOf: string): string;
  openLine(title: string, number: string, basis: OpenPosition["basis"], publishedOn: string, deadline: string, received: number, states: string[]): string;
  notesRenamed(year: number): string;
  renameLine(number: string, r: Rename): string;
  notesNotSeconding(year: number, n: number): string;
  notesNoContribution(year: number, n: number): string;
  none: string;
}

export function words(lang: Lang, abbr: string): Words {
  return lang === "en" ? english(abbr) : russian(abbr);
}

function english(abbr: string): Words {
  const d = (iso: string) => date(iso, "en");
  const staff = (category: Counted, n: number) => {
    const [one, other] = EN_STAFF[category];
    return n === 1 ? `a new ${one}` : `${spell(n, EN_NUMBERS)} new ${other}`;
  };
  const basis = (b: OpenPosition["basis"]) => (b === "competitive" ? "on a competitive basis" : "on a contractual basis");
  const candidates = (n: number) => (n === 1 ? "one candidate recommended" : `${spell(n, EN_NUMBERS)} candidates recommended`);
  const rename = (r: Rename) => `${r.from}${r.posts > 1 ? ` (${spell(r.posts, EN_NUMBERS)} posts)` : ""}`;
  const effect = (r: Rename) => `with effect from ${d(r.effectiveOn)}${r.decisionRef ? ` (${r.decisionRef})` : ""}`;
  return {
    title: (year) => `Report by the ${abbr} Secretary General on activities of the ${abbr} Secretariat in ${year}`,
    heading: "Management related issues",
    mark: "DRAFT",
    prepared: (on, asOf) => `Drafted from the Secretariat's records on ${d(on)}; the records as at ${d(asOf)}.`,
    thanks: (states, year) =>
      `On management related issues, the Secretariat expresses deep appreciation to ${list(states, "en")} for ${states.length === 1 ? "its voluntary contribution" : "their voluntary contributions"} to the ${abbr} budget in ${year}.`,
    inviteOthers: `The Secretary General kindly invites other Member States to follow the example of those partners who demonstrate their commitment to the principles and goals of the ${abbr} family through regular contribution of financial resources.`,
    noContribution: (year) =>
      `On management related issues, no voluntary contribution to the ${abbr} budget was received in ${year}. The Secretary General kindly invites the Member States to demonstrate their commitment to the principles and goals of the ${abbr} family through regular contribution of financial resources.`,
    welcomed: (year, arrivals) =>
      `In ${year}, following the scheduled rotation, the Secretariat welcomed ${list(
        arrivals.map((a) => `${list([...a.counts.map((c) => staff(c.category, c.n)), ...a.executive.map((t) => `the new ${t}`)], "en")} from ${a.state}`),
        "en",
      )}.`,
    noneWelcomed: (year) => `In ${year}, no new personnel was seconded to the Secretariat.`,
    call:
      "The Secretary General hereby wishes to reiterate the call on all Member States, in particular those who have not yet done so, to contribute human resources to the Secretariat by secondment of professional personnel. " +
      `This will not only strengthen the capacity of the Secretariat to support Member States, but will also increase the ownership and engagement of Member States in all ${abbr} activities and broaden geographic representation in the Secretariat.`,
    seconding: (year, n, members) =>
      n === 0
        ? `In ${year}, no Member State had personnel seconded to the Secretariat.`
        : `In ${year}, ${n === 1 ? "one" : spell(n, EN_NUMBERS)} of the ${members} Member States had personnel seconded to the Secretariat.`,
    openPositions: (asOf, category, items) =>
      `Furthermore, as at ${d(asOf)} the Secretariat still has ${items.length === 1 ? "one open position" : `${spell(items.length, EN_NUMBERS)} open positions${category ? ` of ${EN_STAFF[category][2]}` : ""}`} for hiring: ${list(
        items.map((i) => `${i.title} ${basis(i.basis)}${i.recommended ? ` (${candidates(i.recommended)})` : ""}`),
        "en",
      )}.`,
    recommendationsWelcome: "Recommendations of candidates from Member States are welcome.",
    recommendationsReceived: "The Secretariat is grateful to the Member States that have recommended candidates.",
    noOpenPosition: (asOf) => `As at ${d(asOf)}, the Secretariat has no open position awaiting recommendations of candidates.`,
    renamed: (items) =>
      items.length === 1 && items[0]!.posts === 1
        ? `In the Staff Matrix of the Secretariat, the position of ${items[0]!.from} is renamed ${items[0]!.to} ${effect(items[0]!)}.`
        : `In the Staff Matrix of the Secretariat, the following positions are renamed: ${items.map((r) => `${rename(r)} as ${r.to}, ${effect(r)}`).join("; ")}.`,
    notesTitle: "For the editor: the records the text is drafted from (not part of the report)",
    notesContributions: (year) => `Voluntary contributions received in ${year}, USD equivalent`,
    contributionLine: (state, financial, inKind) => `${state}: financial ${financial}; in kind ${inKind}`,
    notesWelcomed: (year) => `Secondments that started in ${year}`,
    welcomedLine: (person, post, number, state, startOn) => `${person}, ${post} (${number}), seconded by ${state}, from ${d(startOn)}`,
    notesOpen: (asOf) => `Open positions as at ${d(asOf)}`,
    openLine: (title, number, b, publishedOn, deadline, received, states) =>
      `${title} (${number}), ${b === "competitive" ? "competitive" : "contractual"} basis, published ${d(publishedOn)}, deadline ${d(deadline)}: recommendations received ${received}${states.length ? ` (${states.join(", ")})` : ""}`,
    notesRenamed: (year) => `Posts renamed in ${year} or from 1 January ${year + 1}`,
    renameLine: (number, r) => `${number}: ${r.from} → ${r.to}, from ${d(r.effectiveOn)}${r.decisionRef ? `; ${r.decisionRef}` : ""}`,
    notesNotSeconding: (year, n) => `Member States with no personnel seconded in ${year} (${n})`,
    notesNoContribution: (year, n) => `Member States with no contribution received in ${year} (${n})`,
    none: "None.",
  };
}

function russian(abbr: string): Words {
  const d = (iso: string) => date(iso, "ru");
  const staff = (category: Counted, n: number) => `${spell(n, RU_MASCULINE)} ${RU_STAFF[category][plural(n, "ru")]}`;
  const basis = (b: OpenPosition["basis"]) => (b === "competitive" ? "на конкурсной основе" : "на контрактной основе");
  const q = (title: string) => `«${title}»`;
  const effect = (r: Rename) => `с ${d(r.effectiveOn)}${r.decisionRef ? ` (${r.decisionRef})` : ""}`;
  const open = (n: number) => {
    const p = plural(n, "ru");
    const count = spell(n, RU_FEMININE);
    return p === "one" ? `остаётся открытой ${count} должность` : p === "few" ? `остаются открытыми ${count} должности` : `остаются открытыми ${count} должностей`;
  };
  return {
    title: (year) => `Доклад Генерального секретаря ${abbr} о деятельности Секретариата ${abbr} в ${year} году`,
    heading: "Вопросы управления",
    mark: "ПРОЕКТ",
    prepared: (on, asOf) => `Проект составлен по данным учёта Секретариата ${d(on)}; данные учёта по состоянию на ${d(asOf)}`,
    thanks: (states, year) =>
      `По вопросам управления Секретариат выражает глубокую признательность ${list(states, "ru")} за добровольные взносы в бюджет ${abbr} в ${year} году.`,
    inviteOthers: `Генеральный секретарь предлагает другим государствам-членам последовать примеру тех партнёров, которые демонстрируют свою приверженность принципам и целям семьи ${abbr} путём регулярного предоставления финансовых ресурсов.`,
    noContribution: (year) =>
      `По вопросам управления: в ${year} году добровольные взносы в бюджет ${abbr} не поступали. Генеральный секретарь предлагает государствам-членам продемонстрировать свою приверженность принципам и целям семьи ${abbr} путём регулярного предоставления финансовых ресурсов.`,
    welcomed: (year, arrivals) =>
      `В ${year} году в соответствии с плановой ротацией в Секретариат прибыли новые прикомандированные сотрудники: ${arrivals
        .map((a) => `от ${a.state} — ${list([...a.counts.map((c) => staff(c.category, c.n)), ...a.executive.map((t) => `сотрудник на должность ${q(t)}`)], "ru")}`)
        .join("; ")}.`,
    noneWelcomed: (year) => `В ${year} году новый персонал в Секретариат не прикомандировывался.`,
    call:
      "Генеральный секретарь вновь призывает все государства-члены, в особенности те, которые ещё не делали этого, предоставлять Секретариату кадровые ресурсы путём прикомандирования профессионального персонала. " +
      `Это не только укрепит возможности Секретариата по оказанию поддержки государствам-членам, но и повысит сопричастность и вовлечённость государств-членов во всю деятельность ${abbr} и расширит географическое представительство в Секретариате.`,
    seconding: (year, n, members) =>
      n === 0
        ? `В ${year} году ни одно государство-член не прикомандировало персонал в Секретариат.`
        : `Число государств-членов, персонал которых был прикомандирован в Секретариат в ${year} году: ${n} из ${members}.`,
    openPositions: (asOf, category, items) =>
      `Кроме того, по состоянию на ${d(asOf)} в Секретариате ${open(items.length)}${items.length > 1 && category ? ` ${RU_STAFF[category].of}` : ""} для найма: ${list(
        items.map((i) => `${q(i.title)} (${basis(i.basis)}${i.recommended ? `; рекомендовано кандидатов: ${i.recommended}` : ""})`),
        "ru",
      )}.`,
    recommendationsWelcome: "Рекомендации кандидатов от государств-членов приветствуются.",
    recommendationsReceived: "Секретариат признателен государствам-членам, рекомендовавшим кандидатов.",
    noOpenPosition: (asOf) => `По состоянию на ${d(asOf)} в Секретариате нет открытых должностей, ожидающих рекомендаций кандидатов.`,
    renamed: (items) =>
      items.length === 1 && items[0]!.posts === 1
        ? `В штатном расписании Секретариата должность ${q(items[0]!.from)} переименовывается в ${q(items[0]!.to)} ${effect(items[0]!)}.`
        : `В штатном расписании Секретариата переименовываются должности: ${items
            .map((r) => `${q(r.from)}${r.posts > 1 ? ` (должностей: ${r.posts})` : ""} — в ${q(r.to)} ${effect(r)}`)
            .join("; ")}.`,
    notesTitle: "Для редактора: данные учёта, по которым составлен текст (не входит в доклад)",
    notesContributions: (year) => `Добровольные взносы, поступившие в ${year} году, в долларовом эквиваленте`,
    contributionLine: (state, financial, inKind) => `${state}: финансовые — ${financial}; в натуральной форме — ${inKind}`,
    notesWelcomed: (year) => `Прикомандирования, начавшиеся в ${year} году`,
    welcomedLine: (person, post, number, state, startOn) => `${person}, ${q(post)} (${number}), направляющее государство: ${state}, с ${d(startOn)}`,
    notesOpen: (asOf) => `Открытые должности по состоянию на ${d(asOf)}`,
    openLine: (title, number, b, publishedOn, deadline, received, states) =>
      `${q(title)} (${number}), ${b === "competitive" ? "конкурсная основа" : "контрактная основа"}, объявлена ${d(publishedOn)}, срок ${d(deadline)}; получено рекомендаций: ${received}${states.length ? ` (${states.join(", ")})` : ""}`,
    notesRenamed: (year) => `Должности, переименованные в ${year} году или с 1 января ${year + 1} года`,
    renameLine: (number, r) => `${number}: ${q(r.from)} → ${q(r.to)}, с ${d(r.effectiveOn)}${r.decisionRef ? `; ${r.decisionRef}` : ""}`,
    notesNotSeconding: (year, n) => `Государства-члены, не прикомандировавшие персонал в ${year} году (${n})`,
    notesNoContribution: (year, n) => `Государства-члены, взносы которых в ${year} году не поступали (${n})`,
    none: "Нет.",
  };
}
