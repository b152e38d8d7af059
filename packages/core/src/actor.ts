import { AsyncLocalStorage } from "node:async_hooks";
import { VisibleError } from "./error";
import { can, rolesOf, ROLES, type Operation, type Role } from "./permissions";

export { ROLES, type Role };

export type Actor =
  | { type: "user"; email: string; name: string; roles: Role[] }
  | { type: "system"; name: string }
  | { type: "public" };

const storage = new AsyncLocalStorage<Actor>();

export function provide<R>(actor: Actor, run: () => R): R {
  return storage.run(actor, run);
}

export function use(): Actor {
  return storage.getStore() ?? { type: "public" };
}

/** How the actor is written in audit events and `createdBy`/`updatedBy`. */
export function label(actor: Actor = use()): string {
  if (actor.type === "user") return actor.email;
  if (actor.type === "system") return `system:${actor.name}`;
  return "public";
}

/** Any signed-in user (or the system) may read. */
export function assertSignedIn(): Actor {
  const actor = use();
  if (actor.type === "public") throw new VisibleError("auth", "auth.required");
  return actor;
}

/** The actor must hold one of the roles; the system (seed, schedule) always may. */
export function assertRole(...roles: Role[]): Actor {
  const actor = assertSignedIn();
  if (actor.type === "user" && !actor.roles.some((r) => roles.includes(r))) {
    throw new VisibleError("forbidden", "auth.forbidden", { roles: roles.join(", "), count: roles.length });
  }
  return actor;
}

/** The actor may call the operation (the permission table in permissions.ts); the system always may. */
export function assertCan(operation: Operation): Actor {
  const actor = assertSignedIn();
  if (actor.type === "user" && !can(actor.roles, operation)) {
    const roles = rolesOf(operation);
    throw new VisibleError("forbidden", "auth.forbidden", { roles: roles.join(", "), count: roles.length });
  }
  return actor;
}
