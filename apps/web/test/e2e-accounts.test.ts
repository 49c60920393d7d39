import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
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

// Users and roles on the real stack: the admin's users page, what a viewer and an operator
// see and may do (the server refusing regardless of the UI), the settings page's password,
// sessions and API tokens. Each user signs in from their own browser context.

let stack: Stack | undefined;
let page: Page;
const contexts: BrowserContext[] = [];

const operator = { name: 'olivia', password: 'olivia-first-password' };
const viewer = { name: 'victor', password: 'victor-first-password' };
const desktop = { width: 1280, height: 900 };

beforeAll(async () => {
  stack = await startStack();
  page = stack.page;
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await stack?.close();
});

function started(): Stack {
  if (!stack) throw new Error('stack did not start');
  return stack;
}

/** A fresh browser (own cookies) signed in as `name`, on the dashboard. */
async function browserAs(name: string, secret: string): Promise<Page> {
  const context = await started().browser.newContext({ viewport: desktop });
  contexts.push(context);
  const other = await context.newPage();
  await other.goto(started().server.url);
  await signIn(other, name, secret);
  await other.getByTestId('current-user').waitFor();
  return other;
}

/** A same-origin JSON call from the page, with its cookie: what a hand-made request can do. */
const apiCall = (on: Page, method: string, path: string, body?: unknown) =>
  on.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    { method, path, body },
  );

/** GET /api/jails from Node, with an API token instead of a session. */
const jailsWithToken = (token: string) =>
  fetch(new URL('/api/jails', started().server.url), {
    headers: { Authorization: `Bearer ${token}` },
  });

const userRow = (name: string) => page.locator(`[data-testid="user-row"][data-name="${name}"]`);
const shot = (on: Page, name: string) =>
  on.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true });

async function addUser(name: string, role: string, secret: string) {
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByLabel('Initial password').fill(secret);
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect
    .poll(() => textOf(page, '[data-testid="create-user-result"]'), pollTimeout)
    .toBe(`Added ${name} as ${role}.`);
  await userRow(name).waitFor();
}

