/**
 * Plain values over ./client.ts: the document client's marshalling (`@aws-sdk/util-dynamodb`, the
 * functions the AWS SDK's `lib-dynamodb` runs, with `removeUndefinedValues`), for the ten operations
 * ElectroDB and core use, and the same ten in the shape ElectroDB takes as a "v2" DocumentClient
 * (`electrodb/src/client.js`: methods answering `{ promise() }`, `createSet`, and for a transaction the
 * "extractError" event carrying the raw answer, from which ElectroDB reads `CancellationReasons`).
 *
 * Numbers come back as JS numbers (a bigint above 2^53, as util-dynamodb does); a caller that needs
 * the exact decimal string reads through the wire client (totals). No attribute of the product is
 * binary: a Uint8Array would not be base64-encoded here.
 */
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDB, DynamoError, Operation } from "./client";

type Plain = Record<string, unknown>;
type Wire = Record<string, unknown>;

const OPTIONS = { removeUndefinedValues: true } as const;

const m = (value: unknown): Wire | undefined => (value === undefined ? undefined : (marshall(value as Plain, OPTIONS) as Wire));
const u = (value: unknown): Plain | undefined => (value === undefined ? undefined : unmarshall(value as never));

/** `obj` with the named fields replaced by `f` of them (absent ones left absent). */
function mapFields(obj: Plain, fields: readonly string[], f: (v: unknown) => unknown): Plain {
  const out: Plain = { ...obj };
  for (const k of fields) if (obj[k] !== undefined) out[k] = f(obj[k]);
  return out;
}

const KEYED = ["Key", "Item", "ExpressionAttributeValues", "ExclusiveStartKey"] as const;
const marshallKeyed = (input: Plain) => mapFields(input, KEYED, m);

function mapRequestItems(input: Plain, f: (requests: unknown) => unknown): Plain {
  const items = input.RequestItems as Record<string, unknown> | undefined;
  if (!items) return input;
  return { ...input, RequestItems: Object.fromEntries(Object.entries(items).map(([t, r]) => [t, f(r)])) };
}

const writeRequests = (f: (v: unknown) => unknown) => (requests: unknown) =>
  (requests as Array<{ PutRequest?: Plain; DeleteRequest?: Plain }>).map((r) => ({
    ...(r.PutRequest ? { PutRequest: mapFields(r.PutRequest, ["Item"], f) } : {}),
    ...(r.DeleteRequest ? { DeleteRequest: mapFields(r.DeleteRequest, ["Key"], f) } : {}),
  }));

const getRequests = (f: (v: unknown) => unknown) => (r: unknown) => {
  const keys = (r as Plain).Keys as unknown[] | undefined;
  return keys ? { ...(r as Plain), Keys: keys.map(f) } : r;
};

/** Plain values in and out: each method takes the document client's input and answers its output. */
export class DocumentClient {
  constructor(readonly wire: DynamoDB) {}

  private async run(operation: Operation, input: Plain, signal?: AbortSignal): Promise<Plain> {
    return (await this.wire.send(operation, input as never, signal)) as Plain;
  }

