/**
 * The one permission table: each operation of the API, by its operationId, and who may call it.
 * Zod-free and dependency-free, so the web imports it too (`can()` in the interface reads the same
 * table that the core asserts, the route middleware checks before validation, and the OpenAPI
 * document publishes as `x-roles`).
 *
 * - "public": anyone, no session;
 * - "signedIn": any signed-in user, whatever the role;
 * - a list of roles: a user holding one of them. The system actor (seed, schedule) always may.
 */
export const ROLES = ["admin", "finance", "hr", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export type Access = "public" | "signedIn" | readonly Role[];

export const PERMISSIONS = {
  // Health and session
  getHealth: "public",
  login: "public",
  logout: "signedIn",
  getMe: "signedIn",
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
  listStates: "signedIn",
  getState: "signedIn",
  /** The state's whole picture; each part (money, people, statements) only for whoever may read it. */
  getStatePicture: "signedIn",
  createState: ["admin"],
  replaceState: ["admin"],

  // The organisation's profile (names, city, references, signature, bank details, finance contact)
  getOrganisation: "signedIn",
  updateOrganisation: ["admin"],

  // Contributions, budgets, reports
  listContributions: "signedIn",
  getContribution: "signedIn",
  createContribution: ["finance"],
  updateContribution: ["finance"],
  voidContribution: ["finance"],
  closeContribution: ["finance"],
  exportContributionsCsv: "signedIn",
  exportContributions: "signedIn",
  getBudget: "signedIn",
  listBudgetVersions: "signedIn",
  putBudget: ["finance"],
  getContributionReport: "signedIn",
  exportContributionReportCsv: "signedIn",
  /** The year report as CSV or XLSX, in English or Russian. */
  exportContributionReport: "signedIn",
  getStateHistory: "signedIn",
  /** The management part of the Secretary General's report for a year, drafted from the records (JSON, DOCX or PDF). */
  getReportDraft: ["finance", "hr", "admin"],
  listFiscalYears: "signedIn",

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

  // Statements
  previewStatement: ["finance", "admin"],
  previewStatementHtml: ["finance", "admin"],
  runStatements: ["finance", "admin"],
  listStatementRuns: ["finance", "admin"],
  listStatementDeliveries: ["finance", "admin"],
  previewStatementPdf: ["finance", "admin"],
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
  listSecondments: "signedIn",
  getSecondment: "signedIn",
  createSecondment: ["hr"],
  extendSecondment: ["hr"],
  endSecondment: ["hr"],
  exportSecondments: "signedIn",
  listVacancies: "signedIn",
  getVacancy: "signedIn",
  createVacancy: ["hr"],
  updateVacancy: ["hr"],
  recommendCandidate: ["hr"],
  updateRecommendation: ["hr"],
  fillVacancy: ["hr"],
  exportVacancies: "signedIn",
  listRecommendations: "signedIn",
  getStaffingReport: "signedIn",
  exportStaffingReportCsv: "signedIn",
  /** The staffing report as CSV or XLSX, in English or Russian. */
  exportStaffingReport: "signedIn",

  // Audit: admin; finance and hr for the kinds of record they keep (checked per entity in core)
  listAudit: ["admin", "finance", "hr"],
  /** What changed across kinds of record (or in one), by user and date, one row per change. */
  listAuditChanges: ["admin", "finance", "hr"],
  /** The same rows, with the page's filters and search, as CSV or XLSX. */
  exportAuditChanges: ["admin", "finance", "hr"],
} as const satisfies Record<string, Access>;

export type Operation = keyof typeof PERMISSIONS;

/** Whether a signed-in user with these roles may call the operation. */
export function can(roles: readonly Role[], operation: Operation): boolean {
  const a: Access = PERMISSIONS[operation];
  if (a === "public" || a === "signedIn") return true;
  return roles.some((r) => a.includes(r));
}

/** The roles an operation names (empty for "public" and "signedIn"). */
export function rolesOf(operation: Operation): readonly Role[] {
  const a: Access = PERMISSIONS[operation];
  return typeof a === "string" ? [] : a;
}
