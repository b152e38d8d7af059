/** The signed-in user, shared with every page, and what the user may do (the one permission table of core). */
import { canReadTrail, type EntityName } from "@tracker/core/audit/readers";
import { can, isStaff, type Operation } from "@tracker/core/permissions";
import { createContext, useContext } from "react";
import type { User } from "./api";

export interface Session {
  user: User;
  /** Whether the user may call this API operation: buttons, links and pages are shown by it. */
  can: (operation: Operation) => boolean;
  /** Whether the user may read the change history of this kind of record. */
  canReadTrail: (entity: EntityName) => boolean;
  /** A member state's user: the code of the one state it sees (its picture is all it reads); undefined for staff. */
  scope?: string;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in page");
  return session;
}

export function sessionOf(user: User): Session {
  const scope = isStaff(user.roles) ? undefined : (user.stateCode ?? "-");
  return { user, can: (operation) => can(user.roles, operation), canReadTrail: (entity) => canReadTrail(user.roles, entity), ...(scope ? { scope } : {}) };
}
