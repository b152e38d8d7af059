/**
 * Who may read the trail of each kind of record: admin always, and the role that keeps
 * those records. Zod-free, so the web shows a record's history by the same rule.
 */
import type { Role } from "../permissions";

/** Entities and the role (besides admin) that may read their trail. */
export const ENTITIES = {
  memberState: [],
  organisation: [],
  user: [],
  contribution: ["finance"],
  budget: ["finance"],
  /** The exchange-rate register (id: "KZT 2022-03-01"). */
  exchangeRate: ["finance"],
  /** The close of a fiscal year (id: "2022"). */
  fiscalYear: ["finance"],
  post: ["hr"],
  secondment: ["hr"],
  /** The tour rules (id: "rules"). */
  tourRules: ["hr"],
  vacancy: ["hr"],
  /** Sign-in, failure, lockout, unlock, logout (id: the email); admin only. */
  auth: [],
  /** HR's standard-cost table (id: "expert P-4 2022-01-01"). */
  standardCost: ["hr"],
} as const satisfies Record<string, readonly Role[]>;
export type EntityName = keyof typeof ENTITIES;

/** Whether a user with these roles may read the trail of this kind of record. */
export function canReadTrail(roles: readonly Role[], entity: EntityName): boolean {
  const readers: readonly Role[] = ["admin", ...ENTITIES[entity]];
  return roles.some((r) => readers.includes(r));
}

/** Fields of the trail whose values are ids of other records, and the kind of record they name. */
export const REFERENCES: Readonly<Record<string, EntityName>> = {
  postId: "post",
  pledgeId: "contribution",
  vacancyId: "vacancy",
  secondmentId: "secondment",
  stateCode: "memberState",
  sendingState: "memberState",
};
