import type { BanEntry } from '@bangui/fail2ban';
import { describe, expect, it } from 'vitest';
import { diffBans } from '../../src/ingest/ban-diff.ts';
import type { KnownBan } from '../../src/ingest/known-bans.ts';

const T = Date.UTC(2026, 0, 1, 12);
const entry = (id: string, startedAt = T, bantime = 600): BanEntry => ({
  id,
  startedAt,
  bantimeSeconds: bantime,
  endsAt: startedAt + bantime * 1000,
  permanent: false,
});
const known = (jail: string, id: string, bannedAt = T): KnownBan => ({
  jail,
  id,
  bannedAt,
  endsAt: bannedAt + 600_000,
});

describe('diffBans', () => {
  it('reports bans fail2ban has that the log lacks, and the reverse', () => {
    const diff = diffBans({
      liveJails: new Set(['sshd']),
      current: new Map([['sshd', [entry('192.0.2.1'), entry('192.0.2.2')]]]),
      known: [known('sshd', '192.0.2.2'), known('sshd', '192.0.2.3')],
    });
    expect(diff.appeared.map((a) => a.ban.id)).toEqual(['192.0.2.1']);
    expect(diff.missing.map((m) => m.id)).toEqual(['192.0.2.3']);
  });

  it('a re-ban (a different time of ban) appears; recording it ends the old one, so it is not missing', () => {
    const diff = diffBans({
      liveJails: new Set(['sshd']),
      current: new Map([['sshd', [entry('192.0.2.1', T + 60_000)]]]),
      known: [known('sshd', '192.0.2.1', T)],
    });
    expect(diff.appeared).toHaveLength(1);
    expect(diff.missing).toEqual([]);
  });

  it('a restored ban, or one recorded with the time rounded instead of floored, is not new', () => {
    for (const listed of [T + 400, T - 1_000, T + 1_000]) {
      const diff = diffBans({
        liveJails: new Set(['sshd']),
        current: new Map([['sshd', [entry('192.0.2.1', listed)]]]),
        known: [known('sshd', '192.0.2.1', T)],
      });
      expect(diff).toEqual({ appeared: [], missing: [] });
    }
  });

  it('keeps the same ID in different jails apart', () => {
    const diff = diffBans({
      liveJails: new Set(['sshd', 'web.login']),
      current: new Map([
        ['sshd', [entry('192.0.2.1')]],
        ['web.login', []],
      ]),
      known: [known('web.login', '192.0.2.1')],
    });
    expect(diff.appeared.map((a) => a.jail)).toEqual(['sshd']);
    expect(diff.missing.map((m) => m.jail)).toEqual(['web.login']);
  });

  it('leaves a live jail whose list could not be read alone, but ends bans of a removed jail', () => {
    const diff = diffBans({
      liveJails: new Set(['sshd']),
      current: new Map(),
      known: [known('sshd', '192.0.2.1'), known('gone', '192.0.2.2')],
    });
    expect(diff.missing.map((m) => m.jail)).toEqual(['gone']);
  });
});
