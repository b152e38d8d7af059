import { YearClose } from "@tracker/core/close/index";
import { Hono } from "hono";
import * as z from "zod";
import { op } from "../op";
import { v } from "../validate";

export const YearParam = z.object({ year: YearClose.Year });
export const CloseBody = YearClose.CloseInput.omit({ year: true });
export const ReopenBody = YearClose.ReopenInput.omit({ year: true });

/** The close of a fiscal year: its status, closing it (provisionally or finally), reopening a provisional close. */
export const closes = new Hono()
  .get(
    "/:year/close",
    op("getYearClose", { summary: "A fiscal year's close: open, provisional or final, with who and when", response: YearClose.Info }),
    v("param", YearParam),
    async (c) => c.json(await YearClose.get(c.req.valid("param")), 200),
  )
  .post(
    "/:year/close",
    op("closeFiscalYear", {
      summary: "Close a fiscal year provisionally or finally: writes dated in it are then refused (409 close.year_closed)",
      description: "A provisional close may become final; a final close never reopens (409 close.final).",
      response: YearClose.Info,
      errors: [409],
    }),
    v("param", YearParam),
    v("json", CloseBody),
    async (c) => c.json(await YearClose.close({ ...c.req.valid("json"), year: c.req.valid("param").year }), 200),
  )
  .post(
    "/:year/reopen",
    op("reopenFiscalYear", {
      summary: "Reopen a provisional close, with a reason (audited); a final close never reopens",
      response: YearClose.Info,
      errors: [409],
    }),
    v("param", YearParam),
    v("json", ReopenBody),
    async (c) => c.json(await YearClose.reopen({ ...c.req.valid("json"), year: c.req.valid("param").year }), 200),
  );
