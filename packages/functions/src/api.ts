/** Lambda entry: the same Hono app behind API Gateway. */
import { Auth } from "@tracker/core/auth/index";
import { handle } from "hono/aws-lambda";
import { app } from "./app";
import { setOriginSecret } from "./origin";
import { boundSecret } from "./secrets";

/**
 * The session key and the CloudFront origin secret are SST Config.Secrets, read from SSM on the first
 * request that needs them, not at init (secrets.ts). SESSION_SECRET / ORIGIN_SECRET, when set, are used
 * as they are.
 */
const sessionSecret = boundSecret("SESSION_SECRET");
if (!process.env.SESSION_SECRET && sessionSecret) Auth.setSecret(sessionSecret);
const originSecret = boundSecret("ORIGIN_SECRET");
if (originSecret) setOriginSecret(originSecret);

export const handler = handle(app);
