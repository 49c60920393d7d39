import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { unbanAddresses } from '../api/endpoints.ts';
import type { Ban } from '../api/types.ts';
import { useCurrentUser } from '../auth/current-user.ts';
import { mayBan } from '../auth/roles.ts';
import { describeUnbanResult } from '../format/ban-result.ts';
import { formatDateTime } from '../format/date-time.ts';
import { formatDuration } from '../format/duration.ts';
import { AddressLink } from '../ui/address-link.tsx';
import { Pagination } from '../ui/pagination.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import type { JailAction } from './jail-action.ts';
import { invalidateJail, useBanPage } from './jail-queries.ts';

const pageSize = 20;
const searchDelayMs = 300;

interface BanListProps {
  jail: string;
  /** False once a later action (a ban, a search) made the last unban's outcome stale. */
  showOutcome: boolean;
  onAction: (action: JailAction) => void;
}

/** The jail's current bans: server-side search and pagination, one Unban button per row. */
export function BanList({ jail, showOutcome, onAction }: BanListProps) {
  const client = useQueryClient();
  const canUnban = mayBan(useCurrentUser().role);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), searchDelayMs);
  // The offset belongs to one search: a new search starts again at the first page.
  const [paging, setPaging] = useState({ q: '', offset: 0 });
  const offset = paging.q === q ? paging.offset : 0;
  const bans = useBanPage(jail, { q, offset, limit: pageSize });
  const total = bans.data?.total;

  // Unbanning the last row of the last page would leave an empty page: step back.
  useEffect(() => {
    if (total !== undefined && total > 0 && offset >= total) {
      setPaging({ q, offset: Math.floor((total - 1) / pageSize) * pageSize });
    }
  }, [total, offset, q]);

  const unban = useMutation({
    mutationFn: (id: string) => unbanAddresses(jail, [id]),
    onSuccess: () => invalidateJail(client, jail),
  });

  return (
    <section className="card" aria-labelledby="bans-title">
      <h2 id="bans-title">Current bans</h2>
      <div className="search">
        <label htmlFor="ban-search">Search addresses</label>
        <input
          id="ban-search"
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            onAction('search');
          }}
          placeholder="e.g. 203.0.113. or 2001:db8"
          spellCheck={false}
          autoCapitalize="off"
        />
      </div>
      <QueryError error={bans.error} showsOldData={bans.data !== undefined} />
      {showOutcome && unban.isSuccess && (
        <p className="result ok" role="status" data-testid="unban-result">
          {describeUnbanResult(unban.data)} ({unban.variables})
        </p>
      )}
      {showOutcome && unban.isError && (
        <p className="result error" role="alert" data-testid="unban-error">
          Could not unban {unban.variables}: {unban.error.message}
        </p>
      )}
      {bans.isPending && <p role="status">Loading bans…</p>}
      {bans.data && bans.data.items.length === 0 && (
        <p data-testid="no-bans">
          {q === '' ? 'No addresses are banned.' : `No bans match “${q}”.`}
        </p>
      )}
      {bans.data && bans.data.items.length > 0 && (
        <div className="table-scroll flat">
          <table
            className="data stacked"
            data-testid="ban-table"
            aria-busy={bans.isPlaceholderData}
          >
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Banned at</th>
                <th scope="col">Ends</th>
                {canUnban && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {bans.data.items.map((ban) => (
                <BanRow
                  key={ban.id}
                  ban={ban}
                  unbanning={unban.isPending && unban.variables === ban.id}
                  // One unban at a time, so each row's state stays readable.
                  disabled={unban.isPending}
                  onUnban={
                    canUnban
                      ? () => {
                          onAction('unban');
                          unban.mutate(ban.id);
                        }
                      : undefined
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {bans.data && bans.data.total > 0 && (
        <Pagination
          offset={offset}
          limit={pageSize}
          total={bans.data.total}
          onChange={(next) => setPaging({ q, offset: next })}
        />
      )}
    </section>
  );
}

interface BanRowProps {
  ban: Ban;
  unbanning: boolean;
  disabled: boolean;
  /** undefined: the user may not unban, so the row has no button */
  onUnban: (() => void) | undefined;
}

function BanRow({ ban, unbanning, disabled, onUnban }: BanRowProps) {
  return (
    <tr data-testid="ban-row" data-ip={ban.id}>
      <th scope="row" data-label="Address" className="nowrap">
        <AddressLink id={ban.id} />
      </th>
      <td data-label="Banned at" className="nowrap">
        <time dateTime={ban.startedAt}>{formatDateTime(ban.startedAt)}</time>
      </td>
      <td data-label="Ends" className="nowrap">
        {ban.permanent || ban.endsAt === null ? (
          <span className="badge">permanent</span>
        ) : (
          <time dateTime={ban.endsAt} title={`after ${formatDuration(ban.bantimeSeconds)}`}>
            {formatDateTime(ban.endsAt)}
          </time>
        )}
      </td>
      {onUnban && (
        <td className="actions">
          <button
            type="button"
            onClick={onUnban}
            disabled={disabled}
            aria-busy={unbanning}
            aria-label={unbanning ? `Unbanning ${ban.id}` : `Unban ${ban.id}`}
          >
            {unbanning ? 'Unbanning…' : 'Unban'}
          </button>
        </td>
      )}
    </tr>
  );
}
