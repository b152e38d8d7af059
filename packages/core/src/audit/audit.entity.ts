import { Entity } from "electrodb";
import { lazy, TABLE } from "../entity";

export const AuditEventEntity = lazy(() => new Entity(
  {
    model: { entity: "auditEvent", version: "1", service: "tracker" },
    attributes: {
      eventId: { type: "string", required: true },
      at: { type: "string", required: true },
      actor: { type: "string", required: true },
      entity: { type: "string", required: true },
      recordId: { type: "string", required: true },
      action: { type: "string", required: true },
      changes: { type: "any", required: true },
    },
    indexes: {
      byRecord: {
        pk: { field: "pk", composite: ["entity", "recordId"] },
        sk: { field: "sk", composite: ["at", "eventId"] },
      },
      byEntity: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["entity"] },
        sk: { field: "gsi1sk", composite: ["at", "eventId"] },
      },
    },
  },
  TABLE,
));
