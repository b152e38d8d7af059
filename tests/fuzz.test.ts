/**
 * Every route of /api/openapi.json, fed generated valid and invalid path
 * parameters, query strings and bodies (fast-check, seeded): never a 5xx,
 * never a stack trace, and every 4xx leaves the database as it was. The same
 * again as a member state's user (the `state` role): every write is a 403.
 */
import { Budget, Contribution, MemberState } from "@tracker/core";
import fc from "fast-check";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { snapshot as tableSnapshot } from "./support/db";

/** Login attempts are left out: a failed sign-in is counted on purpose. */
// A sign-in attempt is counted (its counter and, for a failure, its audit event) whatever its answer.
const snapshot = () => tableSnapshot({ except: ["loginAttempt", "auditEvent"] });
import { seedStates } from "./support/browser";

process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "fuzz-outbox-"));
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
};

/** Values that look like what a schema wants, often right and often subtly wrong. */
const nasty = fc.constantFrom(
  "", " ", "KZ", "kz", "ZZ", "2022", "2022-02-30", "2022-03-15", "1e3", "-1", "0", "0.00", "12.345", "NaN", "null",
  "<script>alert(1)</script>", "'; DROP TABLE contributions; --", "\u202Eevil\u202C", "ÄÖÜ Казахстан", "x".repeat(400),
  "../../etc/passwd", "%00", "{{7*7}}", "KZT", "USD", "460.25", "a@b.c", "not-an-email",
);

function arbitraryFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.anything({ maxDepth: 2 });
  const variants: fc.Arbitrary<unknown>[] = [];
  const types = [schema.type ?? []].flat();
  if (schema.enum) variants.push(fc.constantFrom(...schema.enum));
  if (schema.const !== undefined) variants.push(fc.constant(schema.const));
  for (const sub of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) variants.push(arbitraryFor(sub, depth + 1));
  if (types.includes("string")) variants.push(fc.string({ maxLength: 40 }), nasty);
  if (types.includes("integer") || types.includes("number"))
    variants.push(fc.integer({ min: -5, max: 3000 }), fc.constantFrom(1, 2022, 0, -1, 1.5, 1e21));
  if (types.includes("boolean")) variants.push(fc.boolean());
  if (types.includes("array")) variants.push(fc.array(arbitraryFor(schema.items, depth + 1), { maxLength: 3 }));
  if (types.includes("object") || schema.properties) {
    const props = Object.entries(schema.properties ?? {});
    variants.push(
      fc
        .tuple(
          ...props.map(([, s]) => fc.option(arbitraryFor(s, depth + 1), { freq: 4, nil: undefined })),
          fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 }), { maxKeys: 2 }), { freq: 5, nil: undefined }),
        )
        .map((values) => {
          const out: Record<string, unknown> = {};
          props.forEach(([k], i) => {
            if (values[i] !== undefined) out[k] = values[i];
          });
          return { ...out, ...((values[props.length] as object | undefined) ?? {}) };
        }),
    );
  }
  if (!variants.length) variants.push(fc.anything({ maxDepth: 2 }));
  // Now and then, something of another type altogether.
  return fc.oneof({ arbitrary: fc.oneof(...variants), weight: 8 }, { arbitrary: fc.anything({ maxDepth: 2 }), weight: 1 });
}

const STACK = /\bat [\w$.<>]+ \(|\.ts:\d+:\d+|node:internal|ElectroError|ConditionalCheckFailed/;

let cookie: string;
let stateCookie: string;
let otherUser: string;
let contributionId: string;
let doc_: { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; schema: Schema }>; requestBody?: { content: Record<string, { schema: Schema }> } }>> };

beforeAll(async () => {
  await asSystem(async () => {
    await MemberState.seed(seedStates());
    await Budget.put({ year: 2022, status: "draft", lines: [{ code: "A", name: "A", amountUsd: "100.00" }] });
    contributionId = (
      await Contribution.create({ stateCode: "KZ", kind: "cash", status: "pledged", amount: "1000.00", currency: "USD", date: "2022-01-10", purpose: "regular_budget" })
    ).id;
  });
  cookie = (await userWith(["admin", "finance", "hr", "viewer"], "fuzzer@example.org")).cookie;
  otherUser = (await userWith(["viewer"], "target@example.org")).email;
  stateCookie = (await userWith(["state"], "focal@example.org", "KZ")).cookie;
  doc_ = (await call("GET", "/api/openapi.json", { cookie })).json;
});

/** Path parameters: the real ones (so routes get past 404) or generated ones. */
function pathValue(name: string): fc.Arbitrary<string> {
  const known: Record<string, string[]> = {
    code: ["KZ", "TR"],
    id: [contributionId],
    year: ["2022", "2023"],
    email: [otherUser],
  };
  return fc.oneof(
    { arbitrary: fc.constantFrom(...(known[name] ?? ["x"])), weight: 3 },
    { arbitrary: fc.oneof(fc.string({ maxLength: 20 }), nasty), weight: 2 },
  );
}

