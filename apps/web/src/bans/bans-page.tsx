import { useState } from 'react';
import { historyCsvHref } from '../api/endpoints.ts';
import { useCurrentUser } from '../auth/current-user.ts';
import { mayBan } from '../auth/roles.ts';
import { isAddressOrNetwork } from '../format/address-filter.ts';
import { useJails } from '../jails/jail-queries.ts';
import { bansHref } from '../routing/hash-route.ts';
import { QueryError } from '../ui/query-error.tsx';
import { ReadOnlyNote } from '../ui/read-only-note.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import { BulkUnban } from './bulk-unban.tsx';
import { emptySelection, toggle } from './selection.ts';
import { VirtualBanList } from './virtual-ban-list.tsx';

const searchDelayMs = 300;

/**
 * Current bans of one jail at a time (the API lists bans per jail), searchable on the
 * server, with selection for a bulk unban that may span jails, and a CSV of the history.
 */
export function BansPage({ jail: chosen }: { jail: string | null }) {
  const jails = useJails();
  const user = useCurrentUser();
  // A viewer gets no checkboxes: selecting is only for the bulk unban they may not do.
  const canUnban = mayBan(user.role);
  const names = jails.data?.jails.map((j) => j.name) ?? [];
  const jail = chosen ?? names[0];
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), searchDelayMs);
  const [selection, setSelection] = useState(emptySelection);
  const csvFilters = { jail, address: isAddressOrNetwork(q) ? q : undefined };

  return (
    <section aria-labelledby="bans-page-title">
      <h1 id="bans-page-title">Bans</h1>
      <QueryError error={jails.error} showsOldData={jails.data !== undefined} />
      <div className="card">
        <div className="filters">
          <div>
            <label htmlFor="bans-jail">Jail</label>
            <select
              id="bans-jail"
              value={jail ?? ''}
              onChange={(event) => window.location.assign(bansHref(event.target.value))}
            >
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="grow">
            <label htmlFor="bans-search">Search addresses</label>
            <input
              id="bans-search"
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder="e.g. 203.0.113. or 2001:db8::/32"
              spellCheck={false}
              autoCapitalize="off"
            />
          </div>
        </div>
        <p className="hint">
          <a href={historyCsvHref(csvFilters)} download data-testid="csv-link">
            Download this jail’s ban history as CSV
          </a>
          {csvFilters.address && ` (only ${csvFilters.address})`}
        </p>
        {canUnban ? (
          <BulkUnban
            selection={selection}
            onDone={() => setSelection(emptySelection)}
            onClear={() => setSelection(emptySelection)}
          />
        ) : (
          <ReadOnlyNote user={user} />
        )}
        {jail !== undefined && (
          <VirtualBanList
            key={jail}
            jail={jail}
            q={q}
            selection={selection}
            onToggle={
              canUnban ? (id) => setSelection((current) => toggle(current, jail, id)) : undefined
            }
          />
        )}
      </div>
    </section>
  );
}
