/**
 * The staff matrix, secondments and open positions, through the HTTP API
 * against DynamoDB Local. The clock is set to 2 March 2026 (and keeps
 * running from there) after signing in, so dates read plainly.
 */
import { Clock, MemberState, Secondment } from "@tracker/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";
import { loadCatalogue, translate } from "../packages/web/src/i18n";

const TODAY = "2026-03-02";

let hr: string;
let finance: string;
let viewer: string;
let admin: string;

let serial = 0;
function number() {
  return `T-${String(++serial).padStart(3, "0")}`;
}

const postBody = (over: Record<string, unknown> = {}) => ({
  number: number(),
  title: { en: "Senior Officer", ru: "Старший сотрудник" },
  category: "senior_officer",
  funding: "secondment",
  ...over,
});

async function createPost(over: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/posts", { cookie: hr, body: postBody(over) });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.json;
}

const secondmentBody = (postId: string, over: Record<string, unknown> = {}) => ({
  personName: "Aidos Serikbayev",
  sendingState: "KZ",
  postId,
  startOn: "2026-01-01",
  endOn: "2028-12-31",
  ...over,
});

async function second(postId: string, over: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/secondments", { cookie: hr, body: secondmentBody(postId, over) });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.json;
}

const getPost = async (id: string, query = "") => (await call("GET", `/api/posts/${id}${query}`, { cookie: viewer })).json;
const paths = (res: { json: any }) => (res.json.error.issues ?? []).map((i: { path: string }) => i.path);

