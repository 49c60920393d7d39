import type { Stats } from '../api/types.ts';
import { jailHref } from '../routing/hash-route.ts';
import { AddressLink } from '../ui/address-link.tsx';

/** The jails and addresses with the most bans in the chart's range. */
export function TopLists({ stats }: { stats: Stats }) {
  return (
    <div className="dashboard-pair">
      <section className="card" aria-labelledby="top-jails-title">
        <h2 id="top-jails-title">Top jails</h2>
        {stats.topJails.length === 0 ? (
          <p className="muted">No bans in this period.</p>
        ) : (
          <ol className="ranked" data-testid="top-jails">
            {stats.topJails.map((row) => (
              <li key={row.jail}>
                <a href={jailHref(row.jail)}>{row.jail}</a>
                <span className="count">{row.bans}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="card" aria-labelledby="top-addresses-title">
        <h2 id="top-addresses-title">Top addresses</h2>
        {stats.topAddresses.length === 0 ? (
          <p className="muted">No bans in this period.</p>
        ) : (
          <ol className="ranked" data-testid="top-addresses">
            {stats.topAddresses.map((row) => (
              <li key={row.id}>
                <AddressLink id={row.address} />
                <span className="count">{row.bans}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
