import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { banAddresses } from '../api/endpoints.ts';
import { describeBanResult } from '../format/ban-result.ts';
import { parseAddresses } from '../format/parse-addresses.ts';
import { invalidateJail } from './jail-queries.ts';

/** Ban one or several addresses in a jail and report what the server did. */
export function BanForm({ jail }: { jail: string }) {
  const client = useQueryClient();
  const [input, setInput] = useState('');
  const ids = parseAddresses(input);
  const mutation = useMutation({
    mutationFn: (addresses: string[]) => banAddresses(jail, addresses),
    onSuccess: async () => {
      setInput('');
      await invalidateJail(client, jail);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (ids.length > 0) mutation.mutate(ids);
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
        <div className="form-row">
          <button
            type="submit"
            className="primary"
            disabled={ids.length === 0 || mutation.isPending}
          >
            {mutation.isPending
              ? 'Banning…'
              : `Ban ${ids.length > 1 ? `${ids.length} addresses` : 'address'}`}
          </button>
          {mutation.isSuccess && (
            <p className="result ok" role="status" data-testid="ban-result">
              {describeBanResult(mutation.data)}
            </p>
          )}
          {mutation.isError && (
            <p className="result error" role="alert" data-testid="ban-error">
              {mutation.error.message}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
