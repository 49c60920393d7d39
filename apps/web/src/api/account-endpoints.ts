import { request } from './request.ts';
import type { ApiToken, CreatedToken, Role, SessionInfo } from './types.ts';

// The signed-in user's own credentials: password, sessions and API tokens.

/** Ends every other session of the user; the answer sets a fresh cookie for this browser. */
export const changePassword = (current: string, next: string) =>
  request<{ changed: boolean; revokedSessions: number }>('api/auth/password', {
    method: 'POST',
    body: { current, new: next },
  });

export const fetchSessions = (signal?: AbortSignal) =>
  request<{ sessions: SessionInfo[] }>('api/auth/sessions', { signal });

export const revokeSession = (id: string) =>
  request<{ revoked: number }>(`api/auth/sessions/${encodeURIComponent(id)}`, {
    method: 'DELETE',
  });

export const fetchTokens = (signal?: AbortSignal) =>
  request<{ tokens: ApiToken[] }>('api/tokens', { signal });

export interface NewToken {
  name: string;
  role: Role;
  /** undefined: the token never expires */
  expiresInDays: number | undefined;
}

export const createToken = ({ name, role, expiresInDays }: NewToken) =>
  request<CreatedToken>('api/tokens', {
    method: 'POST',
    body: expiresInDays === undefined ? { name, role } : { name, role, expiresInDays },
  });

export const revokeToken = (id: string) =>
  request<{ revoked: boolean }>(`api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