beforeAll(async () => {
  await asSystem(() => MemberState.seed(seedStates()));
  await asSystem(() => MemberState.create({ code: "JP", name: { en: "Japan", ru: "Япония" }, status: "observer", contacts: [] }));
  hr = (await userWith(["hr"])).cookie;
  finance = (await userWith(["finance"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
  admin = (await userWith(["admin"])).cookie;
  // Sessions were issued on the real clock; from here the product's clock starts on TODAY and runs on.
  const base = Date.parse(`${TODAY}T09:00:00Z`);
  const realStart = Date.now();
  Clock.set(() => base + (Date.now() - realStart));
});

afterAll(() => Clock.reset());

describe("the rules between fields", () => {
  it("are named beside a field of the wrong type, in one 400, and nothing is written", async () => {
    const before = (await call("GET", "/api/posts", { cookie: viewer })).json.items.length;
    const post = await call("POST", "/api/posts", { cookie: hr, body: postBody({ status: "filled", grade: 4 }) });
    expect(post.status).toBe(400);
    expect(paths(post).sort()).toEqual(["grade", "incumbent"]);
    expect(post.json.error.issues.find((i: { path: string }) => i.path === "incumbent").code).toBe("post.incumbent_required");
    expect((await call("GET", "/api/posts", { cookie: viewer })).json.items).toHaveLength(before);

    const p = await createPost();
    const s = await call("POST", "/api/secondments", { cookie: hr, body: secondmentBody(p.id, { personName: 7, startOn: "2027-01-01", endOn: "2026-12-31" }) });
    expect(s.status).toBe(400);
    expect(paths(s).sort()).toEqual(["endOn", "personName"]);
    expect(s.json.error.issues.find((i: { path: string }) => i.path === "endOn").code).toBe("secondment.ends_before_start");
    // An unreadable start is its own issue, not also "ends before it starts".
    const bad = await call("POST", "/api/secondments", { cookie: hr, body: secondmentBody(p.id, { startOn: "2027-13-01" }) });
    expect(paths(bad)).toEqual(["startOn"]);
    expect((await call("GET", `/api/secondments?postId=${p.id}`, { cookie: viewer })).json.items).toHaveLength(0);

    const v = await call("POST", "/api/vacancies", { cookie: hr, body: { postId: p.id, basis: "open", publishedOn: "2026-03-01", deadline: "2026-02-15" } });
    expect(v.status).toBe(400);
    expect(paths(v).sort()).toEqual(["basis", "deadline"]);
    expect(v.json.error.issues.find((i: { path: string }) => i.path === "deadline").code).toBe("vacancy.deadline_before_publication");
    expect((await call("GET", `/api/vacancies?postId=${p.id}`, { cookie: viewer })).json.items).toHaveLength(0);
  });
});

describe("posts", () => {
  it("are created vacant with an upper-case number, listed by status, and their number is unique", async () => {
    const p = await createPost({ number: "p-rn-01", grade: "P-4", unit: "Economic dimension" });
    expect(p).toMatchObject({
      number: "P-RN-01", status: "vacant", category: "senior_officer", funding: "secondment", grade: "P-4", version: 1, asOf: TODAY,
      title: { en: "Senior Officer", ru: "Старший сотрудник" },
    });
    expect(p.incumbent).toBeUndefined();
    const again = await call("POST", "/api/posts", { cookie: hr, body: postBody({ number: "P-RN-01" }) });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("post.number_taken");
    const vacant = (await call("GET", "/api/posts?status=vacant", { cookie: viewer })).json.items;
    expect(vacant.map((x: { id: string }) => x.id)).toContain(p.id);
    expect((await call("GET", "/api/posts?status=filled", { cookie: viewer })).json.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
  });

  it("keep the number unique under 8 concurrent creations", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => call("POST", "/api/posts", { cookie: hr, body: postBody({ number: "P-RACE" }) })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const all = (await call("GET", "/api/posts", { cookie: viewer })).json.items;
    expect(all.filter((x: { number: string }) => x.number === "P-RACE")).toHaveLength(1);
  });

  it("change number with the version (If-Match works too); the old number is free again, a taken one is 409", async () => {
    const a = await createPost({ number: "P-OLD" });
    const b = await createPost();
    const taken = await call("PATCH", `/api/posts/${a.id}`, { cookie: hr, body: { number: b.number, version: 1 } });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe("post.number_taken");
    const moved = await call("PATCH", `/api/posts/${a.id}`, { cookie: hr, body: { number: "p-new", unit: "Protocol" }, headers: { "if-match": '"1"' } });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ number: "P-NEW", unit: "Protocol", version: 2 });
    const stale = await call("PATCH", `/api/posts/${a.id}`, { cookie: hr, body: { unit: "Other", version: 1 } });
    expect(stale.status).toBe(409);
    const noVersion = await call("PATCH", `/api/posts/${a.id}`, { cookie: hr, body: { unit: "Other" } });
    expect(paths(noVersion)).toEqual(["version"]);
    const title = await call("PATCH", `/api/posts/${a.id}`, { cookie: hr, body: { title: { en: "X", ru: "X" }, version: 2 } });
    expect(paths(title)).toEqual(["title"]);
    expect((await call("POST", "/api/posts", { cookie: hr, body: postBody({ number: "P-OLD" }) })).status).toBe(201);
    expect((await getPost(a.id)).unit).toBe("Protocol");
  });

  it.each([
    ["category", { category: "clerk" }],
    ["funding", { funding: "donations" }],
    ["number", { number: "P 01 with spaces" }],
    ["title.ru", { title: { en: "Expert" } }],
    ["incumbent", { status: "filled" }],
    ["incumbent.nationality", { incumbent: { name: "A B", nationality: "kz" } }],
    ["colour", { colour: "red" }],
  ])("answer 400 naming %s, and write nothing", async (field, over) => {
    const before = (await call("GET", "/api/posts", { cookie: viewer })).json.items.length;
    const res = await call("POST", "/api/posts", { cookie: hr, body: postBody(over) });
    expect(res.status).toBe(400);
    expect(paths(res)).toContain(field);
    expect((await call("GET", "/api/posts", { cookie: viewer })).json.items.length).toBe(before);
  });

  it("keep the old title when renamed: the title in force before, on and after the effective date", async () => {
    const p = await createPost({ title: { en: "Expert", ru: "Эксперт" }, category: "expert" });
    const renamed = await call("POST", `/api/posts/${p.id}/rename`, {
      cookie: hr,
      body: { title: { en: "Senior Expert", ru: "Старший эксперт" }, effectiveOn: "2026-07-01", decisionRef: "SOC decision 4/2026", version: 1 },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ version: 2, title: { en: "Expert" } }); // today is before the effective date
    expect((await getPost(p.id, "?asOf=2026-06-30")).title).toEqual({ en: "Expert", ru: "Эксперт" });
    expect((await getPost(p.id, "?asOf=2026-07-01")).title).toEqual({ en: "Senior Expert", ru: "Старший эксперт" });
    expect((await getPost(p.id, "?asOf=2030-01-01")).title).toEqual({ en: "Senior Expert", ru: "Старший эксперт" });
    expect((await getPost(p.id, "?asOf=1999-01-01")).title.en).toBe("Expert");
    const history = (await getPost(p.id)).history.filter((h: { kind: string }) => h.kind === "title");
    expect(history).toMatchObject([
      { title: { en: "Expert" } },
      { title: { en: "Senior Expert" }, effectiveOn: "2026-07-01", decisionRef: "SOC decision 4/2026" },
    ]);
    expect(history[0].effectiveOn).toBeUndefined();
    const list = (await call("GET", "/api/posts?asOf=2026-08-01", { cookie: viewer })).json.items;
    expect(list.find((x: { id: string }) => x.id === p.id).title.en).toBe("Senior Expert");

    const stale = await call("POST", `/api/posts/${p.id}/rename`, {
      cookie: hr,
      body: { title: { en: "Other", ru: "Другое" }, effectiveOn: "2026-09-01", decisionRef: "x", version: 1 },
    });
    expect(stale.status).toBe(409);
    const noRef = await call("POST", `/api/posts/${p.id}/rename`, { cookie: hr, body: { title: { en: "Other", ru: "Другое" }, effectiveOn: "2026-09-01", version: 2 } });
    expect(paths(noRef)).toEqual(["decisionRef"]);
    const badDate = await call("POST", `/api/posts/${p.id}/rename`, {
      cookie: hr, body: { title: { en: "Other", ru: "Другое" }, effectiveOn: "2026-02-30", decisionRef: "x", version: 2 },
    });
    expect(paths(badDate)).toEqual(["effectiveOn"]);
    const trail = (await call("GET", `/api/audit?entity=post&id=${p.id}`, { cookie: hr })).json.items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(["rename", "create"]);
    expect(trail[0].changes.title).toEqual([{ en: "Expert", ru: "Эксперт" }, { en: "Senior Expert", ru: "Старший эксперт" }]);
  });

  it("record status changes in the history; a frozen post takes no secondment and is listed as frozen", async () => {
    const p = await createPost();
    const frozen = await call("PATCH", `/api/posts/${p.id}`, { cookie: hr, body: { status: "frozen", statusReason: "Budget 2026", version: 1 } });
    expect(frozen.status).toBe(200);
    expect(frozen.json.status).toBe("frozen");
    expect(frozen.json.history.filter((h: { kind: string }) => h.kind === "status")).toMatchObject([
      { status: "vacant" },
      { status: "frozen", effectiveOn: TODAY, reason: "Budget 2026" },
    ]);
    expect((await call("GET", "/api/posts?status=frozen", { cookie: viewer })).json.items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect((await getPost(p.id, "?asOf=2026-03-01")).status).toBe("vacant");
    const s = await call("POST", "/api/secondments", { cookie: hr, body: secondmentBody(p.id) });
    expect(s.status).toBe(400);
    expect(paths(s)).toEqual(["postId"]);
    const filled = await call("PATCH", `/api/posts/${p.id}`, { cookie: hr, body: { status: "filled", version: 2 } });
    expect(filled.status).toBe(400);
    expect(paths(filled)).toEqual(["status"]);
    const reopened = await call("PATCH", `/api/posts/${p.id}`, { cookie: hr, body: { status: "vacant", grade: "P-5", version: 2 } });
    expect(reopened.json).toMatchObject({ status: "vacant", grade: "P-5", version: 3 });
  });

  it("cannot be frozen or abolished while they have an incumbent", async () => {
    const p = await createPost();
    await second(p.id, { startOn: "2026-09-01", endOn: "2027-08-31" });
    const res = await call("PATCH", `/api/posts/${p.id}`, { cookie: hr, body: { status: "abolished", version: 2 } });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("post.has_incumbent");
    expect((await getPost(p.id)).status).toBe("vacant");
  });

  it("take a directly appointed incumbent, who can leave", async () => {
    const p = await createPost({ category: "administrative", funding: "regular_budget", incumbent: { name: "Dana Akhmetova", nationality: "KZ", since: "2024-01-15" } });
    expect(p).toMatchObject({ status: "filled", incumbent: { name: "Dana Akhmetova", nationality: "KZ", since: "2024-01-15" } });
    const clash = await call("POST", "/api/secondments", { cookie: hr, body: secondmentBody(p.id, { startOn: "2027-01-01", endOn: "2027-12-31" }) });
    expect(clash.status).toBe(409);
    const left = await call("PATCH", `/api/posts/${p.id}`, { cookie: hr, body: { incumbent: null, version: 1 } });
    expect(left.json).toMatchObject({ status: "vacant", version: 2 });
    expect(left.json.incumbent).toBeUndefined();
    expect((await getPost(p.id, "?asOf=2026-03-01")).incumbent).toMatchObject({ name: "Dana Akhmetova", until: "2026-03-01" });
    await second(p.id, { startOn: "2027-01-01", endOn: "2027-12-31" });
  });
});

describe("secondments", () => {
  it("10 concurrent secondments for overlapping dates on one vacant post: exactly one 201, nine 409", async () => {
    const p = await createPost();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call("POST", "/api/secondments", {
          cookie: hr,
          body: secondmentBody(p.id, { personName: `Candidate ${i}`, sendingState: ["KZ", "TR", "CN", "IN", "RU"][i % 5], startOn: `2026-0${1 + (i % 3)}-01`, endOn: "2027-06-30" }),
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 201)!.json;
    for (const a of answers.filter((x) => x.status === 409)) expect(["post.occupied", "post.changed"]).toContain(a.json.error.code);
    const secondments = (await call("GET", `/api/secondments?postId=${p.id}`, { cookie: viewer })).json.items;
    expect(secondments).toHaveLength(1);
    const now = await getPost(p.id, `?asOf=2026-04-01`);
    expect(now).toMatchObject({ status: "filled", incumbent: { name: winner.personName, nationality: winner.sendingState, secondmentId: winner.id } });
  });

  it("non-overlapping secondments on one post all succeed, even sent at once; the post is filled while one is active", async () => {
    const p = await createPost();
    const periods = [
      ["2025-01-01", "2025-12-31"],
      ["2026-01-01", "2026-06-30"],
      ["2026-07-01", "2027-06-30"],
      ["2027-07-01", "2029-06-30"],
      ["2030-01-01", "2031-12-31"],
    ];
    const answers = await Promise.all(
      periods.map(([startOn, endOn], i) => call("POST", "/api/secondments", { cookie: hr, body: secondmentBody(p.id, { personName: `Person ${i}`, startOn, endOn }) })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(answers.map((a) => a.json.status)).toEqual(["ended", "active", "planned", "planned", "planned"]);
    const post = await getPost(p.id);
    expect(post).toMatchObject({ status: "filled", incumbent: { name: "Person 1", secondmentId: answers[1]!.json.id, since: "2026-01-01", until: "2026-06-30" } });
    expect(post.incumbencies).toHaveLength(5);
    expect((await getPost(p.id, "?asOf=2029-09-01")).status).toBe("vacant");
    expect(post.history.filter((h: { status?: string }) => h.status === "filled")).toHaveLength(5);
    // One day of overlap is enough to be refused.
    const overlap = await call("POST", "/api/secondments", { cookie: hr, body: secondmentBody(p.id, { startOn: "2029-06-30", endOn: "2029-12-31" }) });
    expect(overlap.status).toBe(409);
    expect(overlap.json.error.code).toBe("post.occupied");
    const fits = await call("POST", "/api/secondments", { cookie: hr, body: secondmentBody(p.id, { startOn: "2029-07-01", endOn: "2029-12-31" }) });
    expect(fits.status).toBe(201);
  });

  it.each([
    ["endOn", { startOn: "2026-05-01", endOn: "2026-04-30" }],
    ["startOn", { startOn: "2026-02-30" }],
    ["sendingState", { sendingState: "ZZ" }],
    ["sendingState", { sendingState: "JP" }],
    ["nationality", { nationality: "Kazakh" }],
    ["postId", { postId: "no-such-post" }],
    ["personName", { personName: "  " }],
    ["salary", { salary: 1 }],
  ])("answer 400 naming %s, and write nothing", async (field, over) => {
    const p = await createPost();
    const res = await call("POST", "/api/secondments", { cookie: hr, body: secondmentBody(p.id, over) });
    expect(res.status).toBe(400);
    expect(paths(res)).toContain(field);
    expect((await call("GET", `/api/secondments?postId=${p.id}`, { cookie: viewer })).json.items).toEqual([]);
    expect((await getPost(p.id)).version).toBe(1);
  });

  it("extend only to a later end (400 naming endOn; the end it has writes nothing), not into the next incumbent (409), and with the version read", async () => {
    const p = await createPost();
    const s = await second(p.id, { startOn: "2025-09-01", endOn: "2026-08-31" });
    await second(p.id, { personName: "Next", startOn: "2027-03-01", endOn: "2029-02-28" });
    const same = await call("POST", `/api/secondments/${s.id}/extend`, { cookie: hr, body: { endOn: "2026-08-31", version: 1 } });
    expect(same.status).toBe(200);
    expect(same.json).toEqual(s);
    const sameWithNewDecision = await call("POST", `/api/secondments/${s.id}/extend`, { cookie: hr, body: { endOn: "2026-08-31", decisionRef: "Note verbale 11", version: 1 } });
    expect(sameWithNewDecision.status).toBe(400);
    expect(paths(sameWithNewDecision)).toEqual(["endOn"]);
    const earlier = await call("POST", `/api/secondments/${s.id}/extend`, { cookie: hr, body: { endOn: "2026-05-31", version: 1 } });
    expect(paths(earlier)).toEqual(["endOn"]);
    const intoNext = await call("POST", `/api/secondments/${s.id}/extend`, { cookie: hr, body: { endOn: "2027-03-01", version: 1 } });
    expect(intoNext.status).toBe(409);
    expect(intoNext.json.error.code).toBe("post.occupied");
    const ok = await call("POST", `/api/secondments/${s.id}/extend`, { cookie: hr, body: { endOn: "2027-02-28", decisionRef: "Note verbale 12", version: 1 } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ endOn: "2027-02-28", originalEndOn: "2026-08-31", version: 2, extensions: [{ endOn: "2027-02-28", previousEndOn: "2026-08-31", decisionRef: "Note verbale 12" }] });
    const stale = await call("POST", `/api/secondments/${s.id}/extend`, { cookie: hr, body: { endOn: "2027-02-28", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("secondment.version_conflict");
    expect((await getPost(p.id, "?asOf=2027-01-15")).incumbent).toMatchObject({ secondmentId: s.id, until: "2027-02-28" });
    const viaHeader = await call("POST", `/api/secondments/${s.id}/extend`, { cookie: hr, body: { endOn: "2027-02-28" }, headers: { "if-match": '"1"' } });
    expect(viaHeader.status).toBe(409);
  });

  it("end early: not before the start, not after the planned end; the post is free from the next day", async () => {
    const p = await createPost();
    const s = await second(p.id, { startOn: "2025-06-01", endOn: "2027-05-31" });
    const before = await call("POST", `/api/secondments/${s.id}/end`, { cookie: hr, body: { endedOn: "2025-05-31", reason: "Recalled", version: 1 } });
    expect(before.status).toBe(400);
    expect(paths(before)).toEqual(["endedOn"]);
    const after = await call("POST", `/api/secondments/${s.id}/end`, { cookie: hr, body: { endedOn: "2027-06-01", reason: "Recalled", version: 1 } });
    expect(paths(after)).toEqual(["endedOn"]);
    const noReason = await call("POST", `/api/secondments/${s.id}/end`, { cookie: hr, body: { endedOn: "2026-02-28", version: 1 } });
    expect(paths(noReason)).toEqual(["reason"]);
    const ended = await call("POST", `/api/secondments/${s.id}/end`, { cookie: hr, body: { endedOn: "2026-02-28", reason: "Recalled by the sending state", version: 1 } });
    expect(ended.status).toBe(200);
    expect(ended.json).toMatchObject({ status: "ended", endedOn: "2026-02-28", lastOn: "2026-02-28", endOn: "2027-05-31", endReason: "Recalled by the sending state" });
    expect(await getPost(p.id)).toMatchObject({ status: "vacant" });
    const again = await call("POST", `/api/secondments/${s.id}/end`, { cookie: hr, body: { endedOn: "2026-02-28", reason: "x", version: 2 } });
    expect(again.status).toBe(409);
    const extend = await call("POST", `/api/secondments/${s.id}/extend`, { cookie: hr, body: { endOn: "2028-01-01", version: 2 } });
    expect(extend.status).toBe(409);
    await second(p.id, { personName: "Successor", startOn: "2026-03-01", endOn: "2028-02-29" });
    const trail = (await call("GET", `/api/audit?entity=secondment&id=${s.id}`, { cookie: hr })).json.items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(["end", "create"]);
    const postTrail = (await call("GET", `/api/audit?entity=post&id=${p.id}`, { cookie: hr })).json.items;
    expect(postTrail.map((e: { action: string }) => e.action)).toEqual(["secondment", "secondment_end", "secondment", "create"]);
  });

  it("past their last day, are neither extended nor ended (409 secondment.ended_by_date), and nothing is written", async () => {
    const p = await createPost();
    const s = await second(p.id, { startOn: "2025-01-01", endOn: "2025-12-31" });
    expect(s.status).toBe("ended");
    const extend = await call("POST", `/api/secondments/${s.id}/extend`, { cookie: hr, body: { endOn: "2026-12-31", version: 1 } });
    expect(extend.status).toBe(409);
    expect(extend.json.error).toMatchObject({ code: "secondment.ended_by_date", params: { lastOn: "2025-12-31" } });
    expect(extend.json.error.message).toBe("This secondment ended on 2025-12-31, its last day; record a new secondment instead.");
    const end = await call("POST", `/api/secondments/${s.id}/end`, { cookie: hr, body: { endedOn: "2025-06-30", reason: "Recalled", version: 1 } });
    expect(end.status).toBe(409);
    expect(end.json.error.code).toBe("secondment.ended_by_date");
    const read = (await call("GET", `/api/secondments/${s.id}`, { cookie: viewer })).json;
    expect(read).toMatchObject({ version: 1, endOn: "2025-12-31", lastOn: "2025-12-31", extensions: [] });
    expect(read.endedOn).toBeUndefined();
    const trail = (await call("GET", `/api/audit?entity=secondment&id=${s.id}`, { cookie: hr })).json.items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(["create"]);
  });

  it("derive their status from the dates as time passes", async () => {
    const p = await createPost();
    const s = await second(p.id, { startOn: "2026-04-01", endOn: "2026-04-30" });
    expect(s.status).toBe("planned");
    expect((await getPost(p.id)).status).toBe("vacant");
    const base = Clock.nowMs();
    try {
      Clock.set(() => Date.parse("2026-04-15T12:00:00Z"));
      expect((await call("GET", `/api/secondments/${s.id}`, { cookie: viewer })).json.status).toBe("active");
      expect((await getPost(p.id)).status).toBe("filled");
      Clock.set(() => Date.parse("2026-05-01T00:00:00Z"));
      expect((await call("GET", `/api/secondments/${s.id}`, { cookie: viewer })).json.status).toBe("ended");
      expect((await getPost(p.id)).status).toBe("vacant");
    } finally {
      const realStart = Date.now();
      Clock.set(() => base + (Date.now() - realStart));
    }
  });

  it("are listed by state, post and status, and as rotation alerts ending within N days, soonest first", async () => {
    const ends = ["2026-05-15", "2026-03-20", "2026-05-31", "2026-12-31"];
    const made = [];
    for (const [i, endOn] of ends.entries()) {
      const p = await createPost();
      made.push(await second(p.id, { personName: `Rotating ${i}`, sendingState: "MN", startOn: "2025-03-01", endOn }));
    }
    const planned = await second((await createPost()).id, { personName: "Not yet", sendingState: "MN", startOn: "2026-04-01", endOn: "2026-04-30" });
    const alerts = (await call("GET", "/api/secondments?endingWithinDays=90", { cookie: viewer })).json.items.filter((s: { sendingState: string }) => s.sendingState === "MN");
    expect(alerts.map((s: { personName: string }) => s.personName)).toEqual(["Rotating 1", "Rotating 0", "Rotating 2"]);
    const byDefault = (await call("GET", "/api/secondments?endingWithinDays=", { cookie: viewer })).json.items.filter((s: { sendingState: string }) => s.sendingState === "MN");
    expect(byDefault).toEqual(alerts);
    const sorted = (await call("GET", "/api/secondments?endingWithinDays=90", { cookie: viewer })).json.items.map((s: { lastOn: string }) => s.lastOn);
    expect(sorted).toEqual([...sorted].sort());
    const soon = (await call("GET", "/api/secondments?endingWithinDays=30&state=MN", { cookie: viewer })).json.items;
    expect(soon.map((s: { personName: string }) => s.personName)).toEqual(["Rotating 1"]);
    const core = await asSystem(() => Secondment.endingWithin(90));
    expect(core.filter((s) => s.sendingState === "MN").map((s) => s.id)).toEqual(alerts.map((s: { id: string }) => s.id));
    const bad = await call("GET", "/api/secondments?endingWithinDays=soon", { cookie: viewer });
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(["endingWithinDays"]);

    const mn = (await call("GET", "/api/secondments?state=MN", { cookie: viewer })).json.items;
    expect(mn).toHaveLength(5);
    const mnPlanned = (await call("GET", "/api/secondments?state=MN&status=planned", { cookie: viewer })).json.items;
    expect(mnPlanned.map((s: { id: string }) => s.id)).toEqual([planned.id]);
    const active = (await call("GET", "/api/secondments?status=active", { cookie: viewer })).json.items;
    expect(active.every((s: { status: string }) => s.status === "active")).toBe(true);
    expect(active.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(made.map((s) => s.id)));
    const ended = (await call("GET", "/api/secondments?status=ended", { cookie: viewer })).json.items;
    expect(ended.length).toBeGreaterThan(0);
    expect(ended.every((s: { status: string }) => s.status === "ended")).toBe(true);
    expect((await call("GET", `/api/secondments?postId=${made[0].postId}`, { cookie: viewer })).json.items.map((s: { id: string }) => s.id)).toEqual([made[0].id]);
  });
});

describe("an unchanged save", () => {
  const trail = async (entity: string, id: string) => (await call("GET", `/api/audit?entity=${entity}&id=${id}`, { cookie: hr })).json.items as Array<{ action: string }>;

  it("of a post, as read or as bare fields, answers the post as it is and writes no version and no event; a change still writes", async () => {
    const p = await createPost({ grade: "P-4", unit: "Protocol", incumbent: { name: "Dana Akhmetova", nationality: "KZ", since: "2024-01-15" }, funding: "regular_budget", category: "professional" });
    for (const body of [p, { grade: "P-4", unit: "Protocol", category: "professional", status: "filled", version: 1 }, { incumbent: { name: "Dana Akhmetova", nationality: "KZ", since: "2024-01-15" }, version: 1 }]) {
      const same = await call("PATCH", `/api/posts/${p.id}`, { cookie: hr, body });
      expect(same.status, same.text).toBe(200);
      expect(same.json).toEqual(p);
    }
    expect((await getPost(p.id)).version).toBe(1);
    expect((await trail("post", p.id)).map((e) => e.action)).toEqual(["create"]);
    const changed = await call("PATCH", `/api/posts/${p.id}`, { cookie: hr, body: { ...p, grade: "P-5" } });
    expect(changed.json).toMatchObject({ grade: "P-5", version: 2 });
    expect((await trail("post", p.id)).map((e) => e.action)).toEqual(["update", "create"]);
  });

  it("of a rename already recorded (same title, date and decision) writes nothing; the title in force from an earlier date is still 400", async () => {
    const p = await createPost({ title: { en: "Expert", ru: "Эксперт" }, category: "expert" });
    const body = { title: { en: "Senior Expert", ru: "Старший эксперт" }, effectiveOn: "2026-07-01", decisionRef: "SOC decision 4/2026" };
    const renamed = await call("POST", `/api/posts/${p.id}/rename`, { cookie: hr, body: { ...body, version: 1 } });
    expect(renamed.json).toMatchObject({ version: 2 });
    const again = await call("POST", `/api/posts/${p.id}/rename`, { cookie: hr, body: { ...body, version: 2 } });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toEqual(renamed.json);
    expect((await trail("post", p.id)).map((e) => e.action)).toEqual(["rename", "create"]);
    const otherDecision = await call("POST", `/api/posts/${p.id}/rename`, { cookie: hr, body: { ...body, decisionRef: "SOC decision 5/2026", version: 2 } });
    expect(otherDecision.status).toBe(400);
    expect(otherDecision.json.error.issues).toEqual([expect.objectContaining({ path: "title", code: "post.same_title" })]);
    const later = await call("POST", `/api/posts/${p.id}/rename`, { cookie: hr, body: { ...body, effectiveOn: "2026-09-01", version: 2 } });
    expect(later.status).toBe(400);
    expect(paths(later)).toEqual(["title"]);
    expect((await getPost(p.id)).version).toBe(2);
    const back = await call("POST", `/api/posts/${p.id}/rename`, { cookie: hr, body: { ...body, title: { en: "Expert", ru: "Эксперт" }, effectiveOn: "2027-01-01", version: 2 } });
    expect(back.json).toMatchObject({ version: 3 });
    expect((await trail("post", p.id)).map((e) => e.action)).toEqual(["rename", "rename", "create"]);
  });

  it("of a secondment: an extension to the end it has, or an end already recorded, answers it as it is and writes nothing, on it or on its post", async () => {
    const p = await createPost();
    const s = await second(p.id, { startOn: "2025-09-01", endOn: "2026-08-31", decisionRef: "Note verbale 3" });
    const extended = await call("POST", `/api/secondments/${s.id}/extend`, { cookie: hr, body: { endOn: "2026-12-31", decisionRef: "Note verbale 12", version: 1 } });
    expect(extended.json).toMatchObject({ endOn: "2026-12-31", version: 2 });
    const postVersion = (await getPost(p.id)).version;
    for (const body of [{ endOn: "2026-12-31", version: 2 }, { endOn: "2026-12-31", decisionRef: "Note verbale 12", version: 2 }]) {
      const same = await call("POST", `/api/secondments/${s.id}/extend`, { cookie: hr, body });
      expect(same.status, same.text).toBe(200);
      expect(same.json).toEqual(extended.json);
    }
    expect((await trail("secondment", s.id)).map((e) => e.action)).toEqual(["extend", "create"]);
    const ended = await call("POST", `/api/secondments/${s.id}/end`, { cookie: hr, body: { endedOn: "2026-02-28", reason: "Recalled", version: 2 } });
    expect(ended.json).toMatchObject({ status: "ended", endedOn: "2026-02-28", version: 3 });
    const endedAgain = await call("POST", `/api/secondments/${s.id}/end`, { cookie: hr, body: { endedOn: "2026-02-28", reason: "Recalled", version: 3 } });
    expect(endedAgain.status, endedAgain.text).toBe(200);
    expect(endedAgain.json).toEqual(ended.json);
    const otherReason = await call("POST", `/api/secondments/${s.id}/end`, { cookie: hr, body: { endedOn: "2026-02-28", reason: "Other", version: 3 } });
    expect(otherReason.status).toBe(409);
    expect(otherReason.json.error.code).toBe("secondment.ended");
    expect((await trail("secondment", s.id)).map((e) => e.action)).toEqual(["end", "extend", "create"]);
    expect((await getPost(p.id)).version).toBe(postVersion + 1);
    expect((await trail("post", p.id)).map((e) => e.action)).toEqual(["secondment_end", "secondment_extend", "secondment", "create"]);
  });
});

describe("vacancies", () => {
  async function openVacancy(over: Record<string, unknown> = {}) {
    const p = await createPost({ category: "professional", funding: "regular_budget" });
    const res = await call("POST", "/api/vacancies", {
      cookie: hr,
      body: { postId: p.id, basis: "competitive", publishedOn: "2026-01-10", deadline: "2026-02-15", ...over },
    });
    if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
    return { post: p, vacancy: res.json };
  }

  const recommend = (vacancyId: string, body: Record<string, unknown>) =>
    call("POST", `/api/vacancies/${vacancyId}/recommendations`, { cookie: hr, body: { stateCode: "KZ", candidateName: "Arman Bekov", receivedOn: "2026-02-01", ...body } });

  it("go from recommendations to a fill: vacancy, recommendation and post change together, all in the audit trail", async () => {
    const { post, vacancy } = await openVacancy();
    expect(vacancy).toMatchObject({ status: "open", title: { en: "Senior Officer" }, recommendations: [], version: 1 });
    const kz = await recommend(vacancy.id, {});
    expect(kz.status).toBe(201);
    expect(kz.json).toMatchObject({ status: "received", late: false, nationality: "KZ" });
    const tr = await recommend(vacancy.id, { stateCode: "TR", candidateName: "Elif Kaya", receivedOn: "2026-02-15" });
    expect(tr.status).toBe(201);
    const lateNoFlag = await recommend(vacancy.id, { stateCode: "IN", candidateName: "Ravi Menon", receivedOn: "2026-02-16" });
    expect(lateNoFlag.status).toBe(400);
    expect(paths(lateNoFlag)).toEqual(["receivedOn"]);
    const late = await recommend(vacancy.id, { stateCode: "IN", candidateName: "Ravi Menon", receivedOn: "2026-02-16", late: true });
    expect(late.status).toBe(201);
    expect(late.json.late).toBe(true);

    const tooEarly = await call("POST", `/api/vacancies/${vacancy.id}/fill`, { cookie: hr, body: { recommendationId: kz.json.id, startOn: "2026-04-01" } });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.json.error.code).toBe("recommendation.not_shortlisted");
    const skip = await call("PATCH", `/api/vacancies/${vacancy.id}/recommendations/${kz.json.id}`, { cookie: hr, body: { status: "selected" } });
    expect(skip.status).toBe(409);

    for (const id of [kz.json.id, tr.json.id]) {
      const res = await call("PATCH", `/api/vacancies/${vacancy.id}/recommendations/${id}`, { cookie: hr, body: { status: "shortlisted" } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ status: "shortlisted", version: 2 });
    }
    const no = await call("PATCH", `/api/vacancies/${vacancy.id}/recommendations/${late.json.id}`, { cookie: hr, body: { status: "not_selected", version: 1 } });
    expect(no.json.status).toBe("not_selected");
    const staleRec = await call("PATCH", `/api/vacancies/${vacancy.id}/recommendations/${late.json.id}`, { cookie: hr, body: { status: "received", version: 1 } });
    expect(staleRec.status).toBe(409);
    // The recommendation state machine is the server's: a move it does not allow is 409, and the record lists the moves it allows.
    const back = await call("PATCH", `/api/vacancies/${vacancy.id}/recommendations/${late.json.id}`, { cookie: hr, body: { status: "received", version: 2 } });
    expect(back.status).toBe(409);
    expect(back.json.error.code).toBe("recommendation.transition");
    const weighed = (await call("GET", `/api/vacancies/${vacancy.id}`, { cookie: hr })).json;
    expect(weighed).toMatchObject({ inProgress: true, canFill: true });
    const moves = Object.fromEntries(weighed.recommendations.map((r: { id: string; allowedTransitions: string[]; canFill: boolean }) => [r.id, [r.allowedTransitions, r.canFill]]));
    expect(moves[kz.json.id]).toEqual([["selected", "not_selected"], true]);
    expect(moves[late.json.id]).toEqual([["shortlisted"], false]);
    const selected = await call("PATCH", `/api/vacancies/${vacancy.id}/recommendations/${kz.json.id}`, { cookie: hr, body: { status: "selected" } });
    expect(selected.status).toBe(200);
    const secondPick = await call("PATCH", `/api/vacancies/${vacancy.id}/recommendations/${tr.json.id}`, { cookie: hr, body: { status: "selected" } });
    expect(secondPick.status).toBe(409);
    expect(secondPick.json.error.code).toBe("vacancy.already_selected");

    const filled = await call("POST", `/api/vacancies/${vacancy.id}/fill`, { cookie: hr, body: { recommendationId: kz.json.id, startOn: "2026-04-01" } });
    expect(filled.status).toBe(200);
    expect(filled.json).toMatchObject({
      status: "filled",
      filled: { recommendationId: kz.json.id, candidateName: "Arman Bekov", nationality: "KZ", stateCode: "KZ", startOn: "2026-04-01" },
    });
    expect(filled.json.recommendations.find((r: { id: string }) => r.id === kz.json.id).status).toBe("selected");
    const p = await getPost(post.id, "?asOf=2026-04-01");
    expect(p).toMatchObject({ status: "filled", incumbent: { name: "Arman Bekov", nationality: "KZ", vacancyId: vacancy.id, since: "2026-04-01" } });
    expect((await getPost(post.id)).status).toBe("vacant"); // until the start date

    const twice = await call("POST", `/api/vacancies/${vacancy.id}/fill`, { cookie: hr, body: { recommendationId: kz.json.id, startOn: "2026-04-01" } });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe("vacancy.filled");
    const afterFill = await recommend(vacancy.id, { candidateName: "Too late" });
    expect(afterFill.status).toBe(409);

    const trail = (await call("GET", `/api/audit?entity=vacancy&id=${vacancy.id}`, { cookie: hr })).json.items;
    const actions = trail.map((e: { action: string }) => e.action);
    // The fill's events share one moment: the fill, and the other candidates closed as not selected.
    const fill = trail.find((e: { action: string }) => e.action === "fill");
    expect(actions).toEqual(expect.arrayContaining(["create", "recommendation_received", "recommendation_shortlisted", "recommendation_not_selected", "recommendation_selected", "fill"]));
    expect(actions.filter((a: string) => a === "recommendation_received")).toHaveLength(3);
    expect(fill.changes.status).toEqual(["open", "filled"]);
    const postTrail = (await call("GET", `/api/audit?entity=post&id=${post.id}`, { cookie: hr })).json.items;
    expect(postTrail[0].action).toBe("fill");
    expect(postTrail[0].changes.incumbencies[1]).toEqual([expect.stringContaining(`Arman Bekov (KZ) 2026-04-01.. vacancy ${vacancy.id}`)]);

    const byState = (await call("GET", "/api/recommendations?state=TR", { cookie: viewer })).json.items;
    expect(byState.map((r: { id: string }) => r.id)).toContain(tr.json.id);
    expect(byState.every((r: { stateCode: string }) => r.stateCode === "TR")).toBe(true);
    const listed = (await call("GET", "/api/vacancies?status=filled", { cookie: viewer })).json.items;
    expect(listed.find((v: { id: string }) => v.id === vacancy.id).recommendations).toHaveLength(3);
    expect((await call("GET", "/api/vacancies?status=open", { cookie: viewer })).json.items.map((v: { id: string }) => v.id)).not.toContain(vacancy.id);
  });

  it("fill from a shortlisted candidate directly, with another nationality; concurrent fills: one 200, one 409", async () => {
    const { post, vacancy } = await openVacancy({ basis: "contractual" });
    const r = (await recommend(vacancy.id, { stateCode: "RU", candidateName: "Ivan Petrov" })).json;
    await call("PATCH", `/api/vacancies/${vacancy.id}/recommendations/${r.id}`, { cookie: hr, body: { status: "shortlisted" } });
    const body = { recommendationId: r.id, startOn: "2026-03-01", nationality: "BY" };
    const [a, b] = await Promise.all([
      call("POST", `/api/vacancies/${vacancy.id}/fill`, { cookie: hr, body }),
      call("POST", `/api/vacancies/${vacancy.id}/fill`, { cookie: hr, body }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await getPost(post.id)).toMatchObject({ status: "filled", incumbent: { name: "Ivan Petrov", nationality: "BY" } });
    expect((await getPost(post.id)).incumbencies).toHaveLength(1);
  });

  it("refuse a fill when the post has an incumbent then (409), and bad dates (400)", async () => {
    const { post, vacancy } = await openVacancy();
    await second(post.id, { startOn: "2025-01-01", endOn: "2026-06-30" });
    const r = (await recommend(vacancy.id, {})).json;
    await call("PATCH", `/api/vacancies/${vacancy.id}/recommendations/${r.id}`, { cookie: hr, body: { status: "shortlisted" } });
    const clash = await call("POST", `/api/vacancies/${vacancy.id}/fill`, { cookie: hr, body: { recommendationId: r.id, startOn: "2026-06-30" } });
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe("post.occupied");
    const badEnd = await call("POST", `/api/vacancies/${vacancy.id}/fill`, { cookie: hr, body: { recommendationId: r.id, startOn: "2026-07-01", endOn: "2026-06-01" } });
    expect(paths(badEnd)).toEqual(["endOn"]);
    const unknown = await call("POST", `/api/vacancies/${vacancy.id}/fill`, { cookie: hr, body: { recommendationId: "nope", startOn: "2026-07-01" } });
    expect(paths(unknown)).toEqual(["recommendationId"]);
    expect((await call("GET", `/api/vacancies/${vacancy.id}`, { cookie: viewer })).json).toMatchObject({ status: "open", version: 1 });
    const ok = await call("POST", `/api/vacancies/${vacancy.id}/fill`, { cookie: hr, body: { recommendationId: r.id, startOn: "2026-07-01" } });
    expect(ok.status).toBe(200);
  });

  it.each([
    ["deadline", { deadline: "2026-01-09" }],
    ["basis", { basis: "secret" }],
    ["postId", { postId: "missing" }],
    ["publishedOn", { publishedOn: "01/10/2026" }],
  ])("answer 400 naming %s on creation", async (field, over) => {
    const p = await createPost();
    const res = await call("POST", "/api/vacancies", { cookie: hr, body: { postId: p.id, basis: "competitive", publishedOn: "2026-01-10", deadline: "2026-02-15", ...over } });
    expect(res.status).toBe(400);
    expect(paths(res)).toContain(field);
  });

  it("answer 400 naming the field for bad recommendations", async () => {
    const { vacancy } = await openVacancy();
    expect(paths(await recommend(vacancy.id, { stateCode: "ZZ" }))).toEqual(["stateCode"]);
    expect(paths(await recommend(vacancy.id, { receivedOn: "2026-12-01", late: true }))).toEqual(["receivedOn"]);
    expect(paths(await recommend(vacancy.id, { candidateName: "" }))).toEqual(["candidateName"]);
    expect(paths(await recommend(vacancy.id, { late: "yes" }))).toEqual(["late"]);
    expect((await call("GET", `/api/vacancies/${vacancy.id}`, { cookie: viewer })).json.recommendations).toEqual([]);
  });

  it("name a stale recommendation edit by its candidate, state and vacancy, and who changed it and when, in English and Russian", async () => {
    const { post, vacancy } = await openVacancy({ title: { en: "Economic Officer", ru: "Сотрудник по экономическим вопросам" } });
    const rec = (await recommend(vacancy.id, { candidateName: "Aigerim Nurlanovna", stateCode: "TR" })).json;
    const other = await userWith(["hr", "viewer"]);
    const path = `/api/vacancies/${vacancy.id}/recommendations/${rec.id}`;
    const shortlisted = await call("PATCH", path, { cookie: other.cookie, body: { status: "shortlisted", version: 1 } });
    expect(shortlisted.json).toMatchObject({ status: "shortlisted", version: 2 });
    const when = `${shortlisted.json.updatedAt.slice(0, 10)} ${shortlisted.json.updatedAt.slice(11, 16)} UTC`;

    const stale = await call("PATCH", path, { cookie: hr, body: { status: "not_selected", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({
      code: "recommendation.version_conflict",
      params: { id: rec.id, candidate: "Aigerim Nurlanovna", state: "TR", vacancy: "Economic Officer", post: post.number, by: "Test hr viewer", when },
    });
    expect(stale.json.error.message).toBe(`The recommendation of Aigerim Nurlanovna (TR) for Economic Officer, post ${post.number}, was changed by Test hr viewer at ${when}; reload and try again.`);
    expect(stale.json.error.message).not.toContain(rec.id);
    await loadCatalogue("ru");
    expect(translate("ru", stale.json.error.code, stale.json.error.params)).toBe(
      `После того как вы открыли рекомендацию кандидата Aigerim Nurlanovna (TR) на должность ${post.number}, её изменил Test hr viewer (${when}). Обновите страницу и повторите попытку.`,
    );
    expect((await call("GET", `/api/vacancies/${vacancy.id}`, { cookie: viewer })).json.recommendations).toMatchObject([{ status: "shortlisted", version: 2 }]);

    // Concurrent edits on one version: one wins, and each that lost in the transaction names the winner too.
    const answers = await Promise.all(["a", "b", "c"].map((note) => call("PATCH", path, { cookie: hr, body: { status: "shortlisted", note, version: 2 } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const won = answers.find((a) => a.status === 200)!.json;
    const wonAt = `${won.updatedAt.slice(0, 10)} ${won.updatedAt.slice(11, 16)} UTC`;
    for (const lost of answers.filter((a) => a.status === 409))
      expect(lost.json.error.message).toBe(`The recommendation of Aigerim Nurlanovna (TR) for Economic Officer, post ${post.number}, was changed by Test hr at ${wonAt}; reload and try again.`);
  });

  it("are closed, reopened or cancelled with the version; a cancelled vacancy takes no recommendation", async () => {
    const { vacancy } = await openVacancy();
    const closed = await call("PATCH", `/api/vacancies/${vacancy.id}`, { cookie: hr, body: { status: "closed", version: 1 } });
    expect(closed.json).toMatchObject({ status: "closed", version: 2 });
    const stale = await call("PATCH", `/api/vacancies/${vacancy.id}`, { cookie: hr, body: { status: "open", version: 1 } });
    expect(stale.status).toBe(409);
    const filled = await call("PATCH", `/api/vacancies/${vacancy.id}`, { cookie: hr, body: { status: "filled", version: 2 } });
    expect(paths(filled)).toEqual(["status"]);
    const cancelled = await call("PATCH", `/api/vacancies/${vacancy.id}`, { cookie: hr, body: { status: "cancelled", version: 2 } });
    expect(cancelled.json.status).toBe("cancelled");
    expect((await recommend(vacancy.id, {})).status).toBe(409);
  });
});

describe("roles", () => {
  it("finance and viewer get 403 on every HR write, and nothing is written", async () => {
    const p = await createPost();
    const s = await second(p.id, { startOn: "2026-01-01", endOn: "2026-12-31" });
    const v = (await call("POST", "/api/vacancies", { cookie: hr, body: { postId: p.id, basis: "competitive", publishedOn: "2026-01-10", deadline: "2026-02-15" } })).json;
    const r = (await call("POST", `/api/vacancies/${v.id}/recommendations`, { cookie: hr, body: { stateCode: "KZ", candidateName: "A B", receivedOn: "2026-02-01" } })).json;
    const postsBefore = (await call("GET", "/api/posts", { cookie: viewer })).json.items.length;
    const writes: Array<[string, string, unknown]> = [
      ["POST", "/api/posts", postBody()],
      ["PATCH", `/api/posts/${p.id}`, { grade: "D-1", version: 2 }],
      ["POST", `/api/posts/${p.id}/rename`, { title: { en: "X", ru: "X" }, effectiveOn: "2026-05-01", decisionRef: "x", version: 2 }],
      ["POST", "/api/secondments", secondmentBody(p.id, { startOn: "2027-01-01", endOn: "2027-12-31" })],
      ["POST", `/api/secondments/${s.id}/extend`, { endOn: "2027-06-30", version: 1 }],
      ["POST", `/api/secondments/${s.id}/end`, { endedOn: "2026-06-30", reason: "x", version: 1 }],
      ["POST", "/api/vacancies", { postId: p.id, basis: "competitive", publishedOn: "2026-01-10", deadline: "2026-02-15" }],
      ["PATCH", `/api/vacancies/${v.id}`, { status: "closed", version: 1 }],
      ["POST", `/api/vacancies/${v.id}/recommendations`, { stateCode: "TR", candidateName: "C D", receivedOn: "2026-02-01" }],
      ["PATCH", `/api/vacancies/${v.id}/recommendations/${r.id}`, { status: "shortlisted" }],
      ["POST", `/api/vacancies/${v.id}/fill`, { recommendationId: r.id, startOn: "2027-01-01" }],
    ];
    for (const cookie of [finance, viewer]) {
      for (const [method, path, body] of writes) {
        const res = await call(method, path, { cookie, body });
        expect([method, path, res.status]).toEqual([method, path, 403]);
      }
    }
    for (const [method, path, body] of writes) expect((await call(method, path, { body })).status).toBe(401);
    expect((await call("GET", "/api/posts", { cookie: viewer })).json.items.length).toBe(postsBefore);
    expect(await getPost(p.id)).toMatchObject({ version: 2, title: { en: "Senior Officer" } });
    expect((await call("GET", `/api/secondments/${s.id}`, { cookie: finance })).json).toMatchObject({ version: 1, endOn: "2026-12-31" });
    expect((await call("GET", `/api/vacancies/${v.id}`, { cookie: finance })).json).toMatchObject({ version: 1, status: "open", recommendations: [{ status: "received" }] });
    // Every role reads; the trail is for hr and admin.
    for (const cookie of [finance, viewer, admin]) expect((await call("GET", "/api/reports/staffing", { cookie })).status).toBe(200);
    expect((await call("GET", `/api/audit?entity=vacancy&id=${v.id}`, { cookie: finance })).status).toBe(403);
    expect((await call("GET", `/api/audit?entity=vacancy&id=${v.id}`, { cookie: admin })).status).toBe(200);
  });
});
