import * as z from "zod";

/** A page of a list: its items and, when there are more, the cursor of the next page. */
export const Page = (schema: z.ZodType) => z.object({ items: z.array(schema), cursor: z.string().optional() });

/** A whole list (no paging): its items. */
export const Items = (schema: z.ZodType) => z.object({ items: z.array(schema) });
