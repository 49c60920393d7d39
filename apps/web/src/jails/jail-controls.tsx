import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from './confirm-button.tsx';
import { type ControlAction, controlJail } from './jail-control-endpoints.ts';
import { invalidateJail } from './jail-queries.ts';

const DONE: Record<ControlAction, string> = {
  start: 'Started',
  stop: 'Stopped',
  reload: 'Reloaded from its config files',
};

/**
 * Start, stop and reload, each behind an in-place confirmation. A stopped jail is gone
 * from fail2ban until it is started again (from the config files), so only Start is
 * offered then.
 */
export function JailControls({ jail, running }: { jail: string; running: boolean }) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (action: ControlAction) => controlJail(jail, action),
    onSettled: () => invalidateJail(client, jail),
  });
  const busy = mutation.isPending;
  return (
    <section className="card" aria-labelledby="control-title" data-testid="jail-controls">
      <h2 id="control-title">Jail control</h2>
      <p className="hint">
        {running
          ? 'Reload re-reads this jail from the config files and drops runtime changes.'
          : 'This jail is not running in fail2ban. Start rebuilds it from the config files.'}
      </p>
      <div className="control-buttons">
        {running ? (
          <>
            <ConfirmButton
              label="Reload"
              question={`Reload jail ${jail} from its config files?`}
              confirmLabel="Yes, reload"
              disabled={busy}
              onConfirm={() => mutation.mutate('reload')}
            />
            <ConfirmButton
              label="Stop"
              question={`Stop jail ${jail}? It stops watching its logs and lifts its bans.`}
              confirmLabel="Yes, stop"
              danger
              disabled={busy}
              onConfirm={() => mutation.mutate('stop')}
            />
          </>
        ) : (
          <ConfirmButton
            label="Start"
            question={`Start jail ${jail} from its config files?`}
            confirmLabel="Yes, start"
            disabled={busy}
            onConfirm={() => mutation.mutate('start')}
          />
        )}
      </div>
      {busy && <p role="status">Working…</p>}
      {mutation.isSuccess && (
        <p role="status" className="result ok" data-testid="control-result">
          {DONE[mutation.data.action]}: {jail}
        </p>
      )}
      {mutation.isError && (
        <p role="alert" className="error" data-testid="control-error">
          {mutation.error.message}
        </p>
      )}
    </section>
  );
}
