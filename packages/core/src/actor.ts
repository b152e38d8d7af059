import { AsyncLocalStorage } from "node:async_hooks";
import { VisibleError } from "./error";
import { can, isStaff, rolesOf, ROLES, STAFF_ROLES, type Operation, type Role } from "./permissions";

export { ROLES, STAFF_ROLES, type Role };

export type Actor =
  /** `stateCode`: the member state a `state` user is bound to (its scope). */
  | { type: "user"; email: string; name: string; roles: Role[]; stateCode?: string }
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

/** Any signed-in user, a `state` user too (its own session and name: sign-out, who am I). */
export function assertSession(): Actor {
  const actor = use();
  if (actor.type === "public") throw new VisibleError("auth", "auth.required");
  return actor;
}

/** Any signed-in staff user (or the system) may read; a `state` user may not (its reads are the "scoped" operations). */
export function assertSignedIn(): Actor {
  const actor = assertSession();
  if (actor.type === "user" && !isStaff(actor.roles)) {
    throw new VisibleError("forbidden", "auth.forbidden", { roles: STAFF_ROLES.join(", "), count: STAFF_ROLES.length });
  }
  return actor;
}

/**
 * The member state the actor sees, if it is bound to one: a `state` user's code; undefined for staff
 * and the system, who see every state. A `state` user without a code sees nothing (a code no state has).
 */
export function scope(actor: Actor = use()): string | undefined {
  if (actor.type !== "user" || isStaff(actor.roles)) return undefined;
  return actor.stateCode ?? "-";
}

/** Whether the actor may see a record of this state (staff and the system: every state). */
export function sees(stateCode: string, actor: Actor = use()): boolean {
  const s = scope(actor);
  return s === undefined || s === stateCode;
}

/** A record of a state the actor does not see is answered as absent: its existence is not disclosed. */
export function assertSees(stateCode: string, notFound: () => VisibleError): void {
  if (!sees(stateCode)) throw notFound();
}

/**
 * The state a list is narrowed to: the one asked for, and for a scoped actor its own state whatever
 * was asked; `false` when a scoped actor asked for another state's (the list is then empty).
 */
export function narrow(asked: string | undefined): string | undefined | false {
  const s = scope();
  if (s === undefined) return asked;
  return asked === undefined || asked === s ? s : false;
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
  const actor = assertSession();
  if (actor.type === "user" && !can(actor.roles, operation)) {
    const roles = rolesOf(operation);
    throw new VisibleError("forbidden", "auth.forbidden", { roles: roles.join(", "), count: roles.length });
  }
  return actor;
}
