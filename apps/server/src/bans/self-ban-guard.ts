import { type IpRange, parseIpOrCidr, rangeContains } from '../net/ip-range.ts';

export interface SelfBanRisk {
  id: string;
  reasons: string[];
}

const overlaps = (a: IpRange, b: IpRange) => rangeContains(a, b) || rangeContains(b, a);

/**
 * The ban targets that would lock out the person asking (their own address, as
 * seen through the trusted proxies) or that fall inside the jail's ignoreip (an
 * address the jail's owner said must never be banned). Both are almost always a
 * slip of the keyboard, and the first can cut the admin off from BanGUI itself.
 * ignoreip entries that are not addresses (host names) are left to fail2ban.
 */
export function findSelfBanRisks(input: {
  targets: readonly string[];
  clientAddress: string;
  ignoreip: readonly string[];
}): SelfBanRisk[] {
  const client = parseIpOrCidr(input.clientAddress);
  const ignored = input.ignoreip.flatMap((entry) => {
    const range = parseIpOrCidr(entry);
    return range ? [{ entry, range }] : [];
  });
  const risks: SelfBanRisk[] = [];
  for (const id of input.targets) {
    const target = parseIpOrCidr(id);
    if (!target) continue;
    const reasons: string[] = [];
    if (client && rangeContains(target, client)) {
      reasons.push(`it would ban your own address ${input.clientAddress}`);
    }
    for (const { entry, range } of ignored) {
      if (overlaps(target, range)) reasons.push(`it is in the jail's ignoreip (${entry})`);
    }
    if (reasons.length > 0) risks.push({ id, reasons });
  }
  return risks;
}

export function describeRisks(risks: readonly SelfBanRisk[]): string {
  return risks.map((r) => `${r.id}: ${r.reasons.join('; ')}`).join('. ');
}
