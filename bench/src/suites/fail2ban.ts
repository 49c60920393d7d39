import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createFail2banClient } from '@bangui/fail2ban';
import { startSandbox } from '@bangui/sandbox';
import { measureCase, msPerOp } from '../measure.ts';
import type { SuiteResult } from '../report.ts';
import { seededRandom } from '../stats.ts';

const run = promisify(execFile);
const FAIL2BAN_CLIENT = '/usr/bin/fail2ban-client';

/** `count` distinct IPv4 addresses from 10.0.0.0/8, in a seeded order. */
function addresses(count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const seen = new Set<string>();
  while (seen.size < count) {
    const n = Math.floor(rnd() * 0xffffff);
    seen.add(`10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
  }
  return [...seen];
}

/**
 * BanGUI's persistent socket client against the `fail2ban-client` program (one
 * Python process per command), on a real sandboxed fail2ban-server with the
 * no-op action, so the numbers are fail2ban's and the transport's, not a firewall's.
 */
export async function fail2banSuite(options: { quick: boolean }): Promise<SuiteResult> {
  const sandbox = await startSandbox({ action: 'noop' });
  const client = createFail2banClient({ socketPath: sandbox.socketPath, timeoutMs: 120_000 });
  const jail = 'sshd';
  const cli = (...args: string[]) => run(FAIL2BAN_CLIENT, ['-s', sandbox.socketPath, ...args]);
  const runs = options.quick ? 3 : 7;
  const socketIterations = options.quick ? 100 : 500;
  const cliIterations = options.quick ? 3 : 8;
  const cases = [];
  try {
    // A realistic list for the "current bans" case.
    await client.ban(jail, addresses(200, 1));

    const pairs: [string, () => Promise<unknown>, string[]][] = [
      ['ping', () => client.ping(), ['ping']],
      ['status', () => client.status(), ['status']],
      ['status of a jail', () => client.jailStatus(jail, 'basic'), ['status', jail]],
      [
        'current bans with times (200)',
        () => client.bans(jail),
        ['get', jail, 'banip', '--with-time'],
      ],
    ];
    for (const [label, viaSocket, cliArgs] of pairs) {
      cases.push(
        await measureCase({
          name: `${label}: socket client`,
          unit: 'ms/op',
          runs,
          warmup: 1,
          run: () => msPerOp(socketIterations, viaSocket),
        }),
      );
      cases.push(
        await measureCase({
          name: `${label}: fail2ban-client`,
          unit: 'ms/op',
          runs,
          warmup: 1,
          run: () => msPerOp(cliIterations, () => cli(...cliArgs)),
        }),
      );
    }

    const bulk = addresses(10_000, 2);
    const bulkRuns = options.quick ? 2 : 3;
    const timed = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return (performance.now() - start) / 1000;
    };
    cases.push(
      await measureCase({
        name: 'ban+unban 10,000 IDs: socket client',
        unit: 's',
        runs: bulkRuns,
        warmup: 0,
        run: () =>
          timed(async () => {
            await client.ban(jail, bulk);
            await client.unban(jail, bulk);
          }),
      }),
    );
    cases.push(
      await measureCase({
        name: 'ban+unban 10,000 IDs: fail2ban-client',
        unit: 's',
        runs: bulkRuns,
        warmup: 0,
        run: () =>
          timed(async () => {
            await cli('set', jail, 'banip', ...bulk);
            await cli('set', jail, 'unbanip', ...bulk);
          }),
      }),
    );
  } finally {
    await client.close();
    await sandbox.destroy();
  }
  const comparisons = [
    'ping',
    'status',
    'status of a jail',
    'current bans with times (200)',
    'ban+unban 10,000 IDs',
  ].map((label) => ({
    label,
    subject: `${label}: socket client`,
    baseline: `${label}: fail2ban-client`,
  }));
  return {
    suite: 'fail2ban: socket client vs fail2ban-client',
    cases,
    comparisons,
    notes: [
      `socket cases: ${socketIterations} sequential requests per run; fail2ban-client cases: ${cliIterations} processes per run`,
      'bulk: the socket client sends chunks of 500 IDs per command; fail2ban-client sends all 10,000 in one process',
    ],
  };
}
