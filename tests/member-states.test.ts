import { beforeAll, describe, expect, it } from "vitest";
import { call, userWith } from "./support/api";

const KZ = {
  code: "KZ",
  name: { en: "Kazakhstan", ru: "Казахстан" },
  status: "member",
  contacts: [{ name: "Aigerim Nurlanovna", email: "focal@mfa.kz", language: "ru" }],
};

let admin: string;
let viewer: string;

beforeAll(async () => {
  admin = (await userWith(["admin"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
});

describe("member states", () => {
  it("are created by an admin, read back by any role, and listed", async () => {
    const created = await call("POST", "/api/states", { cookie: admin, body: KZ });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...KZ, version: 1, createdBy: expect.stringContaining("admin") });

    const one = await call("GET", "/api/states/KZ", { cookie: viewer });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject(KZ);

    const list = await call("GET", "/api/states", { cookie: viewer });
    expect(list.status).toBe(200);
    expect(list.json.items.map((s: { code: string }) => s.code)).toContain("KZ");
  });

  it("refuses a second state with the same code (409) and keeps the first", async () => {
    await call("POST", "/api/states", { cookie: admin, body: { ...KZ, code: "QA", name: { en: "Qatar", ru: "Катар" } } });
    const again = await call("POST", "/api/states", { cookie: admin, body: { ...KZ, code: "QA" } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("state.exists");
    expect((await call("GET", "/api/states/QA", { cookie: admin })).json.name.en).toBe("Qatar");
  });

  it("updates with the version read; a stale version is 409 and changes nothing", async () => {
    await call("POST", "/api/states", { cookie: admin, body: { ...KZ, code: "TJ", name: { en: "Tajikistan", ru: "Таджикистан" } } });
    const first = await call("PUT", "/api/states/TJ", {
      cookie: admin,
      body: { name: { en: "Tajikistan", ru: "Таджикистан" }, status: "member", joinedOn: "1999-09-14", contacts: [], version: 1 },
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ version: 2, joinedOn: "1999-09-14", contacts: [] });

    const stale = await call("PUT", "/api/states/TJ", {
      cookie: admin,
      body: { name: { en: "Changed", ru: "Изменено" }, status: "observer", contacts: [], version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("state.version_conflict");
    const now = await call("GET", "/api/states/TJ", { cookie: admin });
    expect(now.json).toMatchObject({ version: 2, status: "member", name: { en: "Tajikistan" } });
  });

  it("takes the version from If-Match when the body has none", async () => {
    await call("POST", "/api/states", { cookie: admin, body: { ...KZ, code: "IL", name: { en: "Israel", ru: "Израиль" } } });
    const res = await call("PUT", "/api/states/IL", {
      cookie: admin,
      headers: { "if-match": '"1"' },
      body: { name: { en: "Israel", ru: "Израиль" }, status: "member", contacts: [] },
    });
    expect(res.status).toBe(200);
    expect(res.json.version).toBe(2);
    const missing = await call("PUT", "/api/states/IL", { cookie: admin, body: { name: { en: "Israel", ru: "Израиль" }, status: "member" } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.issues).toEqual([{ path: "version", code: "field.required", params: {}, message: "Required." }]);
  });

  it.each([
    ["code", { ...KZ, code: "kz1" }],
    ["name.en", { ...KZ, code: "CN", name: { en: "", ru: "Китай" } }],
    ["name.ru", { ...KZ, code: "CN", name: { en: "China" } }],
    ["status", { ...KZ, code: "CN", status: "friend" }],
    ["joinedOn", { ...KZ, code: "CN", joinedOn: "2022-02-30" }],
    ["contacts.0.email", { ...KZ, code: "CN", contacts: [{ name: "X", email: "not-an-email", language: "en" }] }],
    ["contacts.0.language", { ...KZ, code: "CN", contacts: [{ name: "X", email: "x@example.org", language: "kk" }] }],
    ["colour", { ...KZ, code: "CN", colour: "blue" }],
  ])("answers 400 naming %s for a bad value, and writes nothing", async (field, body) => {
    const res = await call("POST", "/api/states", { cookie: admin, body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("request.invalid");
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(res.json.error.message).toContain(field);
    expect((await call("GET", "/api/states/CN", { cookie: admin })).status).toBe(404);
  });

  it("answers 404 JSON for an unknown state and an unknown API path", async () => {
    const state = await call("GET", "/api/states/ZZ", { cookie: viewer });
    expect(state.status).toBe(404);
    expect(state.json.error.code).toBe("state.not_found");
    const path = await call("GET", "/api/nothing/here", { cookie: viewer });
    expect(path.status).toBe(404);
    expect(path.json.error.code).toBe("route.not_found");
  });

  it("records each change in the audit trail with who made it", async () => {
    const res = await call("GET", "/api/audit?entity=memberState&id=TJ", { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(2);
    const [update, create] = res.json.items;
    expect(create).toMatchObject({ action: "create", entity: "memberState", id: "TJ", actor: expect.stringContaining("@example.org") });
    expect(update).toMatchObject({ action: "update", changes: { joinedOn: [null, "1999-09-14"] } });
    expect(update.changes.contacts[1]).toEqual([]);
  });
});

describe("requests the API refuses", () => {
  it("a body over 100 KB is 413, and nothing is written", async () => {
    const body = { ...KZ, code: "BD", name: { en: "x".repeat(110 * 1024), ru: "Бангладеш" } };
    const res = await call("POST", "/api/states", { cookie: admin, body });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("request.too_large");
    expect((await call("GET", "/api/states/BD", { cookie: admin })).status).toBe(404);
  });

  it("malformed JSON is 400", async () => {
    const res = await call("POST", "/api/states", { cookie: admin, body: '{"code": "BD",' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("request.malformed_json");
  });

  it("a body that is not JSON is 415", async () => {
    const res = await call("POST", "/api/states", {
      cookie: admin,
      body: "code=BD",
      headers: { "content-type": "text/plain" },
    });
    expect([403, 415]).toContain(res.status);
    expect(res.json.error.code).toMatch(/^request\./);
  });

  it("never shows a stack trace", async () => {
    const res = await call("POST", "/api/states", { cookie: admin, body: "[1,2,3]" });
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("OpenAPI", () => {
  it("describes every route with the request schemas", async () => {
    const res = await call("GET", "/api/openapi.json", { cookie: viewer });
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    expect(Object.keys(res.json.paths)).toEqual(
      expect.arrayContaining(["/api/health", "/api/states", "/api/states/{code}", "/api/auth/login", "/api/users", "/api/audit"]),
    );
    const create = res.json.paths["/api/states"].post.requestBody.content["application/json"].schema;
    expect(create.required).toEqual(expect.arrayContaining(["code", "name", "status"]));
    expect(create.additionalProperties).toBe(false);
  });
});
