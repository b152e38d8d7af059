/**
 * The attributes every delivery of a statement has, the original's and a revision's alike: the
 * recipient's language, the claim held while sending, and what was sent.
 */
export const DELIVERY = {
  lang: { type: ["en", "ru"] as const, required: true },
  status: { type: ["claimed", "sent", "failed"] as const, required: true },
  attempts: { type: "number", required: true },
  lastError: { type: "string" },
  /** Epoch ms until which a claim is held; an unfinished claim past it is taken over by the next run. */
  leaseUntil: { type: "number", required: true },
  claimToken: { type: "string", required: true },
  reference: { type: "string", required: true },
  messageId: { type: "string", required: true },
  transport: { type: "string" },
  location: { type: "string" },
  sentAt: { type: "string" },
  updatedAt: { type: "string", required: true },
} as const;
