import type { ReactNode } from 'react';
import type { JailDetail } from '../api/types.ts';
import { formatDuration } from '../format/duration.ts';
import { PathText } from '../ui/path-text.tsx';

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
        {/* Paths are long: they get the card's full width, under their label. */}
        <dt className="wide">Log files</dt>
        <dd className="wide">
          <List items={settings.logpath} show={(path) => <PathText path={path} />} />
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

interface ListProps {
  items: readonly string[] | undefined;
  show?: (item: string) => ReactNode;
}

function List({ items, show = (item) => <code>{item}</code> }: ListProps) {
  if (!items || items.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="plain">
      {items.map((item) => (
        <li key={item}>{show(item)}</li>
      ))}
    </ul>
  );
}
