/** The benchmark's dataset, loaded through core, and the routes the load calls with its session. */
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LoadStep } from "../load";
import { details, log, notes, root, row, session } from "./context";
import { putAll, stored } from "./bulk";
import * as Data from "./dataset";
import { int, pool, rng } from "./stats";

export interface Dataset {
  adminEmail: string;
  adminPassword: string;
  states: string[];
  contributions: number;
  byYear: Map<number, number>;
  kz2022: number;
  posts: number;
  secondments: number;
}

export async function loadDataset(core: typeof import("@tracker/core")): Promise<Dataset> {
  const { Actor, Budget, Contribution, MemberState, User } = core;
  const r = rng(20220);
  const seed = (JSON.parse(readFileSync(join(root, "seed/member-states-2022.json"), "utf8")) as {
    states: Array<{ code: string; en: string; ru: string; joinedOn?: string }>;
  }).states;
  const codes = seed.map((s) => s.code);
  const YEARS = Array.from({ length: 10 }, (_, i) => 2016 + i);
  const TOTAL = 5000;
  const PAYMENTS = 200;
  const VOIDS = 20;
  const adminEmail = "bench@example.org";
  const adminPassword = randomBytes(18).toString("base64url");
  const byYear = new Map<number, number>();
  let kz2022 = 0;
  let posts = 0;
  let secondments = 0;
  let bulkLoaded = 0;
  const t = performance.now();

  await Actor.provide({ type: "system", name: "bench" }, async () => {
    log(`loading the dataset: ${codes.length} states, ${YEARS.length} years, ${int(TOTAL)} contributions`);
    await pool(seed.length, 8, async (i) => {
      const s = seed[i]!;
      const contacts = [{ name: `Focal point of ${s.en}`, email: `focal.${s.code.toLowerCase()}@example.org`, language: (["KZ", "RU", "TJ", "KG", "UZ", "AZ", "BY"].includes(s.code) ? "ru" : "en") as "en" | "ru" }];
      if (i % 3 === 0) contacts.push({ name: `Budget officer of ${s.en}`, email: `budget.${s.code.toLowerCase()}@example.org`, language: "en" });
      await MemberState.create({ code: s.code, name: { en: s.en, ru: s.ru }, status: "member", ...(s.joinedOn ? { joinedOn: s.joinedOn } : {}), contacts });
    });
    await User.create({ email: adminEmail, name: "Benchmark", roles: ["admin", "finance", "hr"], password: adminPassword });
    for (const year of YEARS)
      await Budget.put({
        year,
        status: "approved",
        decisionRef: `Benchmark decision ${year}`,
        note: `Benchmark budget ${year}`,
        lines: [
          { code: "STAFF", name: "Staff costs", amountUsd: String(900000 + (year - 2016) * 25000) + ".00" },
          { code: "OPS", name: "Operations and meetings", amountUsd: "300000.00" },
          { code: "CBM", name: "Confidence-building measures", amountUsd: "150000.00" },
        ],
      });

    // Contributions: spread over the years (a little more each year) and the states (by weight).
    const inputs: Data.ContributionInput[] = [];
    for (let i = 0; i < TOTAL - PAYMENTS; i++) {
      const year = YEARS[Math.min(YEARS.length - 1, Math.floor(Math.sqrt(r.next()) * YEARS.length))]!;
      inputs.push(Data.contribution(r, Data.weightedState(r, codes), Data.dayOf(r, year), `BENCH-${year}-${i}`));
    }
    const created: Array<{ id: string; stateCode: string; currency: string; exchangeRate: string; amount: string; date: string; status: string; fiscalYear: number }> = [];
    // Through Contribution.create: the year the routes read (2022) and every pledge (their payments follow).
    // The other years' receipts in bulk, in the stored form create derives, with their totals.
    const viaCore = inputs.filter((c) => c.date.startsWith("2022") || c.status === "pledged");
    const bulk = inputs.filter((c) => !viaCore.includes(c)).map((c) => stored(core, c));
    const t1 = performance.now();
    await pool(viaCore.length, 16, async (i) => {
      const c = await Contribution.create(viaCore[i]!);
      created.push(c);
    });
    const t2 = performance.now();
    await putAll(core, bulk);
    created.push(...bulk.map((c) => ({ ...c, amount: "", date: c.date })));
    log(`  ${int(viaCore.length)} contributions through Contribution.create in ${((t2 - t1) / 1000).toFixed(1)} s, ${int(bulk.length)} in bulk in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    bulkLoaded = bulk.length;
    const pledges = created.filter((c) => c.status === "pledged").slice(0, PAYMENTS);
    const payments = pledges.map((p, i) => Data.payment(r, p, `BENCH-PAY-${i}`));
    for (let i = payments.length; i < PAYMENTS; i++) payments.push(Data.contribution(r, r.pick(codes), Data.dayOf(r, 2025), `BENCH-EXTRA-${i}`));
    await pool(payments.length, 16, async (i) => {
      created.push(await Contribution.create(payments[i]!));
    });
    const voidable = created.filter((c) => c.status === "received" && !payments.some((p) => p.pledgeId === c.id)).slice(0, VOIDS);
    for (const c of voidable) await Contribution.voidIt({ id: c.id, reason: "Recorded twice (benchmark data)", version: 1 });
    for (const c of created) {
      byYear.set(c.fiscalYear, (byYear.get(c.fiscalYear) ?? 0) + 1);
      if (c.stateCode === "KZ" && c.fiscalYear === 2022) kz2022++;
    }

    // Posts and secondments: the HR module, when core exports it.
    const hr = core as unknown as {
      Post?: { create(input: unknown): Promise<{ id: string }> };
      Secondment?: { create(input: unknown): Promise<unknown> };
    };
    if (typeof hr.Post?.create === "function" && typeof hr.Secondment?.create === "function") {
      const t2 = performance.now();
      const postInputs = Data.posts(r, 40);
      const ids: string[] = new Array(postInputs.length);
      await pool(postInputs.length, 8, async (i) => {
        ids[i] = (await hr.Post!.create(postInputs[i]!)).id;
      });
      posts = ids.length;
      const list = Data.secondments(r, ids, codes, 5);
      // One post at a time per worker: a post's secondments follow each other.
      await pool(ids.length, 8, async (p) => {
        for (const s of list.filter((x) => x.postIndex === p)) {
          await hr.Secondment!.create(s.input);
          secondments++;
        }
      });
      log(`  ${posts} posts and ${secondments} secondments through Post.create / Secondment.create in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    } else {
      notes.push("Posts and secondments skipped: Post / Secondment are not exported from @tracker/core in this checkout.");
    }
  });
  const seconds = (performance.now() - t) / 1000;
  const contributions = [...byYear.values()].reduce((a, b) => a + b, 0);
  details.dataset = { states: codes.length, years: `${YEARS[0]}–${YEARS.at(-1)}`, contributions, byYear: Object.fromEntries(byYear), kz2022, posts, secondments, voided: VOIDS, loadSeconds: seconds };
  row({
    id: "0.1",
    figure: "dataset loaded",
    median: `${seconds.toFixed(0)} s`,
    what: `${codes.length} states (with focal points), budgets ${YEARS[0]}–${YEARS.at(-1)}, ${int(contributions)} contributions (${PAYMENTS} pledge payments, ${VOIDS} voided; 2022: ${byYear.get(2022)}, KZ 2022: ${kz2022})${posts ? `, ${posts} posts, ${secondments} secondments` : ", no posts/secondments (HR module not exported)"}; through core functions, but for ${int(bulkLoaded)} receipts outside 2022 written in bulk (BatchWriteItem of the stored form, totals by Totals.deltas)`,
  });
  return { adminEmail, adminPassword, states: codes, contributions, byYear, kz2022, posts, secondments };
}

