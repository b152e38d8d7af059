/** Lambda entry: the same Hono app behind API Gateway. */
import { Auth } from "@tracker/core";
import { handle } from "hono/aws-lambda";
import { app } from "./app";

/**
 * The session key, an SST Config.Secret. SST binds it as SST_Secret_value_SESSION_SECRET holding a
 * placeholder; the value is the SSM parameter `${SST_SSM_PREFIX}Secret/SESSION_SECRET/value` (or the
 * app-wide fallback `/sst/${SST_APP}/.fallback/Secret/SESSION_SECRET/value`), the names
 * sst/node/config reads. It is fetched on the first request that needs it, not at init, and cached;
 * the SSM client is imported only then. SESSION_SECRET, when set, is used as it is.
 */
const bound = process.env.SST_Secret_value_SESSION_SECRET;
if (!process.env.SESSION_SECRET && bound === "__FETCH_FROM_SSM__") Auth.setSecret(() => fromSsm("Secret", "SESSION_SECRET", "value"));
else if (!process.env.SESSION_SECRET && bound) Auth.setSecret(bound);

async function fromSsm(construct: string, id: string, prop: string): Promise<string> {
  const { GetParametersCommand, SSMClient } = await import("@aws-sdk/client-ssm");
  const ssm = new SSMClient({ region: process.env.SST_REGION });
  const names = [
    `${process.env.SST_SSM_PREFIX ?? ""}${construct}/${id}/${prop}`,
    `/sst/${process.env.SST_APP}/.fallback/${construct}/${id}/${prop}`,
  ];
  const result = await ssm.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
  for (const name of names) {
    const value = result.Parameters?.find((p) => p.Name === name)?.Value;
    if (value) return value;
  }
  throw new Error(`The secret ${id} is not set in the "${process.env.SST_STAGE}" stage (npx sst secrets set ${id} …)`);
}

export const handler = handle(app);
