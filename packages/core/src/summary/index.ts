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
import { SummaryRevisionEntity } from "./revision.entity";
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
export interface SkippedItem {
  state: string;
  email?: string;
  /** A revision also skips a recipient who never got the statement (not_sent), whose last statement still holds (unchanged), or when the revision asked for went out with other figures (superseded). */
  reason: "no_contacts" | "already_sent" | "in_progress" | "not_a_member" | "unknown_state" | "undeliverable" | "not_sent" | "unchanged" | "superseded";
}
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
  period: string; state: string; email: string; lang: "en" | "ru"; runId: string; reference: string; now: number; stated: Statement.Stated;
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
    stated: input.stated,
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

/** The statement's email: to one focal point, answered to the finance contact, the PDF note attached. */
function statementMessage(
  r: Statement.Rendered,
  pdf: Uint8Array,
  to: { name: string; email: string; language: "en" | "ru" },
  finance: { name: string; email: string },
  id: string,
): Mail.Message {
  return {
    from: Mail.sender(),
    to: { name: to.name, address: to.email },
    replyTo: `${finance.name} <${finance.email}>`,
    subject: r.subject,
    text: r.text,
    html: r.html,
    lang: to.language,
    messageId: id,
    headers: { "X-Statement-Reference": r.reference, "Auto-Submitted": "auto-generated" },
    attachments: [{ filename: Statement.pdfName(r), content: pdf, contentType: "application/pdf" }],
  };
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
  const sharedByStates = Statement.shared();
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
      const data = await Statement.gather(target, input.period, sharedByStates);
      const stated = Statement.stated(data);
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
          const claimed = await claim({ period: input.period, state: code, email, lang: contact.language, runId, reference: r.reference, now: Clock.nowMs(), stated });
          if (typeof claimed === "string") {
            skipped({ state: code, email, reason: claimed });
            continue;
          }
          const key = { period: input.period, stateCode: code, recipient: email };
          const finance = data.organisation.financeContact;
          const pdf = pdfs.get(renderKey) ?? (await Statement.toPdf(r));
          pdfs.set(renderKey, pdf);
          const message = statementMessage(r, pdf, { name: contact.name, email, language: contact.language }, finance, messageId(input.period, code, email));
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
  const { originals, revisions } = await deliveriesOf(period);
  return [...originals, ...revisions].map((d) => ({
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
    ...("revision" in d ? { revision: d.revision, replaces: d.replacesReference } : {}),
  }));
});

// Re-issue after a correction. Each statement sent keeps what it stated (Statement.Stated); a
// statement is affected when the same statement gathered now states something else. A revision
// ("Rev. 1", reference ".../Rev.1") goes to each focal point whose last statement of the period
// differs, exactly once per revision and recipient; the original's delivery stays as it was.

export const AffectedInput = z.strictObject({ period: Statement.Period.Schema.optional() });

export interface Affected {
  period: string;
  state: string;
  stateName: { en: string; ru: string };
  email: string;
  lang: "en" | "ru";
  /** The recipient's last statement of the period: its reference, revision (0 for the original) and day sent. */
  reference: string;
  revision: number;
  sentAt: string;
  /** The revision a send would now issue. */
  nextRevision: number;
  changes: Statement.Change[];
  linesChanged: boolean;
  lines: { then: number; now: number };
}

type Sent = { recipient: string; stateCode: string; lang: "en" | "ru"; status: string; reference: string; sentAt?: string; stated?: unknown; revision?: number };

/** Each recipient's last statement sent (the highest revision sent, else the original). */
function lastSent(originals: Sent[], revisions: Sent[]): Map<string, Sent> {
  const last = new Map<string, Sent>();
  for (const d of originals) if (d.status === "sent") last.set(d.recipient, d);
  for (const r of [...revisions].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0))) if (r.status === "sent") last.set(r.recipient, r);
  return last;
}

/** The revision a send issues now: the highest one again while it states what is true now (some recipients still lack it), else the next. */
function nextRevision(revisions: Array<{ revision: number; stated: unknown }>, now: Statement.Stated): number {
  const max = Math.max(0, ...revisions.map((r) => r.revision));
  const top = revisions.find((r) => r.revision === max);
  return top && Statement.compare(top.stated as Statement.Stated, now).same ? max : max + 1;
}

