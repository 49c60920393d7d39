import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type AuditFilters, fetchAudit } from '../api/endpoints.ts';
import { localInputToIso } from '../format/local-time-input.ts';
import { EndlessList } from '../ui/endless-list.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { useFilterForm } from '../ui/use-filter-form.ts';
import { AuditLine } from './audit-line.tsx';

const pageSize = 100;

const types = [
  ['BanRequested,UnbanRequested', 'Bans and unbans'],
  ['LoginSucceeded,LoginFailed,LoggedOut', 'Sign-ins and sign-outs'],
  ['LoginFailed', 'Failed sign-ins'],
] as const;

/** Every action taken through BanGUI: who, from where, what, and how it went. */
export function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const { form, field } = useFilterForm('audit', {
    actor: '',
    type: '',
    outcome: '',
    from: '',
    to: '',
  });
  const audit = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam, signal }) => fetchAudit(filters, pageParam, pageSize, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFilters({
      ...form,
      actor: form.actor.trim(),
      from: localInputToIso(form.from),
      to: localInputToIso(form.to),
    });
  };

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <form className="card filters" onSubmit={onSubmit} aria-label="Audit log filters">
        <div className="grow">
          <label htmlFor="audit-actor">User</label>
          <input {...field('actor')} autoCapitalize="off" />
        </div>
        <div>
          <label htmlFor="audit-type">Action</label>
          <select {...field('type')}>
            <option value="">All actions</option>
            {types.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-outcome">Outcome</label>
          <select {...field('outcome')}>
            <option value="">Any outcome</option>
            <option value="succeeded">succeeded</option>
            <option value="failed">failed</option>
            <option value="refused">refused</option>
          </select>
        </div>
        <div>
          <label htmlFor="audit-from">From</label>
          <input type="datetime-local" {...field('from')} />
        </div>
        <div>
          <label htmlFor="audit-to">To</label>
          <input type="datetime-local" {...field('to')} />
        </div>
        <div className="filter-submit">
          <button type="submit" className="primary">
            Apply filters
          </button>
        </div>
      </form>
      <div className="card">
        <QueryError error={audit.error} />
        {audit.isPending && <p role="status">Loading the audit log…</p>}
        {audit.data && items.length === 0 && <p>Nothing matches.</p>}
        {items.length > 0 && (
          <EndlessList
            items={items}
            itemKey={(item) => item.position}
            render={(item) => <AuditLine item={item} />}
            hasMore={audit.hasNextPage}
            loadingMore={audit.isFetchingNextPage}
            loadMore={() => void audit.fetchNextPage()}
            testId="audit-list"
            label="Audit entries, newest first"
          />
        )}
      </div>
    </section>
  );
}
