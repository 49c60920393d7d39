import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
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
  // The address list the viewer was warned about, and why; a second click on the same
  // list bans it with the server's confirmation flag. The warning comes from the jail's
  // ignore list here, or from the server (409: the viewer's own address, say).
  const [warning, setWarning] = useState<{ key: string; text: string } | null>(null);
  const ids = parseAddresses(input);
  const idsKey = ids.join(' ');
  const ignored = findIgnored(ids, ignoreip ?? []);
  const warned = warning?.key === idsKey;
  const mutation = useMutation({
    mutationFn: (v: { ids: string[]; confirm: boolean }) => banAddresses(jail, v.ids, v.confirm),
    onSuccess: async () => {
      setInput('');
      await invalidateJail(client, jail);
    },
    onError: (error, v) => {
      if (error instanceof ApiError && error.code === 'confirmation-required') {
        mutation.reset();
        setWarning({ key: v.ids.join(' '), text: error.message });
      }
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (ids.length === 0) return;
    if (ignored.length > 0 && !warned) {
      mutation.reset();
      setWarning({
        key: idsKey,
        text: `${describeIgnored(ignored)} Ignored addresses are usually trusted ones, such as your own network.`,
      });
      return;
    }
    setWarning(null);
    onBan();
    mutation.mutate({ ids, confirm: warned });
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
            {warning.text} Click “Ban anyway” to ban regardless.
          </p>
        )}
        {showOutcome && mutation.isSuccess && (
          <p className="result ok" role="status" data-testid="ban-result">
            {describeBanResult(mutation.data, mutation.variables.ids)}
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