async function deliveriesOf(period: string, state?: string) {
  const [originals, revisions] = await Promise.all([
    SummaryDeliveryEntity.query.primary(state ? { period, stateCode: state } : { period }).go({ pages: "all" }),
    SummaryRevisionEntity.query.primary(state ? { period, stateCode: state } : { period }).go({ pages: "all" }),
  ]);
  return {
    originals: originals.data.filter((d) => !state || d.stateCode === state),
    revisions: revisions.data.filter((r) => !state || r.stateCode === state),
  };
}

/**
 * The statements sent whose figures or lines differ now, per recipient. For one period, or for every
 * period a run sent statements for. Queries only: the runs, each period's deliveries and revisions,
 * and each concerned state's records (Statement.gather).
 */
export const affected = fn(AffectedInput, async ({ period }) => {
  Actor.assertCan("listAffectedStatements");
  const periods = period
    ? [period]
    : [...new Set((await SummaryRunEntity.query.primary({}).go({ pages: "all" })).data.filter((r) => !r.dryRun && (r.sent as SentItem[]).length).map((r) => r.period))].sort();
  const states = new Map((await MemberState.listAll()).map((s) => [s.code, s]));
  const out: Affected[] = [];
  const sharedByStates = Statement.shared();
  for (const p of periods) {
    const { originals, revisions } = await deliveriesOf(p);
    const codes = [...new Set(originals.filter((d) => d.status === "sent").map((d) => d.stateCode))].sort();
    for (const code of codes) {
      const state = states.get(code);
      if (!state) continue;
      const now = Statement.stated(await Statement.gather(state, p, sharedByStates));
      const mine = revisions.filter((r) => r.stateCode === code);
      const next = nextRevision(mine, now);
      const last = lastSent(originals.filter((d) => d.stateCode === code), mine);
      for (const d of [...last.values()].sort((a, b) => a.recipient.localeCompare(b.recipient))) {
        // A statement sent before statements kept their figures cannot be compared: not listed.
        if (!d.stated) continue;
        const then = d.stated as Statement.Stated;
        const diff = Statement.compare(then, now);
        if (diff.same) continue;
        out.push({
          period: p,
          state: code,
          stateName: state.name,
          email: d.recipient,
          lang: d.lang,
          reference: d.reference,
          revision: d.revision ?? 0,
          sentAt: d.sentAt ?? "",
          nextRevision: next,
          changes: diff.changes,
          linesChanged: diff.linesChanged,
          lines: { then: then.lines, now: now.lines },
        });
      }
    }
  }
  return out;
});

export const ReviseInput = z.strictObject({
  period: Statement.Period.Schema,
  state: MemberState.Code,
  /** The revision to send: the one the affected list gives (asking again for one already sent sends nothing). */
  revision: z.number().int().min(1).max(999),
});
export type ReviseInput = z.input<typeof ReviseInput>;

export interface ReviseResult {
  period: string;
  state: string;
  revision: number;
  reference: string;
  sent: SentItem[];
  skipped: SkippedItem[];
  failed: FailedItem[];
}

function revisionMessageId(period: string, state: string, revision: number, email: string) {
  const h = createHash("sha256").update(`${period}|${state}|rev${revision}|${email}`).digest("hex").slice(0, 16);
  return `<statement.${period}.${state}.rev${revision}.${h}@${Mail.domainOf(Mail.sender())}>`;
}