export async function login(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

// ---------------------------------------------------------------------------------------------
// Routes

export interface Route {
  key: string;
  label: string;
  step: LoadStep;
}

export function latencyRoutes(d: Dataset): Route[] {
  return [
    { key: "list", label: "GET /api/contributions?state=KZ&year=2022", step: { method: "GET", path: "/api/contributions?state=KZ&year=2022" } },
    { key: "report", label: "GET /api/reports/contributions?year=2022", step: { method: "GET", path: "/api/reports/contributions?year=2022" } },
    {
      key: "create",
      label: "POST /api/contributions",
      step: { method: "POST", path: "/api/contributions", create: { states: d.states, year: 2026, refPrefix: "BENCH-LAT" } },
    },
    { key: "me", label: "GET /api/auth/me", step: { method: "GET", path: "/api/auth/me" } },
  ];
}

export function uniqueBody(d: { states: string[] }, r = rng(Date.now() & 0xffff), refPrefix = "BENCH-LAT") {
  const body = Data.contribution(r, r.pick(d.states), Data.dayOf(r, 2026), `${refPrefix}-${randomUUID()}`);
  if (body.status === "pledged") body.status = "received";
  return body;
}

export async function call(step: LoadStep, d?: { states: string[] }): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { cookie: session.cookie };
  let body: string | undefined;
  if (step.method === "POST") {
    body = JSON.stringify(uniqueBody(d ?? { states: ["KZ"] }));
    headers["content-type"] = "application/json";
    headers["idempotency-key"] = randomUUID();
  }
  const res = await fetch(`${session.base}${step.path}`, { method: step.method, headers, body });
  return { status: res.status, body: await res.text() };
}

export async function warmUp(routes: Route[]) {
  log("warming up");
  const states = { states: ["KZ", "CN", "RU"] };
  for (const route of routes)
    await pool(60, 4, async () => {
      const r = await call(route.step, states);
      if (r.status >= 300) throw new Error(`${route.label}: ${r.status} ${r.body.slice(0, 300)}`);
    });
}
