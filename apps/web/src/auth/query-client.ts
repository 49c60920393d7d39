import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthorized } from '../api/api-error.ts';
import { endSession } from './end-session.ts';
import { type SessionState, sessionExpiredNotice, sessionKey } from './session.ts';

/**
 * The app's query client. Every query and mutation error passes through here so that a 401
 * from ANY call (the session expired or was revoked) sends the user back to the login form.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => expireSessionOn(client, error) }),
    mutationCache: new MutationCache({ onError: (error) => expireSessionOn(client, error) }),
    defaultOptions: {
      queries: { retry: retryTransient },
    },
  });
  return client;
}

function expireSessionOn(client: QueryClient, error: unknown): void {
  if (!isUnauthorized(error)) return;
  // A failed login is a 401 too, but there is no session to expire: the form reports it.
  if (!client.getQueryData<SessionState>(sessionKey)?.user) return;
  endSession(client, sessionExpiredNotice);
}

// API errors are answers, not glitches: show them at once (a 503 means "fail2ban offline",
// and polling retries anyway). Only a network failure gets one quick retry.
function retryTransient(failureCount: number, error: unknown): boolean {
  return error instanceof ApiError && error.status === 0 && failureCount < 1;
}
