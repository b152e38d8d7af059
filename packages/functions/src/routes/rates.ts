import { ExchangeRate } from "@tracker/core/rate/index";
import { Hono } from "hono";
import * as z from "zod";
import { op } from "../op";
import { v } from "../validate";
import { Page } from "./page";

export const KeyParam = z.object({ currency: ExchangeRate.PutInput.shape.currency, date: ExchangeRate.PutInput.shape.effectiveDate });
export const PutBody = ExchangeRate.PutInput.omit({ currency: true, effectiveDate: true });

export const rates = new Hono()
  .get(
    "/",
    op("listExchangeRates", { summary: "The exchange-rate register, newest effective date first (one currency's with ?currency=)", response: Page(ExchangeRate.Info) }),
    v("query", ExchangeRate.ListInput),
    async (c) => c.json(await ExchangeRate.list(c.req.valid("query")), 200),
  )
  .get(
    "/in-force",
    op("getRateInForce", {
      summary: "The rate in force for a currency on a day: the register's rate of the latest effective date on or before it",
      description: "USD is always 1 (source usd). found: false when the register has no rate of the currency by that day; none is guessed.",
      response: ExchangeRate.InForceInfo,
    }),
    v("query", ExchangeRate.InForceInput),
    async (c) => c.json(await ExchangeRate.inForce(c.req.valid("query")), 200),
  )
  .put(
    "/:currency/:date",
    op("putExchangeRate", {
      summary: "Enter a currency's rate from an effective date, or change it (send the version you read)",
      description: "The same rate, source and note as stored writes nothing and answers the rate as it is.",
      response: ExchangeRate.Info,
      errors: [409],
    }),
    v("param", KeyParam),
    v("json", PutBody),
    async (c) => {
      const { currency, date } = c.req.valid("param");
      return c.json(await ExchangeRate.put({ ...c.req.valid("json"), currency, effectiveDate: date }), 200);
    },
  )
  .post(
    "/import",
    op("importExchangeRates", {
      summary: "Import rates from a CSV file (columns currency, effective_date, rate, source, note)",
      description:
        "Every row is checked first: a file with any row wrong is a 400 whose issues name each row (path rows.<row>.<column>, params row and column) and writes nothing. " +
        "Rows already in the register as they are add nothing, so a file imported twice adds nothing the second time.",
      response: ExchangeRate.ImportResult,
      errors: [409],
    }),
    v("json", ExchangeRate.ImportInput),
    async (c) => c.json(await ExchangeRate.importCsv(c.req.valid("json")), 200),
  );
