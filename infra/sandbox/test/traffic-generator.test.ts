import { BlockList } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox, startTrafficGenerator } from '../src/index.ts';
import { fail2banClient, waitFor } from './fail2ban-cli.ts';

interface Line {
  jail: string;
  ip: string;
}

const JAILS = ['sshd', 'web.login', 'nginx-auth'] as const;

/** Runs the generator against a recording fake for `ms` of fake time. */
function record(seed: number, ms: number, linesPerSecond = 3): Line[] {
  const lines: Line[] = [];
  const generator = startTrafficGenerator(
    {
      jails: JAILS,
      appendFailures: async (jail, ip, count = 1) => {
        for (let i = 0; i < count; i++) lines.push({ jail, ip });
      },
    },
    { seed, linesPerSecond },
  );
  vi.advanceTimersByTime(ms);
  generator.stop();
  return lines;
}

const documentation = new BlockList();
documentation.addSubnet('192.0.2.0', 24, 'ipv4');
documentation.addSubnet('198.51.100.0', 24, 'ipv4');
documentation.addSubnet('203.0.113.0', 24, 'ipv4');
documentation.addSubnet('2001:db8::', 32, 'ipv6');

describe('startTrafficGenerator (fake timers)', () => {
  beforeAll(() => {
    vi.useFakeTimers();
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('uses documentation addresses only, of both families', () => {
    const lines = record(7, 120_000);
    expect(lines.length).toBeGreaterThan(100);
    for (const { ip } of lines) {
      const family = ip.includes(':') ? 'ipv6' : 'ipv4';
      expect(documentation.check(ip, family), ip).toBe(true);
    }
    expect(lines.some(({ ip }) => ip.includes(':'))).toBe(true);
    expect(lines.some(({ ip }) => !ip.includes(':'))).toBe(true);
  });

  it('sends to every jail at roughly the requested pace', () => {
    const lines = record(3, 100_000, 3);
    for (const jail of JAILS) expect(lines.some((line) => line.jail === jail)).toBe(true);
    // 300 expected; a Poisson count this far off would be a bug, not bad luck.
    expect(lines.length).toBeGreaterThan(200);
    expect(lines.length).toBeLessThan(400);
  });

  it('repeats some addresses often enough to cross maxretry within seconds', () => {
    const lines = record(11, 10_000);
    const perPair = new Map<string, number>();
    for (const { jail, ip } of lines) {
      perPair.set(`${jail} ${ip}`, (perPair.get(`${jail} ${ip}`) ?? 0) + 1);
    }
    expect(Math.max(...perPair.values())).toBeGreaterThanOrEqual(3);
  });

  it('is reproducible from its seed and differs between seeds', () => {
    expect(record(42, 20_000)).toEqual(record(42, 20_000));
    expect(record(42, 20_000)).not.toEqual(record(43, 20_000));
  });

  it('sends nothing after stop()', () => {
    const appendFailures = vi.fn(async () => {});
    const generator = startTrafficGenerator({ jails: JAILS, appendFailures });
    generator.stop();
    vi.advanceTimersByTime(60_000);
    expect(appendFailures).not.toHaveBeenCalled();
  });
});

describe('startTrafficGenerator with a real fail2ban-server', () => {
  let sandbox: Sandbox;
  let stopGenerator: (() => void) | undefined;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => stopGenerator?.());
  afterAll(async () => {
    await sandbox?.destroy();
  });

  it('produces bans on its own', async () => {
    stopGenerator = startTrafficGenerator(sandbox, { seed: 1, linesPerSecond: 20 }).stop;
    const banned = await waitFor(
      'a ban caused by generated traffic',
      async () => {
        // `banned` prints a Python list of {jail: [ips]} dicts.
        const ips = (await fail2banClient(sandbox, 'banned')).match(/'[0-9a-f.:]+'/g);
        return ips && ips.length > 0 ? ips : undefined;
      },
      15_000,
    );
    for (const quoted of banned) {
      const ip = quoted.slice(1, -1);
      expect(documentation.check(ip, ip.includes(':') ? 'ipv6' : 'ipv4'), ip).toBe(true);
    }
  });
});
