import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pollTimeout,
  resultsDir,
  type Stack,
  signIn,
  startStack,
  textOf,
} from './support/e2e-stack.ts';

// The jail page's editors and controls on the real stack: every change is checked with
// fail2ban's own CLI.

const execFileAsync = promisify(execFile);
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
async function cli(...args: string[]): Promise<string> {
  if (!stack) throw new Error('stack did not start');
  const { stdout } = await execFileAsync('/usr/bin/fail2ban-client', [
    '-s',
    stack.sandbox.socketPath,
    ...args,
  ]);
  return stdout.trim();
}

describe('jail editors and controls in the browser', () => {
  it('changes maxretry and fail2ban reports it', async () => {
    if (!stack) throw new Error('stack did not start');
    await page.goto(`${stack.server.url}/#/jails/nginx-auth`);
    await signIn(page);
    await page.getByTestId('settings-editor').waitFor();
    expect(await text('[data-testid="not-persisted-note"]')).toContain(
      'lost at the next fail2ban reload',
    );

    await page.getByLabel(/^Max retries/).fill('9');
    await page.getByRole('button', { name: 'Save max retries' }).click();
    await expect
      .poll(() => text('[data-testid="maxretry-result"]'), pollTimeout)
      .toBe('Max retries is now 9 in fail2ban (was 5).');
    expect(await cli('get', 'nginx-auth', 'maxretry')).toBe('9');
  });

  it('checks input in the page, and shows the server message when fail2ban refuses', async () => {
    await page.getByLabel(/^Ban time/).fill('soon');
    await page.getByRole('button', { name: 'Save ban time' }).click();
    expect(await text('[data-testid="bantime-error"]')).toContain('Use seconds or a duration');

    await page.getByLabel('Add address or network').fill('198.51.100.0/24');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('[data-entry="198.51.100.0/24"]').waitFor();
    expect(await cli('get', 'nginx-auth', 'ignoreip')).toContain('198.51.100.0/24');
    // Someone removes it behind BanGUI's back; removing it again is refused by fail2ban.
    await cli('set', 'nginx-auth', 'delignoreip', '198.51.100.0/24');
    await page.getByRole('button', { name: 'Remove 198.51.100.0/24' }).click();
    await expect
      .poll(() => text('[data-testid="ignoreip-error"]'), pollTimeout)
      .toBe(
        'fail2ban refused to remove 198.51.100.0/24 from the ignore list: list.remove(x): x not in list',
      );
    await page.screenshot({ path: join(resultsDir, 'e2e-jail-editors.png'), fullPage: true });
  });

  it('reloads after a confirmation (Escape cancels), which restores the configured value', async () => {
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('group', { name: /Reload jail nginx-auth/ }).waitFor();
    await page.keyboard.press('Escape');
    await page
      .getByRole('group', { name: /Reload jail nginx-auth/ })
      .waitFor({ state: 'detached' });
    expect(await cli('get', 'nginx-auth', 'maxretry')).toBe('9');

    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('button', { name: 'Yes, reload' }).click();
    await expect
      .poll(() => text('[data-testid="control-result"]'), pollTimeout)
      .toBe('Reloaded from its config files: nginx-auth');
    expect(await cli('get', 'nginx-auth', 'maxretry')).toBe('5');
    expect(await cli('status')).toContain('nginx-auth, sshd, web.login');
  });

  it('stops the jail and starts it again from the page', async () => {
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Yes, stop' }).click();
    await page.getByRole('button', { name: 'Start' }).waitFor(pollTimeout);
    expect(await cli('status')).not.toContain('nginx-auth');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Yes, start' }).click();
    await page.getByTestId('settings-editor').waitFor(pollTimeout);
    expect(await cli('status')).toContain('nginx-auth');
    expect(stack?.pageErrors).toEqual([]);
  });
});
