/**
 * The one definition of the single DynamoDB table: keys, indexes and TTL.
 * Read by the SST stack (stacks/Database.ts) and by the local table creation,
 * so the deployed table and DynamoDB Local cannot drift apart.
 */
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

export const TABLE_KEYS = { partitionKey: "pk", sortKey: "sk" } as const;

/** Global secondary indexes: name -> key attributes. Entities name their access patterns on top of these. */
export const TABLE_INDEXES = {
  gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  gsi2: { partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  gsi3: { partitionKey: "gsi3pk", sortKey: "gsi3sk" },
} as const;

/** Epoch seconds; DynamoDB deletes expired items (idempotency records, login attempts). */
export const TABLE_TTL_ATTRIBUTE = "expiresAt";

export function createTableInput(tableName: string): CreateTableCommandInput {
  const attributes = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const index of Object.values(TABLE_INDEXES)) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: "HASH" },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: Object.entries(TABLE_INDEXES).map(([name, keys]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: keys.partitionKey, KeyType: "HASH" },
        { AttributeName: keys.sortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
  };
}
