import { Entity } from "electrodb";
import { BY_ID, lazy, STAMPS, TABLE } from "../entity";

/**
 * An import of contributions from a spreadsheet: its file (kept in parts, ImportPartEntity), the
 * column mapping, the resolutions of its duplicates, and, once confirmed, its progress.
 */
export const ImportEntity = lazy(() => new Entity(
  {
    model: { entity: "import", version: "1", service: "tracker" },
    attributes: {
      id: { type: "string", required: true },
      filename: { type: "string", required: true },
      format: { type: ["csv", "xlsx"] as const, required: true },
      /** SHA-256 of the file's bytes: with a row's number, the key that makes a second import of the file write nothing. */
      fileHash: { type: "string", required: true },
      bytes: { type: "number", required: true },
      parts: { type: "number", required: true },
      /** SHA-256 of the normalised header row: the key of the remembered mapping. */
      layoutKey: { type: "string", required: true },
      /** Field → the header of its column; `defaults` give kind, status, purpose when no column holds them. */
      mapping: { type: "any" },
      /** Row number → { action: "skip" | "record", reason }. */
      resolutions: { type: "any" },
      /** The rows a confirmation fixed to be created, as ranges of row numbers ("2-10001,10003"): every batch updates this item, which stays small. */
      planned: { type: "string" },
      /** The same as a list of row numbers (imports confirmed before `planned`; read, no longer written). */
      plan: { type: "list", items: { type: "number" } },
      status: { type: ["draft", "running", "done"] as const, required: true },
      /** Rows to create when confirmed, rows written so far (created, or found written by an earlier run). */
      total: { type: "number" },
      done: { type: "number" },
      created: { type: "number" },
      confirmedAt: { type: "string" },
      confirmedBy: { type: "string" },
      finishedAt: { type: "string" },
      ...STAMPS,
    },
    indexes: { primary: BY_ID },
  },
  TABLE,
));

/** A part of an import's file (base64 of at most PART_BYTES bytes; an item holds at most 400 KB). */
export const ImportPartEntity = lazy(() => new Entity(
  {
    model: { entity: "importPart", version: "1", service: "tracker" },
    attributes: {
      importId: { type: "string", required: true },
      part: { type: "number", required: true },
      data: { type: "string", required: true },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["importId"] },
        sk: { field: "sk", composite: ["part"] },
      },
    },
  },
  TABLE,
));

/**
 * Rows of a file written to the ledger by one transaction: the file's hash and the batch's first
 * row, put in the same transaction as the batch's records (whose ids are made from the file hash
 * and the row, and put only if absent, so no file row is ever recorded twice).
 */
export const ImportBatchEntity = lazy(() => new Entity(
  {
    model: { entity: "importBatch", version: "1", service: "tracker" },
    attributes: {
      fileHash: { type: "string", required: true },
      first: { type: "number", required: true },
      rows: { type: "list", items: { type: "number" }, required: true },
      importId: { type: "string", required: true },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["fileHash"] },
        sk: { field: "sk", composite: ["first"] },
      },
    },
  },
  TABLE,
));

/** The mapping remembered for a layout of source file (the hash of its normalised header row). */
export const ImportLayoutEntity = lazy(() => new Entity(
  {
    model: { entity: "importLayout", version: "1", service: "tracker" },
    attributes: {
      layoutKey: { type: "string", required: true },
      header: { type: "list", items: { type: "string" }, required: true },
      mapping: { type: "any", required: true },
      ...STAMPS,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["layoutKey"] },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  TABLE,
));
