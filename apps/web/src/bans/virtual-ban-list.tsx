import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { Ban } from '../api/types.ts';
import { describeBanEnd } from '../format/ban-end.ts';
import { AddressLink } from '../ui/address-link.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { TimeText } from '../ui/time-text.tsx';
import { isSelected, type Selection } from './selection.ts';
import { useBanWindow } from './use-ban-window.ts';

interface VirtualBanListProps {
  jail: string;
  q: string;
  selection: Selection;
  /** undefined: nothing can be selected (the user may not unban) */
  onToggle: ((id: string) => void) | undefined;
}

/**
 * A jail's bans as a virtualised list: only the rows in view (plus a few) exist in the
 * DOM, and only the pages covering them are fetched. Row heights are measured, so the
 * phone layout (each ban on several lines) scrolls as smoothly as the desktop one.
 */
export function VirtualBanList({ jail, q, selection, onToggle }: VirtualBanListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // The count comes from the data, and the data from the visible range: the count is
  // state, set once a page has answered.
  const [count, setCount] = useState(0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => 44,
    overscan: 10,
  });
  const rows = virtualizer.getVirtualItems();
  const bans = useBanWindow(jail, q, rows[0]?.index ?? 0, rows.at(-1)?.index ?? 0);
  useEffect(() => setCount(bans.total ?? 0), [bans.total]);

  return (
    <>
      <QueryError error={bans.error} showsOldData={bans.total !== undefined} />
      <p className="hint" data-testid="bans-total" aria-live="polite">
        {bans.total === undefined
          ? 'Loading bans…'
          : `${bans.total} ${bans.total === 1 ? 'ban' : 'bans'}${q ? ` matching “${q}”` : ''}`}
      </p>
      {bans.total !== 0 && (
        <div
          ref={scroller}
          className="virtual-scroll"
          data-testid="bans-scroll"
          aria-busy={bans.loading}
        >
          <ul className="virtual-rows" style={{ height: virtualizer.getTotalSize() }}>
            {rows.map((row) => {
              const ban = bans.rowAt(row.index);
              return (
                <li
                  key={row.key}
                  data-index={row.index}
                  ref={virtualizer.measureElement}
                  className="virtual-row"
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  {ban ? (
                    <BanRow
                      ban={ban}
                      selected={isSelected(selection, jail, ban.id)}
                      onToggle={onToggle && (() => onToggle(ban.id))}
                    />
                  ) : (
                    <span className="muted">Loading…</span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </>
  );
}

function BanRow({
  ban,
  selected,
  onToggle,
}: {
  ban: Ban;
  selected: boolean;
  onToggle: (() => void) | undefined;
}) {
  return (
    <div className="ban-line" data-testid="bans-row" data-ip={ban.id}>
      {/* An empty cell keeps the columns where they are without a checkbox. */}
      {onToggle ? (
        <input
          type="checkbox"
          checked={selected}
          onChange={onToggle}
          aria-label={`Select ${ban.id}`}
        />
      ) : (
        <span />
      )}
      <span className="ban-address">
        <AddressLink id={ban.id} />
      </span>
      <span className="ban-time">
        <span className="muted">banned </span>
        <TimeText iso={ban.startedAt} />
      </span>
      <span className="ban-time">
        <span className="muted">ends </span>
        {describeBanEnd(ban)}
      </span>
    </div>
  );
}
