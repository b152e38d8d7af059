/**
 * A small DynamoDB client: the JSON protocol over HTTPS (`POST /`, `X-Amz-Target:
 * DynamoDB_20120810.<Operation>`, `application/x-amz-json-1.0`), signed with SigV4 (./sign.ts), on
 * node:http(s) with kept-alive connections. It takes and returns DynamoDB JSON as it goes on the wire
 * (numbers as decimal strings); ./document.ts marshals plain values on top of it.
 *
 * What a call guarantees:
 * - it gives up after `timeoutMs` (the request and its socket are destroyed) with an error named
 *   `TimeoutError`; a connection not made within `connectTimeoutMs` gives up the same way;
 * - it is tried at most `maxAttempts` times in all, `backoffMs` apart, when the failure may pass by
 *   itself: a network error, a timeout, a 5xx, throttling;
 * - DynamoDB's own errors reject with `name` the short name of its `__type`
 *   (`ConditionalCheckFailedException`, `TransactionCanceledException`, …), `message`, `$fault`,
 *   `$metadata.httpStatusCode`, and the other fields of the answer (`CancellationReasons`, `Item`),
 *   as DynamoDB sent them; `body` keeps the raw answer.
 */
import http from "node:http";
import https from "node:https";
import type * as T from "@aws-sdk/client-dynamodb";
import { sign, type Credentials } from "./sign";

/** Each operation's input and output, with the AWS SDK's types (type-only: nothing of the SDK is loaded). */
export interface Operations {
  GetItem: [T.GetItemInput, T.GetItemOutput];
  PutItem: [T.PutItemInput, T.PutItemOutput];
  UpdateItem: [T.UpdateItemInput, T.UpdateItemOutput];
  DeleteItem: [T.DeleteItemInput, T.DeleteItemOutput];
  Query: [T.QueryInput, T.QueryOutput];
  Scan: [T.ScanInput, T.ScanOutput];
  BatchGetItem: [T.BatchGetItemInput, T.BatchGetItemOutput];
  BatchWriteItem: [T.BatchWriteItemInput, T.BatchWriteItemOutput];
  TransactGetItems: [T.TransactGetItemsInput, T.TransactGetItemsOutput];
  TransactWriteItems: [T.TransactWriteItemsInput, T.TransactWriteItemsOutput];
}
export type Operation = keyof Operations;
export type Input<O extends Operation> = Operations[O][0];
export type Output<O extends Operation> = Operations[O][1];

/**
 * Wraps every call once (outside the retries): sees the operation and its wire input, may time or
 * count it. Used by the benchmark's request counter.
 */
export type Interceptor = (operation: Operation, input: Record<string, unknown>, next: () => Promise<Record<string, unknown>>) => Promise<Record<string, unknown>>;

export interface ClientOptions {
  /** `https://dynamodb.<region>.amazonaws.com` unless given (DynamoDB Local: `http://localhost:8000`). */
  endpoint?: string;
  region: string;
  /** Asked on every call (on Lambda, the environment's, which do not change during a process's life). */
  credentials: () => Credentials | Promise<Credentials>;
  timeoutMs: number;
  connectTimeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
}

/** An error DynamoDB answered, or the transport's. */
export interface DynamoError extends Error {
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number; attempts?: number };
  /** The raw answer of a failed call (what ElectroDB's "extractError" listener reads). */
  body?: string;
  /** A cancelled transaction: each item's reason, as DynamoDB sent it. */
  CancellationReasons?: Array<{ Code?: string; Message?: string; Item?: Record<string, unknown> }>;
}

/** The names of failures worth another try: throttling and the transient ones of the AWS SDK's retry strategy. */
const RETRYABLE = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "LimitExceededException",
  "TransactionInProgressException",
  "InternalServerError",
  "ServiceUnavailable",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

export function isRetryable(error: unknown): boolean {
  const e = error as DynamoError & { code?: string; errors?: unknown[] };
  if (!e) return false;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (RETRYABLE.has(e.name) || (typeof e.code === "string" && RETRYABLE.has(e.code))) return true;
  return Array.isArray(e.errors) && e.errors.some(isRetryable);
}

function named(name: string, message: string, fields: Record<string, unknown> = {}): DynamoError {
  return Object.assign(new Error(message), { name, ...fields }) as DynamoError;
}

