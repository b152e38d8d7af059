export * as Health from "./health";

import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { doc, tableName } from "./dynamo";

/** One GetItem on a key that never exists: proves the table answers, costs half a read unit. */
export async function database(): Promise<"ok" | "unreachable"> {
  try {
    await doc.send(new GetCommand({ TableName: tableName, Key: { pk: "$health", sk: "$health" } }));
    return "ok";
  } catch {
    return "unreachable";
  }
}
