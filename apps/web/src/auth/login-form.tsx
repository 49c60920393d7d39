import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import { login } from '../api/endpoints.ts';
import { type SessionState, sessionKey } from './session.ts';

export function LoginForm({ notice }: { notice?: string | undefined }) {
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => login(username, password),
    onSuccess: ({ user }) => {
      setPassword('');
      client.setQueryData<SessionState>(sessionKey, { user });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={onSubmit} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to BanGUI</h1>
        {notice && !mutation.isError && (
          <p className="notice" role="status" data-testid="login-notice">
            {notice}
          </p>
        )}
        <label htmlFor="login-username">Username</label>
        <input
          id="login-username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {mutation.isError && (
          <p className="error" role="alert" data-testid="login-error">
            {describeLoginError(mutation.error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

function describeLoginError(error: Error): string {
  if (!(error instanceof ApiError)) return error.message;
  if (error.status === 429) {
    const wait =
      error.retryAfterSeconds === undefined ? 'a little while' : `${error.retryAfterSeconds} s`;
    return `Too many sign-in attempts. Try again in ${wait}.`;
  }
  if (error.status === 401) return error.message || 'Wrong username or password.';
  return error.message;
}
