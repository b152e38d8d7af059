import { Auth } from "@tracker/core/auth/index";
import { User } from "@tracker/core/user/index";
import { Hono } from "hono";
import * as z from "zod";
import { op } from "../op";
import { v } from "../validate";
import { clearSessionCookie, sessionToken, setSessionCookie } from "../session";

export const auth = new Hono()
  .post(
    "/login",
    op("login", { summary: "Sign in; sets the session cookie", response: z.object({ user: User.Info }), errors: [429] }),
    v("json", Auth.login.schema),
    async (c) => {
      const client = Auth.clientAddress({
        viewerAddress: c.req.header("cloudfront-viewer-address"),
        forwardedFor: c.req.header("x-forwarded-for"),
        socket: (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress,
      });
      const result = await Auth.login(c.req.valid("json"), { client });
      setSessionCookie(c, result.token, result.expiresAt);
      return c.json({ user: result.user }, 200);
    },
  )
  .post("/logout", op("logout", { summary: "Sign out; the session ends server-side", status: 204 }), async (c) => {
    await Auth.logout(sessionToken(c));
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .get("/me", op("getMe", { summary: "The signed-in user", response: z.object({ user: Auth.Me }) }), (c) => c.json({ user: Auth.me() }, 200));
