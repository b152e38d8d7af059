import { Entity } from "electrodb";
import { lazy, BY_ID, STAMPS, TABLE } from "../entity";

/**
 * A post of the staff matrix. Its titles and administrative states are kept as
 * effective-dated lists, and its incumbencies (secondments and appointments) as
 * periods: the status and the incumbent on any date are derived from them, so
 * they never go stale as time passes. Every change of incumbency rewrites this
 * item under a version condition: the post is the lock that keeps one
 * incumbent at a time.
 */
export const PostEntity = lazy(() => new Entity(
  {
    model: { entity: "post", version: "1", service: "tracker" },
    attributes: {
      id: { type: "string", required: true },
      /** Upper case, unique (see PostNumberEntity). */
      number: { type: "string", required: true },
      titles: {
        type: "list",
        required: true,
        items: {
          type: "map",
          properties: {
            en: { type: "string", required: true },
            ru: { type: "string", required: true },
            /** Absent on the original title: it is in force from the beginning. */
            effectiveOn: { type: "string" },
            decisionRef: { type: "string" },
            recordedAt: { type: "string", required: true },
            recordedBy: { type: "string", required: true },
          },
        },
      },
      category: {
        type: ["executive", "senior_officer", "professional", "expert", "administrative", "support"] as const,
        required: true,
      },
      grade: { type: "string" },
      unit: { type: "string" },
      funding: { type: ["secondment", "regular_budget", "voluntary"] as const, required: true },
      /** open (vacant or filled, by its incumbencies), frozen or abolished: the indexed administrative state. */
      lifecycle: { type: ["open", "frozen", "abolished"] as const, required: true },
      lifecycleChanges: {
        type: "list",
        required: true,
        items: {
          type: "map",
          properties: {
            lifecycle: { type: ["open", "frozen", "abolished"] as const, required: true },
            effectiveOn: { type: "string" },
            reason: { type: "string" },
            recordedAt: { type: "string", required: true },
            recordedBy: { type: "string", required: true },
          },
        },
      },
      incumbencies: {
        type: "list",
        required: true,
        items: {
          type: "map",
          properties: {
            id: { type: "string", required: true },
            kind: { type: ["secondment", "appointment"] as const, required: true },
            name: { type: "string", required: true },
            nationality: { type: "string", required: true },
            startOn: { type: "string", required: true },
            /** The last day, inclusive; absent: open-ended. */
            endOn: { type: "string" },
            secondmentId: { type: "string" },
            vacancyId: { type: "string" },
            recommendationId: { type: "string" },
          },
        },
      },
      ...STAMPS,
    },
    indexes: {
      primary: BY_ID,
      byLifecycle: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["lifecycle"] },
        sk: { field: "gsi1sk", composite: ["number"] },
      },
      all: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: [] },
        sk: { field: "gsi2sk", composite: ["number"] },
      },
    },
  },
  TABLE,
));
