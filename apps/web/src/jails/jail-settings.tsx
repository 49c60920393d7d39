import type { JailDetail } from '../api/types.ts';
import { formatDuration } from '../format/duration.ts';

/** The settings an admin checks first, plus the live counts. */
export function JailSettings({ detail }: { detail: JailDetail }) {
  const { settings, status } = detail;
  return (
    <section className="card" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings and status</h2>
      <dl className="settings" data-testid="jail-settings">
        <dt>Ban time</dt>
        <dd data-testid="setting-bantime" title={`${settings.bantime} s`}>
          {formatDuration(settings.bantime)}
        </dd>
        <dt>Find time</dt>
        <dd title={`${settings.findtime} s`}>{formatDuration(settings.findtime)}</dd>
        <dt>Max retries</dt>
        <dd>{settings.maxretry}</dd>
        <dt>Ignored addresses</dt>
        <dd>
          <List items={settings.ignoreip} />
        </dd>
        <dt>Log files</dt>
        <dd>
          <List items={settings.logpath} />
        </dd>
        <dt>Actions</dt>
        <dd>
          <List items={settings.actions} />
        </dd>
        <dt>Failed</dt>
        <dd>
          {status.currentlyFailed} now, {status.totalFailed} total
        </dd>
        <dt>Banned</dt>
        <dd data-testid="status-banned">
          {status.currentlyBanned} now, {status.totalBanned} total
        </dd>
      </dl>
    </section>
  );
}

function List({ items }: { items: readonly string[] | undefined }) {
  if (!items || items.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="plain">
      {items.map((item) => (
        <li key={item}>
          <code>{item}</code>
        </li>
      ))}
    </ul>
  );
}
