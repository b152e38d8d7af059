/**
 * The statement job: for a period, every member state's focal points get
 * their statement exactly once. Each (period, state, recipient) is claimed
 * with a conditional write before sending and marked sent after; a claim whose
 * send failed, or that never finished (its lease expired), is retried by the
 * next run. One state's failure never stops the others; every run is stored.
 */
export * as Summary from "./index";

import { createHash, randomUUID } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { VisibleError } from "../error";
import { english } from "../messages";
import { fn } from "../fn";
import * as Mail from "../mail/port";
import { MemberState } from "../member-state";
import { Statement } from "../statement";
import { SummaryDeliveryEntity, SummaryRunEntity } from "./summary.entity";

export * as Schedule from "./schedule";

export const LEASE_MS = Number(process.env.STATEMENT_LEASE_SECONDS ?? 600) * 1000;

export const RunInput = z.strictObject({
  period: Statement.Period.Schema,
  states: z.array(MemberState.Code).max(300).optional(),
  dryRun: z.boolean().default(false),
});
export type RunInput = z.input<typeof RunInput>;

export interface SentItem { state: string; email: string; lang: "en" | "ru"; reference: string; messageId: string }
export interface SkippedItem { state: string; email?: string; reason: "no_contacts" | "already_sent" | "in_progress" | "not_a_member" | "unknown_state" | "undeliverable" }
export interface FailedItem { state: string; email?: string; error: string; attempts?: number }
export interface RunResult {
  runId: string;
  period: string;
  dryRun: boolean;
  sent: SentItem[];
  skipped: SkippedItem[];
  failed: FailedItem[];
}

export interface RunOptions {
  trigger?: "schedule" | "manual" | "cli";
  /** The run's id when it was given out before the run (a run queued by the API). */
  runId?: string;
  transport?: Mail.Transport;
  /** Called once per state when it is done (the CLI prints a line). */
  onState?: (state: string, outcome: { sent: number; skipped: number; failed: number }) => void;
  concurrency?: number;
}

interface Delivery {
  status: "claimed" | "sent" | "failed";
  attempts: number;
  lastError?: string;
  leaseUntil: number;
  claimToken: string;
}

function messageId(period: string, state: string, email: string) {
  const h = createHash("sha256").update(`${period}|${state}|${email}`).digest("hex").slice(0, 16);
  return `<statement.${period}.${state}.${h}@${Mail.domainOf(Mail.sender())}>`;
}

/** Claims the delivery (compare-and-swap on the claim token); undefined when it is sent or held by another run. */
async function claim(input: {
  period: string; state: string; email: string; lang: "en" | "ru"; runId: string; reference: string; now: number;
}): Promise<{ token: string; attempts: number } | SkippedItem["reason"]> {
  const key = { period: input.period, stateCode: input.state, recipient: input.email };
  const existing = (await SummaryDeliveryEntity.get(key).go({ consistent: true })).data as Delivery | null;
  if (existing?.status === "sent") return "already_sent";
  if (existing?.status === "claimed" && existing.leaseUntil > input.now) return "in_progress";
  const token = randomUUID();
  const attempts = (existing?.attempts ?? 0) + 1;
  const item = {
    ...key,
    lang: input.lang,
    status: "claimed" as const,
    attempts,
    ...(existing?.lastError ? { lastError: existing.lastError } : {}),
    leaseUntil: input.now + LEASE_MS,
    claimToken: token,
    runId: input.runId,
    reference: input.reference,
    messageId: messageId(input.period, input.state, input.email),
    updatedAt: new Date(input.now).toISOString(),
  };
  try {
    await SummaryDeliveryEntity.put(item)
      .where((a, op) => (existing ? op.eq(a.claimToken, existing.claimToken) : op.notExists(a.claimToken)))
      .go();
  } catch (error) {
    if ((error as { cause?: { name?: string } }).cause?.name === "ConditionalCheckFailedException") return "in_progress";
    throw error;
  }
  return { token, attempts };
}

