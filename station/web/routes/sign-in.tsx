import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { SignInPanel } from "../views/parts/sign-in-panel.js";

const KeyForm = z.object({
  key: z.enum(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "clear", "ok", "cancel"]),
});

/**
 * PIN pad presses and the sign-out button, each answered with the sign-in panel fragment (the
 * banner and header follow over SSE), and taps on the screen that keep a session from idling out.
 */
export function signInRoutes(deps: AppDeps) {
  return new Hono()
    .post(
      "/key",
      zValidator("form", KeyForm, (result, c) => {
        if (!result.success) return c.text("unknown key: use 0–9, back, clear, ok or cancel", 422);
      }),
      async (c) => {
        await deps.signIn.press(c.req.valid("form").key);
        return c.html(<SignInPanel view={deps.signIn.view()} />);
      },
    )
    .post("/touch", (c) => {
      deps.signIn.touch();
      return c.body(null, 204);
    })
    .post("/sign-out", async (c) => {
      await deps.signIn.signOut("sign-out button");
      return c.html(<SignInPanel view={deps.signIn.view()} />);
    });
}
