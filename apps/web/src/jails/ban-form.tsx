import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { banAddresses } from '../api/endpoints.ts';
import { describeBanResult } from '../format/ban-result.ts';
import { describeIgnored } from '../format/ignored-warning.ts';
import { parseAddresses } from '../format/parse-addresses.ts';
import { findIgnored } from './ignore-list.ts';
import { invalidateJail } from './jail-queries.ts';

interface BanFormProps {
  jail: string;
  /** The jail's ignoreip entries, once its settings have loaded. */
  ignoreip: readonly string[] | undefined;
  /** False once a later action (an unban, a search) made this form's last outcome stale. */
  showOutcome: boolean;
  onBan: () => void;
}

/** Ban one or several addresses in a jail and report what the server did. */
export function BanForm({ jail, ignoreip, showOutcome, onBan }: BanFormProps) {
  const client = useQueryClient();
  const [input, setInput] = useState('');
  // The address list the admin was warned about; a second click on the same list bans it.
  const [warnedFor, setWarnedFor] = useState<string | null>(null);
  const ids = parseAddresses(input);
  const idsKey = ids.join(' ');
  const ignored = findIgnored(ids, ignoreip ?? []);
  const warned = ignored.length > 0 && warnedFor === idsKey;
  const mutation = useMutation({
    mutationFn: (addresses: string[]) => banAddresses(jail, addresses),
    onSuccess: async () => {
      setInput('');
      await invalidateJail(client, jail);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (ids.length === 0) return;
    if (ignored.length > 0 && !warned) {
      mutation.reset();
      setWarnedFor(idsKey);
      return;
    }
    setWarnedFor(null);
    onBan();
    mutation.mutate(ids);
  };

  return (
    <section className="card" aria-labelledby="ban-title">
      <h2 id="ban-title">Ban addresses</h2>
      <form onSubmit={onSubmit} className="ban-form" data-testid="ban-form">
        <label htmlFor="ban-input">IP addresses</label>
        <textarea
          id="ban-input"
          aria-describedby="ban-hint"
          rows={3}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          placeholder="203.0.113.7, 2001:db8::7"
        />
        <p id="ban-hint" className="hint">
          Separate several addresses with commas, spaces or new lines.
        </p>
        <button type="submit" className="primary" disabled={ids.length === 0 || mutation.isPending}>
          {submitLabel(ids.length, mutation.isPending, warned)}
        </button>
        {warned && (
          <p className="result warn" role="alert" data-testid="ignore-warning">
            {describeIgnored(ignored)} Ignored addresses are usually trusted ones, such as your own
            network. Click “Ban anyway” to ban regardless.
          </p>
        )}
        {showOutcome && mutation.isSuccess && (
          <p className="result ok" role="status" data-testid="ban-result">
            {describeBanResult(mutation.data, mutation.variables)}
          </p>
        )}
        {showOutcome && mutation.isError && (
          <p className="result error" role="alert" data-testid="ban-error">
            {mutation.error.message}
          </p>
        )}
      </form>
    </section>
  );
}

function submitLabel(count: number, pending: boolean, warned: boolean): string {
  if (pending) return 'Banning…';
  if (warned) return 'Ban anyway';
  return `Ban ${count > 1 ? `${count} addresses` : 'address'}`;
}
