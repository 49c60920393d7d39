import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { type IpRange, parseIp, parseIpOrCidr, rangeContains } from './ip-range.ts';

export interface ProxyTrust {
  /** The client's address: the socket peer, or X-Forwarded-For when the peer is a trusted proxy. */
  clientAddress(c: Context): string;
  /** The origin the browser used (scheme://host[:port]). */
  origin(c: Context): string;
  isHttps(c: Context): boolean;
}

/**
 * Forwarded headers are believed only from the proxies listed in
 * BANGUI_TRUST_PROXY: anyone else could send them to dodge the login rate
 * limit or fake an origin.
 */
export function createProxyTrust(trusted: readonly string[]): ProxyTrust {
  const ranges = trusted.flatMap((entry) => {
    const range = parseIpOrCidr(entry);
    return range ? [range] : [];
  });
  const isTrusted = (address: string | undefined): boolean => {
    const addr = address === undefined ? undefined : parseIp(address);
    if (!addr) return false;
    const single: IpRange = { addr, prefix: addr.kind() === 'ipv4' ? 32 : 128 };
    return ranges.some((range) => rangeContains(range, single));
  };
  const peerTrusted = (c: Context): boolean => ranges.length > 0 && isTrusted(peerAddress(c));

  const forwardedProto = (c: Context): string | undefined => {
    if (!peerTrusted(c)) return undefined;
    return firstValue(c.req.header('x-forwarded-proto'))?.toLowerCase();
  };

  return {
    clientAddress(c) {
      const peer = peerAddress(c);
      if (peer === undefined) return 'unknown';
      if (!peerTrusted(c)) return normalise(peer);
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((hop) => hop.trim())
        .filter((hop) => hop.length > 0);
      // Walk from the nearest hop outwards: the first address not belonging to
      // a trusted proxy is the client; anything further left could be forged.
      for (let i = hops.length - 1; i >= 0; i--) {
        const hop = hops[i] as string;
        if (!isTrusted(hop)) return parseIp(hop) ? normalise(hop) : normalise(peer);
      }
      return normalise(hops[0] ?? peer);
    },
    origin(c) {
      const url = new URL(c.req.url);
      const proto = forwardedProto(c);
      const host = peerTrusted(c) ? firstValue(c.req.header('x-forwarded-host')) : undefined;
      const scheme = proto === 'https' || proto === 'http' ? `${proto}:` : url.protocol;
      return `${scheme}//${host ?? c.req.header('host') ?? url.host}`;
    },
    isHttps(c) {
      return (forwardedProto(c) ?? new URL(c.req.url).protocol.replace(':', '')) === 'https';
    },
  };
}

/** Undefined outside @hono/node-server (e.g. `app.request` in tests without bindings). */
function peerAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: unknown; server?: unknown } | undefined;
  if (!env || (!env.incoming && !env.server)) return undefined;
  return getConnInfo(c).remote.address;
}

function normalise(address: string): string {
  return parseIp(address)?.toString() ?? address;
}

function firstValue(header: string | undefined): string | undefined {
  const first = header?.split(',')[0]?.trim();
  return first ? first : undefined;
}
