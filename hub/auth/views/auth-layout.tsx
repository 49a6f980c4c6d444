import type { Child, FC } from "hono/jsx";

/** A plain page shell for the sign-in and account screens (no scripts: they work without htmx). */
export const AuthLayout: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title} · Vaultline hub</title>
      <style>{`body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin:.6rem 0}input,select{font-size:1rem;padding:.3rem}
.banner{padding:.6rem;border-radius:.3rem;background:#fde2e1;color:#7a1712}
.notice{padding:.6rem;border-radius:.3rem;background:#e3f4e1;word-break:break-all}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left}`}</style>
    </head>
    <body>
      <h1>{title}</h1>
      {children}
    </body>
  </html>
);

/** The hidden field that carries the session's CSRF token in every form. */
export const CsrfField: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

/** An error line at the top of a form. */
export const Banner: FC<{ message?: string | undefined }> = ({ message }) =>
  message ? (
    <p class="banner" role="alert">
      {message}
    </p>
  ) : null;