describe('users and roles', () => {
  it('lets the admin add users, change a role, disable and enable, but not lock themself out', async () => {
    await page.goto(started().server.url);
    await signIn(page);
    expect(await textOf(page, '[data-testid="current-role"]')).toBe('admin');
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await userRow('admin').waitFor();

    await addUser(operator.name, 'operator', operator.password);
    await addUser(viewer.name, 'operator', viewer.password);

    // A role change asks first, then takes effect on the server.
    await page.getByLabel(`Role of ${viewer.name}`).selectOption('viewer');
    await page.getByRole('button', { name: `Change role of ${viewer.name}` }).click();
    expect(await page.getByText(`Make ${viewer.name} a viewer?`).count()).toBe(1);
    await page.getByRole('button', { name: 'Make viewer' }).click();
    await expect
      .poll(async () => {
        const { body } = await apiCall(page, 'GET', 'api/users');
        return body.users.find((u: { name: string }) => u.name === viewer.name)?.role;
      }, pollTimeout)
      .toBe('viewer');

    // Disabling asks first; enabling does not.
    await page.getByRole('button', { name: `Disable ${viewer.name}` }).click();
    await page.getByRole('button', { name: `Disable ${viewer.name}` }).click();
    const status = () => userRow(viewer.name).getByTestId('user-status').textContent();
    await expect.poll(status, pollTimeout).toBe('disabled');
    await page.getByRole('button', { name: `Enable ${viewer.name}` }).click();
    await expect.poll(status, pollTimeout).toBe('active');

    // The server refuses an admin disabling themself (409 self-lockout); the page says why.
    await page.getByRole('button', { name: 'Disable admin' }).click();
    await page.getByRole('button', { name: 'Disable admin' }).click();
    await expect
      .poll(() => textOf(page, '[data-testid="user-error"]'), pollTimeout)
      .toContain('You cannot disable your own account');
    await shot(page, 'e2e-users');
  });

  it('shows a viewer no ban or unban controls, and the server refuses their ban (403)', async () => {
    const { sandbox } = started();
    // Something to (not) unban: the admin bans an address through the API.
    const ban = await apiCall(page, 'POST', 'api/jails/web.login/bans', { ids: ['203.0.113.160'] });
    expect(ban.status).toBe(200);

    const viewerPage = await browserAs(viewer.name, viewer.password);
    expect(await textOf(viewerPage, '[data-testid="current-role"]')).toBe('viewer');
    expect(await viewerPage.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);
    expect(await viewerPage.getByRole('link', { name: 'Audit log', exact: true }).count()).toBe(0);

    await viewerPage.getByRole('link', { name: 'Jails', exact: true }).click();
    await viewerPage.getByRole('link', { name: 'web.login' }).click();
    await viewerPage.locator('[data-testid="ban-row"][data-ip="203.0.113.160"]').waitFor();
    await viewerPage.getByTestId('read-only-note').waitFor();
    expect(await viewerPage.getByTestId('ban-form').count()).toBe(0);
    expect(await viewerPage.getByRole('button', { name: /^Unban/ }).count()).toBe(0);
    await shot(viewerPage, 'e2e-viewer-jail');

    // The bans page: no checkboxes, no bulk unban.
    await viewerPage.evaluate(() => window.location.assign('#/bans/web.login'));
    await viewerPage.locator('[data-testid="bans-row"][data-ip="203.0.113.160"]').waitFor();
    expect(await viewerPage.getByTestId('bulk-bar').count()).toBe(0);
    expect(await viewerPage.getByRole('checkbox').count()).toBe(0);

    // Hiding the form is a courtesy: the server is what refuses.
    const refused = await apiCall(viewerPage, 'POST', 'api/jails/web.login/bans', {
      ids: ['203.0.113.161'],
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(await fail2banBannedIps(sandbox.socketPath, 'web.login')).not.toContain('203.0.113.161');
  });

  it('lets an operator ban and unban, but not open the users page', async () => {
    const { sandbox } = started();
    const operatorPage = await browserAs(operator.name, operator.password);
    expect(await textOf(operatorPage, '[data-testid="current-role"]')).toBe('operator');
    expect(await operatorPage.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);
    await operatorPage.evaluate(() => window.location.assign('#/users'));
    await operatorPage.getByTestId('admin-only').waitFor();
    expect(await operatorPage.getByTestId('users-table').count()).toBe(0);

    await operatorPage.getByRole('link', { name: 'Jails', exact: true }).click();
    await operatorPage.getByRole('link', { name: 'web.login' }).click();
    await operatorPage.getByLabel('IP addresses').fill('203.0.113.150');
    await operatorPage.getByRole('button', { name: 'Ban address' }).click();
    await expect
      .poll(() => textOf(operatorPage, '[data-testid="ban-result"]'), pollTimeout)
      .toBe('Banned 203.0.113.150');
    expect(await fail2banBannedIps(sandbox.socketPath, 'web.login')).toContain('203.0.113.150');

    await operatorPage.getByRole('button', { name: 'Unban 203.0.113.150' }).click();
    await expect
      .poll(() => textOf(operatorPage, '[data-testid="unban-result"]'), pollTimeout)
      .toBe('Unbanned 1 (203.0.113.150)');
    expect(await fail2banBannedIps(sandbox.socketPath, 'web.login')).not.toContain('203.0.113.150');
  });

  it('changes a password with clear errors, then signs in with the new one', async () => {
    const user = await browserAs(operator.name, operator.password);
    await user.getByRole('link', { name: 'Settings', exact: true }).click();
    const submit = () => user.getByRole('button', { name: 'Change password' }).click();
    const error = () => textOf(user, '[data-testid="password-error"]');
    const fill = async (current: string, next: string, repeat: string) => {
      await user.getByLabel('Current password').fill(current);
      await user.getByLabel('New password', { exact: true }).fill(next);
      await user.getByLabel('Repeat the new password').fill(repeat);
      await submit();
    };
    const newPassword = 'olivia-second-password';

    await fill(operator.password, 'too-short', 'too-short');
    await expect.poll(error, pollTimeout).toContain('at least 12 characters; it has 9');
    await fill(operator.password, newPassword, `${newPassword}!`);
    await expect.poll(error, pollTimeout).toBe('The two new passwords are not the same.');
    await fill('not-my-password', newPassword, newPassword);
    await expect.poll(error, pollTimeout).toBe('The current password is not correct.');
    await fill(operator.password, newPassword, newPassword);
    // The operator's earlier browser (previous test) was signed out by the change.
    await expect
      .poll(() => textOf(user, '[data-testid="password-changed"]'), pollTimeout)
      .toBe('Password changed. 1 other session was signed out.');

    await user.getByRole('button', { name: 'Sign out' }).click();
    await signIn(user, operator.name, operator.password);
    await user.getByTestId('login-error').waitFor();
    await signIn(user, operator.name, newPassword);
    expect(await textOf(user, '[data-testid="current-user"]')).toBe(operator.name);
  });

  it('lists my sessions, this one marked, and signs out one or all the others', async () => {
    const elsewhere = [
      await browserAs('admin', 'e2e-admin-password-1234'),
      await browserAs('admin', 'e2e-admin-password-1234'),
    ];
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const rows = page.getByTestId('session-row');
    await expect.poll(() => rows.count(), pollTimeout).toBe(3);
    expect(await page.locator('[data-testid="session-row"][data-current="true"]').count()).toBe(1);

    await page
      .locator('[data-testid="session-row"][data-current="false"]')
      .first()
      .getByRole('button', { name: /^Revoke the session/ })
      .click();
    await expect.poll(() => rows.count(), pollTimeout).toBe(2);
    await page.getByRole('button', { name: 'Revoke all other sessions' }).click();
    await expect.poll(() => rows.count(), pollTimeout).toBe(1);
    for (const other of elsewhere) {
      await other.reload();
      await other.getByRole('button', { name: 'Sign in' }).waitFor();
    }
  });

  it('creates an API token, shows its secret once, works from Node until revoked', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    // An admin may give a token any role up to their own.
    expect(
      await page.getByLabel('Role', { exact: true }).locator('option').allTextContents(),
    ).toEqual(['viewer', 'operator', 'admin']);
    await page.getByLabel('Token name').fill('ci-monitor');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('new-token').waitFor();
    expect(await textOf(page, '[data-testid="secret-warning"]')).toContain(
      'you will not see it again',
    );
    const token = await page.getByTestId('token-secret').inputValue();
    expect(token).toMatch(/^bgt_/);
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await shot(page, 'e2e-token-created');

    const answer = await jailsWithToken(token);
    expect(answer.status).toBe(200);
    const { jails } = (await answer.json()) as { jails: { name: string }[] };
    expect(jails.map((j) => j.name)).toContain('sshd');

    // Once dismissed, the secret is nowhere on the page; the list shows the token's last use.
    await page.getByRole('button', { name: 'Done, I have stored it' }).click();
    await page.getByTestId('new-token').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(token);
    const row = page.locator('[data-testid="token-row"][data-name="ci-monitor"]');
    await expect
      .poll(async () => {
        await page.reload();
        return (await row.getByTestId('token-last-used').textContent()) ?? '';
      }, pollTimeout)
      .toMatch(/UTC/);
    await shot(page, 'e2e-settings-account');

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await fitsViewport(page)).toBe(true);
    await shot(page, 'e2e-settings-phone');
    await page.setViewportSize(desktop);

    await row.getByRole('button', { name: 'Revoke token ci-monitor' }).click();
    await row.getByRole('button', { name: 'Revoke token', exact: true }).click();
    await row.waitFor({ state: 'detached' });
    expect((await jailsWithToken(token)).status).toBe(401);
    expect(stack?.pageErrors).toEqual([]);
  });
});
