/**
 * A member state's own user (the `state` role, bound to Kazakhstan here): it reads its own state's
 * picture, contributions and pledges with arrears, secondments, recommendations and statements
 * (HTML and PDF, for periods that have ended), and nothing of another state by any route: every GET
 * operation of the generated OpenAPI document, called with China's ids and parameters, answers 403,
 * 404 or a list without China's records. The users module binds the role to a known state, alone.
 */
import { Contribution, MemberState, Post, Recommendation, Secondment, Vacancy } from "@tracker/core";
import { operations, type Document } from "@tracker/functions/openapi";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app, asSystem, call, PASSWORD, userWith } from "./support/api";
import { chromiumAvailable, mustRun, openSite, seedStates, signIn, type Site } from "./support/browser";
import { snapshot } from "./support/db";

process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "state-user-outbox-"));

const ids = {} as Record<"kzPledge" | "kzPayment" | "kzLater" | "cnCash" | "cnPledge" | "post" | "kzSecondment" | "cnSecondment" | "vacancy" | "kzRec" | "cnRec", string>;
let kz: { email: string; cookie: string };
let admin: { email: string; cookie: string };

/** What would show that China's records were answered: its ids, its people, its name and code in a record. */
const chinaMarks = () => [
  ids.cnCash,
  ids.cnPledge,
  ids.cnSecondment,
  ids.cnRec,
  "Li Seconded",
  "Wang Candidate",
  "China",
  "Китай",
  '"stateCode":"CN"',
  '"sendingState":"CN"',
  '"code":"CN"',
  '"state":"CN"',
];

beforeAll(async () => {
  await asSystem(async () => {
    await MemberState.seed(seedStates());
    const usd = { kind: "cash", currency: "USD", purpose: "regular_budget" } as const;
    ids.kzPledge = (await Contribution.create({ ...usd, stateCode: "KZ", status: "pledged", amount: "1000.00", date: "2022-03-01" })).id;
    ids.kzPayment = (await Contribution.create({ ...usd, stateCode: "KZ", status: "received", amount: "400.00", date: "2022-06-01", pledgeId: ids.kzPledge })).id;
    ids.kzLater = (await Contribution.create({ ...usd, stateCode: "KZ", status: "received", amount: "250.00", date: "2023-05-05" })).id;
    ids.cnCash = (await Contribution.create({ ...usd, stateCode: "CN", status: "received", amount: "777.00", date: "2022-04-04" })).id;
    ids.cnPledge = (await Contribution.create({ ...usd, stateCode: "CN", status: "pledged", amount: "500.00", date: "2022-04-05" })).id;
    ids.post = (await Post.create({ number: "P-01", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "secondment" })).id;
    ids.kzSecondment = (await Secondment.create({ personName: "Aigerim Seconded", sendingState: "KZ", postId: ids.post, startOn: "2025-01-01", endOn: "2027-12-31" })).id;
    ids.cnSecondment = (await Secondment.create({ personName: "Li Seconded", sendingState: "CN", postId: ids.post, startOn: "2028-01-01", endOn: "2028-12-31" })).id;
    ids.vacancy = (await Vacancy.create({ postId: ids.post, basis: "competitive", publishedOn: "2022-01-10", deadline: "2022-02-15" })).id;
    ids.kzRec = (await Recommendation.create({ vacancyId: ids.vacancy, stateCode: "KZ", candidateName: "Nurlan Candidate", receivedOn: "2022-02-01" })).id;
    ids.cnRec = (await Recommendation.create({ vacancyId: ids.vacancy, stateCode: "CN", candidateName: "Wang Candidate", receivedOn: "2022-02-02" })).id;
    await Recommendation.update({ vacancyId: ids.vacancy, id: ids.kzRec, status: "not_selected", note: "HR only: weaker interview" });
    await Recommendation.update({ vacancyId: ids.vacancy, id: ids.cnRec, status: "shortlisted" });
  });
  kz = await userWith(["state"], "focal.kz@example.org", "KZ");
  admin = await userWith(["admin"]);
});

