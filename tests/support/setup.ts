/**
 * Runs in each test file's worker before the file: points the core at the
 * shared DynamoDB Local and a table of this file's own. The core is imported
 * only by the test files, after this, so it reads these settings.
 */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { ensureTable } from "../../packages/core/src/dev/dynamo-local";

// Tests set their own environment: the product's settings the caller may have exported are cleared,
// so a shell with SEED_DEMO=0 or MAIL_TRANSPORT=smtp runs the same tests as a clean one.
const PRODUCT_SETTINGS = [
  "ADMIN_PASSWORD", "SEED_DEMO", "FISCAL_YEAR_START_MONTH", "MAIL_FROM", "MAIL_OUTBOX", "MAIL_TRANSPORT", "SMTP_URL",
  "SES_CONFIGURATION_SET", "SES_ENDPOINT", "SITE_URL", "STATEMENT_PERIOD", "STATEMENT_HOUR_UTC", "STATEMENT_LEASE_SECONDS",
  "SESSION_SECRET", "USER_PASSWORD", "HOST", "PORT", "TABLE_NAME", "IMPORTS_FUNCTION_NAME", "STATEMENTS_FUNCTION_NAME",
];
for (const name of PRODUCT_SETTINGS) delete process.env[name];

process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
process.env.TABLE_NAME = `test-${randomBytes(6).toString("hex")}`;
process.env.SESSION_SECRET = randomBytes(48).toString("base64url");
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";

await ensureTable(process.env.DYNAMODB_ENDPOINT, process.env.TABLE_NAME);
