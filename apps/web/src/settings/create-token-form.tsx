import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { createToken } from '../api/account-endpoints.ts';
import type { CreatedToken, Role, User } from '../api/types.ts';
import { rolesUpTo } from '../auth/roles.ts';
import { defaultTokenExpiryDays, tokenExpiryChoices } from './token-expiry.ts';

interface CreateTokenFormProps {
  user: User;
  onCreated: (created: CreatedToken) => void;
}

/**
 * Name, role and lifetime of a new token. Only roles up to the user's own are offered (the
 * server refuses higher ones anyway); the lowest is preselected, as the least a script needs.
 */
export function CreateTokenForm({ user, onCreated }: CreateTokenFormProps) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [days, setDays] = useState(String(defaultTokenExpiryDays));
  const mutation = useMutation({
    mutationFn: () =>
      createToken({
        name: name.trim(),
        role,
        expiresInDays: days === '' ? undefined : Number(days),
      }),
    onSuccess: (created) => {
      setName('');
      onCreated(created);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  return (
    <form onSubmit={onSubmit} className="filters token-form" data-testid="token-form">
      <div className="grow">
        <label htmlFor="token-name">Token name</label>
        <input
          id="token-name"
          required
          maxLength={100}
          placeholder="e.g. monitoring script"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div>
        <label htmlFor="token-role">Role</label>
        <select
          id="token-role"
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
        >
          {rolesUpTo(user.role).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="token-expiry">Expires after</label>
        <select id="token-expiry" value={days} onChange={(event) => setDays(event.target.value)}>
          {tokenExpiryChoices.map((choice) => (
            <option key={choice.label} value={choice.days === undefined ? '' : choice.days}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-submit">
        <button
          type="submit"
          className="primary"
          disabled={name.trim() === '' || mutation.isPending}
        >
          {mutation.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
      {mutation.isError && (
        <p className="result error grow-full" role="alert" data-testid="token-error">
          {mutation.error.message}
        </p>
      )}
    </form>
  );
}
