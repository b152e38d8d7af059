import { Entity } from "electrodb";
import { lazy, TABLE } from "../entity";
import { TABLE_TTL_ATTRIBUTE } from "../table";

export const SessionEntity = lazy(() => new Entity(
  {
    model: { entity: "session", version: "1", service: "tracker" },
    attributes: {
      sid: { type: "string", required: true },
      email: { type: "string", required: true },
      sessionVersion: { type: "number", required: true },
      createdAt: { type: "string", required: true },
      /** Epoch seconds; DynamoDB's TTL removes the record after this. */
      expiresAt: { type: "number", required: true, field: TABLE_TTL_ATTRIBUTE },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["sid"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  TABLE,
));

/**
 * Sign-in attempts in the current window, for one email from one client
 * address, or for the email from every client (`client` = "*"). Counted with an
 * atomic ADD before the password is checked; shared by every Lambda instance.
 */
export const LoginAttemptEntity = lazy(() => new Entity(
  {
    model: { entity: "loginAttempt", version: "2", service: "tracker" },
    attributes: {
      email: { type: "string", required: true },
      client: { type: "string", required: true },
      failures: { type: "number", required: true },
      windowStart: { type: "number", required: true },
      expiresAt: { type: "number", required: true, field: TABLE_TTL_ATTRIBUTE },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["email"] },
        sk: { field: "sk", composite: ["client"] },
      },
    },
  },
  TABLE,
));

/** A client address that signed in to this email successfully; exempt from the account-wide lock. */
export const KnownClientEntity = lazy(() => new Entity(
  {
    model: { entity: "knownClient", version: "1", service: "tracker" },
    attributes: {
      email: { type: "string", required: true },
      client: { type: "string", required: true },
      lastSignIn: { type: "string", required: true },
      expiresAt: { type: "number", required: true, field: TABLE_TTL_ATTRIBUTE },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["email", "client"] },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  TABLE,
));
