/** Lambda entry for SES bounce and complaint events (SNS): marks the addresses on their focal points. */
import { Bounce } from "@tracker/core/bounce/index";

interface SnsEvent {
  Records: Array<{ Sns: { Message: string; MessageId?: string } }>;
}

export async function handler(event: SnsEvent) {
  for (const record of event.Records) {
    const result = await Bounce.handle(record.Sns.Message);
    // Addresses are personal data: the log says how many, not which.
    console.log(JSON.stringify({ level: "info", msg: "ses-event", messageId: record.Sns.MessageId, reason: result.reason, marked: result.marked.length }));
  }
}
