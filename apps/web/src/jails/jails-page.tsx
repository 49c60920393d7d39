import { jailHref } from '../routing/hash-route.ts';
import { QueryError } from '../ui/query-error.tsx';
import { useJails } from './jail-queries.ts';

export function JailsPage() {
  const jails = useJails();
  return (
    <section aria-labelledby="jails-title">
      <h1 id="jails-title">Jails</h1>
      <QueryError error={jails.error} />
      {jails.isPending && <p role="status">Loading jails…</p>}
      {jails.data && jails.data.jails.length === 0 && <p>fail2ban has no jails running.</p>}
      {jails.data && jails.data.jails.length > 0 && (
        <div className="table-scroll">
          <table className="data" data-testid="jails-table">
            <caption className="visually-hidden">
              Jails with their failure and ban counts, refreshed every few seconds
            </caption>
            <thead>
              <tr>
                <th scope="col">Jail</th>
                <th scope="col" className="num">
                  Failed now
                </th>
                <th scope="col" className="num">
                  Failed total
                </th>
                <th scope="col" className="num">
                  Banned now
                </th>
                <th scope="col" className="num">
                  Banned total
                </th>
              </tr>
            </thead>
            <tbody>
              {jails.data.jails.map((jail) => (
                <tr key={jail.name} data-testid={`jail-row-${jail.name}`}>
                  <th scope="row">
                    <a href={jailHref(jail.name)}>{jail.name}</a>
                  </th>
                  <td className="num" data-testid="currently-failed">
                    {jail.currentlyFailed}
                  </td>
                  <td className="num" data-testid="total-failed">
                    {jail.totalFailed}
                  </td>
                  <td className="num" data-testid="currently-banned">
                    {jail.currentlyBanned}
                  </td>
                  <td className="num" data-testid="total-banned">
                    {jail.totalBanned}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
