/**
 * Where "/" takes each user: their own dashboard, decided here only, from the permission table.
 * Finance (and a viewer) land on the year at a glance, HR on the HR dashboard, an admin without
 * either on the users, a member state's user on its state's picture.
 */
import { can, type Role } from "@tracker/core/permissions";
import { useLayoutEffect } from "react";
import { DashboardPage } from "./pages/Dashboard";
import { navigate } from "./router";
import type { Session } from "./session";

export function homeOf(roles: readonly Role[], scope?: string): string {
  if (scope) return `/states/${scope}`;
  if (can(roles, "createContribution")) return "/";
  if (can(roles, "createPost")) return "/staff/report";
  if (can(roles, "createUser")) return "/users";
  return "/";
}

/** "/": the finance dashboard, or the way to the user's own. */
export function Home({ session }: { session: Session }) {
  const home = homeOf(session.user.roles, session.scope);
  useLayoutEffect(() => {
    if (home !== "/") navigate(`${home}${window.location.search}`, { replace: true });
  }, [home]);
  return home === "/" ? <DashboardPage /> : null;
}