  async get(input: Plain, signal?: AbortSignal): Promise<Plain> {
    return mapFields(await this.run("GetItem", marshallKeyed(input), signal), ["Item"], u);
  }
  async put(input: Plain, signal?: AbortSignal): Promise<Plain> {
    return mapFields(await this.run("PutItem", marshallKeyed(input), signal), ["Attributes"], u);
  }
  async update(input: Plain, signal?: AbortSignal): Promise<Plain> {
    return mapFields(await this.run("UpdateItem", marshallKeyed(input), signal), ["Attributes"], u);
  }
  async delete(input: Plain, signal?: AbortSignal): Promise<Plain> {
    return mapFields(await this.run("DeleteItem", marshallKeyed(input), signal), ["Attributes"], u);
  }
  async query(input: Plain, signal?: AbortSignal): Promise<Plain> {
    return this.page(await this.run("Query", marshallKeyed(input), signal));
  }
  async scan(input: Plain, signal?: AbortSignal): Promise<Plain> {
    return this.page(await this.run("Scan", marshallKeyed(input), signal));
  }
  private page(out: Plain): Plain {
    const items = out.Items as unknown[] | undefined;
    return { ...mapFields(out, ["LastEvaluatedKey"], u), ...(items ? { Items: items.map(u) } : {}) };
  }
  async batchGet(input: Plain, signal?: AbortSignal): Promise<Plain> {
    const out = await this.run("BatchGetItem", mapRequestItems(input, getRequests(m)), signal);
    const responses = out.Responses as Record<string, unknown[]> | undefined;
    return {
      ...out,
      ...(responses ? { Responses: Object.fromEntries(Object.entries(responses).map(([t, items]) => [t, items.map(u)])) } : {}),
      ...(out.UnprocessedKeys ? { UnprocessedKeys: mapRequestItems({ RequestItems: out.UnprocessedKeys }, getRequests(u)).RequestItems } : {}),
    };
  }
  async batchWrite(input: Plain, signal?: AbortSignal): Promise<Plain> {
    const out = await this.run("BatchWriteItem", mapRequestItems(input, writeRequests(m)), signal);
    return out.UnprocessedItems ? { ...out, UnprocessedItems: mapRequestItems({ RequestItems: out.UnprocessedItems }, writeRequests(u)).RequestItems } : out;
  }
  async transactWrite(input: Plain, signal?: AbortSignal): Promise<Plain> {
    const items = (input.TransactItems as Array<Record<string, Plain>>).map((item) =>
      Object.fromEntries(Object.entries(item).map(([kind, part]) => [kind, marshallKeyed(part)])),
    );
    return this.run("TransactWriteItems", { ...input, TransactItems: items }, signal);
  }
  async transactGet(input: Plain, signal?: AbortSignal): Promise<Plain> {
    const items = (input.TransactItems as Array<{ Get: Plain }>).map((item) => ({ Get: marshallKeyed(item.Get) }));
    const out = await this.run("TransactGetItems", { ...input, TransactItems: items }, signal);
    const responses = out.Responses as Plain[] | undefined;
    return responses ? { ...out, Responses: responses.map((r) => mapFields(r, ["Item"], u)) } : out;
  }
}

/** What ElectroDB's v2 wrapper calls on a request: `promise()`, `abort()`, and `on("extractError")` for transactions. */
interface V2Request {
  promise(): Promise<Plain>;
  abort(): void;
  on(event: "extractError", listener: (response: { httpResponse: { body: string } }) => void): V2Request;
}

function request(call: (signal: AbortSignal) => Promise<Plain>): V2Request {
  const controller = new AbortController();
  const listeners: Array<(response: { httpResponse: { body: string } }) => void> = [];
  const self: V2Request = {
    promise: () =>
      call(controller.signal).catch((error: DynamoError) => {
        if (typeof error?.body === "string") for (const l of listeners) l({ httpResponse: { body: error.body } });
        throw error;
      }),
    abort: () => controller.abort(),
    on(_event, listener) {
      listeners.push(listener);
      return self;
    },
  };
  return self;
}

/** The document client as ElectroDB takes a v2 DocumentClient (`{ table, client }` of an Entity or Service). */
export function forElectroDB(doc: DocumentClient) {
  const method = (name: Exclude<keyof DocumentClient, "wire">) => (params: Plain) => request((signal) => doc[name](params, signal));
  return {
    get: method("get"),
    put: method("put"),
    update: method("update"),
    delete: method("delete"),
    batchWrite: method("batchWrite"),
    batchGet: method("batchGet"),
    scan: method("scan"),
    query: method("query"),
    transactWrite: method("transactWrite"),
    transactGet: method("transactGet"),
    createSet: (values: unknown[]) => new Set(values),
  };
}
