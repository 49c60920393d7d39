import { isFail2banError, type JailSettings } from '@bangui/fail2ban';
import { type Counter, Gauge, Registry } from 'prom-client';
import type { JailCounts } from '../fail2ban-port.ts';

/** What the scrape asks fail2ban; the real client satisfies it. */
export interface Fail2banMetricsSource {
  status(): Promise<{ jails: string[] }>;
  jailStatus(jail: string, flavor: 'short'): Promise<JailCounts>;
  jailSettings(jail: string): Promise<JailSettings>;
  version(): Promise<string>;
}

export interface Fail2banMetricsOptions {
  fail2ban: Fail2banMetricsSource;
  /** f2b_errors{type}: lives in BanGUI's registry so it keeps counting across scrapes (and workers) */
  errors: Counter<'type'>;
  /** reported as f2b_version{exporter} */
  exporterVersion: string;
  /** how long a jail's bantime/findtime/maxretry are reused (default 60 s); they change only on reload */
  settingsTtlMs?: number;
  now?: () => number;
}

/**
 * fail2ban's metrics under the names, types and labels of the widely used
 * fail2ban-prometheus-exporter (hctrdev/hectorjsmith), so its Grafana
 * dashboards work unchanged: every f2b_* value is a gauge (the `_total` ones
 * too: they are fail2ban's own counts, reset when it restarts), f2b_errors is
 * a counter by `type` (socket_conn, socket_req) and f2b_version is 1 with the
 * `exporter` and `fail2ban` versions as labels. Read on every scrape; a fresh
 * registry each time, so a jail that is gone is gone from the output. An
 * unreachable fail2ban is `f2b_up 0` and an error count, never a failed scrape.
 */
export function createFail2banMetrics(options: Fail2banMetricsOptions): () => Promise<string> {
  const ttlMs = options.settingsTtlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const settingsCache = new Map<string, { at: number; settings: Promise<JailSettings> }>();

  const settingsOf = (jail: string): Promise<JailSettings> => {
    const cached = settingsCache.get(jail);
    if (cached && now() - cached.at < ttlMs) return cached.settings;
    const settings = options.fail2ban.jailSettings(jail);
    settingsCache.set(jail, { at: now(), settings });
    // A failed read is not reused: the next scrape asks again.
    settings.catch(() => settingsCache.delete(jail));
    return settings;
  };

  return async function collectFail2banMetrics() {
    const registry = new Registry();
    const gauge = (name: string, help: string, labelNames: string[] = []) =>
      new Gauge({ name, help, labelNames, registers: [registry] });
    const up = gauge('f2b_up', 'Check if the fail2ban server is up');
    let jails: string[];
    let version: string;
    try {
      [{ jails }, version] = await Promise.all([
        options.fail2ban.status(),
        options.fail2ban.version(),
      ]);
    } catch (err) {
      options.errors.inc({ type: errorType(err) });
      up.set(0);
      return registry.metrics();
    }
    const rows = await Promise.allSettled(
      jails.map(async (jail) => ({
        jail,
        counts: await options.fail2ban.jailStatus(jail, 'short'),
        settings: await settingsOf(jail),
      })),
    );
    up.set(1);
    gauge('f2b_jail_count', 'Number of defined jails').set(jails.length);
    const jailGauges = {
      bannedCurrent: gauge(
        'f2b_jail_banned_current',
        'Number of IPs currently banned in this jail',
        ['jail'],
      ),
      bannedTotal: gauge(
        'f2b_jail_banned_total',
        'Total number of IPs banned by this jail (includes expired bans)',
        ['jail'],
      ),
      failedCurrent: gauge(
        'f2b_jail_failed_current',
        "Number of current failures on this jail's filter",
        ['jail'],
      ),
      failedTotal: gauge(
        'f2b_jail_failed_total',
        "Number of total failures on this jail's filter",
        ['jail'],
      ),
      banTime: gauge(
        'f2b_config_jail_ban_time',
        'How long an IP is banned for in this jail (in seconds)',
        ['jail'],
      ),
      findTime: gauge(
        'f2b_config_jail_find_time',
        'How far back will the filter look for failures in this jail (in seconds)',
        ['jail'],
      ),
      maxRetries: gauge(
        'f2b_config_jail_max_retries',
        'The number of failures allowed until the IP is banned by this jail',
        ['jail'],
      ),
    };
    for (const row of rows) {
      if (row.status === 'rejected') {
        // A jail removed between `status` and its own query, or a dropped request.
        options.errors.inc({ type: errorType(row.reason) });
        continue;
      }
      const { jail, counts, settings } = row.value;
      jailGauges.bannedCurrent.set({ jail }, counts.currentlyBanned);
      jailGauges.bannedTotal.set({ jail }, counts.totalBanned);
      jailGauges.failedCurrent.set({ jail }, counts.currentlyFailed);
      jailGauges.failedTotal.set({ jail }, counts.totalFailed);
      jailGauges.banTime.set({ jail }, settings.bantime);
      jailGauges.findTime.set({ jail }, settings.findtime);
      jailGauges.maxRetries.set({ jail }, settings.maxretry);
    }
    for (const jail of settingsCache.keys()) {
      if (!jails.includes(jail)) settingsCache.delete(jail);
    }
    gauge('f2b_version', 'Version of the exporter and fail2ban server', [
      'exporter',
      'fail2ban',
    ]).set({ exporter: options.exporterVersion, fail2ban: version }, 1);
    return registry.metrics();
  };
}

/** The exporter's two error kinds: the socket could not be opened, or a request on it failed. */
function errorType(err: unknown): 'socket_conn' | 'socket_req' {
  const connectCodes = new Set(['socket-missing', 'permission-denied', 'connection-refused']);
  return isFail2banError(err) && connectCodes.has(err.code) ? 'socket_conn' : 'socket_req';
}