async function settle(
  key: { period: string; stateCode: string; recipient: string },
  token: string,
  outcome: { sent: true; transport: string; location: string } | { sent: false; error: string },
) {
  const now = Clock.now().toISOString();
  await SummaryDeliveryEntity.patch(key)
    .set(
      outcome.sent
        ? { status: "sent", transport: outcome.transport, location: outcome.location.slice(0, 500), sentAt: now, updatedAt: now }
        : { status: "failed", lastError: outcome.error.slice(0, 500), leaseUntil: 0, updatedAt: now },
    )
    .where((a, op) => op.eq(a.claimToken, token))
    .go();
}

export function newRunId() {
  return `${Clock.now().toISOString()}-${randomUUID().slice(0, 8)}`;
}

/** Runs the statements of a period (finance, admin, or the schedule). */
export async function run(rawInput: RunInput, options: RunOptions = {}): Promise<RunResult> {
  Actor.assertCan("runStatements");
  const input = RunInput.parse(rawInput);
  // Statements go out only for a period that has ended (a preview or a dry run may show any).
  const period = Statement.Period.parse(input.period)!;
  if (!input.dryRun && period.end >= Clock.today()) {
    const message = english("statement.period_not_ended", { period: period.id, end: period.end });
    throw new VisibleError("input", "statement.period_not_ended", { period: period.id, end: period.end }, [
      { path: "period", code: "statement.period_not_ended", params: { period: period.id, end: period.end }, message },
    ]);
  }
  // A dry run sends nothing: it needs no mail module (the API runs dry runs itself).
  const mailer = input.dryRun ? undefined : Mail.mailer();
  const transport = options.transport ?? mailer?.configured();
  const runId = options.runId ?? newRunId();
  const startedAt = Clock.now().toISOString();
  const result: RunResult = { runId, period: input.period, dryRun: input.dryRun, sent: [], skipped: [], failed: [] };

  const all = await MemberState.listAll();
  const byCode = new Map(all.map((s) => [s.code, s]));
  const targets = input.states
    ? input.states.map((code) => byCode.get(code) ?? code)
    : all.filter((s) => s.status === "member" || s.leftOn);

  const one = async (target: MemberState.Info | string) => {
    // Counted per state: other states finish in between (a few run at once).
    const counts = { sent: 0, skipped: 0, failed: 0 };
    const sent = (item: SentItem) => {
      counts.sent++;
      result.sent.push(item);
    };
    const skipped = (item: SkippedItem) => {
      counts.skipped++;
      result.skipped.push(item);
    };
    const failed = (item: FailedItem) => {
      counts.failed++;
      result.failed.push(item);
    };
    const code = typeof target === "string" ? target : target.code;
    try {
      if (typeof target === "string") {
        skipped({ state: code, reason: "unknown_state" });
        return;
      }
      // Only periods in which the state was a member: admitted by the period's end, not gone before it began.
      if (!Statement.covers(target, period)) {
        skipped({ state: code, reason: "not_a_member" });
        return;
      }
      if (!target.contacts.length) {
        skipped({ state: code, reason: "no_contacts" });
        return;
      }
      const data = await Statement.gather(target, input.period);
      const rendered = new Map<string, Statement.Rendered>();
      const pdfs = new Map<string, Uint8Array>();
      for (const contact of target.contacts) {
        const email = contact.email.toLowerCase();
        // SES reported a hard bounce or a complaint (core/bounce): not mailed again until the email is edited.
        if (contact.undeliverable) {
          skipped({ state: code, email, reason: "undeliverable" });
          continue;
        }
        try {
          // One rendering per language and addressee (a focal point may name its ministry or mission).
          const renderKey = `${contact.language}|${contact.addressee ?? ""}`;
          const r = rendered.get(renderKey) ?? Statement.render(data, contact.language, { addressee: contact.addressee });
          rendered.set(renderKey, r);
          if (input.dryRun) {
            const existing = (await SummaryDeliveryEntity.get({ period: input.period, stateCode: code, recipient: email }).go()).data;
            if (existing?.status === "sent") skipped({ state: code, email, reason: "already_sent" });
            else sent({ state: code, email, lang: contact.language, reference: r.reference, messageId: messageId(input.period, code, email) });
            continue;
          }
          const claimed = await claim({ period: input.period, state: code, email, lang: contact.language, runId, reference: r.reference, now: Clock.nowMs() });
          if (typeof claimed === "string") {
            skipped({ state: code, email, reason: claimed });
            continue;
          }
          const key = { period: input.period, stateCode: code, recipient: email };
          const finance = data.organisation.financeContact;
          const pdf = pdfs.get(renderKey) ?? (await Statement.toPdf(r));
          pdfs.set(renderKey, pdf);
          const message: Mail.Message = {
            from: Mail.sender(),
            to: { name: contact.name, address: email },
            replyTo: `${finance.name} <${finance.email}>`,
            subject: r.subject,
            text: r.text,
            html: r.html,
            lang: contact.language,
            messageId: messageId(input.period, code, email),
            headers: { "X-Statement-Reference": r.reference, "Auto-Submitted": "auto-generated" },
            attachments: [{ filename: Statement.pdfName(r), content: pdf, contentType: "application/pdf" }],
          };
          try {
            const delivered = await transport!.send(await mailer!.compose(message), message);
            await settle(key, claimed.token, { sent: true, transport: delivered.transport, location: delivered.location });
            sent({ state: code, email, lang: contact.language, reference: r.reference, messageId: message.messageId });
          } catch (error) {
            const text = error instanceof Error ? error.message : String(error);
            await settle(key, claimed.token, { sent: false, error: text }).catch(() => undefined);
            failed({ state: code, email, error: text.slice(0, 500), attempts: claimed.attempts });
          }
        } catch (error) {
          failed({ state: code, email, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) });
        }
      }
    } catch (error) {
      failed({ state: code, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) });
    } finally {
      options.onState?.(code, counts);
    }
  };

  // A few states at a time: quick for 200 states, gentle on the mail service.
  const queue = [...targets];
  const workers = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
    for (let t = queue.shift(); t !== undefined; t = queue.shift()) await one(t);
  });
  await Promise.all(workers);

  await SummaryRunEntity.create({
    runId,
    period: input.period,
    trigger: options.trigger ?? "manual",
    dryRun: input.dryRun,
    actor: Actor.label(),
    startedAt,
    finishedAt: Clock.now().toISOString(),
    sent: result.sent,
    skipped: result.skipped,
    failed: result.failed,
  }).go();
  return result;
}

