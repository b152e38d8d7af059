/** Page cursors as ElectroDB issues them; a cursor that is not one is a 400 naming `cursor`, never a 500. */
import * as z from "zod";
import { isUnavailable } from "./dynamo";
import { invalidFields } from "./error";
import { fieldIssue, issueParams } from "./messages/zod";

function decodes(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

export const Cursor = z.string().max(2000).refine(decodes, issueParams("cursor.invalid"));

/** Runs a paged query; if the database refuses the cursor, the caller hears about the cursor. */
export async function paged<T>(cursor: string | undefined | null, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (cursor && !isUnavailable(error)) throw invalidFields([fieldIssue("cursor", "cursor.invalid")]);
    throw error;
  }
}
