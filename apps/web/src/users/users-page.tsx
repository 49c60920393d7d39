import type { User } from '../api/types.ts';
import { QueryError } from '../ui/query-error.tsx';
import { CreateUserForm } from './create-user-form.tsx';
import { UserRow } from './user-row.tsx';
import { useUsers } from './users-queries.ts';

/** Admins: who may sign in, with which role. */
export function UsersPage({ me }: { me: User }) {
  const users = useUsers();
  return (
    <section aria-labelledby="users-page-title">
      <h1 id="users-page-title">Users</h1>
      <CreateUserForm />
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">Accounts</h2>
        <p className="hint">
          Viewers can look at everything except users and the audit log; operators can also ban and
          unban; admins can do everything.
        </p>
        <QueryError error={users.error} showsOldData={users.data !== undefined} />
        {users.isPending && <p role="status">Loading users…</p>}
        {users.data && (
          <div className="table-scroll flat">
            <table className="data stacked" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.users.map((account) => (
                  // Keyed by role too: after a change the row's picker starts from the new role.
                  <UserRow key={`${account.name}:${account.role}`} account={account} me={me.name} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
