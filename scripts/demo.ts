/**
 * Demonstration data for a first local start (SEED_DEMO=0 to skip), modelled
 * on the Secretary General's report for 2022: the seven states that made
 * voluntary contributions (some in kind, in their own currencies), a 2022
 * budget, a few pledges, and 2021 for comparison. Every amount, rate, person
 * and address here is invented, and every record says so.
 */
import { Budget, Contribution, MemberState } from "@tracker/core";

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
  return { contributions: made };
}
