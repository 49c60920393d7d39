import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSessions, revokeSession } from '../api/account-endpoints.ts';
import type { SessionInfo } from '../api/types.ts';
import { formatDateTime } from '../format/date-time.ts';
import { QueryError } from '../ui/query-error.tsx';
import { TimeText } from '../ui/time-text.tsx';
import { accountKeys } from './account-keys.ts';

/**
 * Where the user is signed in. This browser's session is marked and has no revoke button:
 * Sign out ends it. "Revoke all other sessions" revokes the others one by one, because the
 * server's revoke-all would end this one too.
 */
export function MySessions() {
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: accountKeys.sessions,
    queryFn: ({ signal }) => fetchSessions(signal),
  });
  const refresh = () => client.invalidateQueries({ queryKey: accountKeys.sessions });
  const revokeOne = useMutation({ mutationFn: revokeSession, onSettled: refresh });
  const others = sessions.data?.sessions.filter((s) => !s.current) ?? [];
  const revokeOthers = useMutation({
    mutationFn: () => Promise.all(others.map((s) => revokeSession(s.id))),
    onSettled: refresh,
  });
  const busy = revokeOne.isPending || revokeOthers.isPending;
  const error = revokeOne.error ?? revokeOthers.error;

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Signed-in sessions</h2>
      <QueryError error={sessions.error} showsOldData={sessions.data !== undefined} />
      {sessions.isPending && <p role="status">Loading sessions…</p>}
      {error && (
        <p className="result error" role="alert" data-testid="sessions-error">
          Could not sign out a session: {error.message}
        </p>
      )}
      {sessions.data && (
        <div className="table-scroll flat">
          <table className="data stacked" data-testid="sessions-table">
            <thead>
              <tr>
                <th scope="col">Signed in</th>
                <th scope="col">Last seen</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.sessions.map((session) => (
                <SessionRow
                  key={session.id}
                  session={session}
                  disabled={busy}
                  onRevoke={() => revokeOne.mutate(session.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="form-actions">
        <button
          type="button"
          disabled={others.length === 0 || busy}
          onClick={() => revokeOthers.mutate()}
        >
          {revokeOthers.isPending ? 'Revoking…' : 'Revoke all other sessions'}
        </button>
      </p>
    </section>
  );
}

interface SessionRowProps {
  session: SessionInfo;
  disabled: boolean;
  onRevoke: () => void;
}

function SessionRow({ session, disabled, onRevoke }: SessionRowProps) {
  return (
    <tr data-testid="session-row" data-current={session.current}>
      <td data-label="Signed in" className="nowrap">
        <TimeText iso={session.createdAt} />
      </td>
      <td data-label="Last seen" className="nowrap">
        <TimeText iso={session.lastSeenAt} />
      </td>
      <td data-label="Expires" className="nowrap">
        <TimeText iso={session.expiresAt} />
      </td>
      <td className="actions">
        {session.current ? (
          <span className="badge role">this browser</span>
        ) : (
          <button
            type="button"
            disabled={disabled}
            onClick={onRevoke}
            aria-label={`Revoke the session signed in at ${formatDateTime(session.createdAt)}`}
          >
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}
