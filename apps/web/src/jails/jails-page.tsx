import { jailHref } from '../routing/hash-route.ts';
import { QueryError } from '../ui/query-error.tsx';
import { useJails } from './jail-queries.ts';

// Bans first: "who is locked out right now" is what an admin opens this page for.
const columns = [
  { testId: 'currently-banned', label: 'Banned now', value: 'currentlyBanned' },
  { testId: 'total-banned', label: 'Banned total', value: 'totalBanned' },
  { testId: 'currently-failed', label: 'Failed now', value: 'currentlyFailed' },
  { testId: 'total-failed', label: 'Failed total', value: 'totalFailed' },
] as const;

/** All jails with their live counts: a table, and on a phone one card per jail. */
export function JailsPage() {
  const jails = useJails();
  return (
    <section aria-labelledby="jails-title">
      <h1 id="jails-title">Jails</h1>
      <QueryError error={jails.error} showsOldData={jails.data !== undefined} />
      {jails.isPending && <p role="status">Loading jails…</p>}
      {jails.data && jails.data.jails.length === 0 && <p>fail2ban has no jails running.</p>}
      {jails.data && jails.data.jails.length > 0 && (
        <div className="table-scroll">
          <table className="data jails" data-testid="jails-table">
            <caption className="visually-hidden">
              Jails with their ban and failure counts, refreshed every few seconds
            </caption>
            <thead>
              <tr>
                <th scope="col">Jail</th>
                {columns.map((column) => (
                  <th key={column.testId} scope="col" className="num">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {jails.data.jails.map((jail) => (
                <tr key={jail.name} data-testid={`jail-row-${jail.name}`}>
                  <th scope="row">
                    <a href={jailHref(jail.name)}>{jail.name}</a>
                  </th>
                  {columns.map((column) => (
                    <td
                      key={column.testId}
                      className="num"
                      data-label={column.label}
                      data-testid={column.testId}
                    >
                      {jail[column.value]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
