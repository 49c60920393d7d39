import { describe, expect, it, vi } from 'vitest';
import { ensureFail2banInstalled } from '../src/index.ts';

// Unit tests: the real apt-get is not run here.
describe('ensureFail2banInstalled', () => {
  it('does nothing when fail2ban-server is present', async () => {
    const run = vi.fn(async () => {});
    const installed = await ensureFail2banInstalled({ exists: async () => true, run });
    expect(installed).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });

  it('refuses clearly when it would need root', async () => {
    const run = vi.fn(async () => {});
    await expect(
      ensureFail2banInstalled({ exists: async () => false, isRoot: () => false, run }),
    ).rejects.toThrow(/needs root/);
    expect(run).not.toHaveBeenCalled();
  });

  it('runs apt-get update then install as argv arrays', async () => {
    let present = false;
    const calls: [string, readonly string[]][] = [];
    const installed = await ensureFail2banInstalled({
      exists: async () => present,
      isRoot: () => true,
      run: async (command, args) => {
        calls.push([command, args]);
        if (args.includes('install')) present = true;
      },
    });
    expect(installed).toBe(true);
    expect(calls).toEqual([
      ['apt-get', ['update']],
      ['apt-get', ['install', '-y', '--no-install-recommends', 'fail2ban']],
    ]);
  });

  it('fails when the install did not provide fail2ban-server', async () => {
    await expect(
      ensureFail2banInstalled({
        exists: async () => false,
        isRoot: () => true,
        run: async () => {},
      }),
    ).rejects.toThrow(/still missing/);
  });

  it('reports the real binary as present on this machine', async () => {
    expect(await ensureFail2banInstalled({ run: async () => {} })).toBe(false);
  });
});
