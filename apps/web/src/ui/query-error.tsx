import { ApiError, isFail2banUnavailable } from '../api/api-error.ts';

/**
 * Shows why a query failed. fail2ban being unreachable gets its own banner: it is an
 * expected, recoverable state and the page keeps polling (and showing the last data).
 */
export function QueryError({ error }: { error: Error | null }) {
  if (error === null) return null;
  if (isFail2banUnavailable(error)) {
    return (
      <div className="banner offline" role="alert" data-testid="fail2ban-offline">
        <strong>fail2ban is offline.</strong> {error.message} Retrying automatically; figures shown
        may be out of date.
      </div>
    );
  }
  return (
    <div className="banner error" role="alert" data-testid="query-error">
      {error instanceof ApiError && error.status === 0 ? error.message : `Error: ${error.message}`}
    </div>
  );
}