describe("what a member state's user reads of its own state", () => {
  it("signs in as itself, bound to its state", async () => {
    const me = await call("GET", "/api/auth/me", { cookie: kz.cookie });
    expect(me.status).toBe(200);
    expect(me.json.user).toEqual({ email: "focal.kz@example.org", name: "Test state", roles: ["state"], stateCode: "KZ" });
  });

  it("lists its own state only, and reads its record", async () => {
    const list = await call("GET", "/api/states", { cookie: kz.cookie });
    expect(list.status).toBe(200);
    expect(list.json.items.map((s: { code: string }) => s.code)).toEqual(["KZ"]);
    expect((await call("GET", "/api/states/KZ", { cookie: kz.cookie })).json.name.en).toBe("Kazakhstan");
  });

  it("reads its contributions and pledges across the years, with what the pledge still lacks, and its arrears in the picture", async () => {
    const list = await call("GET", "/api/contributions", { cookie: kz.cookie });
    expect(list.status).toBe(200);
    expect(list.json.items.map((c: { id: string }) => c.id).sort()).toEqual([ids.kzPledge, ids.kzPayment, ids.kzLater].sort());
    const pledge = list.json.items.find((c: { id: string }) => c.id === ids.kzPledge);
    expect(pledge).toMatchObject({ status: "pledged", amount: "1000.00", outstanding: "600.00", outstandingUsd: "600.00", open: true });
    expect((await call("GET", `/api/contributions/${ids.kzPledge}`, { cookie: kz.cookie })).json.outstandingUsd).toBe("600.00");

    const picture = await call("GET", "/api/states/KZ/picture", { cookie: kz.cookie });
    expect(picture.status).toBe(200);
    expect(picture.json.money.years).toEqual([
      { year: 2022, cashUsd: "400.00", inKindUsd: "0.00", pledgedUsd: "1000.00", receivedUsd: "400.00", outstandingUsd: "600.00", count: 2 },
      { year: 2023, cashUsd: "250.00", inKindUsd: "0.00", pledgedUsd: "0.00", receivedUsd: "250.00", outstandingUsd: "0.00", count: 1 },
    ]);
    expect(picture.json.money.openPledges).toEqual([
      expect.objectContaining({ id: ids.kzPledge, fiscalYear: 2022, amount: "1000.00", outstanding: "600.00", receivedUsd: "400.00", outstandingUsd: "600.00", arrears: true }),
    ]);
    expect(picture.json.money.openUsd).toBe("600.00");
    expect(picture.json.money.arrearsUsd).toBe("600.00");
    const history = await call("GET", "/api/reports/contributions/states/KZ", { cookie: kz.cookie });
    expect(history.json.years.map((y: { year: number; receivedUsd: string }) => `${y.year} ${y.receivedUsd}`)).toEqual(["2023 250.00", "2022 400.00"]);
  });

  it("reads its seconded personnel", async () => {
    const list = await call("GET", "/api/secondments", { cookie: kz.cookie });
    expect(list.json.items.map((s: { id: string; personName: string }) => `${s.id} ${s.personName}`)).toEqual([`${ids.kzSecondment} Aigerim Seconded`]);
    expect((await call("GET", `/api/secondments/${ids.kzSecondment}`, { cookie: kz.cookie })).json.sendingState).toBe("KZ");
    const picture = await call("GET", "/api/states/KZ/picture", { cookie: kz.cookie });
    expect(picture.json.people.secondments.map((s: { personName: string }) => s.personName)).toEqual(["Aigerim Seconded"]);
  });

  it("reads its recommendations and their outcomes, of a vacancy other states recommended to as well", async () => {
    const own = await call("GET", "/api/recommendations?state=KZ", { cookie: kz.cookie });
    expect(own.json.items.map((r: { candidateName: string; status: string }) => `${r.candidateName} ${r.status}`)).toEqual(["Nurlan Candidate not_selected"]);
    // HR's note stays with the Secretariat.
    expect(own.text).not.toContain("weaker interview");
    expect((await call("GET", "/api/recommendations?state=KZ", { cookie: admin.cookie })).json.items[0].note).toBe("HR only: weaker interview");
    const ofVacancy = await call("GET", `/api/recommendations?vacancyId=${ids.vacancy}`, { cookie: kz.cookie });
    expect(ofVacancy.json.items.map((r: { id: string }) => r.id)).toEqual([ids.kzRec]);
    const picture = await call("GET", "/api/states/KZ/picture", { cookie: kz.cookie });
    expect(picture.json.people.recommendations).toEqual([expect.objectContaining({ id: ids.kzRec, candidateName: "Nurlan Candidate", status: "not_selected", post: { en: "Expert", ru: "Эксперт" } })]);
  });

  it("reads its statement for a past period as HTML and as the PDF, in either language", async () => {
    const html = await call("GET", "/api/summaries/preview.html?state=KZ&period=2022&lang=en", { cookie: kz.cookie });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.text).toContain("Kazakhstan");
    expect(html.text).toContain("600.00");
    const ru = await call("GET", "/api/summaries/preview.html?state=KZ&period=2022&lang=ru", { cookie: kz.cookie });
    expect(ru.text).toContain("Казахстан");
    const pdf = await call("GET", "/api/summaries/preview.pdf?state=KZ&period=2022&lang=en", { cookie: kz.cookie });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.text.slice(0, 5)).toBe("%PDF-");
    expect((await call("GET", "/api/summaries/preview?state=KZ&period=2022-Q2", { cookie: kz.cookie })).status).toBe(200);
  });

  it("does not read a statement of a period that has not ended (403), which finance previews", async () => {
    const year = String(new Date().getUTCFullYear());
    const res = await call("GET", `/api/summaries/preview.pdf?state=KZ&period=${year}`, { cookie: kz.cookie });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("statement.period_open");
    expect(res.json.error.params).toEqual({ period: year, end: `${year}-12-31` });
    const finance = await userWith(["finance"]);
    expect((await call("GET", `/api/summaries/preview?state=KZ&period=${year}`, { cookie: finance.cookie })).status).toBe(200);
  });

  it("writes nothing: every write answers 403, nothing changed", async () => {
    const before = await snapshot();
    for (const [method, path, body] of [
      ["POST", "/api/contributions", { stateCode: "KZ", kind: "cash", status: "received", amount: "1.00", currency: "USD", date: "2022-01-01", purpose: "regular_budget" }],
      ["PUT", "/api/states/KZ", { name: { en: "X", ru: "X" }, status: "member", version: 1 }],
      ["PATCH", `/api/contributions/${ids.kzPledge}`, { amount: "1.00", version: 1 }],
    ] as const) {
      const res = await call(method, path, { cookie: kz.cookie, body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect(await snapshot()).toBe(before);
  });
});

/** The generated document, as the app serves it (every route registered when the app is imported). */
const doc = (await (await app.request("http://localhost/api/openapi.json")).json()) as Document;
const GETS = operations(doc).filter((o) => o.method === "get");

describe("nothing of another state, by any route", () => {

  /** A path parameter filled with China's record or code. */
  const pathValue = (path: string, name: string): string => {
    if (name === "code") return "CN";
    if (name === "year") return "2022";
    if (name === "email") return admin.email;
    if (name === "id") {
      if (path.startsWith("/api/contributions")) return ids.cnCash;
      if (path.startsWith("/api/secondments")) return ids.cnSecondment;
      if (path.startsWith("/api/vacancies")) return ids.vacancy;
      if (path.startsWith("/api/posts")) return ids.post;
    }
    return "x";
  };
  /** A query parameter naming China (or a record China has a part in). */
  const queryValue = (name: string): string | undefined =>
    ({
      state: "CN",
      code: "CN",
      period: "2022",
      year: "2022",
      vacancyId: ids.vacancy,
      postId: ids.post,
      currency: "KZT",
      date: "2022-06-01",
      entity: "contribution",
      id: ids.cnCash,
      lang: "en",
      format: "csv",
    })[name];

  const urlOf = (path: string, params: Array<{ name: string; in: string; required?: boolean }>, omitState: boolean) => {
    let url = path;
    const qs: string[] = [];
    for (const p of params) {
      if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(pathValue(path, p.name)));
      // Left out where it may be: the list then answers without a state filter.
      if (p.in !== "query" || (omitState && !p.required && (p.name === "state" || p.name === "code"))) continue;
      const v = queryValue(p.name);
      if (v !== undefined) qs.push(`${p.name}=${encodeURIComponent(v)}`);
    }
    return qs.length ? `${url}?${qs.join("&")}` : url;
  };

  it("covers every GET operation of the document", () => {
    expect(GETS.length).toBeGreaterThan(40);
  });

  it.each(GETS.flatMap((o) => [false, true].map((omitState) => ({ key: o.operation.operationId, path: o.path, omitState, params: (o.operation.parameters ?? []) as Array<{ name: string; in: string; required?: boolean }> }))))(
    "$key (state filter left out: $omitState): 403, 404 or nothing of China's",
    async ({ path, params, omitState }) => {
      const url = urlOf(path, params, omitState);
      const res = await call("GET", url, { cookie: kz.cookie });
      expect([200, 403, 404], `${url} → ${res.status} ${res.text.slice(0, 200)}`).toContain(res.status);
      if (res.status === 403) expect(res.json.error.code).toBe("auth.forbidden");
      if (res.status === 200 && !path.startsWith("/api/openapi") && !path.startsWith("/api/docs"))
        for (const mark of chinaMarks()) expect(res.text, `${url} answered ${mark}`).not.toContain(mark);
    },
  );

  it("answers China's records 404, as if they did not exist, and China's lists empty", async () => {
    for (const path of [
      "/api/states/CN",
      "/api/states/CN/picture",
      "/api/reports/contributions/states/CN",
      `/api/contributions/${ids.cnCash}`,
      `/api/contributions/${ids.cnPledge}`,
      `/api/secondments/${ids.cnSecondment}`,
      "/api/summaries/preview?state=CN&period=2022",
      "/api/summaries/preview.html?state=CN&period=2022",
      "/api/summaries/preview.pdf?state=CN&period=2022",
    ]) {
      const res = await call("GET", path, { cookie: kz.cookie });
      expect(res.status, path).toBe(404);
    }
    // A state that does not exist answers the same.
    expect((await call("GET", "/api/states/ZZ", { cookie: kz.cookie })).json.error.code).toBe("state.not_found");
    expect((await call("GET", "/api/states/CN", { cookie: kz.cookie })).json.error.code).toBe("state.not_found");
    for (const path of ["/api/contributions?state=CN", "/api/contributions?state=CN&year=2022", "/api/secondments?state=CN", "/api/recommendations?state=CN"]) {
      const res = await call("GET", path, { cookie: kz.cookie });
      expect(res.status, path).toBe(200);
      expect(res.json.items, path).toEqual([]);
    }
  });

  it("the staff still read China's records", async () => {
    expect((await call("GET", `/api/contributions/${ids.cnCash}`, { cookie: admin.cookie })).status).toBe(200);
    expect((await call("GET", "/api/states", { cookie: admin.cookie })).json.items.length).toBe(seedStates().length);
  });
});

