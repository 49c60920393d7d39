import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fitsViewport,
  pollTimeout,
  resultsDir,
  type Stack,
  signIn,
  startStack,
  textOf,
} from './support/e2e-stack.ts';
import { fail2banBannedIps } from './support/fail2ban-banned.ts';

// The dashboard, the cross-jail bans page, the address page, history, audit and settings,
// on the real stack (see support/e2e-stack.ts). Nothing is stubbed.

let stack: Stack | undefined;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  page = stack.page;
});

afterAll(async () => {
  await stack?.close();
});

const need = () => {
  if (!stack) throw new Error('stack did not start');
  return stack;
};
const shot = (name: string) =>
  page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true });
const activityIps = () =>
  page
    .locator('[data-testid="activity-item"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-ip')));
const nav = (name: string) => page.getByRole('link', { name, exact: true }).click();

describe('the dashboard and the pages around it', () => {
  it('lands on the dashboard after sign-in, with the chart drawn and the stream live', async () => {
    await page.goto(need().server.url);
    await signIn(page);
    await page.getByTestId('banned-per-jail').waitFor();
    await page.locator('[data-testid="bans-chart"][data-drawn="true"]').waitFor();
    await expect.poll(() => textOf(page, '[data-testid="live-state"]'), pollTimeout).toBe('live');
    for (const jail of need().sandbox.jails) {
      await page.getByTestId(`banned-now-${jail}`).waitFor();
    }
  });

  it('offers a skip link as the first stop of the keyboard', async () => {
    await page.reload();
    await page.getByTestId('banned-per-jail').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  it('shows a ban fail2ban made itself in the live activity, without a reload', async () => {
    const { sandbox } = need();
    // A marker on the window: it would be gone if the page reloaded.
    await page.evaluate(() => {
      (window as unknown as { stillSamePage: boolean }).stillSamePage = true;
    });
    await sandbox.appendFailures('sshd', '198.51.100.88', 3);
    await expect.poll(activityIps, pollTimeout).toContain('198.51.100.88');
    expect(await fail2banBannedIps(sandbox.socketPath, 'sshd')).toContain('198.51.100.88');
    // The live event also refreshes the counts and the chart's figures.
    await expect
      .poll(() => textOf(page, '[data-testid="banned-now-sshd"] .count'), pollTimeout)
      .not.toBe('0');
    await expect
      .poll(() => textOf(page, '[data-testid="top-addresses"]'), pollTimeout)
      .toContain('198.51.100.88');
    expect(
      await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage),
    ).toBe(true);
    await page.locator('[data-testid="bans-chart"][data-drawn="true"]').waitFor();
    await shot('e2e-dashboard');
  });

  it('fits a phone screen, light and dark', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // The chart follows its box's new width once its resize observer has fired.
    await expect.poll(() => fitsViewport(page), pollTimeout).toBe(true);
    await shot('e2e-phone-dashboard');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('[data-testid="bans-chart"][data-drawn="true"]').waitFor();
    await shot('e2e-phone-dashboard-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('bans two addresses from a jail page and unbans one from its address page', async () => {
    const { sandbox } = need();
    await nav('Jails');
    await page.getByRole('link', { name: 'nginx-auth' }).click();
    await page.getByLabel('IP addresses').fill('203.0.113.98 203.0.113.99');
    await page.getByRole('button', { name: 'Ban 2 addresses' }).click();
    await page.getByTestId('ban-result').waitFor();
    expect(await fail2banBannedIps(sandbox.socketPath, 'nginx-auth')).toEqual(
      expect.arrayContaining(['203.0.113.98', '203.0.113.99']),
    );

    // Addresses link to their page: dossier, history, where banned now.
    await page.locator('[data-testid="ban-row"][data-ip="203.0.113.98"] a').click();
    await page.getByTestId('banned-in').waitFor();
    expect(await textOf(page, '[data-testid="banned-in"]')).toContain('nginx-auth');
    await expect
      .poll(() => textOf(page, '[data-testid="times-banned"]'), pollTimeout)
      .toMatch(/^[1-9]/);
    expect(await textOf(page, '[data-testid="dossier-jails"]')).toBe('nginx-auth 1 ban');
    await shot('e2e-address');
    await page.getByRole('button', { name: 'Unban 203.0.113.98 in nginx-auth' }).click();
    await page.getByTestId('not-banned').waitFor();
    expect(await fail2banBannedIps(sandbox.socketPath, 'nginx-auth')).not.toContain('203.0.113.98');
  });

  it('unbans a selection spanning two jails from the bans page, one request per jail', async () => {
    const { sandbox } = need();
    await nav('Bans');
    await page.getByLabel('Jail').selectOption('sshd');
    await page.getByLabel('Select 198.51.100.88').check();
    await page.getByLabel('Jail').selectOption('nginx-auth');
    await page.getByLabel('Select 203.0.113.99').check();
    expect(await page.getByTestId('csv-link').getAttribute('href')).toBe(
      'api/history.csv?jail=nginx-auth',
    );
    await shot('e2e-bans');

    const unbans: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/unban')) unbans.push(new URL(request.url()).pathname);
    });
    await page.getByRole('button', { name: 'Unban 2 selected' }).click();
    await expect
      .poll(() => textOf(page, '[data-testid="bulk-result"]'), pollTimeout)
      .toMatch(/unbanned 1 of 1.*unbanned 1 of 1/);
    expect(unbans.sort()).toEqual(['/api/jails/nginx-auth/unban', '/api/jails/sshd/unban']);
    expect(await fail2banBannedIps(sandbox.socketPath, 'sshd')).not.toContain('198.51.100.88');
    expect(await fail2banBannedIps(sandbox.socketPath, 'nginx-auth')).not.toContain('203.0.113.99');
  });

  it('filters the history by network and offers the same filters as CSV', async () => {
    await nav('History');
    await page.getByLabel('Address or network').fill('198.51.100.0/24');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(() => textOf(page, '[data-testid="history-list"]'), pollTimeout)
      .toContain('198.51.100.88');
    expect(await textOf(page, '[data-testid="history-list"]')).not.toContain('203.0.113.98');
    expect(await page.getByTestId('history-csv').getAttribute('href')).toBe(
      'api/history.csv?address=198.51.100.0%2F24',
    );
    await shot('e2e-history');
  });

  it('after an expired session, signs in again onto the same page', async () => {
    await page.context().clearCookies();
    // The history page polls nothing: the next request (the jail list refresh) finds the
    // session gone.
    await page.getByTestId('login-notice').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).hash).toBe('#/history');
    await signIn(page);
    await page.getByRole('heading', { name: 'History' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/history');
  });

  it('lists the bans and unbans made through BanGUI in the audit log', async () => {
    await nav('Audit log');
    await expect
      .poll(() => textOf(page, '[data-testid="audit-list"]'), pollTimeout)
      .toContain('admin banned 203.0.113.98, 203.0.113.99 in nginx-auth');
    await shot('e2e-audit');
  });

  it('shows the signed-in user and the display rules on the settings page', async () => {
    await nav('Settings');
    expect(await textOf(page, '[data-testid="settings-user"]')).toBe('admin');
    expect(await textOf(page, '[data-testid="settings-zone"]')).toContain('UTC offset');
    await shot('e2e-settings');
    expect(need().pageErrors).toEqual([]);
    expect(need().notFound).toEqual([]);
    expect(need().cspViolations).toEqual([]);
  });
});
