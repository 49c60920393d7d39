import { ApiError, isFail2banUnavailable, isForbidden } from '../api/api-error.ts';
import { offlineReason } from '../format/offline-reason.ts';

interface QueryErrorProps {
  error: Error | null;
  /** Whether figures from before the failure are still on screen (they may be out of date). */
  showsOldData?: boolean;
}

/**
 * Shows why a query failed. fail2ban being unreachable gets its own banner: it is an
 * expected, recoverable state and the page keeps polling (and showing the last data).
 */
export function QueryError({ error, showsOldData = false }: QueryErrorProps) {
  if (error === null) return null;
  if (isFail2banUnavailable(error)) {
    return (
      <div className="banner offline" role="alert" data-testid="fail2ban-offline">
        <p className="banner-title">Cannot reach fail2ban</p>
        <p>{offlineReason(error.message)}</p>
        <p>
          Retrying automatically.
          {showsOldData && ' The figures shown are the last ones read and may be out of date.'}
        </p>
      </div>
    );
  }
  if (isForbidden(error)) {
    // The server's message names the role needed and the user's own.
    return (
      <div className="banner error" role="alert" data-testid="query-forbidden">
        Not allowed: {error.message}
      </div>
    );
  }
  return (
    <div className="banner error" role="alert" data-testid="query-error">
      {error instanceof ApiError && error.status === 0 ? error.message : `Error: ${error.message}`}
    </div>
  );
}
