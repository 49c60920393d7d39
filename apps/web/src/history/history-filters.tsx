import type { FormEvent } from 'react';
import type { HistoryFilters } from '../api/endpoints.ts';
import { localInputToIso } from '../format/local-time-input.ts';
import { useJails } from '../jails/jail-queries.ts';
import { useFilterForm } from '../ui/use-filter-form.ts';

const empty = { jail: '', address: '', from: '', to: '', origin: '', actor: '', kind: '' };

/**
 * The history's filters, applied on submit: a half-typed address or date is never sent
 * (the server refuses malformed filters, and it would flash an error while typing).
 */
export function HistoryFiltersForm({ onApply }: { onApply: (filters: HistoryFilters) => void }) {
  const jails = useJails();
  const { form, field } = useFilterForm('history', empty);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      ...form,
      address: form.address.trim(),
      actor: form.actor.trim(),
      from: localInputToIso(form.from),
      to: localInputToIso(form.to),
    });
  };
  return (
    <form className="card filters" onSubmit={onSubmit} aria-label="History filters">
      <div>
        <label htmlFor="history-jail">Jail</label>
        <select {...field('jail')}>
          <option value="">All jails</option>
          {jails.data?.jails.map((jail) => (
            <option key={jail.name} value={jail.name}>
              {jail.name}
            </option>
          ))}
        </select>
      </div>
      <div className="grow">
        <label htmlFor="history-address">Address or network</label>
        <input
          {...field('address')}
          placeholder="203.0.113.7 or 203.0.113.0/24"
          spellCheck={false}
          autoCapitalize="off"
        />
      </div>
      <div>
        <label htmlFor="history-from">From</label>
        <input type="datetime-local" {...field('from')} />
      </div>
      <div>
        <label htmlFor="history-to">To</label>
        <input type="datetime-local" {...field('to')} />
      </div>
      <div>
        <label htmlFor="history-kind">Kind</label>
        <select {...field('kind')}>
          <option value="">Bans and unbans</option>
          <option value="ban">Bans</option>
          <option value="unban">Unbans</option>
        </select>
      </div>
      <div>
        <label htmlFor="history-origin">Seen by</label>
        <select {...field('origin')}>
          <option value="">Any channel</option>
          <option value="poll">poll</option>
          <option value="backfill">backfill</option>
          <option value="push">push</option>
        </select>
      </div>
      <div>
        <label htmlFor="history-actor">Actor</label>
        <input {...field('actor')} placeholder="user name" autoCapitalize="off" />
      </div>
      <div className="filter-submit">
        <button type="submit" className="primary">
          Apply filters
        </button>
      </div>
    </form>
  );
}
