import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useRef } from 'react';

interface EndlessListProps<T> {
  items: readonly T[];
  itemKey: (item: T) => string;
  render: (item: T) => ReactNode;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  testId: string;
  label: string;
}

/**
 * A virtualised list that asks for the next page when its end scrolls into view (cursor
 * pagination). Only the rows near the viewport are in the DOM, so hours of scrolling through
 * history stay smooth. A button does the same for keyboard users who never scroll.
 */
export function EndlessList<T>(props: EndlessListProps<T>) {
  const { items, hasMore, loadingMore, loadMore } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 48,
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= items.length - 5) loadMore();
  }, [hasMore, loadingMore, lastShown, items.length, loadMore]);

  return (
    <>
      <div ref={scroller} className="virtual-scroll" data-testid={props.testId}>
        <ol
          className="virtual-rows"
          aria-label={props.label}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {rows.map((row) => {
            const item = items[row.index];
            if (item === undefined) return null;
            return (
              <li
                key={props.itemKey(item)}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="virtual-row activity-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                {props.render(item)}
              </li>
            );
          })}
        </ol>
      </div>
      <p className="list-foot">
        <span className="muted" aria-live="polite">
          {items.length} shown{hasMore ? '' : ', end of the list'}
        </span>
        {hasMore && (
          <button type="button" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
      </p>
    </>
  );
}
