/**
 * AWS Signature Version 4 for a DynamoDB request (POST / with a JSON body, no query string), with
 * node:crypto. Every header given is signed; the signing key is kept for the day, region and service
 * it is for, so a warm call computes one HMAC chain link less than four. Checked against the AWS SDK's
 * own signer (@smithy/signature-v4) by tests/ddb-sign.test.ts.
 */
import { createHash, createHmac } from "node:crypto";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignInput {
  method: string;
  host: string;
  path: string;
  /** Header names in lower case; host, x-amz-date and x-amz-security-token are added here. */
  headers: Record<string, string>;
  body: string;
  region: string;
  service: string;
  credentials: Credentials;
  date?: Date;
}

const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();
const hex = (data: string): string => createHash("sha256").update(data, "utf8").digest("hex");

let cached: { scope: string; secret: string; key: Buffer } | undefined;

function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const scope = `${day}/${region}/${service}`;
  if (cached?.scope === scope && cached.secret === secret) return cached.key;
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), "aws4_request");
  cached = { scope, secret, key };
  return key;
}

/** `20261201T235959Z` */
function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** The headers to send: the given ones with host, x-amz-date, the session token if any, and authorization. */
export function sign(input: SignInput): Record<string, string> {
  const stamp = amzDate(input.date ?? new Date());
  const day = stamp.slice(0, 8);
  const headers: Record<string, string> = { ...input.headers, host: input.host, "x-amz-date": stamp };
  if (input.credentials.sessionToken) headers["x-amz-security-token"] = input.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, " ")}\n`).join("");
  const signedHeaders = names.join(";");
  const canonical = `${input.method}\n${input.path}\n\n${canonicalHeaders}\n${signedHeaders}\n${hex(input.body)}`;
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${stamp}\n${scope}\n${hex(canonical)}`;
  const signature = createHmac("sha256", signingKey(input.credentials.secretAccessKey, day, input.region, input.service)).update(toSign, "utf8").digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