const SKIP = new Set(["post /api/auth/logout"]); // would end the fuzzer's own session

describe("fuzzing every route of the OpenAPI document", () => {
  it("finds the routes", () => {
    expect(Object.keys(doc_.paths).length).toBeGreaterThan(15);
  });

  /** Each route fuzzed with `runs` requests as the user of this cookie; `writesRefused`: every write but the sign-in's is a 403. */
  async function fuzz(cookie: string, runs: number, writesRefused = false): Promise<number> {
    const routes = Object.entries(doc_.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    let checked = 0;
    for (const { path, method, op } of routes) {
      if (SKIP.has(`${method} ${path}`)) continue;
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === "path");
      const queryParams = params.filter((p) => p.in === "query");
      const bodySchema = op.requestBody?.content["application/json"]?.schema;
      const arb = fc.record({
        path: fc.tuple(...pathParams.map((p) => pathValue(p.name)), fc.constant(null)),
        query: fc.tuple(
          ...queryParams.map((p) => fc.option(fc.oneof(arbitraryFor(p.schema).map(String), nasty), { nil: undefined, freq: 2 })),
          fc.option(fc.constantFrom("extra=1", "year=abc", "cursor=%%%", "limit=-3"), { nil: undefined, freq: 3 }),
        ),
        body: bodySchema ? arbitraryFor(bodySchema) : fc.constant(undefined),
      });
      await fc.assert(
        fc.asyncProperty(arb, async ({ path: pathValues, query, body }) => {
          let url = path;
          pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodeURIComponent(String(pathValues[i])))));
          const qs = queryParams
            .map((p, i) => (query[i] === undefined ? undefined : `${p.name}=${encodeURIComponent(String(query[i]))}`))
            .filter(Boolean);
          const extra = query[queryParams.length];
          if (extra) qs.push(String(extra));
          if (qs.length) url += `?${qs.join("&")}`;
          const writes = method !== "get";
          const before = writes ? await snapshot() : "";
          const res = await call(method.toUpperCase(), url, { cookie, ...(body !== undefined && writes ? { body } : {}) });
          expect(res.status, `${method.toUpperCase()} ${url} ${JSON.stringify(body)?.slice(0, 300)} → ${res.text.slice(0, 300)}`).toBeLessThan(500);
          expect(res.text).not.toMatch(STACK);
          if (res.status >= 400) {
            expect(res.json?.error?.code, res.text.slice(0, 200)).toEqual(expect.any(String));
            if (writes) expect(await snapshot(), `${method} ${url} answered ${res.status} but changed the database`).toBe(before);
          }
          // A path value that is empty or a dot segment makes the URL another route's (or none): only the route's own URLs must be 403.
          const ownRoute = pathValues.slice(0, pathParams.length).every((v) => !["", ".", ".."].includes(String(v)));
          if (writesRefused && writes && ownRoute && !path.startsWith("/api/auth/")) expect(res.status, `${method} ${url}`).toBe(403);
          checked++;
        }),
        { seed: 20261128, numRuns: runs, endOnFailure: true },
      );
    }
    return checked;
  }

  it("never answers 5xx or a stack trace, and a 4xx changes nothing", async () => {
    expect(await fuzz(cookie, RUNS)).toBeGreaterThan(RUNS * 20);
  }, 900_000);

  it("as a member state's user: never a 5xx or a stack trace, and every write a 403 that changes nothing", async () => {
    const runs = Math.max(10, Math.round(RUNS / 5));
    expect(await fuzz(stateCookie, runs, true)).toBeGreaterThan(runs * 20);
  }, 900_000);
});

describe("hostile strings", () => {
  it("are stored exactly as given, or refused by the documented limit naming the field", async () => {
    const name = `<script>alert(1)</script> '; DROP TABLE x; -- "evil" & <b>`;
    const created = await call("POST", "/api/states", { cookie, body: { code: "XH", name: { en: name, ru: name }, status: "observer" } });
    expect(created.status).toBe(201);
    expect((await call("GET", "/api/states/XH", { cookie })).json.name.en).toBe(name);
    // Bidi overrides and control characters would let a name mislead: refused, naming the field.
    const spoof = await call("POST", "/api/states", { cookie, body: { code: "XB", name: { en: "\u202Eevil\u202C \u0000", ru: "x" }, status: "observer" } });
    expect(spoof.status).toBe(400);
    expect(spoof.json.error.issues[0]).toMatchObject({ path: "name.en", code: "text.unsafe" });
    const long = await call("POST", "/api/states", { cookie, body: { code: "XL", name: { en: "x".repeat(10_000), ru: "x" }, status: "observer" } });
    expect(long.status).toBe(400);
    expect(long.json.error.issues[0]).toMatchObject({ path: "name.en" });
    expect(long.json.error.issues[0].message).toMatch(/300/);
  });
});
