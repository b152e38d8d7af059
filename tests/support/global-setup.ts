/** One in-memory DynamoDB Local for the whole test run; each test file makes its own table. */
import type { TestProject } from "vitest/node";
import { startDynamoLocal, type RunningDynamo } from "../../packages/core/src/dev/dynamo-local";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

let dynamo: RunningDynamo | undefined;

export async function setup(project: TestProject) {
  dynamo = await startDynamoLocal();
  project.provide("dynamoEndpoint", dynamo.endpoint);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
