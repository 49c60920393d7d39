import type { RecordedEvent } from '@bangui/core';
import type { Role } from '../auth/roles.ts';
import { TOKEN_STREAM_PREFIX } from '../tokens/token-events.ts';
import { USER_STREAM_PREFIX } from '../users/user-events.ts';

/**
 * What the live event stream may show a role. Account and token streams carry
 * password and secret hashes: never sent. The audit streams (who signed in or
 * failed to, from where) are for admins, as GET /api/audit is.
 */
export function eventVisibleTo(role: Role): (event: RecordedEvent) => boolean {
  return (event) => {
    if (event.stream.startsWith(USER_STREAM_PREFIX)) return false;
    if (event.stream.startsWith(TOKEN_STREAM_PREFIX)) return false;
    return role === 'admin' || !event.stream.startsWith('audit-');
  };
}