export class DynamoDB {
  readonly region: string;
  readonly url: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly interceptors: Interceptor[] = [];

  constructor(private readonly options: ClientOptions) {
    this.region = options.region;
    this.url = new URL(options.endpoint ?? `https://dynamodb.${options.region}.amazonaws.com`);
    const secure = this.url.protocol === "https:";
    this.transport = secure ? https : http;
    this.agent = new this.transport.Agent({ keepAlive: true, maxSockets: 50 });
  }

  /** Adds an interceptor (outermost last). */
  use(interceptor: Interceptor): void {
    this.interceptors.push(interceptor);
  }

  /** One operation, tried up to `maxAttempts` times. */
  async send<O extends Operation>(operation: O, input: Input<O>, signal?: AbortSignal): Promise<Output<O>> {
    const body = input as unknown as Record<string, unknown>;
    let run = () => this.attempts(operation, JSON.stringify(body), signal);
    for (const i of this.interceptors) {
      const next = run;
      run = () => i(operation, body, next);
    }
    return (await run()) as Output<O>;
  }

  private async attempts(operation: Operation, body: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(operation, body, signal);
      } catch (error) {
        if (signal?.aborted || attempt >= this.options.maxAttempts || !isRetryable(error)) {
          const e = error as DynamoError;
          if (e && typeof e === "object") e.$metadata = { ...e.$metadata, attempts: attempt };
          throw error;
        }
        await new Promise((r) => setTimeout(r, this.options.backoffMs));
      }
    }
  }

  private async once(operation: Operation, body: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const { url, options } = this;
    const credentials = await options.credentials();
    const headers = sign({
      method: "POST",
      host: url.host,
      path: "/",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": `DynamoDB_20120810.${operation}` },
      body,
      region: this.region,
      service: "dynamodb",
      credentials,
    });
    headers["content-length"] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, value?: Record<string, unknown>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(connectTimer);
        signal?.removeEventListener("abort", onAbort);
        if (error) reject(error);
        else resolve(value!);
      };
      const req = this.transport.request({
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port || undefined,
        method: "POST",
        path: "/",
        headers,
        agent: this.agent,
      });
      const giveUp = (what: string, ms: number) => {
        const error = named("TimeoutError", `DynamoDB ${operation}: ${what} within ${ms} ms`, { $fault: "client" });
        finish(error);
        req.destroy(error);
      };
      const timer = setTimeout(() => giveUp("no answer", options.timeoutMs), options.timeoutMs);
      let connectTimer: NodeJS.Timeout | undefined;
      req.once("socket", (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(() => giveUp("no connection", options.connectTimeoutMs), options.connectTimeoutMs);
        socket.once("connect", () => clearTimeout(connectTimer));
      });
      const onAbort = () => {
        const error = named("AbortError", `DynamoDB ${operation}: aborted`);
        finish(error);
        req.destroy(error);
      };
      if (signal) {
        if (signal.aborted) return onAbort();
        signal.addEventListener("abort", onAbort, { once: true });
      }
      req.on("error", (error) => finish(error));
      req.once("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (error) => finish(error));
        res.once("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          let parsed: Record<string, unknown> | undefined;
          try {
            parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            parsed = undefined;
          }
          if (status === 200 && parsed) return finish(undefined, parsed);
          finish(answerError(operation, status, text, parsed, res.headers["x-amzn-errortype"]));
        });
      });
      req.end(body);
    });
  }

  /** Closes the kept-alive connections (scripts that want to exit at once). */
  destroy(): void {
    this.agent.destroy();
  }
}

/** DynamoDB's error answer as an error: `name` from `__type` (`com.amazonaws.dynamodb.v20120810#X` → `X`). */
function answerError(operation: Operation, status: number, text: string, parsed: Record<string, unknown> | undefined, header: string | string[] | undefined): DynamoError {
  const type = String(parsed?.__type ?? (Array.isArray(header) ? header[0] : header) ?? "");
  const short = type.split("#").pop()!.split(":")[0]!.trim();
  const name = short || (status === 503 ? "ServiceUnavailable" : status >= 500 ? "InternalServerError" : `HTTP${status}`);
  const message = String(parsed?.message ?? parsed?.Message ?? `DynamoDB ${operation} answered ${status}`);
  const { __type: _type, message: _m, Message: _M, ...fields } = parsed ?? {};
  return named(name, message, { ...fields, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status }, body: text });
}
