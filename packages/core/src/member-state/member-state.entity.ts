import { Entity } from "electrodb";
import { lazy, STAMPS, TABLE } from "../entity";

export const MemberStateEntity = lazy(() => new Entity(
  {
    model: { entity: "memberState", version: "1", service: "tracker" },
    attributes: {
      code: { type: "string", required: true },
      name: {
        type: "map",
        required: true,
        properties: {
          en: { type: "string", required: true },
          ru: { type: "string", required: true },
        },
      },
      status: { type: ["member", "observer", "partner"] as const, required: true },
      joinedOn: { type: "string" },
      formalName: {
        type: "map",
        properties: {
          en: { type: "string", required: true },
          ru: { type: "string", required: true },
          ruGenitive: { type: "string", required: true },
          ruDative: { type: "string", required: true },
        },
      },
      leftOn: { type: "string" },
      contacts: {
        type: "list",
        items: {
          type: "map",
          properties: {
            name: { type: "string", required: true },
            email: { type: "string", required: true },
            language: { type: ["en", "ru"] as const, required: true },
            addressee: { type: "string" },
            // Set when SES reports a hard bounce or a complaint for this address (core/bounce).
            undeliverable: {
              type: "map",
              properties: { reason: { type: ["bounce", "complaint"] as const, required: true }, at: { type: "string", required: true } },
            },
          },
        },
      },
      ...STAMPS,
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["code"] },
        sk: { field: "sk", composite: [] },
      },
      all: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: [] },
        sk: { field: "gsi1sk", composite: ["code"] },
      },
    },
  },
  TABLE,
));
