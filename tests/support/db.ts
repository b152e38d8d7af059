/** Test-only look at the whole table (a Scan is fine here, never on a request path). */
import { documents, tableName } from "@tracker/core/dynamo";
import { createHash } from "node:crypto";

/** A hash of every item of this test file's table; items of the given entities left out. */
export async function snapshot(options: { except?: string[] } = {}): Promise<string> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.scan({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true });
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (start);
  const kept = items
    .filter((i) => !options.except?.includes(String(i.__edb_e__)))
    .map((i) => JSON.stringify(i, Object.keys(i).sort()))
    .sort();
  return createHash("sha256").update(kept.join("\n")).digest("hex");
}
