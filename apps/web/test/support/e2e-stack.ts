import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@bangui/sandbox';
import { startServer } from '@bangui/server';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild } from './ensure-web-build.ts';
import { launchChromium } from './launch-chromium.ts';

export const webDir = fileURLToPath(new URL('../..', import.meta.url));
export const resultsDir = join(webDir, 'test-results');
export const password = 'e2e-admin-password-1234';
export const pollTimeout = { timeout: 30_000, interval: 250 };

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type Server = Awaited<ReturnType<typeof startServer>>;

/** The real stack: a sandboxed fail2ban, BanGUI's server in-process, the built app, Chromium. */
export interface Stack {
  sandbox: Sandbox;
  server: Server;
  browser: Browser;
  page: Page;
  /** uncaught exceptions in the page */
  pageErrors: string[];
  /** any 404 (a missing favicon or asset) */
  notFound: string[];
  /** console reports of anything the Content-Security-Policy blocked */
  cspViolations: string[];
  close(): Promise<void>;
}

/**
 * Starts everything, in order, and undoes whatever did start if a later step fails. The
 * server polls fail2ban every second so that bans fail2ban makes itself show up quickly.
 */
export async function startStack(): Promise<Stack> {
  const distDir = await ensureWebBuild(webDir);
  await mkdir(resultsDir, { recursive: true });
  const undo: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const step of undo.reverse()) await step();
  };
  try {
    const sandbox = await startSandbox();
    undo.push(() => sandbox.destroy());
    const dataDir = await mkdtemp(join(tmpdir(), 'bangui-web-e2e-'));
    undo.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = await startServer({
      env: {
        BANGUI_HOST: '127.0.0.1',
        BANGUI_PORT: '0',
        BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
        // start/reload run fail2ban-client -c with the sandbox's own config, never /etc/fail2ban.
        BANGUI_FAIL2BAN_CONFIG_DIR: sandbox.configDir,
        BANGUI_DATA_DIR: dataDir,
        BANGUI_ADMIN_PASSWORD: password,
        BANGUI_WEB_DIR: distDir,
        BANGUI_POLL_SECONDS: '1',
      },
    });
    undo.push(() => server.close());
    const browser = await launchChromium();
    undo.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const stack: Stack = {
      sandbox,
      server,
      browser,
      page,
      pageErrors: [],
      notFound: [],
      cspViolations: [],
      close,
    };
    page.on('pageerror', (error) => stack.pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() === 404) stack.notFound.push(response.url());
    });
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) stack.cspViolations.push(message.text());
    });
    return stack;
  } catch (error) {
    await close();
    throw error;
  }
}

export const textOf = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();

// True when nothing needs scrolling sideways: neither the page nor a table's scroll box
// (a table in its box would scroll on its own while the page itself still fits).
export const fitsViewport = (page: Page) =>
  page.evaluate(
    () =>
      document.documentElement.scrollWidth <= window.innerWidth &&
      [...document.querySelectorAll('.table-scroll, .virtual-scroll')].every(
        (box) => box.scrollWidth <= box.clientWidth,
      ),
  );

/** Fills the login form (the admin unless told otherwise) and submits it. */
export async function signIn(page: Page, username = 'admin', secret = password): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
