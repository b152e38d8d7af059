/** The shell: session check, header with navigation and language switch, and the page for the path. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Operation } from "@tracker/core/permissions";
import { useQueryClient } from "@tanstack/react-query";
import { api, ApiError, call, setUnauthorizedHandler, type User } from "./api";
import { useI18n, type Key } from "./i18n";
import { Home, homeOf } from "./landing";
import { BudgetPage } from "./pages/Budget";
import { ContributionPage, NewContributionPage } from "./pages/ContributionPage";
import { ContributionsPage } from "./pages/Contributions";
import { ForbiddenPage, NotFoundPage } from "./pages/NotFound";
import { SignInPage } from "./pages/SignIn";
import { OrganisationPage } from "./pages/Organisation";
import { NewStatePage, StatePage } from "./pages/StatePage";
import { StatesPage } from "./pages/States";
import { UsersPage } from "./pages/Users";
import { Link, match, navigate, usePath } from "./router";
import { SessionContext, sessionOf, type Session } from "./session";
import { useApiQuery } from "./query";
import { LoadError, Loading, RoleBadges } from "./ui";

/** The HR area (staff matrix, posts, secondments, vacancies, HR dashboard) loads on first visit. */
const HrRoutes = lazy(() => import("./pages/HrRoutes"));
const HR_PATH = /^\/(staff|secondments|vacancies)(\/|$)/;
/** The statements page (finance and admin only) loads on first visit too. */
const StatementsPage = lazy(() => import("./pages/statements").then((m) => ({ default: m.StatementsPage })));
const AuditPage = lazy(() => import("./pages/Audit").then((m) => ({ default: m.AuditPage })));

type AuthState =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "signedOut"; notice?: "sessionEnded" | "signedOut" }
  | { status: "signedIn"; user: User };

interface NavItem {
  key: Key;
  path: string;
  /** The operation the page opens with: the item is shown to those who may call it. */
  operation: Operation;
}

const NAV: NavItem[] = [
  { key: "nav.dashboard", path: "/", operation: "getContributionReport" },
  { key: "nav.contributions", path: "/contributions", operation: "listContributions" },
  { key: "nav.budget", path: "/budget", operation: "getBudget" },
  { key: "nav.staff", path: "/staff", operation: "listPosts" },
  { key: "nav.secondments", path: "/secondments", operation: "listSecondments" },
  { key: "nav.vacancies", path: "/vacancies", operation: "listVacancies" },
  { key: "nav.hrDashboard", path: "/staff/report", operation: "getStaffingReport" },
  { key: "nav.statements", path: "/statements", operation: "listStatementRuns" },
  { key: "nav.states", path: "/states", operation: "listStates" },
  { key: "nav.users", path: "/users", operation: "listUsers" },
  { key: "nav.audit", path: "/audit", operation: "listAuditChanges" },
  { key: "nav.organisation", path: "/organisation", operation: "updateOrganisation" },
];

/** The nav item for a path: the longest item path it is under ("/staff/report" rather than "/staff"). */
function isActive(item: NavItem, path: string): boolean {
  const under = (p: string) => (p === "/" ? path === "/" : path === p || path.startsWith(`${p}/`));
  return under(item.path) && !NAV.some((o) => o.path.length > item.path.length && o.path.startsWith(`${item.path}/`) && under(o.path));
}

function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  const other = lang === "en" ? "ru" : "en";
  return (
    <button type="button" className="lang-switch" lang={other} title={t("lang.otherTitle")} onClick={() => setLang(other)} data-testid="lang-switch">
      {t("lang.other")}
    </button>
  );
}

function Page({ path, session }: { path: string; session: Session }) {
  const clean = path.replace(/\/+$/, "") || "/";
  if (HR_PATH.test(clean))
    return (
      <Suspense fallback={<Loading />}>
        <HrRoutes path={clean} />
      </Suspense>
    );
  if (clean === "/statements")
    return session.can("listStatementRuns") ? (
      <Suspense fallback={<Loading />}>
        <StatementsPage />
      </Suspense>
    ) : (
      <ForbiddenPage />
    );
  if (clean === "/audit") return session.can("listAuditChanges") ? <Suspense fallback={<Loading />}><AuditPage /></Suspense> : <ForbiddenPage />;
  if (clean === "/") return <Home session={session} />;
  if (clean === "/contributions") return <ContributionsPage />;
  if (clean === "/contributions/new") return session.can("createContribution") ? <NewContributionPage /> : <ForbiddenPage />;
  const contribution = match("/contributions/:id", clean);
  if (contribution) return <ContributionPage key={contribution.id} id={contribution.id!} />;
  if (clean === "/budget") return <BudgetPage />;
  if (clean === "/states") return <StatesPage />;
  if (clean === "/states/new") return session.can("createState") ? <NewStatePage /> : <ForbiddenPage />;
  const state = match("/states/:code", clean);
  if (state) return <StatePage key={state.code} code={state.code!.toUpperCase()} />;
  if (clean === "/organisation") return session.can("updateOrganisation") ? <OrganisationPage /> : <ForbiddenPage />;
  if (clean === "/users") return session.can("listUsers") ? <UsersPage /> : <ForbiddenPage />;
  const user = match("/users/:email", clean);
  if (user) return session.can("listUsers") ? <UsersPage email={user.email} /> : <ForbiddenPage />;
  return <NotFoundPage />;
}

