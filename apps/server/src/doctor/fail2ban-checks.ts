import type { PyInput, PyValue } from '@bangui/fail2ban';
import { Fail2banDbError, withFail2banDb } from '../ingest/fail2ban-db.ts';
import { resolveFail2banDbPath } from '../ingest/fail2ban-db-path.ts';
import { type CheckResult, fail, ok, warn } from './check.ts';

/** What the doctor asks fail2ban once it answers; the real client satisfies it. */
export interface Fail2banProbe {
  version(): Promise<string>;
  status(): Promise<{ jails: string[] }>;
  request(args: PyInput[]): Promise<PyValue>;
}

/** BanGUI speaks the protocol of fail2ban 0.11 and 1.x (tested against 1.0.2). */
export function checkVersion(version: string): CheckResult {
  const name = 'fail2ban version';
  const match = /^(\d+)\.(\d+)/.exec(version);
  const major = Number(match?.[1]);
  const minor = Number(match?.[2]);
  if (match && (major >= 1 || (major === 0 && minor >= 11))) return ok(name, version);
  return warn(
    name,
    `${version} is not a supported version (0.11 or 1.x)`,
    'upgrade fail2ban (Debian 12 ships 1.0.2); older versions may answer differently and BanGUI may misread them',
  );
}

export async function checkJails(probe: Pick<Fail2banProbe, 'status'>): Promise<CheckResult> {
  const { jails } = await probe.status();
  if (jails.length === 0) {
    return warn(
      'jails',
      'fail2ban runs no jail: BanGUI will have nothing to show',
      'enable jails in /etc/fail2ban/jail.local (enabled = true) and reload fail2ban',
    );
  }
  return ok('jails', `${jails.length}: ${[...jails].sort().join(', ')}`);
}

/** The backfill reads fail2ban's sqlite database read-only; without it bans made while BanGUI was down are missed. */
export async function checkFail2banDb(probe: Pick<Fail2banProbe, 'request'>): Promise<CheckResult> {
  const name = "fail2ban's database";
  try {
    // Asked from fail2ban (`get dbfile`), as the backfill does.
    const path = await resolveFail2banDbPath(undefined, probe);
    const bans = withFail2banDb(
      path,
      (db) => (db.prepare('SELECT count(*) AS n FROM bans').get() as { n: number }).n,
    );
    return ok(name, `${path} is readable (${bans} bans recorded), backfill works`);
  } catch (err) {
    const problem = err instanceof Fail2banDbError ? err.message : String(err);
    return warn(
      name,
      `backfill cannot read it: ${problem}`,
      'set dbfile in fail2ban.local (the default /var/lib/fail2ban/fail2ban.sqlite3) and run BanGUI as a user who may read it; BanGUI works without it but misses bans made while it was down',
    );
  }
}

export const fail2banUnreachable = (): CheckResult =>
  fail('fail2ban checks', 'skipped: fail2ban does not answer', 'fix the connection first');
