import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { HistoryItem } from '../api/types.ts';
import { HistoryLine } from '../history/history-line.tsx';
import { jailKeys } from '../jails/jail-queries.ts';
import { type StreamEvent, toHistoryItem } from '../live/stream-event.ts';
import { type LiveState, useEventStream } from '../live/use-event-stream.ts';
import { historyHref } from '../routing/hash-route.ts';
import { QueryError } from '../ui/query-error.tsx';
import { dashboardKeys, recentCount, useRecentActivity } from './dashboard-queries.ts';

/** The feed never grows past this: a tab left open all day must not pile up rows. */
const keepAtMost = 50;
/** Live events refresh the counts and charts at most this often (bursts arrive together). */
const refreshEveryMs = 2_000;

/** The newest bans and unbans: the last rows of the history, then live from the event stream. */
export function LiveActivity() {
  const client = useQueryClient();
  const recent = useRecentActivity();
  const [live, setLive] = useState<HistoryItem[]>([]);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const onEvent = useCallback(
    (event: StreamEvent) => {
      const item = toHistoryItem(event);
      if (!item) return;
      setLive((items) => [item, ...items].slice(0, keepAtMost));
      if (refreshTimer.current !== undefined) return;
      refreshTimer.current = setTimeout(() => {
        refreshTimer.current = undefined;
        void client.invalidateQueries({ queryKey: dashboardKeys.stats });
        void client.invalidateQueries({ queryKey: jailKeys.all });
      }, refreshEveryMs);
    },
    [client],
  );
  const state = useEventStream(onEvent);

  // A live event may also be in the first page if it landed while that page loaded.
  const seen = new Set(live.map((item) => item.position));
  const loaded = (recent.data?.items ?? []).filter((item) => !seen.has(item.position));
  const items = [...live, ...loaded].slice(0, Math.max(recentCount, live.length));

  return (
    <section className="card" aria-labelledby="activity-title">
      <div className="card-head">
        <h2 id="activity-title">Recent activity</h2>
        <LiveBadge state={state} />
      </div>
      <QueryError error={recent.error} />
      {recent.isPending && <p role="status">Loading activity…</p>}
      {recent.data && items.length === 0 && <p className="muted">Nothing has happened yet.</p>}
      <ol className="activity" data-testid="activity" aria-live="polite" aria-relevant="additions">
        {items.map((item) => (
          <li key={item.position} data-testid="activity-item" data-ip={item.id}>
            <HistoryLine item={item} />
          </li>
        ))}
      </ol>
      <p>
        <a href={historyHref}>All history →</a>
      </p>
    </section>
  );
}

function LiveBadge({ state }: { state: LiveState }) {
  const label = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…' }[state];
  return (
    <span className={`live-badge ${state}`} data-testid="live-state" role="status">
      {label}
    </span>
  );
}
