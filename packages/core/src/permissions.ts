/**
 * The one permission table: each operation of the API, by its operationId, and who may call it.
 * Zod-free and dependency-free, so the web imports it too (`can()` in the interface reads the same
 * table that the core asserts, the route middleware checks before validation, and the OpenAPI
 * document publishes as `x-roles`).
 *
 * Two kinds of user: the Secretariat's staff (admin, finance, hr, viewer: they see every state) and a
 * member state's focal point (the `state` role, bound to one state: it sees that state only, read-only).
 *
 * - "public": anyone, no session;
 * - "signedIn": any signed-in staff user, whatever the role (not a `state` user);
 * - "scoped": any signed-in user, a `state` user too, with its scope applied in core: lists hold its
 *   state's records only, and another state's record answers 404;
 * - a list of roles: a user holding one of them; "state" in the list admits a `state` user, scoped
 *   as above. The system actor (seed, schedule) always may.
 */
export const STAFF_ROLES = ["admin", "finance", "hr", "viewer"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Every role; `state` is never combined with a staff role (the users module refuses it). */
export const ROLES = [...STAFF_ROLES, "state"] as const;
export type Role = (typeof ROLES)[number];

export type Access = "public" | "signedIn" | "scoped" | readonly Role[];

export const PERMISSIONS = {
  // Health and session
  getHealth: "public",
  login: "public",
  logout: "scoped",
  getMe: "scoped",
  getOpenApi: "public",
  getApiDocs: "public",
  getApiDocsStylesheet: "public",

  // Users
  listUsers: ["admin"],
  createUser: ["admin"],
  updateUser: ["admin"],
  unlockUser: ["admin"],
  exportUsers: ["admin"],

  // Member states
  listStates: "scoped",
  getState: "scoped",
  /** The state's whole picture; each part (money, people, statements) only for whoever may read it. */
  getStatePicture: "scoped",
  createState: ["admin"],
  replaceState: ["admin"],

  // The organisation's profile (names, city, references, signature, bank details, finance contact)
  getOrganisation: "signedIn",
  updateOrganisation: ["admin"],

  // Contributions, budgets, reports
  listContributions: "scoped",
  getContribution: "scoped",
  createContribution: ["finance"],
  updateContribution: ["finance"],
  voidContribution: ["finance"],
  closeContribution: ["finance"],
  /** Instalments of pledges due before today and not settled. */
  listOverdueInstalments: "signedIn",
  exportContributionsCsv: "signedIn",
  exportContributions: "signedIn",
  getBudget: "signedIn",
  listBudgetVersions: "signedIn",
  putBudget: ["finance"],
  getContributionReport: "signedIn",
  exportContributionReportCsv: "signedIn",
  /** The year report as CSV or XLSX, in English or Russian. */
  exportContributionReport: "signedIn",
  getStateHistory: "scoped",
  /** The management part of the Secretary General's report for a year, drafted from the records (JSON, DOCX or PDF). */
  getReportDraft: ["finance", "hr", "admin"],
  listFiscalYears: "signedIn",
  /** Year-end close: finance closes provisionally or finally; an admin reopens a provisional close. */
  getYearClose: "signedIn",
  closeFiscalYear: ["finance"],
  reopenFiscalYear: ["admin"],

  // The exchange-rate register
  listExchangeRates: "signedIn",
  getRateInForce: "signedIn",
  putExchangeRate: ["finance"],
  importExchangeRates: ["finance"],

  // Imports of contributions from spreadsheets (CSV, XLSX)
  uploadImport: ["finance"],
  getImport: ["finance"],
  getImportProgress: ["finance"],
  setImportMapping: ["finance"],
  resolveImportDuplicates: ["finance"],
  confirmImport: ["finance"],
  getImportErrors: ["finance"],

  // Statements (a `state` user: its own state's, for periods that have ended)
  previewStatement: ["finance", "admin", "state"],
  previewStatementHtml: ["finance", "admin", "state"],
  runStatements: ["finance", "admin"],
  listStatementRuns: ["finance", "admin"],
  listStatementDeliveries: ["finance", "admin"],
  previewStatementPdf: ["finance", "admin", "state"],
  listAffectedStatements: ["finance", "admin"],
  sendStatementRevision: ["finance", "admin"],

  // Staff matrix, secondments, vacancies
  listPosts: "signedIn",
  getPost: "signedIn",
  createPost: ["hr"],
  updatePost: ["hr"],
  renamePost: ["hr"],
  exportPostsCsv: "signedIn",
  exportPosts: "signedIn",
  listSecondments: "scoped",
  getSecondment: "scoped",
  createSecondment: ["hr"],
  extendSecondment: ["hr"],
  endSecondment: ["hr"],
  exportSecondments: "signedIn",
  /** The tour rules: the longest tour by category or grade, and the longest service in all. */
  getTourRules: "signedIn",
  updateTourRules: ["hr"],
  listVacancies: "signedIn",
  getVacancy: "signedIn",
  createVacancy: ["hr"],
  updateVacancy: ["hr"],
  recommendCandidate: ["hr"],
  updateRecommendation: ["hr"],
  fillVacancy: ["hr"],
  exportVacancies: "signedIn",
  listRecommendations: "scoped",
  getStaffingReport: "signedIn",
  exportStaffingReportCsv: "signedIn",
  /** The staffing report as CSV or XLSX, in English or Russian. */
  exportStaffingReport: "signedIn",

  // The standard-cost table, what secondments are worth, money and people side by side
  listStandardCosts: "signedIn",
  putStandardCost: ["hr"],
  getSecondmentValue: "signedIn",
  setSecondmentCostBearers: ["hr"],
  getMoneyPeopleReport: "signedIn",
  /** The money-and-people report as CSV or XLSX, in English or Russian. */
  exportMoneyPeopleReport: "signedIn",

  // Audit: admin; finance and hr for the kinds of record they keep (checked per entity in core)
  listAudit: ["admin", "finance", "hr"],
  /** What changed across kinds of record (or in one), by user and date, one row per change. */
  listAuditChanges: ["admin", "finance", "hr"],
  /** The same rows, with the page's filters and search, as CSV or XLSX. */
  exportAuditChanges: ["admin", "finance", "hr"],
} as const satisfies Record<string, Access>;

export type Operation = keyof typeof PERMISSIONS;

/** Whether the roles are a staff user's (any role but `state`). */
export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((r) => r !== "state");
}

/** Whether a signed-in user with these roles may call the operation (a `state` user: within its scope). */
export function can(roles: readonly Role[], operation: Operation): boolean {
  const a: Access = PERMISSIONS[operation];
  if (a === "public" || a === "scoped") return true;
  if (a === "signedIn") return isStaff(roles);
  return roles.some((r) => a.includes(r));
}

/** The roles an operation admits: every role for "scoped", the staff roles for "signedIn", none named for "public". */
export function rolesOf(operation: Operation): readonly Role[] {
  const a: Access = PERMISSIONS[operation];
  if (a === "scoped") return ROLES;
  if (a === "signedIn") return STAFF_ROLES;
  return typeof a === "string" ? [] : a;
}
