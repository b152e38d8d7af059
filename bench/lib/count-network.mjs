/**
 * Preloaded (`node --import ./bench/lib/count-network.mjs`) into a process that imports a Lambda bundle:
 * counts every network call (net/tls connect, http(s) request, fetch, DNS lookup) and refuses it at once,
 * so that a call made during module init shows up as a count (and a failed init) instead of a hang.
 * The calls are in globalThis.__networkCalls.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import tls from "node:tls";

const calls = [];
globalThis.__networkCalls = calls;
const target = (args) => {
  const a = args[0];
  if (typeof a === "string") return a;
  if (a instanceof URL) return a.href;
  if (a && typeof a === "object") return `${a.protocol ?? ""}${a.hostname ?? a.host ?? a.path ?? ""}${a.port ? `:${a.port}` : ""}`;
  return String(a);
};
const refuse = (label) => new Error(`network call during module init refused by the benchmark: ${label}`);
const wrap = (object, name, label) => {
  object[name] = function counted(...args) {
    const call = `${label} ${target(args)}`;
    calls.push(call);
    throw refuse(call);
  };
};
wrap(net, "connect", "net.connect");
wrap(net, "createConnection", "net.createConnection");
wrap(tls, "connect", "tls.connect");
wrap(http, "request", "http.request");
wrap(http, "get", "http.get");
wrap(https, "request", "https.request");
wrap(https, "get", "https.get");
wrap(dns, "lookup", "dns.lookup");
wrap(dns, "resolve", "dns.resolve");
wrap(dns.promises, "lookup", "dns.promises.lookup");
const fetch = globalThis.fetch;
if (fetch)
  globalThis.fetch = function counted(...args) {
    const call = `fetch ${target(args)}`;
    calls.push(call);
    return Promise.reject(refuse(call));
  };
syncBuiltinESMExports();
