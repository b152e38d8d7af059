/**
 * The document client's commands, handed to ElectroDB in the Lambda bundles.
 *
 * ElectroDB (electrodb/src/client.js, CommonJS) does `require("@aws-sdk/lib-dynamodb")`. A require() of an
 * ES module makes esbuild wrap it, and every module
 * it imports, in lazy initialisers that cannot be tree-shaken: the bundle then held and initialised at cold
 * start every command of the document client and of the DynamoDB client, the aggregated clients and the
 * waiters. In the bundles (sst.config.ts) that require gets a small CommonJS module that reads from
 * the object this module puts on globalThis; this module imports just what ElectroDB uses. Each Lambda
 * entry imports it first. Outside the bundles (tests, local server) ElectroDB requires the packages
 * themselves and this object is unused.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";

export const ELECTRODB_SDK = "tracker.electrodb.sdk";

(globalThis as Record<symbol, unknown>)[Symbol.for(ELECTRODB_SDK)] = {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
};
