import type { QueryClient } from '@tanstack/react-query';
import { type SessionState, sessionKey } from './session.ts';

/**
 * Forgets everything cached for the signed-in user and shows the login form. The session
 * query itself is updated rather than removed so that its mounted observer sees the change.
 */
export function endSession(client: QueryClient, notice?: string): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  client.setQueryData<SessionState>(sessionKey, notice ? { user: null, notice } : { user: null });
}
