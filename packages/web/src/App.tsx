/** The shell: session check, header with navigation and language switch, and the page for the path. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
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
import { TourRulesPage } from "./pages/TourRules";
import { NewStatePage, StatePage } from "./pages/StatePage";
import { StatesPage } from "./pages/States";
import { UsersPage } from "./pages/Users";
import { Link, match, navigate, usePath } from "./router";
import { SessionContext, sessionOf, type Session } from "./session";
import { useApiQuery } from "./query";
import { LoadError, Loading, RoleBadges } from "./ui";

/** The HR area (staff matrix, posts, secondments, vacancies, HR dashboard) loads on first visit. */
const HrRoutes = lazy(() => import("./pages/HrRoutes"));
/** The statements page (finance and admin only) loads on first visit too. */
const StatementsPage = lazy(() => import("./pages/statements").then((m) => ({ default: m.StatementsPage })));
const AuditPage = lazy(() => import("./pages/Audit").then((m) => ({ default: m.AuditPage })));
/** The exchange-rate register loads on first visit. */
const RatesPage = lazy(() => import("./pages/Rates").then((m) => ({ default: m.RatesPage })));
/** The import of contributions from spreadsheets (finance) loads on first visit. */
const MoneyPeoplePage = lazy(() => import("./pages/MoneyPeople").then((m) => ({ default: m.MoneyPeoplePage })));
const StandardCostsPage = lazy(() => import("./pages/StandardCosts").then((m) => ({ default: m.StandardCostsPage })));
const ImportPage = lazy(() => import("./pages/Import").then((m) => ({ default: m.ImportPage })));

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
  { key: "nav.rates", path: "/rates", operation: "listExchangeRates" },
  { key: "nav.import", path: "/import", operation: "uploadImport" },
  { key: "nav.staff", path: "/staff", operation: "listPosts" },
  { key: "nav.secondments", path: "/secondments", operation: "listSecondments" },
  { key: "nav.vacancies", path: "/vacancies", operation: "listVacancies" },
  { key: "nav.hrDashboard", path: "/staff/report", operation: "getStaffingReport" },
  { key: "nav.standardCosts", path: "/standard-costs", operation: "putStandardCost" },
  { key: "nav.moneyPeople", path: "/reports/money-people", operation: "getMoneyPeopleReport" },
  { key: "nav.statements", path: "/statements", operation: "listStatementRuns" },
  { key: "nav.states", path: "/states", operation: "listStates" },
  { key: "nav.users", path: "/users", operation: "listUsers" },
  { key: "nav.audit", path: "/audit", operation: "listAuditChanges" },
  { key: "nav.organisation", path: "/organisation", operation: "updateOrganisation" },
  { key: "nav.tourRules", path: "/tour-rules", operation: "updateTourRules" },
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

/**
 * The pages by path, each with the name its title gives and, where the page needs more than a
 * signed-in user, the operation it opens with. The HR area and the statements load on first visit.
 */
interface Route {
  path: string;
  title: Key;
  need?: Operation;
  render: (params: Record<string, string>, path: string, session: Session) => ReactNode;
}

const hr = (_: Record<string, string>, path: string) => (
  <Suspense fallback={<Loading />}>
    <HrRoutes path={path} />
  </Suspense>
);