describe("the users module binds the state role to one known state, alone", () => {
  const create = (body: object) => call("POST", "/api/users", { cookie: admin.cookie, body: { email: "new.focal@example.org", name: "Focal", password: PASSWORD, ...body } });

  it.each([
    ["with a staff role", { roles: ["state", "viewer"], stateCode: "KZ" }, "roles", "user.state_alone"],
    ["without a state", { roles: ["state"] }, "stateCode", "user.state_required"],
    ["with a state that does not exist", { roles: ["state"], stateCode: "ZZ" }, "stateCode", "user.state_unknown"],
    ["a staff user with a state", { roles: ["viewer"], stateCode: "KZ" }, "stateCode", "user.state_without_role"],
  ])("refuses %s: 400 naming the field, nothing written", async (_what, body, path, code) => {
    const before = await snapshot();
    const res = await create(body);
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.code).toBe(code);
    expect(res.json.error.issues).toEqual([expect.objectContaining({ path, code })]);
    expect(await snapshot()).toBe(before);
  });

  it("creates a focal point, moves it to another state, and makes it staff (the binding dropped), each in the trail", async () => {
    const made = await create({ roles: ["state"], stateCode: "TJ" });
    expect(made.status, made.text).toBe(201);
    expect(made.json).toMatchObject({ roles: ["state"], stateCode: "TJ" });
    const moved = await call("PATCH", "/api/users/new.focal@example.org", { cookie: admin.cookie, body: { stateCode: "QA", version: 1 } });
    expect(moved.json).toMatchObject({ roles: ["state"], stateCode: "QA", version: 2 });
    // The user as read sent back with staff roles: the binding goes.
    const staff = await call("PATCH", "/api/users/new.focal@example.org", { cookie: admin.cookie, body: { ...moved.json, roles: ["viewer"] } });
    expect(staff.status, staff.text).toBe(200);
    expect(staff.json.roles).toEqual(["viewer"]);
    expect(staff.json.stateCode).toBeUndefined();
    const trail = await call("GET", "/api/audit?entity=user&id=new.focal@example.org", { cookie: admin.cookie });
    expect(trail.json.items.map((e: { action: string; changes: Record<string, unknown> }) => [e.action, e.changes.stateCode])).toEqual([
      ["update", ["QA", null]],
      ["update", ["TJ", "QA"]],
      ["create", [null, "TJ"]],
    ]);
  });
});

