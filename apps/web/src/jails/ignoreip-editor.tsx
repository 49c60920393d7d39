import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { changeIgnoreIp } from './jail-control-endpoints.ts';
import { invalidateJail } from './jail-queries.ts';
import { isAddressOrNetwork } from './setting-input.ts';

/** The jail's ignore list: add an address or network, remove any entry. */
export function IgnoreIpEditor({ jail, ignoreip }: { jail: string; ignoreip: readonly string[] }) {
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (change: { add?: string[]; remove?: string[] }) => changeIgnoreIp(jail, change),
    onSuccess: (_, change) => {
      if (change.add) setText('');
    },
    // Also after a refusal: the list may have changed behind BanGUI's back.
    onSettled: () => invalidateJail(client, jail),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const entries = text.split(/[\s,]+/).filter((entry) => entry !== '');
    const bad = entries.filter((entry) => !isAddressOrNetwork(entry));
    if (entries.length === 0 || bad.length > 0) {
      mutation.reset();
      setInvalid(
        bad.length > 0
          ? `Not an IP address or CIDR network: ${bad.join(', ')}`
          : 'Enter an IP address or a CIDR network.',
      );
      return;
    }
    setInvalid(null);
    mutation.mutate({ add: entries });
  };
  const error = invalid ?? (mutation.isError ? mutation.error.message : null);
  return (
    <section className="card" aria-labelledby="ignoreip-title" data-testid="ignoreip-editor">
      <h2 id="ignoreip-title">Ignored addresses</h2>
      <p className="hint">fail2ban never bans these for failures.</p>
      {ignoreip.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ul className="plain ignore-entries">
          {ignoreip.map((entry) => (
            <li key={entry} data-testid="ignoreip-entry" data-entry={entry}>
              <code>{entry}</code>{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${entry}`}
                disabled={mutation.isPending}
                onClick={() => {
                  setInvalid(null);
                  mutation.mutate({ remove: [entry] });
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} className="setting-edit">
        <label htmlFor="ignoreip-input">Add address or network</label>
        <div className="inline-row">
          <input
            id="ignoreip-input"
            value={text}
            autoComplete="off"
            spellCheck={false}
            placeholder="192.0.2.0/24, 2001:db8::1"
            aria-invalid={error !== null}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" disabled={mutation.isPending}>
            Add
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="error" data-testid="ignoreip-error">
          {error}
        </p>
      )}
    </section>
  );
}