const ROUTES: Route[] = [
  { path: "/", title: "nav.dashboard", render: (_, __, session) => <Home session={session} /> },
  { path: "/contributions", title: "nav.contributions", render: () => <ContributionsPage /> },
  { path: "/contributions/new", title: "contributionForm.newTitle", need: "createContribution", render: () => <NewContributionPage /> },
  { path: "/contributions/:id", title: "page.contribution", render: (p) => <ContributionPage key={p.id} id={p.id!} /> },
  { path: "/budget", title: "nav.budget", render: () => <BudgetPage /> },
  {
    path: "/rates",
    title: "nav.rates",
    render: () => (
      <Suspense fallback={<Loading />}>
        <RatesPage />
      </Suspense>
    ),
  },
  {
    path: "/import",
    title: "nav.import",
    need: "uploadImport",
    render: () => (
      <Suspense fallback={<Loading />}>
        <ImportPage />
      </Suspense>
    ),
  },
  { path: "/staff", title: "nav.staff", render: hr },
  { path: "/staff/report", title: "nav.hrDashboard", render: hr },
  { path: "/staff/:id", title: "page.post", render: hr },
  { path: "/secondments", title: "nav.secondments", render: hr },
  { path: "/secondments/:id", title: "page.secondment", render: hr },
  { path: "/vacancies", title: "nav.vacancies", render: hr },
  { path: "/vacancies/:id", title: "page.vacancy", render: hr },
  {
    path: "/standard-costs",
    title: "nav.standardCosts",
    render: () => (
      <Suspense fallback={<Loading />}>
        <StandardCostsPage />
      </Suspense>
    ),
  },
  {
    path: "/reports/money-people",
    title: "nav.moneyPeople",
    render: () => (
      <Suspense fallback={<Loading />}>
        <MoneyPeoplePage />
      </Suspense>
    ),
  },
  {
    path: "/statements",
    title: "nav.statements",
    need: "listStatementRuns",
    render: () => (
      <Suspense fallback={<Loading />}>
        <StatementsPage />
      </Suspense>
    ),
  },
  {
    path: "/audit",
    title: "nav.audit",
    need: "listAuditChanges",
    render: () => (
      <Suspense fallback={<Loading />}>
        <AuditPage />
      </Suspense>
    ),
  },
  { path: "/states", title: "nav.states", render: () => <StatesPage /> },
  { path: "/states/new", title: "stateForm.newTitle", need: "createState", render: () => <NewStatePage /> },
  { path: "/states/:code", title: "page.state", render: (p) => <StatePage key={p.code} code={p.code!.toUpperCase()} /> },
  { path: "/organisation", title: "nav.organisation", need: "updateOrganisation", render: () => <OrganisationPage /> },
  { path: "/tour-rules", title: "nav.tourRules", need: "updateTourRules", render: () => <TourRulesPage /> },
  { path: "/users", title: "nav.users", need: "listUsers", render: () => <UsersPage /> },
  { path: "/users/:email", title: "page.user", need: "listUsers", render: (p) => <UsersPage email={p.email} /> },
];

/** The pages a member state's user opens: its state's picture (home leads there); the API scopes what it reads. */
const SCOPED_PAGES = ["/", "/states/:code"];

/** The route of a path, its parameters, and whether the user may see it (undefined: no such page). */
function routeOf(path: string, session: Session) {
  const clean = path.replace(/\/+$/, "") || "/";
  for (const route of ROUTES) {
    const params = match(route.path, clean);
    const scoped = !session.scope || SCOPED_PAGES.includes(route.path);
    if (params) return { route, params, clean, allowed: scoped && (!route.need || session.can(route.need)) };
  }
  return undefined;
}

function Page({ path, session }: { path: string; session: Session }) {
  const found = routeOf(path, session);
  if (!found) return <NotFoundPage />;
  if (!found.allowed) return <ForbiddenPage />;
  return found.route.render(found.params, found.clean, session);
}

/** The page's name for its title: the route's, or what is shown instead (sign-in, not found, not available). */
function pageTitle(path: string, auth: AuthState, session: Session | null): Key {
  if (auth.status === "signedOut") return "signin.title";
  if (!session) return "app.name";
  const found = routeOf(path, session);
  return !found ? "notFound.title" : !found.allowed ? "forbidden.title" : found.route.title;
}

/**
 * After a move to another page (and after signing in or out), focus goes to the new page's
 * heading once it is shown, unless the user has meanwhile put it somewhere in the page. The first
 * page of a visit keeps the browser's own start.
 */
function useFocusHeadingOnNavigation(key: string | null) {
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = key;
    if (key === null || before === null || before === key) return;
    const main = document.getElementById("main");
    if (!main) return;
    const from = document.activeElement;
    const untouched = () => {
      const now = document.activeElement;
      return !now || now === document.body || now === main || now === from || !main.contains(now);
    };
    // The heading is focused once shown, and again if the page puts a new one in its place while its data arrives.
    let focused: HTMLElement | null = null;
    const focus = () => {
      const heading = main.querySelector("h1");
      if (!heading || heading === focused || (focused?.isConnected && document.activeElement !== document.body)) return;
      if (!untouched()) return stop();
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      focused = heading;
    };
    const observer = new MutationObserver(focus);
    const timer = window.setTimeout(() => stop(), 5_000);
    const stop = () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
    observer.observe(main, { childList: true, subtree: true });
    focus();
    return stop;
  }, [key]);
}

