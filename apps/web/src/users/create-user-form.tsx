import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Role } from '../api/types.ts';
import { createUser } from '../api/users-endpoints.ts';
import { roles } from '../auth/roles.ts';
import { minPasswordLength } from '../settings/password-rules.ts';
import { usersKey } from './users-queries.ts';

const empty = { username: '', role: 'viewer' as Role, password: '' };

/** A new account with an initial password the admin passes on; the user changes it later. */
export function CreateUserForm() {
  const client = useQueryClient();
  const [fields, setFields] = useState(empty);
  const mutation = useMutation({
    mutationFn: () => createUser(fields.username.trim(), fields.role, fields.password),
    onSuccess: () => {
      setFields(empty);
      return client.invalidateQueries({ queryKey: usersKey });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const tooShort = fields.password.length < minPasswordLength;

  return (
    <section className="card" aria-labelledby="create-user-title">
      <h2 id="create-user-title">Add a user</h2>
      <form onSubmit={onSubmit} className="filters" data-testid="create-user-form">
        <div>
          <label htmlFor="new-username">Username</label>
          <input
            id="new-username"
            required
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            pattern="[a-z0-9._\-]{1,64}"
            title="Lower-case letters, digits, dot, underscore and dash (at most 64)"
            value={fields.username}
            onChange={(event) => setFields({ ...fields, username: event.target.value })}
          />
        </div>
        <div>
          <label htmlFor="new-role">Role</label>
          <select
            id="new-role"
            value={fields.role}
            onChange={(event) => setFields({ ...fields, role: event.target.value as Role })}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <div className="grow">
          <label htmlFor="new-password">Initial password</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby="new-password-hint"
            value={fields.password}
            onChange={(event) => setFields({ ...fields, password: event.target.value })}
          />
        </div>
        <div className="filter-submit">
          <button
            type="submit"
            className="primary"
            disabled={fields.username.trim() === '' || tooShort || mutation.isPending}
          >
            {mutation.isPending ? 'Adding…' : 'Add user'}
          </button>
        </div>
      </form>
      <p id="new-password-hint" className="hint">
        Usernames use a-z, 0-9, dot, underscore and dash. The password needs at least{' '}
        {minPasswordLength} characters; hand it over safely, the user can change it in Settings.
      </p>
      {mutation.isError && (
        <p className="result error" role="alert" data-testid="create-user-error">
          {mutation.error.message}
        </p>
      )}
      {mutation.isSuccess && (
        <p className="result ok" role="status" data-testid="create-user-result">
          Added {mutation.data.user.name} as {mutation.data.user.role}.
        </p>
      )}
    </section>
  );
}
