import { Entity } from "electrodb";
import { doc, tableName } from "../dynamo";
import { TABLE_TTL_ATTRIBUTE } from "../table";

export const SessionEntity = new Entity(
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
        pk: { field: "pk", composite: ["sid"] },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  { table: tableName, client: doc },
);

/** Failed sign-ins for one email in the current window; shared by every Lambda instance. */
export const LoginAttemptEntity = new Entity(
  {
    model: { entity: "loginAttempt", version: "1", service: "tracker" },
    attributes: {
      email: { type: "string", required: true },
      failures: { type: "number", required: true },
      windowStart: { type: "number", required: true },
      expiresAt: { type: "number", required: true, field: TABLE_TTL_ATTRIBUTE },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["email"] },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  { table: tableName, client: doc },
);
