import { addressHref } from '../routing/hash-route.ts';

/**
 * An address that opens its page (dossier, history, where it is banned). fail2ban IDs are
 * not always addresses; those stay plain text because the address page would refuse them.
 */
export function AddressLink({ id }: { id: string }) {
  if (!looksLikeAddress(id)) return <code>{id}</code>;
  return (
    <a href={addressHref(id)} className="address">
      <code>{id}</code>
    </a>
  );
}

// A cheap shape check (IPv4 dotted quad, or hex groups with colons); the server decides.
const looksLikeAddress = (id: string) =>
  /^\d{1,3}(\.\d{1,3}){3}$/.test(id) || (/^[0-9a-f:.]+$/i.test(id) && id.includes(':'));