/** The menu's open state on a narrow screen: closed by default, on every move to another page and on Escape. */
function useMenu(path: string) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return { open, toggle: () => setOpen((o) => !o), button };
}

export function App() {
  const { t, lang } = useI18n();
  const path = usePath();
  const [auth, setAuth] = useState<AuthState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const queries = useQueryClient();

  const signedIn = useCallback(
    (user: User) => {
      queries.setQueryData(["me"], user);
      setAuth({ status: "signedIn", user });
    },
    [queries],
  );

  useEffect(() => {
    let live = true;
    call(api.auth.me.$get(), { quiet401: true }).then(
      ({ user }) => live && signedIn(user),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) setAuth({ status: "signedOut" });
        else setAuth({ status: "error", error });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt, signedIn]);

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

  // The signed-in user is read again after every write (every write invalidates all queries), so a
  // change of one's own roles shows in the header and the navigation at once.
  const me = useApiQuery(["me"], () => call(api.auth.me.$get()).then((r) => r.user), { enabled: auth.status === "signedIn" }).data;
  const user = auth.status === "signedIn" ? (me ?? auth.user) : undefined;
  const session = useMemo(() => (user ? sessionOf(user) : null), [user]);
  // The organisation's names come from its profile, never from the code (read once signed in).
  const organisation = useApiQuery(["organisation"], () => call(api.organisation.$get()), { enabled: session !== null }).data;

  // Each page has a title of its own, in the interface language: the page, then the organisation.
  const titleKey = pageTitle(path, auth, session);
  useEffect(() => {
    if (auth.status === "loading") return;
    document.title =
      titleKey === "app.name"
        ? t("app.name")
        : t("page.title", { page: t(titleKey), organisation: organisation ? organisation.abbreviation[lang] : t("app.name") });
  }, [titleKey, organisation, lang, t, auth.status]);
  useFocusHeadingOnNavigation(auth.status === "loading" || auth.status === "error" ? null : `${auth.status} ${path}`);
  const menu = useMenu(path);

  let body: ReactNode;
  if (auth.status === "loading") body = <Loading />;
  else if (auth.status === "error")
    body = (
      <div className="page">
        <LoadError error={auth.error} retry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  else if (auth.status === "signedOut")
    body = <SignInPage notice={auth.notice} onSignedIn={signedIn} />;
  else body = session ? <Page path={path} session={session} /> : null;

  return (
    <SessionContext.Provider value={session}>
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header className={`app-header${session ? " app-header--menu" : ""}${menu.open ? " is-open" : ""}`} data-testid="app-header">
        <div className="header-bar">
          <Link to="/" className="brand" data-testid="brand">
            <span className="brand-mark" aria-hidden="true">
              {organisation ? organisation.abbreviation[lang].slice(0, 1) : "·"}
            </span>
            <span className="brand-name">{organisation ? t("app.nameOf", { organisation: organisation.abbreviation[lang] }) : t("app.name")}</span>
          </Link>
          {session && (
            <button
              type="button"
              ref={menu.button}
              className="menu-toggle"
              aria-expanded={menu.open}
              aria-controls="header-tools app-nav"
              onClick={menu.toggle}
              data-testid="menu-toggle"
            >
              <span className="menu-icon" aria-hidden="true" />
              {t("header.menu")}
            </button>
          )}
          <div className="header-tools" id="header-tools">
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
          <nav className="app-nav" id="app-nav" aria-label={t("nav.label")} data-testid="nav">
            <ul>
              {/* The finance dashboard is "/": shown to those whose home it is (landing.tsx). */}
              {(session.scope
                ? // A member state's user: its picture only.
                  [{ key: "nav.myState" as const, path: homeOf(session.user.roles, session.scope), operation: "getStatePicture" as const }]
                : NAV.filter((item) => session.can(item.operation) && (item.path !== "/" || homeOf(session.user.roles) === "/"))
              ).map((item) => {
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
