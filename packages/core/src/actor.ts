import { AsyncLocalStorage } from "node:async_hooks";
import { VisibleError } from "./error";

export const ROLES = ["admin", "finance", "hr", "viewer"] as const;
export type Role = (typeof ROLES)[number];

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
  if (actor.type === "public") throw new VisibleError("auth", "auth.required", "Sign in to continue.");
  return actor;
}

/** The actor must hold one of the roles; the system (seed, schedule) always may. */
export function assertRole(...roles: Role[]): Actor {
  const actor = assertSignedIn();
  if (actor.type === "user" && !actor.roles.some((r) => roles.includes(r))) {
    throw new VisibleError(
      "forbidden",
      "auth.forbidden",
      `This needs the ${roles.join(" or ")} role.`,
    );
  }
  return actor;
}

export function hasRole(...roles: Role[]): boolean {
  const actor = use();
  if (actor.type === "system") return true;
  return actor.type === "user" && actor.roles.some((r) => roles.includes(r));
}
