import { zValidator } from "@hono/zod-validator";
import { Hono, type Context } from "hono";
import type { Logger } from "pino";
import { z } from "zod";
import { clearSessionCookie, writeSessionCookie } from "./cookies.js";
import type { AuthEnv } from "./middleware.js";
import { MAX_PASSWORD_LENGTH } from "./password.js";
import type { AuthService } from "./service.js";
import type { AuthStore } from "./store.js";
import { LoginPage } from "./views/login-page.js";
import { TokensPage } from "./views/tokens-page.js";
import { UsersPage } from "./views/users-page.js";

export interface AuthRoutesDeps {
  service: AuthService;
  store: AuthStore;
  log: Logger;
  /** True when the dashboard is served over HTTPS. */
  secureCookies: boolean;
  /** The client's address for login rate limits; defaults to the socket's remote address. */
  clientAddress?: (c: Context) => string;
}

/** A field left out of the request reads as empty, so the person is told which one to fill in. */
const LoginForm = z.object({
  username: z
    .string()
    .default("")
    .pipe(z.string().trim().min(1, "Enter your username.").max(64, "A username has at most 64 characters.")),
  password: z
    .string()
    .default("")
    .pipe(
      z
        .string()
        .min(1, "Enter your password.")
        .max(MAX_PASSWORD_LENGTH, `A password has at most ${MAX_PASSWORD_LENGTH} characters.`),
    ),
  next: z.string().optional(),
});
const TokenForm = z.object({
  name: z.string().trim().min(1, "give the token a name").max(80),
  readOnly: z.string().optional(),
});
const UserForm = z.object({
  employeeId: z.string().min(1),
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{2,64}$/, "username: 2–64 lowercase letters, digits, dot, dash, underscore"),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

/** Only local paths are followed after sign-in (an open redirect would help phishing). */
function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

function socketAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "unknown";
}

const firstIssue = (e: { issues: ReadonlyArray<{ message: string }> }) => e.issues[0]?.message ?? "invalid form";

type Deps = AuthRoutesDeps & { address: (c: Context) => string };

const TOKENS = { title: "API tokens" };
const LOGINS = { title: "Dashboard logins" };

/** An account page with a status, inside the dashboard's layout (its navigation and sign-out). */
function shown(c: Context, status: 201 | 404 | 422, page: Parameters<Context["render"]>[0], props: { title: string }) {
  c.status(status);
  return c.render(page, props);
}

/**
 * The sign-in form's fields; a body that is not a form (no fields, another content type, a broken
 * multipart body) reads as empty, so the form is shown again with what is missing instead of an error page.
 */
async function loginFields(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return {};
  return c.req.parseBody().catch(() => ({}));
}

function loginRoutes({ service, secureCookies, address }: Deps) {
  return new Hono<AuthEnv>()
    .get("/login", (c) => c.html(<LoginPage next={safeNext(c.req.query("next"))} />))
    .post(
      "/login",
      async (c, next) => {
        const fields = await loginFields(c);
        const form = LoginForm.safeParse(fields);
        if (form.success) return next();
        const username = typeof fields.username === "string" ? fields.username : "";
        const nextPath = safeNext(typeof fields.next === "string" ? fields.next : undefined);
        return c.html(<LoginPage next={nextPath} username={username} error={firstIssue(form.error)} />, 400);
      },
      zValidator("form", LoginForm),
      async (c) => {
        const form = c.req.valid("form");
        const next = safeNext(form.next);
        const result = await service.login(form.username, form.password, address(c));
        if (result.ok) {
          writeSessionCookie(c, secureCookies, result.sessionId, service.sessionTimes.maxMs);
          return c.redirect(next, 303);
        }
        if (result.reason === "locked") {
          const minutes = Math.ceil(result.retryAfterMs / 60_000);
          c.header("Retry-After", String(Math.ceil(result.retryAfterMs / 1000)));
          return c.html(
            <LoginPage
              next={next}
              username={form.username}
              error={`Too many failed sign-ins: try again in ${minutes} min.`}
            />,
            429,
          );
        }
        return c.html(<LoginPage next={next} username={form.username} error="Wrong username or password." />, 401);
      },
    )
    .post("/logout", async (c) => {
      await service.logout(c.get("principal"));
      clearSessionCookie(c, secureCookies);
      return c.redirect("/login", 303);
    });
}

function tokenRoutes({ service }: Deps) {
  const page = async (c: Context<AuthEnv>, extra: { created?: string; error?: string } = {}) => {
    const who = c.get("principal");
    return (
      <TokensPage
        csrfToken={who.csrfToken ?? ""}
        tokens={await service.listTokens(who)}
        readOnlyOnly={who.readOnly}
        {...extra}
      />
    );
  };
  return new Hono<AuthEnv>()
    .get("/", async (c) => c.render(await page(c), TOKENS))
    .post(
      "/",
      zValidator("form", TokenForm, async (r, c) => {
        if (!r.success)
          return shown(c, 422, await page(c as unknown as Context<AuthEnv>, { error: firstIssue(r.error) }), TOKENS);
      }),
      async (c) => {
        const form = c.req.valid("form");
        const token = await service.createToken(c.get("principal"), form.name, form.readOnly === "on");
        return shown(c, 201, await page(c, { created: token }), TOKENS);
      },
    )
    .post("/:id/revoke", async (c) => {
      if (!(await service.revokeToken(c.get("principal"), c.req.param("id"))))
        return shown(c, 404, await page(c, { error: "No such token of yours." }), TOKENS);
      return c.redirect("/account/tokens", 303);
    });
}

function userRoutes({ service, store }: Deps) {
  const page = async (c: Context<AuthEnv>, extra: { notice?: string; error?: string } = {}) => (
    <UsersPage csrfToken={c.get("principal").csrfToken ?? ""} employees={await store.listEmployeeLogins()} {...extra} />
  );
  return new Hono<AuthEnv>()
    .get("/", async (c) => c.render(await page(c), LOGINS))
    .post(
      "/",
      zValidator("form", UserForm, async (r, c) => {
        if (!r.success)
          return shown(c, 422, await page(c as unknown as Context<AuthEnv>, { error: firstIssue(r.error) }), LOGINS);
      }),
      async (c) => {
        const form = c.req.valid("form");
        try {
          await service.setPassword(form.employeeId, form.username, form.password, {
            by: c.get("principal").employeeId,
          });
        } catch (e) {
          return shown(c, 422, await page(c, { error: (e as Error).message }), LOGINS);
        }
        return c.render(await page(c, { notice: `Login "${form.username}" saved.` }), LOGINS);
      },
    );
}

/**
 * Sign-in, sign-out, the employee's own API tokens and the admin's login management, mounted at
 * "/" behind createAuthMiddleware (which lets /login through and checks roles on the rest).
 */
export function authRoutes(deps: AuthRoutesDeps) {
  const d: Deps = { ...deps, address: deps.clientAddress ?? socketAddress };
  return new Hono<AuthEnv>()
    .route("/", loginRoutes(d))
    .route("/account/tokens", tokenRoutes(d))
    .route("/admin/users", userRoutes(d));
}
