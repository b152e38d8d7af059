/**
 * Demonstration data for a first local start (SEED_DEMO=0 to skip), modelled
 * on the Secretary General's report for 2022: the seven states that made
 * voluntary contributions (some in kind, in their own currencies), a 2022
 * budget, a few pledges, and 2021 for comparison. Every amount, rate, person
 * and address here is invented, and every record says so.
 */
import { Budget, Clock, Contribution, MemberState, Post, Recommendation, Secondment, Vacancy } from "@tracker/core";

export const DEMO = "[Demo data]";

const contacts: Record<string, Array<{ name: string; email: string; language: "en" | "ru" }>> = {
  KZ: [
    { name: "Demo focal point, Ministry of Foreign Affairs", email: "kz.focal@example.org", language: "ru" },
    { name: "Demo budget officer", email: "kz.budget@example.org", language: "en" },
  ],
  CN: [{ name: "Demo focal point", email: "cn.focal@example.org", language: "en" }],
  QA: [{ name: "Demo focal point", email: "qa.focal@example.org", language: "en" }],
  KR: [{ name: "Demo focal point", email: "kr.focal@example.org", language: "en" }],
  TR: [{ name: "Demo focal point", email: "tr.focal@example.org", language: "en" }],
  IL: [{ name: "Demo focal point", email: "il.focal@example.org", language: "en" }],
  TJ: [{ name: "Demo focal point", email: "tj.focal@example.org", language: "ru" }],
  RU: [{ name: "Demo focal point", email: "ru.focal@example.org", language: "ru" }],
  IN: [{ name: "Demo focal point", email: "in.focal@example.org", language: "en" }],
};

type C = Contribution.CreateInput;
const cash = (c: Omit<C, "kind" | "status" | "purpose"> & Partial<C>): C => ({ kind: "cash", status: "received", purpose: "regular_budget", ...c });

const contributions: C[] = [
  // 2021, for the comparison with the previous year
  cash({ stateCode: "KZ", amount: "86000000.00", currency: "KZT", exchangeRate: "430.00", date: "2021-03-10", reference: `${DEMO} PO-2021-014` }),
  cash({ stateCode: "CN", amount: "650000.00", currency: "CNY", exchangeRate: "6.50", date: "2021-05-20", reference: `${DEMO} 2021/CN/1` }),
  cash({ stateCode: "KR", amount: "55000000", currency: "KRW", exchangeRate: "1100", date: "2021-07-01", reference: `${DEMO} 2021/KR` }),
  cash({ stateCode: "TR", amount: "425000.00", currency: "TRY", exchangeRate: "8.50", date: "2021-09-15", reference: `${DEMO} 2021/TR` }),
  // 2022: the seven contributors of the report
  cash({ stateCode: "KZ", amount: "115062500.00", currency: "KZT", exchangeRate: "460.25", date: "2022-02-15", reference: `${DEMO} PO-2022-007` }),
  cash({
    stateCode: "KZ", kind: "in_kind", amount: "23012500.00", currency: "KZT", exchangeRate: "460.25", date: "2022-10-12",
    description: `${DEMO} Venue and logistics for the Sixth CICA Summit, valued at the host's cost estimate`,
  }),
  cash({ stateCode: "CN", amount: "700000.00", currency: "CNY", exchangeRate: "7.00", date: "2022-04-18", reference: `${DEMO} 2022/CN/1` }),
  cash({ stateCode: "QA", amount: "182500.00", currency: "QAR", exchangeRate: "3.65", date: "2022-05-30", reference: `${DEMO} QA-22` }),
  cash({ stateCode: "KR", amount: "65000000", currency: "KRW", exchangeRate: "1300", date: "2022-06-21", purpose: "earmarked", earmark: "30th anniversary publications", reference: `${DEMO} KR-22` }),
  cash({
    stateCode: "TR", kind: "in_kind", amount: "300000.00", currency: "TRY", exchangeRate: "15.00", date: "2022-03-22",
    description: `${DEMO} Hosting of a CBM seminar in Ankara (hall, interpretation), valued at invoice`,
  }),
  cash({ stateCode: "IL", amount: "20000.00", currency: "USD", date: "2022-07-14", reference: `${DEMO} IL-2022` }),
  cash({ stateCode: "TJ", amount: "109000.00", currency: "TJS", exchangeRate: "10.90", date: "2022-09-05", reference: `${DEMO} TJ-2022` }),
  cash({ stateCode: "QA", status: "pledged", amount: "73000.00", currency: "QAR", exchangeRate: "3.65", date: "2022-11-01", description: `${DEMO} Pledge announced at the SOC meeting` }),
  cash({ stateCode: "TR", status: "pledged", amount: "750000.00", currency: "TRY", exchangeRate: "18.60", date: "2022-12-14", purpose: "cica_fund", description: `${DEMO} Pledge to the CICA Fund` }),
];

