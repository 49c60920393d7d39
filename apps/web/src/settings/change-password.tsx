import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { changePassword } from '../api/account-endpoints.ts';
import { accountKeys } from './account-keys.ts';
import { minPasswordLength, newPasswordProblem } from './password-rules.ts';

const empty = { current: '', next: '', repeat: '' };

/** Current password, new one twice. The server signs out every other session on success. */
export function ChangePassword() {
  const client = useQueryClient();
  const [fields, setFields] = useState(empty);
  // Shown only after a submit: a "too short" under the first typed character is noise.
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => changePassword(fields.current, fields.next),
    onSuccess: () => {
      setFields(empty);
      return client.invalidateQueries({ queryKey: accountKeys.sessions });
    },
  });
  const field = (name: keyof typeof empty) => ({
    value: fields[name],
    onChange: (event: { target: { value: string } }) =>
      setFields((current) => ({ ...current, [name]: event.target.value })),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = newPasswordProblem(fields.current, fields.next, fields.repeat);
    setProblem(found);
    mutation.reset();
    if (found === null) mutation.mutate();
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <form onSubmit={onSubmit} className="narrow-form" data-testid="password-form">
        <label htmlFor="password-current">Current password</label>
        <input
          id="password-current"
          type="password"
          autoComplete="current-password"
          required
          {...field('current')}
        />
        <label htmlFor="password-new">New password</label>
        <input
          id="password-new"
          type="password"
          autoComplete="new-password"
          aria-describedby="password-hint"
          required
          {...field('next')}
        />
        <p id="password-hint" className="hint">
          At least {minPasswordLength} characters. A few unrelated words make a long password easy
          to remember.
        </p>
        <label htmlFor="password-repeat">Repeat the new password</label>
        <input
          id="password-repeat"
          type="password"
          autoComplete="new-password"
          required
          {...field('repeat')}
        />
        {problem && (
          <p className="result error" role="alert" data-testid="password-error">
            {problem}
          </p>
        )}
        {mutation.isError && (
          <p className="result error" role="alert" data-testid="password-error">
            {mutation.error.message}
          </p>
        )}
        {mutation.isSuccess && (
          <p className="result ok" role="status" data-testid="password-changed">
            Password changed. {signedOutOthers(mutation.data.revokedSessions - 1)}
          </p>
        )}
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}

// The server counts this browser's old session too; it got a fresh one in the same answer.
function signedOutOthers(others: number): string {
  if (others <= 0) return 'You had no other sessions.';
  return `${others} other ${others === 1 ? 'session was' : 'sessions were'} signed out.`;
}
