/**
 * The role matrix over every write route: a role without the right gets 403,
 * no session gets 401, and in both cases the database is unchanged (same
 * records, same audit trail).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@tracker/core/actor";
import { call, userWith } from "./support/api";

const ROLES: Role[] = ["admin", "finance", "hr", "viewer"];
const cookies = {} as Record<Role, string>;
let target: string;

interface WriteRoute {
  name: string;
  method: string;
  path: () => string;
  body: () => unknown;
  allowed: Role[];
  /** What must stay the same when the write is refused. */
  snapshot: () => Promise<unknown>;
}

const snapshotStates = async () => {
  const states = (await call("GET", "/api/states", { cookie: cookies.admin })).json.items;
  const trail = (await call("GET", "/api/audit?entity=memberState", { cookie: cookies.admin })).json.items;
  return { states, trail };
};
const snapshotUsers = async () => {
  const users = (await call("GET", "/api/users", { cookie: cookies.admin })).json.items;
  const trail = (await call("GET", "/api/audit?entity=user", { cookie: cookies.admin })).json.items;
  return { users, trail };
};

const ROUTES: WriteRoute[] = [
  {
    name: "create a member state",
    method: "POST",
    path: () => "/api/states",
    body: () => ({ code: "KH", name: { en: "Cambodia", ru: "Камбоджа" }, status: "member" }),
    allowed: ["admin"],
    snapshot: snapshotStates,
  },
  {
    name: "replace a member state",
    method: "PUT",
    path: () => "/api/states/MN",
    body: () => ({ name: { en: "Mongolia!", ru: "Монголия" }, status: "member", version: 1 }),
    allowed: ["admin"],
    snapshot: snapshotStates,
  },
  {
    name: "create a user",
    method: "POST",
    path: () => "/api/users",
    body: () => ({ email: "new.user@example.org", name: "New", roles: ["viewer"], password: "long enough password" }),
    allowed: ["admin"],
    snapshot: snapshotUsers,
  },
  {
    name: "change a user",
    method: "PATCH",
    path: () => `/api/users/${target}`,
    body: () => ({ roles: ["admin"], version: 1 }),
    allowed: ["admin"],
    snapshot: snapshotUsers,
  },
];

beforeAll(async () => {
  for (const role of ROLES) cookies[role] = (await userWith([role])).cookie;
  target = (await userWith(["viewer"])).email;
  await call("POST", "/api/states", { cookie: cookies.admin, body: { code: "MN", name: { en: "Mongolia", ru: "Монголия" }, status: "member" } });
});

describe.each(ROUTES)("$method $name", (route) => {
  it("without a session: 401, nothing changed", async () => {
    const before = await route.snapshot();
    const res = await call(route.method, route.path(), { body: route.body() });
    expect(res.status).toBe(401);
    expect(await route.snapshot()).toEqual(before);
  });

  it.each(ROLES.filter((r) => !route.allowed.includes(r)))("as %s: 403, nothing changed", async (role) => {
    const before = await route.snapshot();
    const res = await call(route.method, route.path(), { cookie: cookies[role], body: route.body() });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("auth.forbidden");
    expect(await route.snapshot()).toEqual(before);
  });

  it.each(route.allowed)("as %s: allowed, and exactly one audit event records it", async (role) => {
    const before = (await route.snapshot()) as { trail: unknown[] };
    const res = await call(route.method, route.path(), { cookie: cookies[role], body: route.body() });
    expect(res.status).toBeLessThan(300);
    const after = (await route.snapshot()) as { trail: Array<{ actor: string; changes: object }> };
    expect(after.trail.length).toBe(before.trail.length + 1);
    expect(after.trail[0]!.actor).toMatch(/^admin-.*@example.org$/);
    expect(Object.keys(after.trail[0]!.changes).length).toBeGreaterThan(0);
    expect(JSON.stringify(after.trail[0])).not.toMatch(/scrypt|passwordHash|long enough password/);
  });
});

describe("reads", () => {
  it.each(ROLES)("every role (%s) reads member states", async (role) => {
    expect((await call("GET", "/api/states", { cookie: cookies[role] })).status).toBe(200);
  });

  it("only admins list users and read the member-state trail", async () => {
    for (const role of ["finance", "hr", "viewer"] as Role[]) {
      expect((await call("GET", "/api/users", { cookie: cookies[role] })).status).toBe(403);
      expect((await call("GET", "/api/audit?entity=memberState", { cookie: cookies[role] })).status).toBe(403);
    }
  });

  it("a failed write leaves no audit event", async () => {
    const before = await snapshotStates();
    const res = await call("PUT", "/api/states/MN", { cookie: cookies.admin, body: { name: { en: "X", ru: "Х" }, status: "member", version: 99 } });
    expect(res.status).toBe(409);
    expect(await snapshotStates()).toEqual(before);
  });
});
