import { Auth } from "@tracker/core";
import { Hono } from "hono";
import { v } from "../validate";
import { clearSessionCookie, sessionToken, setSessionCookie } from "../session";

export const auth = new Hono()
  .post("/login", v("json", Auth.login.schema), async (c) => {
    const client = Auth.clientAddress({
      viewerAddress: c.req.header("cloudfront-viewer-address"),
      forwardedFor: c.req.header("x-forwarded-for"),
      socket: (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress,
    });
    const result = await Auth.login(c.req.valid("json"), { client });
    setSessionCookie(c, result.token, result.expiresAt);
    return c.json({ user: result.user }, 200);
  })
  .post("/logout", async (c) => {
    await Auth.logout(sessionToken(c));
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .get("/me", (c) => c.json({ user: Auth.me() }, 200));