/** Sends revision `revision` of a state's statement of a period to each focal point whose last statement of it differs from now. */
export async function revise(rawInput: ReviseInput, options: { transport?: Mail.Transport } = {}): Promise<ReviseResult> {
  Actor.assertCan("sendStatementRevision");
  const input = ReviseInput.parse(rawInput);
  const state = await MemberState.find(input.state);
  if (!state) throw new VisibleError("not_found", "state.not_found", { code: input.state });
  const period = Statement.Period.parse(input.period)!;
  if (!Statement.covers(state, period)) throw new VisibleError("conflict", "statement.not_a_member", { state: state.name.en, period: period.id });
  const data = await Statement.gather(state, period.id);
  const now = Statement.stated(data);
  const { originals, revisions } = await deliveriesOf(period.id, state.code);
  const max = Math.max(0, ...revisions.map((r) => r.revision));
  if (input.revision > max + 1) {
    const params = { revision: input.revision, next: max + 1 };
    throw new VisibleError("input", "statement.revision_next", params, [
      { path: "revision", code: "statement.revision_next", params, message: english("statement.revision_next", params) },
    ]);
  }
  const n = input.revision;
  const reference = Statement.revisionReference(data.reference, n);
  const result: ReviseResult = { period: period.id, state: state.code, revision: n, reference, sent: [], skipped: [], failed: [] };
  const taken = revisions.find((r) => r.revision === n);
  // A revision's content is fixed by its first send: when the records changed again since, the next revision is due.
  const superseded = !!taken && !Statement.compare(taken.stated as Statement.Stated, now).same;
  const last = lastSent(originals, revisions.filter((r) => r.revision < n));
  const mailer = Mail.mailer();
  const transport = options.transport ?? mailer.configured();
  const finance = data.organisation.financeContact;
  const actor = Actor.label();
  for (const contact of state.contacts) {
    const email = contact.email.toLowerCase();
    const skip = (reason: SkippedItem["reason"]) => result.skipped.push({ state: state.code, email, reason });
    const key = { period: period.id, stateCode: state.code, revision: n, recipient: email };
    const existing = revisions.find((r) => r.revision === n && r.recipient === email);
    const nowMs = Clock.nowMs();
    if (existing?.status === "sent") skip("already_sent");
    else if (existing?.status === "claimed" && existing.leaseUntil > nowMs) skip("in_progress");
    else if (contact.undeliverable) skip("undeliverable");
    else if (superseded) skip("superseded");
    else {
      const before = last.get(email);
      if (!before) skip("not_sent");
      else if (before.stated && Statement.compare(before.stated as Statement.Stated, now).same) skip("unchanged");
      else {
        try {
          const replaces = { reference: before.reference, sentOn: (before.sentAt ?? Clock.now().toISOString()).slice(0, 10) };
          const r = Statement.render(data, contact.language, { addressee: contact.addressee, revision: { number: n, replaces } });
          const id = revisionMessageId(period.id, state.code, n, email);
          const token: string = randomUUID();
          const attempts = (existing?.attempts ?? 0) + 1;
          try {
            await SummaryRevisionEntity.put({
              ...key,
              lang: contact.language,
              status: "claimed",
              attempts,
              ...(existing?.lastError ? { lastError: existing.lastError } : {}),
              leaseUntil: nowMs + LEASE_MS,
              claimToken: token,
              reference: r.reference,
              messageId: id,
              replacesReference: replaces.reference,
              replacesSentAt: before.sentAt ?? "",
              stated: now,
              actor,
              updatedAt: new Date(nowMs).toISOString(),
            })
              .where((a, op) => (existing ? op.eq(a.claimToken, existing.claimToken) : op.notExists(a.claimToken)))
              .go();
          } catch (error) {
            if ((error as { cause?: { name?: string } }).cause?.name === "ConditionalCheckFailedException") {
              skip("in_progress");
              continue;
            }
            throw error;
          }
          const message = statementMessage(r, await Statement.toPdf(r), { name: contact.name, email, language: contact.language }, finance, id);
          const at = Clock.now().toISOString();
          try {
            const delivered = await transport.send(await mailer.compose(message), message);
            await SummaryRevisionEntity.patch(key)
              .set({ status: "sent", transport: delivered.transport, location: delivered.location.slice(0, 500), sentAt: at, updatedAt: at })
              .where((a, op) => op.eq(a.claimToken, token))
              .go();
            result.sent.push({ state: state.code, email, lang: contact.language, reference: r.reference, messageId: id });
          } catch (error) {
            const text = (error instanceof Error ? error.message : String(error)).slice(0, 500);
            await SummaryRevisionEntity.patch(key)
              .set({ status: "failed", lastError: text, leaseUntil: 0, updatedAt: at })
              .where((a, op) => op.eq(a.claimToken, token))
              .go()
              .catch(() => undefined);
            result.failed.push({ state: state.code, email, error: text, attempts });
          }
        } catch (error) {
          result.failed.push({ state: state.code, email, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) });
        }
      }
    }
  }
  return result;
}
