import { Entity } from "electrodb";
import { lazy, BY_ID, STAMPS, TABLE } from "../entity";

export const ContributionEntity = lazy(() => new Entity(
  {
    model: { entity: "contribution", version: "1", service: "tracker" },
    attributes: {
      id: { type: "string", required: true },
      stateCode: { type: "string", required: true },
      kind: { type: ["cash", "in_kind"] as const, required: true },
      status: { type: ["pledged", "received"] as const, required: true },
      /** Integer minor units of `currency` (ISO 4217 digits). */
      amountMinor: { type: "number", required: true },
      currency: { type: "string", required: true },
      /** Units of `currency` per 1 USD, a decimal string, fixed at recording. */
      exchangeRate: { type: "string", required: true },
      amountUsdCents: { type: "number", required: true },
      /** Where the rate came from: the register's source (taken by default), "manual" (given, overriding it or with none in force), "usd". Absent on records made before the register. */
      rateSource: { type: ["un_operational", "nbk", "bank_actual", "manual", "usd"] as const },
      /** The effective date of the register's rate taken. */
      rateDate: { type: "string" },
      /** Why the rate given differs from the register's rate in force. */
      rateReason: { type: "string" },
      date: { type: "string", required: true },
      fiscalYear: { type: "number", required: true },
      purpose: { type: ["regular_budget", "cica_fund", "earmarked"] as const, required: true },
      earmark: { type: "string" },
      description: { type: "string" },
      reference: { type: "string" },
      /** On a receipt: the pledge it pays (part of). */
      pledgeId: { type: "string" },
      /** On a pledge: minor units received so far through receipts that reference it. */
      fulfilledMinor: { type: "number" },
      /** Who paid, when not the state itself (a ministry paying on behalf of its state). */
      payer: { type: "string" },
      /** On a pledge with a schedule: the schedule as set (due date and amount, adding up to the pledge). */
      schedule: {
        type: "list",
        items: { type: "map", properties: { dueOn: { type: "string", required: true }, amountMinor: { type: "number", required: true } } },
      },
      /** On a pledge with a schedule: the instalments as the payments settled them (instalments.ts). */
      instalments: {
        type: "list",
        items: {
          type: "map",
          properties: {
            dueOn: { type: "string", required: true },
            amountMinor: { type: "number", required: true },
            paidMinor: { type: "number", required: true },
          },
        },
      },
      /**
       * On an open pledge with a schedule: the due date of its earliest open instalment. A put of
       * such a pledge also writes gsi3pk/gsi3sk (`dueKeys` in index.ts: a sparse index, which
       * ElectroDB cannot keep for an attribute that is absent on most records), so the overdue ones
       * are one Query.
       */
      nextDueOn: { type: "string" },
      /** On a payment of a scheduled pledge: where its difference from the instalment went. */
      difference: { type: ["next", "reschedule"] as const },
      /** On an adjustment: the record of a closed year it corrects. */
      adjusts: { type: "string" },
      /** On a record of a closed year: the adjustments recorded for it since. */
      adjustedBy: { type: "list", items: { type: "string" } },
      /** The Secretariat's number, given at recording: R-2022-0007 (a receipt), P-2022-0003 (a pledge). */
      number: { type: "string" },
      /** On a pledge the state withdrew: from this day it is no longer outstanding. */
      closedOn: { type: "string" },
      closeReason: { type: "string" },
      closedAt: { type: "string" },
      closedBy: { type: "string" },
      voided: { type: "boolean", required: true },
      voidReason: { type: "string" },
      voidedAt: { type: "string" },
      voidedBy: { type: "string" },
      ...STAMPS,
    },
    indexes: {
      primary: BY_ID,
      byYear: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["fiscalYear"] },
        sk: { field: "gsi1sk", composite: ["date", "id"] },
      },
      byState: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["stateCode"] },
        sk: { field: "gsi2sk", composite: ["fiscalYear", "date", "id"] },
      },
    },
  },
  TABLE,
));
