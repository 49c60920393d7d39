import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createMemoryEventStore } from '@bangui/adapters-memory';
import { banStream } from '@bangui/domain';
import { SANDBOX_JAILS, startSandbox } from '@bangui/sandbox';
import { startServer } from '@bangui/server';
import { type Browser, chromium } from 'playwright-core';
import { type CaseResult, measureCase } from '../measure.ts';
import type { SuiteResult } from '../report.ts';
import { seededRandom, summarize } from '../stats.ts';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '../../..');
const webDist = join(repoRoot, 'apps/web/dist');
const EVENTS = 100_000;
const DAY_MS = 86_400_000;
const PASSWORD = 'bench-web-password';
const JS_TARGET_KB = 200;
const RENDER_TARGET_MS = 1_000;

/**
 * The web app as a user gets it: the gzip size of the JavaScript index.html loads before
 * anything is shown (lazy chunks such as the chart library excluded), and the dashboard's
 * first render in Chromium against a server whose journal holds 100,000 ban events: from
 * navigation start to the chart being drawn (the app's "bangui:charts-drawn" mark).
 */
export async function webSuite(options: { quick: boolean }): Promise<SuiteResult> {
  await run('pnpm', ['--filter', '@bangui/web', 'build'], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const initialJs = await initialJsGzipBytes();
  const dataDir = await mkdtemp(join(tmpdir(), 'bangui-bench-web-'));
  const sandbox = await startSandbox();
  let browser: Browser | undefined;
  try {
    await fillJournal(dataDir, EVENTS);
    const server = await startServer({
      env: {
        BANGUI_HOST: '127.0.0.1',
        BANGUI_PORT: '0',
        BANGUI_FAIL2BAN_SOCKET: sandbox.socketPath,
        BANGUI_DATA_DIR: dataDir,
        BANGUI_ADMIN_PASSWORD: PASSWORD,
        BANGUI_WEB_DIR: webDist,
      },
      logger: { info: () => {}, error: (message, error) => console.error(message, error ?? '') },
    });
    try {
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
      });
      const cookie = await login(server.url);
      const firstRender = await measureCase({
        name: `dashboard first render, ${EVENTS.toLocaleString('en')} events (new browser context)`,
        unit: 'ms/op',
        runs: options.quick ? 3 : 7,
        warmup: 1,
        run: () => dashboardRenderMs(browserOf(browser), server.url, cookie),
      });
      // A size, not a timing: one exact sample (the report's units are MB).
      const size: CaseResult = {
        name: 'initial JS, gzip',
        unit: 'MB',
        runs: 1,
        ...summarize([initialJs / 1e6]),
      };
      return {
        suite: 'Web app: initial JavaScript and dashboard first render',
        cases: [size, firstRender],
        comparisons: [],
        notes: [
          `initial JS (scripts and modulepreloads in index.html), gzip -9: ${(initialJs / 1024).toFixed(1)} KB (target < ${JS_TARGET_KB} KB)`,
          `dashboard first render, median: ${firstRender.median.toFixed(0)} ms (target < ${RENDER_TARGET_MS} ms), from navigation start to the chart drawn, each run in a fresh browser context (cold HTTP cache)`,
        ],
      };
    } finally {
      await server.close();
    }
  } finally {
    await browser?.close();
    await sandbox.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const browserOf = (browser: Browser | undefined) => {
  if (!browser) throw new Error('Chromium did not start');
  return browser;
};

/** Sum of the gzip sizes of every script index.html loads up front. */
async function initialJsGzipBytes(): Promise<number> {
  const html = await readFile(join(webDist, 'index.html'), 'utf8');
  const sources = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1] ?? '');
  if (sources.length === 0) throw new Error('index.html loads no script');
  let total = 0;
  for (const source of sources) {
    total += gzipSync(await readFile(join(webDist, source)), { level: 9 }).length;
  }
  return total;
}

/**
 * Half BanObserved, half BanEnded: each ban and its end in one stream, spread over the last
 * 30 days across the sandbox's jails, written through the store the server itself replays.
 */
async function fillJournal(dataDir: string, events: number): Promise<void> {
  const store = createMemoryEventStore({ dataDir });
  const rnd = seededRandom(11);
  const now = Date.now();
  const bans = events / 2;
  const inFlight = 256;
  try {
    for (let start = 0; start < bans; start += inFlight) {
      const batch: Promise<unknown>[] = [];
      for (let i = start; i < Math.min(bans, start + inFlight); i++) {
        const jail = SANDBOX_JAILS[i % SANDBOX_JAILS.length] ?? 'sshd';
        // 2,000 addresses, so some are banned many times (the top-addresses list).
        const n = Math.floor(rnd() * 2_000);
        const id = `10.0.${n >> 8}.${n & 255}`;
        // One ban every ~52 s over 30 days; an ID's bans in a jail share its stream.
        const bannedAt = Math.floor((now - 30 * DAY_MS + (i * 30 * DAY_MS) / bans) / 1000) * 1000;
        const endsAt = bannedAt + 600_000;
        batch.push(
          store.append(
            banStream(jail, id),
            [
              {
                type: 'BanObserved',
                data: { jail, id, bannedAt, bantimeSeconds: 600, endsAt, source: 'poll' },
              },
              {
                type: 'BanEnded',
                data: { jail, id, bannedAt, endedAt: endsAt, reason: 'expired', source: 'poll' },
              },
            ],
            { expectedVersion: 'any' },
          ),
        );
      }
      await Promise.all(batch);
    }
  } finally {
    await store.close();
  }
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function dashboardRenderMs(browser: Browser, url: string, cookie: string): Promise<number> {
  const [name, value] = cookie.split('=') as [string, string];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addCookies([{ name, value, url }]);
    const page = await context.newPage();
    await page.goto(`${url}/#/`);
    const handle = await page.waitForFunction(
      () => performance.getEntriesByName('bangui:charts-drawn')[0]?.startTime,
      undefined,
      { timeout: 30_000 },
    );
    return Number(await handle.jsonValue());
  } finally {
    await context.close();
  }
}
