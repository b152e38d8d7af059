import * as Actor from "@tracker/core/actor";
import { Import } from "@tracker/core/import/index";
import { Hono } from "hono";
import * as z from "zod";
import type { ImportRunEvent } from "../import-worker";
import { op } from "../op";
import { v } from "../validate";

/**
 * On AWS (IMPORTS_FUNCTION_NAME set) a confirmed import is written by the import worker
 * (import-worker.ts): an asynchronous invoke with the import's id and who confirmed it, sent before
 * the confirmation is answered. Locally (no function name) the writing runs in this process.
 */
const workerName = process.env.IMPORTS_FUNCTION_NAME;
let lambda: import("@aws-sdk/client-lambda").LambdaClient | undefined;
if (workerName)
  Import.setRunner(async (importId) => {
    const event: ImportRunEvent = { kind: "import.run", importId, actor: Actor.use() };
    const { InvokeCommand, LambdaClient } = await import("@aws-sdk/client-lambda");
    lambda ??= new LambdaClient({});
    await lambda.send(new InvokeCommand({ FunctionName: workerName, InvocationType: "Event", Payload: Buffer.from(JSON.stringify(event)) }));
  });

const Id = z.object({ id: z.string().max(100) });
const PageQuery = Import.PageInput.omit({ id: true });

/** Mounted at /api/imports. The upload's body may be larger than other requests' (app.ts, IMPORT_BODY_BYTES). */
export const imports = new Hono()
  .post(
    "/",
    op("uploadImport", {
      summary: "Upload a spreadsheet of contributions (CSV or XLSX, base64): answers its preview; writes no contribution",
      description:
        "The product's own contributions export (English or Russian headers) maps itself, and so does a layout mapped before (by its header row). " +
        "The preview names every row's errors (row, column, code and params), the duplicates to resolve, the rows to be created and their totals per currency and in USD.",
      response: Import.Info,
      status: 201,
    }),
    v("json", Import.UploadInput),
    async (c) => c.json(await Import.upload(c.req.valid("json")), 201),
  )
  .get(
    "/:id",
    op("getImport", { summary: "An import's preview (rows to create from ?offset, at most ?limit) or, once confirmed, its result", response: Import.Info }),
    v("param", Id),
    v("query", PageQuery),
    async (c) => c.json(await Import.get({ ...c.req.valid("query"), id: c.req.valid("param").id }), 200),
  )
  .get(
    "/:id/progress",
    op("getImportProgress", { summary: "How far a confirmed import has got: rows written of the rows to write", response: Import.Progress }),
    v("param", Id),
    async (c) => c.json(await Import.progress(c.req.valid("param")), 200),
  )
  .put(
    "/:id/mapping",
    op("setImportMapping", {
      summary: "Map the file's columns to the fields (remembered for the file's layout); answers the preview",
      response: Import.Info,
      errors: [409],
    }),
    v("param", Id),
    v("json", Import.Mapping),
    async (c) => c.json(await Import.setMapping({ ...c.req.valid("json"), id: c.req.valid("param").id }), 200),
  )
  .post(
    "/:id/resolutions",
    op("resolveImportDuplicates", {
      summary: "Resolve duplicate rows: skip them, or record them anyway with a reason; answers the preview",
      response: Import.Info,
      errors: [409],
    }),
    v("param", Id),
    v("json", Import.ResolveInput.omit({ id: true })),
    async (c) => c.json(await Import.resolve({ ...c.req.valid("json"), id: c.req.valid("param").id }), 200),
  )
  .post(
    "/:id/confirm",
    op("confirmImport", {
      summary: "Confirm an import: its rows are written in the background (follow /progress); confirming a running import resumes it",
      description: "409 import.unresolved_duplicates names the rows whose duplicates are not resolved; nothing is written then.",
      response: Import.Progress,
      status: 200,
      errors: [409],
    }),
    v("param", Id),
    async (c) => c.json(await Import.confirm(c.req.valid("param")), 200),
  )
  .get(
    "/:id/errors.csv",
    op("getImportErrors", { summary: "The rows in error, with their errors, as CSV to fix and upload again", produces: "text/csv" }),
    v("param", Id),
    async (c) => {
      const f = await Import.errorsCsv(c.req.valid("param"));
      return new Response(f.body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${f.filename.replace(/["\\\r\n]/g, "_")}"` } });
    },
  );
