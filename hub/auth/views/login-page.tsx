import type { FC } from "hono/jsx";
import { AuthLayout, Banner } from "./auth-layout.js";

export interface LoginPageProps {
  /** Where to go after signing in (a local path). */
  next: string;
  username?: string;
  error?: string;
}

/** The dashboard sign-in form. */
export const LoginPage: FC<LoginPageProps> = ({ next, username, error }) => (
  <AuthLayout title="Sign in">
    <Banner message={error} />
    <form method="post" action="/login">
      <input type="hidden" name="next" value={next} />
      <label>
        Username <input name="username" autocomplete="username" required value={username ?? ""} />
      </label>
      <label>
        Password <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit">Sign in</button>
    </form>
  </AuthLayout>
);
