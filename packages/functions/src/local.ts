/** Local entry: the same Hono app on Node, serving the built web beside the API. */
import { serve, type ServerType } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { app } from "./app";
// The local server sends statements itself (on AWS the statements function does).
import "@tracker/core/mail";

export function localApp(webRoot: string) {
  const indexFile = join(webRoot, "index.html");
  const site = new Hono();
  site.route("/", app);
  site.use("/assets/*", serveStatic({ root: webRoot }));
  site.use("/favicon.svg", serveStatic({ root: webRoot }));
  // Every other page is the single-page app; it routes on the client.
  site.get("*", (c) => {
    if (!existsSync(indexFile)) return c.text("The web app is not built: run `npm run build:web`.", 503);
    return c.html(readFileSync(indexFile, "utf8"));
  });
  return site;
}

export class PortInUseError extends Error {
  constructor(public readonly port: number) {
    super(`Port ${port} is already in use. Stop what runs there, or start on another port: PORT=3001 npm start`);
  }
}

/** Starts the HTTP server; rejects with PortInUseError when the port is taken. */
export function startServer(options: { port: number; webRoot: string; hostname?: string }): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: localApp(options.webRoot).fetch, port: options.port, hostname: options.hostname }, () =>
      resolve(server),
    );
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new PortInUseError(options.port) : error),
    );
  });
}