export function App() {
  const { t, lang } = useI18n();
  const path = usePath();
  const [auth, setAuth] = useState<AuthState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const queries = useQueryClient();

  useEffect(() => {
    let live = true;
    call(api.auth.me.$get(), { quiet401: true }).then(
      ({ user }) => live && setAuth({ status: "signedIn", user }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) setAuth({ status: "signedOut" });
        else setAuth({ status: "error", error });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  // Any 401 later (session expired, ended elsewhere, password reset): back to the sign-in page.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      queries.clear();
      setAuth((a) => (a.status === "signedIn" ? { status: "signedOut", notice: "sessionEnded" } : a));
    });
    return () => setUnauthorizedHandler(undefined);
  }, [queries]);

  const signOut = useCallback(async () => {
    try {
      await call(api.auth.logout.$post(), { quiet401: true });
    } catch {
      /* the session is gone either way on this side */
    }
    // Nothing read for this user is shown to the next one.
    queries.clear();
    setAuth({ status: "signedOut", notice: "signedOut" });
    navigate("/", { replace: true });
  }, [queries]);

  const session = useMemo(() => (auth.status === "signedIn" ? sessionOf(auth.user) : null), [auth]);
  // The organisation's names come from its profile, never from the code (read once signed in).
  const organisation = useApiQuery(["organisation"], () => call(api.organisation.$get()), { enabled: session !== null }).data;

  let body: ReactNode;
  if (auth.status === "loading") body = <Loading />;
  else if (auth.status === "error")
    body = (
      <div className="page">
        <LoadError error={auth.error} retry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  else if (auth.status === "signedOut")
    body = <SignInPage notice={auth.notice} onSignedIn={(user) => setAuth({ status: "signedIn", user })} />;
  else body = session ? <Page path={path} session={session} /> : null;

  return (
    <SessionContext.Provider value={session}>
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header className="app-header">
        <div className="header-bar">
          <Link to="/" className="brand" data-testid="brand">
            <span className="brand-mark" aria-hidden="true">
              {organisation ? organisation.abbreviation[lang].slice(0, 1) : "·"}
            </span>
            <span className="brand-name">{organisation ? t("app.nameOf", { organisation: organisation.abbreviation[lang] }) : t("app.name")}</span>
          </Link>
          <div className="header-tools">
            {session && (
              <div className="who">
                <span className="who-name" data-testid="user-name">
                  {session.user.name}
                </span>
                <span className="who-roles" data-testid="user-roles" aria-label={t("header.roles")}>
                  <RoleBadges roles={session.user.roles} />
                </span>
              </div>
            )}
            <LangSwitch />
            {session && (
              <button type="button" className="button button--ghost" onClick={() => void signOut()} data-testid="sign-out">
                {t("header.signOut")}
              </button>
            )}
          </div>
        </div>
        {session && (
          <nav className="app-nav" aria-label={t("nav.label")} data-testid="nav">
            <ul>
              {/* The finance dashboard is "/": shown to those whose home it is (landing.tsx). */}
              {NAV.filter((item) => session.can(item.operation) && (item.path !== "/" || homeOf(session.user.roles) === "/")).map((item) => {
                const active = isActive(item, path);
                return (
                  <li key={item.path}>
                    <Link to={item.path} aria-current={active ? "page" : undefined} data-testid={`nav-${item.path.slice(1) || "dashboard"}`}>
                      {t(item.key)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {body}
      </main>
      <footer className="app-footer">{organisation ? `${organisation.name[lang]} · ${organisation.city[lang]}` : t("app.name")}</footer>
    </SessionContext.Provider>
  );
}
