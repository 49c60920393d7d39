import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchHistory, type HistoryFilters, historyCsvHref } from '../api/endpoints.ts';
import { EndlessList } from '../ui/endless-list.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { HistoryFiltersForm } from './history-filters.tsx';
import { HistoryLine } from './history-line.tsx';

const pageSize = 100;

/** Every ban and unban BanGUI recorded, newest first, filtered, loaded page by page. */
export function HistoryPage() {
  const [filters, setFilters] = useState<HistoryFilters>({});
  const history = useInfiniteQuery({
    queryKey: ['history', 'list', filters],
    queryFn: ({ pageParam, signal }) => fetchHistory(filters, pageParam, pageSize, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title">History</h1>
      <HistoryFiltersForm onApply={setFilters} />
      <div className="card">
        <p className="hint">
          <a href={historyCsvHref(filters)} download data-testid="history-csv">
            Download as CSV
          </a>{' '}
          (all rows matching these filters)
        </p>
        <QueryError error={history.error} />
        {history.isPending && <p role="status">Loading history…</p>}
        {history.data && items.length === 0 && <p data-testid="history-empty">Nothing matches.</p>}
        {items.length > 0 && (
          <EndlessList
            items={items}
            itemKey={(item) => item.position}
            render={(item) => <HistoryLine item={item} />}
            hasMore={history.hasNextPage}
            loadingMore={history.isFetchingNextPage}
            loadMore={() => void history.fetchNextPage()}
            testId="history-list"
            label="History entries, newest first"
          />
        )}
      </div>
    </section>
  );
}