export async function seedDemo() {
  for (const [code, list] of Object.entries(contacts)) {
    const state = await MemberState.find(code);
    if (!state || state.contacts.length) continue;
    await MemberState.update({ code, name: state.name, status: state.status, joinedOn: state.joinedOn, contacts: list, version: state.version });
  }
  await Budget.put({
    year: 2021,
    status: "approved",
    note: `${DEMO} Approved budget for 2021`,
    decisionRef: "SOC, December 2020 (demo)",
    lines: [
      { code: "STAFF", name: "Staff costs", amountUsd: "900000.00" },
      { code: "OPS", name: "Operations and meetings", amountUsd: "350000.00" },
      { code: "CBM", name: "Confidence-building measures", amountUsd: "150000.00" },
    ],
  });
  await Budget.put({
    year: 2022,
    status: "approved",
    note: `${DEMO} Approved budget for 2022`,
    approvedOn: "2021-12-14",
    decisionRef: "SOC, 14 December 2021 (demo)",
    lines: [
      { code: "STAFF", name: "Staff costs", amountUsd: "950000.00" },
      { code: "OPS", name: "Operations and meetings", amountUsd: "300000.00" },
      { code: "SUMMIT", name: "Sixth CICA Summit support", amountUsd: "200000.00" },
      { code: "ANNIV", name: "30th anniversary projects", amountUsd: "100000.00" },
    ],
  });
  let made = 0;
  for (const c of contributions) {
    await Contribution.create(c);
    made++;
  }
  // Part of Qatar's pledge arrives in December.
  const { items } = await Contribution.query({ year: 2022, state: "QA", all: true });
  const qaPledge = items.find((c) => c.status === "pledged");
  if (qaPledge) {
    await Contribution.create(
      cash({ stateCode: "QA", amount: "36500.00", currency: "QAR", exchangeRate: "3.65", date: "2022-12-20", pledgeId: qaPledge.id, reference: `${DEMO} QA-22-2` }),
    );
    made++;
  }
  // Demo records loaded before numbering get their numbers now (new ones have them already).
  await Contribution.assignNumbers([2021, 2022]);
  return { contributions: made };
}

