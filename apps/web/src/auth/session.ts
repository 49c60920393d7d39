import { isUnauthorized } from '../api/api-error.ts';
import { fetchMe } from '../api/endpoints.ts';
import type { User } from '../api/types.ts';

/** Who is signed in, plus an optional notice for the login form ("your session expired"). */
export interface SessionState {
  user: User | null;
  notice?: string;
}

export const sessionKey = ['session'] as const;

export const sessionExpiredNotice = 'Your session has expired. Please sign in again.';

/** GET api/auth/me, where 401 simply means "nobody is signed in". */
export async function loadSession(signal?: AbortSignal): Promise<SessionState> {
  try {
    const { user } = await fetchMe(signal);
    return { user };
  } catch (error) {
    if (isUnauthorized(error)) return { user: null };
    throw error;
  }
}
