import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AdminAccount, loadAdminAccount } from '../../src/auth/admin-account.ts';

/** The stored hash is what the users model is seeded with; it must accept the password. */
const accepts = (admin: AdminAccount, password: string) => verify(admin.passwordHash, password);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bangui-admin-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const adminFile = () => join(dir, 'admin.json');

describe('loadAdminAccount', () => {
  it('generates a password once, prints it in a box, stores only its argon2id hash (0600)', async () => {
    const printed: string[] = [];
    const admin = await loadAdminAccount({ dataDir: dir, print: (t) => printed.push(t) });
    expect(printed).toHaveLength(1);
    const password = /password: (\S+)/.exec(printed[0] ?? '')?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(printed[0]).toMatch(/^\+-+\+\n/);

    const stored = await readFile(adminFile(), 'utf8');
    expect(stored).not.toContain(password);
    expect(JSON.parse(stored).passwordHash).toMatch(/^\$argon2id\$/);
    expect((await stat(adminFile())).mode & 0o777).toBe(0o600);

    expect(await accepts(admin, password)).toBe(true);
    expect(await accepts(admin, `${password}x`)).toBe(false);
  });

  it('reuses the stored hash on later starts and prints nothing', async () => {
    const printed: string[] = [];
    await loadAdminAccount({ dataDir: dir, print: (t) => printed.push(t) });
    const password = /password: (\S+)/.exec(printed[0] ?? '')?.[1] ?? '';
    const again = await loadAdminAccount({ dataDir: dir, print: (t) => printed.push(t) });
    expect(printed).toHaveLength(1);
    expect(await accepts(again, password)).toBe(true);
  });

  it('lets a configured password win over a stored one, and stores its hash', async () => {
    const printed: string[] = [];
    await loadAdminAccount({ dataDir: dir, print: (t) => printed.push(t) });
    const generated = /password: (\S+)/.exec(printed[0] ?? '')?.[1] ?? '';
    const admin = await loadAdminAccount({
      dataDir: dir,
      password: 'from-env',
      print: (t) => printed.push(t),
    });
    expect(printed).toHaveLength(1);
    expect(await accepts(admin, 'from-env')).toBe(true);
    expect(await accepts(admin, generated)).toBe(false);
    // Removing the variable later keeps the last configured password, not the old generated one.
    const later = await loadAdminAccount({ dataDir: dir, print: (t) => printed.push(t) });
    expect(await accepts(later, 'from-env')).toBe(true);
  });

  it('says whether the password came from the configuration', async () => {
    expect((await loadAdminAccount({ dataDir: dir, password: 'pw' })).passwordConfigured).toBe(
      true,
    );
    expect((await loadAdminAccount({ dataDir: dir })).passwordConfigured).toBe(false);
  });

  it('refuses to start on a damaged account file instead of minting a new password', async () => {
    await writeFile(adminFile(), '{"username":"admin"}');
    await expect(loadAdminAccount({ dataDir: dir })).rejects.toThrow(
      /not a valid BanGUI admin account file/,
    );
  });

  it('lets a configured password replace a damaged account file', async () => {
    await writeFile(adminFile(), 'not json');
    const admin = await loadAdminAccount({ dataDir: dir, password: 'fresh' });
    expect(await accepts(admin, 'fresh')).toBe(true);
    expect(JSON.parse(await readFile(adminFile(), 'utf8')).passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('names the data dir when the account file cannot be read', async () => {
    await mkdir(adminFile());
    await expect(loadAdminAccount({ dataDir: dir })).rejects.toThrow(
      /BANGUI_DATA_DIR: .*admin\.json cannot be read \(EISDIR\)/,
    );
  });
});
