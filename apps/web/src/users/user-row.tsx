import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Account, Role } from '../api/types.ts';
import { type AccountChange, changeUser } from '../api/users-endpoints.ts';
import { roles } from '../auth/roles.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { TimeText } from '../ui/time-text.tsx';
import { usersKey } from './users-queries.ts';

const columns = 5;

interface UserRowProps {
  account: Account;
  /** the signed-in admin's name: their own row is marked */
  me: string;
}

/**
 * One account: its role (pick another, then confirm) and whether it may sign in (disabling
 * asks first, enabling does not). Both end the user's sessions on the server. Refusals,
 * such as the 409 for locking oneself out, are shown under the row.
 */
export function UserRow({ account, me }: UserRowProps) {
  const client = useQueryClient();
  const [role, setRole] = useState<Role>(account.role);
  const change = useMutation({
    mutationFn: (body: AccountChange) => changeUser(account.name, body),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
    // A refused role change: show the role the account still has.
    onError: () => setRole(account.role),
  });
  const self = account.name === me;

  return (
    <>
      <tr data-testid="user-row" data-name={account.name}>
        <th scope="row" data-label="User">
          {account.name}
          {self && <span className="muted"> (you)</span>}
        </th>
        <td data-label="Role">
          <span className="inline-controls">
            <select
              aria-label={`Role of ${account.name}`}
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            {role !== account.role && (
              <ConfirmAction
                label="Change role"
                ariaLabel={`Change role of ${account.name}`}
                question={`Make ${account.name} ${article(role)} ${role}? They are signed out and sign in again with the new role.`}
                confirmLabel={`Make ${role}`}
                pending={change.isPending}
                onConfirm={() => change.mutate({ role })}
              />
            )}
          </span>
        </td>
        <td data-label="Status" data-testid="user-status">
          {account.disabled ? <span className="badge">disabled</span> : 'active'}
        </td>
        <td data-label="Created" className="nowrap">
          <TimeText iso={account.createdAt} />
        </td>
        <td className="actions">
          {account.disabled ? (
            <button
              type="button"
              disabled={change.isPending}
              onClick={() => change.mutate({ disabled: false })}
              aria-label={`Enable ${account.name}`}
            >
              Enable
            </button>
          ) : (
            <ConfirmAction
              label="Disable"
              ariaLabel={`Disable ${account.name}`}
              question={`Disable ${account.name}? They are signed out at once, and neither they nor their API tokens work until enabled again.`}
              confirmLabel={`Disable ${account.name}`}
              pending={change.isPending}
              onConfirm={() => change.mutate({ disabled: true })}
            />
          )}
        </td>
      </tr>
      {change.isError && (
        <tr className="row-message">
          <td colSpan={columns}>
            <p className="result error" role="alert" data-testid="user-error">
              {account.name}: {change.error.message}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}

const article = (role: Role) => (role === 'viewer' ? 'a' : 'an');