/** A date `days` from today (so the rotation alerts have something to show whenever the demo loads). */
function fromToday(days: number): string {
  return new Date(Clock.nowMs() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The staff matrix of the report: the Executive Director and the Deputy, Senior
 * Officers seconded by member states (two new ones from Kazakhstan in 2022),
 * two expert positions open for recommendations, administrative staff; one
 * post renamed after the SOC of 14 December 2022. People are invented.
 */
export async function seedDemoStaff() {
  const post = (number: string, en: string, ru: string, category: Post.CreateInput["category"], funding: Post.CreateInput["funding"], extra: Partial<Post.CreateInput> = {}) =>
    Post.create({ number, title: { en, ru }, category, funding, unit: "Secretariat", ...extra });
  await post("ED-01", "Executive Director", "Исполнительный директор", "executive", "regular_budget", {
    incumbent: { name: "Demo Executive Director", nationality: "KZ", since: "2020-10-01" },
  });
  const ded = await post("DED-01", "Deputy Executive Director", "Заместитель исполнительного директора", "executive", "secondment");
  // SO-04 stays vacant: the Secretary General's call for more secondments.
  const so = await Promise.all([
    post("SO-01", "Senior Officer", "Старший сотрудник", "senior_officer", "secondment", { grade: "SO" }),
    post("SO-02", "Senior Officer", "Старший сотрудник", "senior_officer", "secondment", { grade: "SO" }),
    post("SO-03", "Senior Officer", "Старший сотрудник", "senior_officer", "secondment", { grade: "SO" }),
    post("SO-04", "Senior Officer", "Старший сотрудник", "senior_officer", "secondment", { grade: "SO" }),
  ]);
  const experts = await Promise.all([
    post("EX-01", "Expert (confidence-building measures)", "Эксперт (меры доверия)", "expert", "regular_budget"),
    post("EX-02", "Expert (economic dimension)", "Эксперт (экономическое измерение)", "expert", "regular_budget"),
  ]);
  await post("AD-01", "Administrative Officer", "Административный сотрудник", "administrative", "regular_budget", {
    incumbent: { name: "Demo Administrative Officer", nationality: "KZ", since: "2019-02-01" },
  });
  await post("AD-02", "Protocol Assistant", "Ассистент по протоколу", "support", "voluntary", { status: "frozen", statusReason: `${DEMO} Frozen pending the 2023 budget` });

  const second = (postId: string, personName: string, sendingState: string, startOn: string, endOn: string) =>
    Secondment.create({ postId, personName, sendingState, startOn, endOn, decisionRef: `${DEMO} Note verbale` });
  await second(ded.id, "Demo Deputy Executive Director", "RU", "2021-09-01", fromToday(400));
  // The two new Senior Officers from Kazakhstan (2022); one rotates out within 90 days.
  await second(so[0]!.id, "Demo Senior Officer A", "KZ", "2022-03-01", fromToday(45));
  await second(so[1]!.id, "Demo Senior Officer B", "KZ", "2022-09-01", fromToday(300));
  await second(so[2]!.id, "Demo Senior Officer C", "CN", "2020-01-15", "2022-01-14");
  await second(so[2]!.id, "Demo Senior Officer D", "TR", "2022-02-01", fromToday(200));

  // Renaming asked for by the Sixth Summit, decided by the SOC.
  const renamed = await Post.get({ id: ded.id });
  await Post.rename({
    id: ded.id,
    title: { en: "Deputy Secretary General", ru: "Заместитель Генерального секретаря" },
    effectiveOn: "2023-01-01",
    decisionRef: "SOC, 14 December 2022 (demo)",
    version: renamed.version,
  });

  // The two open expert positions, with candidates recommended by member states.
  const v1 = await Vacancy.create({ postId: experts[0]!.id, basis: "competitive", publishedOn: "2022-11-01", deadline: fromToday(30), note: `${DEMO} Competitive selection` });
  const v2 = await Vacancy.create({ postId: experts[1]!.id, basis: "contractual", publishedOn: "2022-11-01", deadline: fromToday(30), note: `${DEMO} Contractual basis` });
  const today = Clock.today();
  const r1 = await Recommendation.create({ vacancyId: v1.id, stateCode: "IN", candidateName: "Demo Candidate (India)", receivedOn: today });
  await Recommendation.create({ vacancyId: v1.id, stateCode: "UZ", candidateName: "Demo Candidate (Uzbekistan)", receivedOn: today });
  await Recommendation.create({ vacancyId: v2.id, stateCode: "TH", candidateName: "Demo Candidate (Thailand)", receivedOn: today });
  await Recommendation.update({ vacancyId: v1.id, id: r1.id, status: "shortlisted" });
  return { posts: 10 };
}

