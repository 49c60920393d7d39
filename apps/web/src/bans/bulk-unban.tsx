import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unbanAddresses } from '../api/endpoints.ts';
import { invalidateJail } from '../jails/jail-queries.ts';
import { requestsPerJail, type Selection, selectedCount } from './selection.ts';

interface BulkUnbanProps {
  selection: Selection;
  onDone: () => void;
  onClear: () => void;
}

interface JailOutcome {
  jail: string;
  requested: number;
  unbanned: number;
  error?: string;
}

/**
 * Unbans every selected ban, one request per jail, all at once. Each jail's outcome is
 * reported on its own: one jail failing (fail2ban refused, jail gone) does not hide that
 * the others succeeded.
 */
export function BulkUnban({ selection, onDone, onClear }: BulkUnbanProps) {
  const client = useQueryClient();
  const count = selectedCount(selection);
  const mutation = useMutation({
    mutationFn: () =>
      Promise.all(
        requestsPerJail(selection).map(async ([jail, ids]): Promise<JailOutcome> => {
          try {
            const result = await unbanAddresses(jail, ids);
            return { jail, requested: result.requested, unbanned: result.unbanned };
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            return { jail, requested: ids.length, unbanned: 0, error: message };
          } finally {
            await invalidateJail(client, jail);
          }
        }),
      ),
    onSuccess: onDone,
  });
  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      <button
        type="button"
        className="primary"
        disabled={count === 0 || mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        {mutation.isPending ? 'Unbanning…' : `Unban ${count} selected`}
      </button>
      <button type="button" disabled={count === 0} onClick={onClear}>
        Clear selection
      </button>
      {mutation.data && (
        <ul className="plain" data-testid="bulk-result" role="status">
          {mutation.data.map((outcome) => (
            <li key={outcome.jail} className={`result ${outcome.error ? 'error' : 'ok'}`}>
              {outcome.jail}:{' '}
              {outcome.error
                ? `could not unban: ${outcome.error}`
                : `unbanned ${outcome.unbanned} of ${outcome.requested}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
