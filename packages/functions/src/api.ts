/** Lambda entry: the same Hono app behind API Gateway. */
import { Auth } from "@tracker/core";
import { handle } from "hono/aws-lambda";
import { Config } from "sst/node/config";
import { app } from "./app";

Auth.setSecret(Config.SESSION_SECRET);

export const handler = handle(app);
