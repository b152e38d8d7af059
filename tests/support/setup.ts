/**
 * Runs in each test file's worker before the file: points the core at the
 * shared DynamoDB Local and a table of this file's own. The core is imported
 * only by the test files, after this, so it reads these settings.
 */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { ensureTable } from "../../packages/core/src/dev/dynamo-local";

process.env.DYNAMODB_ENDPOINT ??= inject("dynamoEndpoint");
process.env.TABLE_NAME = `test-${randomBytes(6).toString("hex")}`;
process.env.SESSION_SECRET ??= randomBytes(48).toString("base64url");
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";

await ensureTable(process.env.DYNAMODB_ENDPOINT, process.env.TABLE_NAME);
