import { Entity } from "electrodb";
import { lazy, TABLE } from "../entity";
import { TABLE_TTL_ATTRIBUTE } from "../table";

/** The first answer to a POST with an Idempotency-Key, kept 24 hours. */
export const IdempotencyEntity = lazy(() => new Entity(
  {
    model: { entity: "idempotencyRecord", version: "1", service: "tracker" },
    attributes: {
      scope: { type: "string", required: true },
      key: { type: "string", required: true },
      requestHash: { type: "string", required: true },
      status: { type: "number", required: true },
      response: { type: "string", required: true },
      createdAt: { type: "string", required: true },
      expiresAt: { type: "number", required: true, field: TABLE_TTL_ATTRIBUTE },
    },
    indexes: {
      primary: {
        // Keys are compared exactly: ElectroDB would lowercase them by default, and "abc" and "ABC" would collide.
        pk: { field: "pk", composite: ["scope", "key"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  TABLE,
));
