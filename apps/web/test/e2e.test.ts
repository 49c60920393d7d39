import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@bangui/sandbox';
import { startServer } from '@bangui/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from './support/ensure-web-build.ts';
import { fail2banBannedIps } from './support/fail2ban-banned.ts';
import { launchChromium } from './support/launch-chromium.ts';
import { startSubPathProxy } from './support/sub-path-proxy.ts';

// The real stack: a sandboxed fail2ban, BanGUI's server in-process, the built web app and
// headless Chromium. Nothing here is stubbed.

const webDir = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(webDir, 'test-results');
const password = 'e2e-admin-password-1234';
const pollTimeout = { timeout: 30_000, interval: 250 };

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type Server = Awaited<ReturnType<typeof startServer>>;

let sandbox: Sandbox | undefined;
let server: Server | undefined;
let browser: Browser | undefined;
let dataDir: string | undefined;
let page: Page;
const pageErrors: string[] = [];
// A missing favicon (or any other missing file) shows up as a 404 in the browser console.
const notFound: string[] = [];

beforeAll(async () => {
  const distDir = await ensureWebBuild(webDir);
  await mkdir(resultsDir, { recursive: true });
  sandbox = await startSandbox();
  dataDir = await mkdtemp(join(tmpdir(), 'bangui-web-e2e-'));
  server = await startServer({
    env: {
      BANGUI_HOST: '127.0.0.1',
      BANGUI_PORT: '0',
      BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
      BANGUI_DATA_DIR: dataDir,
      BANGUI_ADMIN_PASSWORD: password,
      BANGUI_WEB_DIR: distDir,
    },
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('response', (response) => {
    if (response.status() === 404) notFound.push(response.url());
  });
});

afterAll(async () => {
  // Reverse order of start-up; each step runs even if an earlier start failed.
  await browser?.close();
  await server?.close();
  await sandbox?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const text = async (selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').trim();
// True when nothing needs scrolling sideways: neither the page nor a table's scroll box
// (a table in its box would scroll on its own while the page itself still fits).
const fitsViewport = () =>
  page.evaluate(
    () =>
      document.documentElement.scrollWidth <= window.innerWidth &&
      [...document.querySelectorAll('.table-scroll')].every(
        (box) => box.scrollWidth <= box.clientWidth,
      ),
  );
const banRowIps = () =>
  page
    .locator('[data-testid="ban-row"]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-ip')));

describe('BanGUI in the browser', () => {
  it('rejects a wrong password, then signs the admin in', async () => {
    if (!server) throw new Error('server did not start');
    await page.goto(server.url);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('login-error').waitFor();

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('jails-table').waitFor();
    expect(await text('[data-testid="current-user"]')).toBe('admin');
  });

  it('lists the sandbox jails with live counts', async () => {
    if (!sandbox) throw new Error('sandbox did not start');
    for (const jail of sandbox.jails) {
      await page.getByTestId(`jail-row-${jail}`).waitFor();
      for (const count of [
        'currently-failed',
        'total-failed',
        'currently-banned',
        'total-banned',
      ]) {
        expect(await text(`[data-testid="jail-row-${jail}"] [data-testid="${count}"]`)).toMatch(
          /^\d+$/,
        );
      }
    }
    // A failure written to the log shows up on its own: the table refreshes itself.
    await sandbox.appendFailures('sshd', '198.51.100.23', 1);
    await expect
      .poll(() => text('[data-testid="jail-row-sshd"] [data-testid="total-failed"]'), pollTimeout)
      .toMatch(/^[1-9]\d*$/);
    await page.screenshot({ path: join(resultsDir, 'e2e-jails.png'), fullPage: true });
  });

  it('bans two addresses through the form, and fail2ban has them', async () => {
    if (!sandbox) throw new Error('sandbox did not start');
    await page.getByRole('link', { name: 'web.login' }).click();
    await page.getByTestId('jail-settings').waitFor();
    expect(await text('[data-testid="setting-bantime"]')).not.toBe('');

    await page.getByLabel('IP addresses').fill('203.0.113.77,\n2001:db8::77');
    await page.getByRole('button', { name: 'Ban 2 addresses' }).click();
    await expect
      .poll(() => text('[data-testid="ban-result"]'), pollTimeout)
      .toBe('Banned 203.0.113.77, 2001:db8::77');
    await expect
      .poll(async () => (await banRowIps()).sort(), pollTimeout)
      .toEqual(expect.arrayContaining(['2001:db8::77', '203.0.113.77']));

    const banned = await fail2banBannedIps(sandbox.socketPath, 'web.login');
    expect(banned).toEqual(expect.arrayContaining(['203.0.113.77', '2001:db8::77']));

    // Banning again changes nothing, and the page says so.
    await page.getByLabel('IP addresses').fill('203.0.113.77');
    await page.getByRole('button', { name: 'Ban address' }).click();
    await expect
      .poll(() => text('[data-testid="ban-result"]'), pollTimeout)
      .toBe('Already banned, nothing changed: 203.0.113.77');
    await page.screenshot({ path: join(resultsDir, 'e2e-jail.png'), fullPage: true });
  });

  it('warns before banning an address on the ignore list, and bans on a second click', async () => {
    if (!sandbox) throw new Error('sandbox did not start');
    await page.getByLabel('IP addresses').fill('127.0.0.1');
    await page.getByRole('button', { name: 'Ban address' }).click();
    await expect
      .poll(() => text('[data-testid="ignore-warning"]'), pollTimeout)
      .toContain("127.0.0.1 (127.0.0.0/8) is in this jail's ignore list.");
    // The first click only warned: nothing was sent to fail2ban.
    expect(await fail2banBannedIps(sandbox.socketPath, 'web.login')).not.toContain('127.0.0.1');
    await page.screenshot({ path: join(resultsDir, 'e2e-ignore-warning.png'), fullPage: true });

    await page.getByRole('button', { name: 'Ban anyway' }).click();
    await expect
      .poll(() => text('[data-testid="ban-result"]'), pollTimeout)
      .toBe('Banned 127.0.0.1');
    expect(await fail2banBannedIps(sandbox.socketPath, 'web.login')).toContain('127.0.0.1');

    // A later action replaces the ban message: it would describe a state that is gone.
    await page.getByLabel('Search addresses').fill('127.0.0.1');
    await page.getByTestId('ban-result').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Unban 127.0.0.1' }).click();
    await expect
      .poll(() => text('[data-testid="unban-result"]'), pollTimeout)
      .toBe('Unbanned 1 (127.0.0.1)');
    await page.getByLabel('Search addresses').fill('');
  });

  it('shows the server error for an invalid address', async () => {
    await page.getByLabel('IP addresses').fill('not-an-ip');
    await page.getByRole('button', { name: 'Ban address' }).click();
    await expect.poll(() => text('[data-testid="ban-error"]'), pollTimeout).not.toBe('');
  });

  it('searches server-side and unbans through the row button', async () => {
    if (!sandbox) throw new Error('sandbox did not start');
    await page.getByLabel('Search addresses').fill('2001:db8');
    await expect.poll(banRowIps, pollTimeout).toEqual(['2001:db8::77']);

    await page.getByRole('button', { name: 'Unban 2001:db8::77' }).click();
    await page.getByTestId('unban-result').waitFor();
    await page.getByTestId('no-bans').waitFor();

    const banned = await fail2banBannedIps(sandbox.socketPath, 'web.login');
    expect(banned).not.toContain('2001:db8::77');
    expect(banned).toContain('203.0.113.77');
  });

  it('looks right on a phone in dark mode', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByLabel('Search addresses').fill('');
    await expect.poll(banRowIps, pollTimeout).toContain('203.0.113.77');
    expect(await fitsViewport()).toBe(true);
    await page.screenshot({ path: join(resultsDir, 'e2e-phone-dark.png'), fullPage: true });

    await page.getByRole('link', { name: 'BanGUI' }).click();
    await page.getByTestId('jails-table').waitFor();
    expect(await fitsViewport()).toBe(true);
    await page.screenshot({ path: join(resultsDir, 'e2e-phone-jails.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows that fail2ban is offline while it is down, and recovers', async () => {
    if (!sandbox) throw new Error('sandbox did not start');
    await page.getByRole('link', { name: 'BanGUI' }).click();
    await page.getByTestId('jails-table').waitFor();
    await sandbox.stop();
    await page.getByTestId('fail2ban-offline').waitFor({ timeout: 30_000 });
    // The last known figures stay on screen under the banner.
    await page.getByTestId('jails-table').waitFor();
    const banner = await text('[data-testid="fail2ban-offline"]');
    expect(banner).toMatch(/^Cannot reach fail2ban/);
    expect(banner).toContain('may be out of date');
    expect(banner).not.toMatch(/unreachable:/);
    await page.screenshot({ path: join(resultsDir, 'e2e-offline.png'), fullPage: true });

    await sandbox.restart();
    await page.getByTestId('fail2ban-offline').waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('returns to the login form with a message when the session is gone', async () => {
    // Dropping the cookie makes the next auto-refresh answer 401, like an expired session.
    await page.context().clearCookies();
    await page.getByTestId('login-notice').waitFor();
    expect(await text('[data-testid="login-notice"]')).toMatch(/session has expired/i);

    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'web.login' }).click();
    await page.getByTestId('jail-settings').waitFor();
    // Signing out lands on the login form at the app's start URL, not the last jail's.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
    expect(pageErrors).toEqual([]);
    expect(notFound).toEqual([]);
  });
});

describe('BanGUI under a sub-path behind a reverse proxy', () => {
  it('loads, signs in and bans through /bangui/', async () => {
    if (!server || !browser || !sandbox) throw new Error('stack did not start');
    const proxy = await startSubPathProxy(server.url, '/bangui/');
    const context = await browser.newContext();
    try {
      const proxied = await context.newPage();
      const outsidePrefix: string[] = [];
      proxied.on('request', (req) => {
        if (!req.url().startsWith(proxy.url)) outsidePrefix.push(req.url());
      });
      await proxied.goto(proxy.url);
      await proxied.getByLabel('Username').fill('admin');
      await proxied.getByLabel('Password').fill(password);
      await proxied.getByRole('button', { name: 'Sign in' }).click();
      await proxied.getByRole('link', { name: 'nginx-auth' }).click();
      await proxied.getByLabel('IP addresses').fill('198.51.100.200');
      await proxied.getByRole('button', { name: 'Ban address' }).click();
      await proxied.getByTestId('ban-result').waitFor();
      expect(await fail2banBannedIps(sandbox.socketPath, 'nginx-auth')).toContain('198.51.100.200');
      expect(outsidePrefix).toEqual([]);
    } finally {
      await context.close();
      await proxy.close();
    }
  });
});
