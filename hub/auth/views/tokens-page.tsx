import type { FC } from "hono/jsx";
import type { TokenListing } from "../store.js";
import { Banner, CsrfField } from "./auth-layout.js";

export interface TokensPageProps {
  csrfToken: string;
  tokens: TokenListing[];
  /** True when every token this person creates is read-only (auditors). */
  readOnlyOnly: boolean;
  /** A token just created: shown once, never again. */
  created?: string;
  error?: string;
}

/** The employee's own API tokens: create, list, revoke. */
export const TokensPage: FC<TokensPageProps> = ({ csrfToken, tokens, readOnlyOnly, created, error }) => (
  <section class="panel">
    <h2>API tokens</h2>
    <Banner message={error} />
    {created ? (
      <p class="notice">
        New token (copy it now, it is not shown again): <code id="new-token">{created}</code>
      </p>
    ) : null}
    <table>
      <thead>
        <tr>
          <th>Name</th>
          <th>Access</th>
          <th>Created</th>
          <th>Last used</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr>
            <td>{t.name}</td>
            <td>{t.readOnly ? "read-only" : "read and write"}</td>
            <td>{t.createdAt}</td>
            <td>{t.lastUsedAt ?? "never"}</td>
            <td>
              <form method="post" action={`/account/tokens/${t.id}/revoke`}>
                <CsrfField token={csrfToken} />
                <button type="submit">Revoke</button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <h3>New token</h3>
    <form method="post" action="/account/tokens">
      <CsrfField token={csrfToken} />
      <label>
        Name <input name="name" required maxlength={80} />
      </label>
      {readOnlyOnly ? (
        <p>Tokens you create are read-only.</p>
      ) : (
        <label>
          <input type="checkbox" name="readOnly" value="on" checked /> Read-only
        </label>
      )}
      <button type="submit">Create token</button>
    </form>
    <form method="post" action="/logout">
      <CsrfField token={csrfToken} />
      <button type="submit">Sign out</button>
    </form>
  </section>
);
