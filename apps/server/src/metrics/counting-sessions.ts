import type { SessionManager } from '@bangui/core';
import type { BanguiMetrics } from './bangui-metrics.ts';

/**
 * The session manager, counting validations by result
 * (bangui_session_validations_total); unchanged when metrics are off.
 */
export function countingSessions(
  sessions: SessionManager,
  metrics: BanguiMetrics | undefined,
): SessionManager {
  if (metrics === undefined) return sessions;
  return {
    ...sessions,
    validate: async (token) => {
      const session = await sessions.validate(token);
      metrics.sessionValidated(session !== undefined);
      return session;
    },
  };
}
