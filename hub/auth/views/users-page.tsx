import type { FC } from "hono/jsx";
import type { EmployeeRef } from "../store.js";
import { Banner, CsrfField } from "./auth-layout.js";

export interface UsersPageProps {
  csrfToken: string;
  employees: Array<EmployeeRef & { username: string | null }>;
  notice?: string;
  error?: string;
}

/**
 * Admin screen: give an employee a dashboard login or a new password, and see which sites each
 * login may see (set with `vaultline-hub user sites`; a new login sees every site).
 */
export const UsersPage: FC<UsersPageProps> = ({ csrfToken, employees, notice, error }) => (
  <section class="panel">
    <h2>Dashboard logins</h2>
    <Banner message={error} />
    {notice ? <p class="notice">{notice}</p> : null}
    <table>
      <thead>
        <tr>
          <th>Employee</th>
          <th>Role</th>
          <th>Username</th>
          <th>Sites</th>
          <th>Active</th>
        </tr>
      </thead>
      <tbody>
        {employees.map((e) => (
          <tr>
            <td>{e.name}</td>
            <td>{e.role}</td>
            <td>{e.username ?? "no login"}</td>
            <td>{e.username === null ? "" : e.sites === null ? "every site" : e.sites.join(", ") || "none"}</td>
            <td>{e.active ? "yes" : "no"}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <h3>Set a login</h3>
    <form method="post" action="/admin/users">
      <CsrfField token={csrfToken} />
      <label>
        Employee
        <select name="employeeId">
          {employees.map((e) => (
            <option value={e.employeeId}>
              {e.name} ({e.role})
            </option>
          ))}
        </select>
      </label>
      <label>
        Username <input name="username" required maxlength={64} />
      </label>
      <label>
        Password <input name="password" type="password" autocomplete="new-password" required />
      </label>
      <button type="submit">Save</button>
    </form>
  </section>
);
