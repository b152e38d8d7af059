/**
 * Mail that bounces is noticed. SES publishes the bounce and complaint events
 * of the configuration set to SNS; for a hard (Permanent) bounce or a
 * complaint, every focal point with that address is marked undeliverable, with
 * an audit event, and later statement runs skip it until its email is edited.
 * Transient and undetermined bounces are left alone (SES retried them).
 *
 * Both shapes SES documents are read: event publishing through a configuration
 * set (`eventType`) and identity notifications (`notificationType`).
 */
export * as Bounce from "./index";

import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { asTransactItem } from "../dynamo";
import { VisibleError } from "../error";
import { MemberState } from "../member-state";
import { MemberStateEntity } from "../member-state/member-state.entity";

type Reason = "bounce" | "complaint";

export interface Report {
  reason: Reason;
  addresses: string[];
  at: string;
}

interface SesEvent {
  eventType?: string;
  notificationType?: string;
  bounce?: { bounceType?: string; bouncedRecipients?: Array<{ emailAddress?: string }>; timestamp?: string };
  complaint?: { complainedRecipients?: Array<{ emailAddress?: string }>; timestamp?: string };
}

const addresses = (list: Array<{ emailAddress?: string }> | undefined) =>
  [...new Set((list ?? []).map((r) => r.emailAddress?.trim().toLowerCase()).filter((a): a is string => !!a))];

/** What an SES event body (the SNS message, as JSON text or parsed) reports; undefined when nothing to mark. */
export function parse(body: unknown): Report | undefined {
  let event: SesEvent;
  try {
    event = (typeof body === "string" ? JSON.parse(body) : body) as SesEvent;
  } catch {
    return undefined;
  }
  if (!event || typeof event !== "object") return undefined;
  const type = event.eventType ?? event.notificationType;
  if (type === "Bounce" && event.bounce?.bounceType === "Permanent") {
    const list = addresses(event.bounce.bouncedRecipients);
    return list.length ? { reason: "bounce", addresses: list, at: event.bounce.timestamp ?? Clock.now().toISOString() } : undefined;
  }
  if (type === "Complaint" && event.complaint) {
    const list = addresses(event.complaint.complainedRecipients);
    return list.length ? { reason: "complaint", addresses: list, at: event.complaint.timestamp ?? Clock.now().toISOString() } : undefined;
  }
  return undefined;
}

/**
 * Marks the reported addresses on every state's focal points (the states are
 * one Query on the `all` index). Returns what was marked; a contact already
 * marked is left as it is. Runs as the system actor `ses`.
 */
export async function record(report: Report): Promise<Array<{ state: string; email: string }>> {
  return Actor.provide({ type: "system", name: "ses" }, async () => {
    const wanted = new Set(report.addresses.map((a) => a.toLowerCase()));
    const marked: Array<{ state: string; email: string }> = [];
    for (const before of await MemberState.listAll()) {
      const hits = before.contacts.filter((c) => wanted.has(c.email.toLowerCase()) && !c.undeliverable);
      if (!hits.length) continue;
      const after: MemberState.Info = {
        ...before,
        contacts: before.contacts.map((c) =>
          wanted.has(c.email.toLowerCase()) && !c.undeliverable ? { ...c, undeliverable: { reason: report.reason, at: report.at } } : c,
        ),
        version: before.version + 1,
        updatedAt: Clock.now().toISOString(),
        updatedBy: Actor.label(),
      };
      await Audit.commit({
        entity: "memberState",
        id: before.code,
        action: "undeliverable",
        before,
        after,
        items: [asTransactItem("Put", MemberStateEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params(), new VisibleError("conflict", "state.version_conflict", { code: before.code }))],
      });
      for (const c of hits) marked.push({ state: before.code, email: c.email.toLowerCase() });
    }
    return marked;
  });
}

/** Parses and records one SES event body; what was marked (empty for transient bounces and other events). */
export async function handle(body: unknown) {
  const report = parse(body);
  return report ? { reason: report.reason, marked: await record(report) } : { reason: undefined, marked: [] };
}
