import type { HistoryItem } from '../api/types.ts';
import { describeBanEnd } from '../format/ban-end.ts';
import { jailHref } from '../routing/hash-route.ts';
import { AddressLink } from '../ui/address-link.tsx';
import { TimeText } from '../ui/time-text.tsx';

const reasons: Record<string, string> = {
  expired: 'expired',
  'lifted-by-fail2ban': 'lifted by fail2ban',
  'lifted-through-bangui': 'lifted through BanGUI',
};

/** "Banned 203.0.113.7 in sshd until …" or "Ban of 203.0.113.7 in sshd ended: expired". */
export function HistoryLine({ item }: { item: HistoryItem }) {
  const jail = <a href={jailHref(item.jail)}>{item.jail}</a>;
  return (
    <>
      <span className="when">
        <TimeText iso={item.at} />
      </span>
      <span className="what">
        {item.kind === 'ban' ? (
          <>
            <span className="badge ban">ban</span> <AddressLink id={item.id} /> in {jail}, ends{' '}
            {describeBanEnd(item)}
          </>
        ) : (
          <>
            <span className="badge unban">unban</span> <AddressLink id={item.id} /> in {jail}
            {item.reason && `: ${reasons[item.reason] ?? item.reason}`}
          </>
        )}
        {item.actor && <span className="muted"> by {item.actor}</span>}
        <span className="muted"> · {item.origin}</span>
      </span>
    </>
  );
}
