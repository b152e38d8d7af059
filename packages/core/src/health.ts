export * as Health from "./health";

import { client, tableName } from "./dynamo";

/** One GetItem on a key that never exists: proves the table answers, costs half a read unit. */
export async function database(): Promise<"ok" | "unreachable"> {
  try {
    await client.send("GetItem", { TableName: tableName, Key: { pk: { S: "$health" }, sk: { S: "$health" } } });
    return "ok";
  } catch {
    return "unreachable";
  }
}
