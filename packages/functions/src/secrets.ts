/**
 * The SST Config.Secrets bound to a Lambda function, read without anything at init. SST binds each as
 * `SST_Secret_value_<ID>` holding a placeholder; the value is the SSM parameter
 * `${SST_SSM_PREFIX}Secret/<ID>/value` (or the app-wide fallback `/sst/${SST_APP}/.fallback/Secret/<ID>/value`),
 * the names sst/node/config reads. The first request that needs one fetches all the function's bound
 * secrets in one GetParameters, decrypted, through a dynamically imported SSM client, and keeps them; a
 * failed fetch is tried again by the next request.
 */
const PLACEHOLDER = "__FETCH_FROM_SSM__";
const PREFIX = "SST_Secret_value_";

let fetched: Promise<Map<string, string>> | undefined;

function names(id: string): string[] {
  return [`${process.env.SST_SSM_PREFIX ?? ""}Secret/${id}/value`, `/sst/${process.env.SST_APP}/.fallback/Secret/${id}/value`];
}

async function fetchAll(): Promise<Map<string, string>> {
  const ids = Object.keys(process.env)
    .filter((k) => k.startsWith(PREFIX) && process.env[k] === PLACEHOLDER)
    .map((k) => k.slice(PREFIX.length));
  const { GetParametersCommand, SSMClient } = await import("@aws-sdk/client-ssm");
  const ssm = new SSMClient({ region: process.env.SST_REGION });
  const all = ids.flatMap(names);
  const values = new Map<string, string>();
  // GetParameters takes up to 10 names.
  for (let i = 0; i < all.length; i += 10) {
    const result = await ssm.send(new GetParametersCommand({ Names: all.slice(i, i + 10), WithDecryption: true }));
    for (const p of result.Parameters ?? []) if (p.Name && p.Value) values.set(p.Name, p.Value);
  }
  const out = new Map<string, string>();
  for (const id of ids) {
    const value = names(id).map((n) => values.get(n)).find(Boolean);
    if (value) out.set(id, value);
  }
  return out;
}

/**
 * The bound secret `id`: its value when SST bound it as a value, a function that fetches it (once) when
 * SST bound the SSM placeholder, undefined when it is not bound.
 */
export function boundSecret(id: string): string | (() => Promise<string>) | undefined {
  const bound = process.env[`${PREFIX}${id}`];
  if (bound !== PLACEHOLDER) return bound || undefined;
  return async () => {
    fetched ??= fetchAll().catch((error: unknown) => {
      fetched = undefined;
      throw error;
    });
    const value = (await fetched).get(id);
    if (!value) throw new Error(`The secret ${id} is not set in the "${process.env.SST_STAGE}" stage (npx sst secrets set ${id} …)`);
    return value;
  };
}
