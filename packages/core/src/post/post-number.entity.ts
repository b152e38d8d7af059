import { Entity } from "electrodb";
import { lazy, TABLE } from "../entity";

/**
 * The uniqueness item of a post number: created with attribute_not_exists in
 * the same transaction as the post, so two posts can never share a number,
 * however concurrent the requests.
 */
export const PostNumberEntity = lazy(() => new Entity(
  {
    model: { entity: "postNumber", version: "1", service: "tracker" },
    attributes: {
      number: { type: "string", required: true },
      postId: { type: "string", required: true },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: ["number"] },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  TABLE,
));