describe.skipIf(!chromiumAvailable && !mustRun)("a member state's user in Chromium", () => {
  let site: Site;
  const plain = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

  beforeAll(async () => {
    site = await openSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it("lands on its own picture, with one way in the navigation, its arrears and its statements by year; other pages are closed to it", async () => {
    const page: Page = await site.page();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, `${site.url}/`, kz.email, PASSWORD);
    await page.waitForURL(/\/states\/KZ$/);
    await page.locator('[data-testid="picture-pledges"]').waitFor();
    expect(plain(await page.locator('[data-testid="state-title"]').textContent())).toBe("Kazakhstan");
    expect(await page.locator('[data-testid="nav"] a').allTextContents()).toEqual(["Our picture"]);
    expect(await page.locator('[data-testid="back-to-states"], [data-testid="edit-state"], [data-testid="history"]').count()).toBe(0);

    const pledge = page.locator('[data-testid="picture-pledges"] tbody tr');
    expect(await pledge.count()).toBe(1);
    expect(await pledge.getAttribute("data-arrears")).toBe("yes");
    expect(plain(await pledge.locator('[data-col="outstandingUsd"]').textContent())).toBe("600.00");
    expect(await page.locator('[data-testid="picture-secondees"] tbody tr').allTextContents().then((t) => t.map(plain).join(" | "))).toContain("Aigerim Seconded");
    const rec = page.locator('[data-testid="picture-recommendations"] tbody tr');
    expect(await rec.getAttribute("data-status")).toBe("not_selected");
    // Read-only: no links to the Secretariat's own pages of records.
    expect(await page.locator('[data-testid="picture-people"] a, [data-testid="picture-pledges"] tbody a').count()).toBe(0);

    const years = page.locator('[data-testid="picture-own-statement-list"] tbody tr');
    expect(await years.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-period")))).toEqual(["2023", "2022"]);
    const links = years.first().locator("a");
    const [htmlHref, pdfHref] = [await links.nth(0).getAttribute("href"), await links.nth(1).getAttribute("href")];
    expect(htmlHref).toBe("/api/summaries/preview.html?state=KZ&period=2023&lang=en");
    expect(pdfHref).toBe("/api/summaries/preview.pdf?state=KZ&period=2023&lang=en");
    const got = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get("content-type"), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    }, pdfHref!);
    expect(got).toEqual({ status: 200, type: "application/pdf", head: "%PDF-" });

    await page.goto(`${site.url}/contributions`);
    await page.locator('[data-testid="forbidden"]').waitFor();
    await page.goto(`${site.url}/states/CN`);
    await page.locator('[data-testid="state-not-found"]').waitFor();
  });
});