export const runs = fn(z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) }), async ({ limit }) => {
  Actor.assertCan("listStatementRuns");
  const r = await SummaryRunEntity.query.primary({}).go({ order: "desc", limit });
  return r.data.map((x) => ({
    runId: x.runId,
    period: x.period,
    trigger: x.trigger,
    dryRun: x.dryRun,
    actor: x.actor,
    startedAt: x.startedAt,
    finishedAt: x.finishedAt,
    sent: x.sent as SentItem[],
    skipped: x.skipped as SkippedItem[],
    failed: x.failed as FailedItem[],
  }));
});

export const DeliveriesInput = z.strictObject({ period: Statement.Period.Schema });

export const deliveries = fn(DeliveriesInput, async ({ period }) => {
  Actor.assertCan("listStatementDeliveries");
  const r = await SummaryDeliveryEntity.query.primary({ period }).go({ pages: "all" });
  return r.data.map((d) => ({
    period: d.period,
    state: d.stateCode,
    email: d.recipient,
    lang: d.lang,
    status: d.status === "claimed" && d.leaseUntil <= Clock.nowMs() ? ("failed" as const) : d.status,
    attempts: d.attempts,
    lastError: d.lastError ?? (d.status === "claimed" && d.leaseUntil <= Clock.nowMs() ? "The send did not finish (lease expired)." : undefined),
    reference: d.reference,
    messageId: d.messageId,
    sentAt: d.sentAt,
    updatedAt: d.updatedAt,
  }));
});
