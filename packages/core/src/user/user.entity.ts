import { Entity } from "electrodb";
import { lazy, STAMPS, TABLE } from "../entity";

export const UserEntity = lazy(() => new Entity(
  {
    model: { entity: "user", version: "1", service: "tracker" },
    attributes: {
      email: { type: "string", required: true },
      name: { type: "string", required: true },
      roles: { type: "list", items: { type: "string" }, required: true },
      /** The member state a `state` user is bound to (it sees that state only). */
      stateCode: { type: "string" },
      /** The language the product writes to the user in (the HR digest); absent on users of before: English. */
      language: { type: ["en", "ru"] as const },
      passwordHash: { type: "string", required: true },
      disabled: { type: "boolean", required: true },
      /** Raised when a password is reset or a user disabled: older sessions stop working. */
      sessionVersion: { type: "number", required: true },
      ...STAMPS,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["email"] },
        sk: { field: "sk", composite: [] },
      },
      all: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: [] },
        sk: { field: "gsi1sk", composite: ["email"] },
      },
    },
  },
  TABLE,
));
