import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAddress, unbanAddresses } from '../api/endpoints.ts';
import type { AddressReport } from '../api/types.ts';
import { useCurrentUser } from '../auth/current-user.ts';
import { mayBan } from '../auth/roles.ts';
import { describeBanEnd } from '../format/ban-end.ts';
import { describeUnbanResult } from '../format/ban-result.ts';
import { HistoryLine } from '../history/history-line.tsx';
import { invalidateJail, refreshIntervalMs } from '../jails/jail-queries.ts';
import { bansHref, historyHref, jailHref } from '../routing/hash-route.ts';
import { QueryError } from '../ui/query-error.tsx';
import { TimeText } from '../ui/time-text.tsx';

const addressKey = (ip: string) => ['address', ip] as const;

/** Everything about one address: where it is banned now (with unban), its dossier, its history. */
export function AddressPage({ ip }: { ip: string }) {
  const report = useQuery({
    queryKey: addressKey(ip),
    queryFn: ({ signal }) => fetchAddress(ip, signal),
    refetchInterval: refreshIntervalMs,
  });
  return (
    <section aria-labelledby="address-title">
      <p className="breadcrumb">
        <a href={bansHref()}>← All bans</a>
      </p>
      <h1 id="address-title">
        Address <code>{ip}</code>
      </h1>
      <QueryError error={report.error} showsOldData={report.data !== undefined} />
      {report.isPending && <p role="status">Loading…</p>}
      {report.data && (
        <div className="dashboard-pair">
          <div className="dashboard-side">
            <BannedNow report={report.data} />
            <Dossier report={report.data} />
          </div>
          <section className="card" aria-labelledby="address-history-title">
            <h2 id="address-history-title">History</h2>
            {report.data.history.length === 0 ? (
              <p className="muted">BanGUI has no record of this address.</p>
            ) : (
              <ol className="activity" data-testid="address-history">
                {report.data.history.map((item) => (
                  <li key={item.position}>
                    <HistoryLine item={item} />
                  </li>
                ))}
              </ol>
            )}
            <p className="hint">
              The 20 newest entries. <a href={historyHref}>Search the whole history →</a>
            </p>
          </section>
        </div>
      )}
    </section>
  );
}

function BannedNow({ report }: { report: AddressReport }) {
  const client = useQueryClient();
  const canUnban = mayBan(useCurrentUser().role);
  const unban = useMutation({
    mutationFn: (jail: string) => unbanAddresses(jail, [report.ip]),
    onSuccess: (_result, jail) =>
      Promise.all([
        invalidateJail(client, jail),
        client.invalidateQueries({ queryKey: addressKey(report.ip) }),
      ]),
  });
  const details = new Map(report.dossier?.currentlyBannedIn.map((ban) => [ban.jail, ban]));
  return (
    <section className="card" aria-labelledby="banned-in-title">
      <h2 id="banned-in-title">Banned now</h2>
      {report.bannedIn.length === 0 ? (
        <p data-testid="not-banned">Not banned in any jail.</p>
      ) : (
        <ul className="ranked" data-testid="banned-in">
          {report.bannedIn.map((jail) => {
            const ban = details.get(jail);
            return (
              <li key={jail}>
                <span>
                  <a href={jailHref(jail)}>{jail}</a>
                  {ban && (
                    <span className="muted">
                      {' '}
                      · ends {describeBanEnd({ ...ban, permanent: false })}
                    </span>
                  )}
                </span>
                {canUnban && (
                  <button
                    type="button"
                    disabled={unban.isPending}
                    onClick={() => unban.mutate(jail)}
                    aria-label={`Unban ${report.ip} in ${jail}`}
                  >
                    Unban
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {unban.isSuccess && (
        <p className="result ok" role="status" data-testid="address-unban-result">
          {describeUnbanResult(unban.data)} in {unban.variables}
        </p>
      )}
      {unban.isError && (
        <p className="result error" role="alert">
          Could not unban in {unban.variables}: {unban.error.message}
        </p>
      )}
    </section>
  );
}

function Dossier({ report }: { report: AddressReport }) {
  const dossier = report.dossier;
  return (
    <section className="card" aria-labelledby="dossier-title">
      <h2 id="dossier-title">Dossier</h2>
      {dossier === null ? (
        <p className="muted">Never banned while BanGUI was watching.</p>
      ) : (
        <dl className="settings" data-testid="dossier">
          <dt>Times banned</dt>
          <dd data-testid="times-banned">{dossier.timesBanned}</dd>
          <dt>Jails</dt>
          <dd data-testid="dossier-jails">
            <ul className="plain">
              {dossier.jails.map((row) => (
                <li key={row.jail}>
                  <a href={jailHref(row.jail)}>{row.jail}</a>{' '}
                  <span className="muted">
                    {row.bans} {row.bans === 1 ? 'ban' : 'bans'}
                  </span>
                </li>
              ))}
            </ul>
          </dd>
          <dt>First seen</dt>
          <dd>
            <TimeText iso={dossier.firstSeen} />
          </dd>
          <dt>Last seen</dt>
          <dd>
            <TimeText iso={dossier.lastSeen} />
          </dd>
        </dl>
      )}
    </section>
  );
}
