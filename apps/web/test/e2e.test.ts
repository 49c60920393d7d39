import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fitsViewport as fits,
  password,
  pollTimeout,
  resultsDir,
  type Stack,
  startStack,
  textOf,
} from './support/e2e-stack.ts';
import { fail2banBannedIps } from './support/fail2ban-banned.ts';
import { startSubPathProxy } from './support/sub-path-proxy.ts';

// The jail pages, the ban form and list, offline and expired-session handling, and the
// app under a sub-path, on the real stack (see support/e2e-stack.ts). Nothing is stubbed.

let stack: Stack | undefined;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  page = stack.page;
});

afterAll(async () => {
  await stack?.close();
});

const text = (selector: string) => textOf(page, selector);
const fitsViewport = () => fits(page);
const banRowIps = () =>
  page
    .locator('[data-testid="ban-row"]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-ip')));

describe('BanGUI in the browser', () => {
  it('rejects a wrong password, then signs the admin in', async () => {
    if (!stack) throw new Error('stack did not start');
    await page.goto(stack.server.url);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('login-error').waitFor();

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The dashboard is the landing page; the jail list is one click away.
    await page.getByTestId('banned-per-jail').waitFor();
    expect(await text('[data-testid="current-user"]')).toBe('admin');
    await page.getByRole('link', { name: 'Jails', exact: true }).click();
    await page.getByTestId('jails-table').waitFor();
  });

  it('lists the sandbox jails with live counts', async () => {
    const sandbox = stack?.sandbox;
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
    const sandbox = stack?.sandbox;
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
    const sandbox = stack?.sandbox;
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
    // The message names what was wrong and which input: the admin can fix it at once.
    await expect
      .poll(() => text('[data-testid="ban-error"]'), pollTimeout)
      .toBe('Not an IP address or CIDR network: "not-an-ip".');
    await page.screenshot({ path: join(resultsDir, 'e2e-ban-error.png'), fullPage: true });
  });

  it('searches server-side and unbans through the row button', async () => {
    const sandbox = stack?.sandbox;
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

    await page.getByRole('link', { name: 'Jails', exact: true }).click();
    await page.getByTestId('jails-table').waitFor();
    expect(await fitsViewport()).toBe(true);
    await page.screenshot({ path: join(resultsDir, 'e2e-phone-jails.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows that fail2ban is offline while it is down, and recovers', async () => {
    const sandbox = stack?.sandbox;
    if (!sandbox) throw new Error('sandbox did not start');
    await page.getByRole('link', { name: 'Jails', exact: true }).click();
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
    // Signed in again on the page the session expired on.
    await page.getByTestId('jails-table').waitFor();
    expect(new URL(page.url()).hash).toBe('#/jails');
    // Signing out lands on the login form at the app's start URL, not the last page's.
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
    expect(stack?.pageErrors).toEqual([]);
    expect(stack?.notFound).toEqual([]);
    expect(stack?.cspViolations).toEqual([]);
  });
});

describe('BanGUI under a sub-path behind a reverse proxy', () => {
  it('loads, signs in and bans through /bangui/', async () => {
    if (!stack) throw new Error('stack did not start');
    const { sandbox, server, browser } = stack;
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
      await proxied.getByRole('link', { name: 'Jails', exact: true }).click();
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
