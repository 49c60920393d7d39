import { useJails } from '../jails/jail-queries.ts';
import { bansHref, jailHref } from '../routing/hash-route.ts';

/**
 * "Who is locked out right now", per jail, live from fail2ban. Kept apart from the history
 * figures on purpose: users confuse "banned now" with "banned in total".
 */
export function BannedPerJail() {
  const jails = useJails();
  const list = jails.data?.jails;
  const total = list?.reduce((sum, jail) => sum + jail.currentlyBanned, 0);
  return (
    <section className="card" aria-labelledby="banned-now-title">
      <h2 id="banned-now-title">
        Banned now{total !== undefined && <span className="total"> · {total}</span>}
      </h2>
      {jails.isPending && <p role="status">Loading jails…</p>}
      {list && list.length === 0 && <p>fail2ban has no jails running.</p>}
      {list && list.length > 0 && (
        <ul className="ranked" data-testid="banned-per-jail">
          {list.map((jail) => (
            <li key={jail.name} data-testid={`banned-now-${jail.name}`}>
              <a href={jailHref(jail.name)}>{jail.name}</a>
              <a
                className="count"
                href={bansHref(jail.name)}
                aria-label={`${jail.currentlyBanned} bans in ${jail.name}: list them`}
              >
                {jail.currentlyBanned}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
