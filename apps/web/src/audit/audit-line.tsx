import type { AuditItem } from '../api/types.ts';
import { listAddresses } from '../format/list-addresses.ts';
import { TimeText } from '../ui/time-text.tsx';

const labels: Record<string, string> = {
  LoginSucceeded: 'signed in',
  LoginFailed: 'failed to sign in',
  LoggedOut: 'signed out',
  BanRequested: 'banned',
  UnbanRequested: 'unbanned',
  JailControlRequested: 'controlled a jail',
  JailSettingChanged: 'changed a setting',
};

/** "admin banned 203.0.113.7 in sshd · from 127.0.0.1 · succeeded". */
export function AuditLine({ item }: { item: AuditItem }) {
  const { details } = item;
  const ids = Array.isArray(details.ids) ? details.ids.map(String) : [];
  const jail = typeof details.jail === 'string' ? details.jail : undefined;
  const tried = typeof details.username === 'string' ? details.username : undefined;
  return (
    <>
      <span className="when">
        <TimeText iso={item.at} />
      </span>
      <span className="what">
        <strong>{item.actor ?? (tried ? `“${tried}”` : 'someone')}</strong>{' '}
        {labels[item.type] ?? item.type}
        {ids.length > 0 && ` ${listAddresses(ids)}`}
        {jail && ` in ${jail}`}
        <span className="muted"> · from {item.clientAddress} · </span>
        <span className={`badge outcome-${item.outcome}`}>{item.outcome}</span>
        {item.reason && <span className="muted"> ({item.reason})</span>}
      </span>
    </>
  );
}
