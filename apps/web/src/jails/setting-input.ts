import ipaddr from 'ipaddr.js';
import type { EditableSetting } from './jail-control-endpoints.ts';

/**
 * What the inline editors accept, mirroring the server (which checks again and has the
 * last word): whole seconds or a duration such as 10m / 1h 30m for the times (-1 =
 * permanent for bantime), 1-1000 for maxretry. Returns the value to send, or an error.
 */
export function readSettingInput(
  setting: EditableSetting,
  text: string,
): { value: number | string } | { error: string } {
  const value = text.trim();
  if (setting === 'maxretry') {
    if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > 1000) {
      return { error: 'Max retries must be a whole number from 1 to 1000.' };
    }
    return { value: Number(value) };
  }
  if (setting === 'bantime' && value === '-1') return { value: -1 };
  if (/^\d{1,10}$/.test(value)) {
    if (Number(value) < 1) return { error: 'Use at least 1 second.' };
    return { value: Number(value) };
  }
  if (/^(?:\d{1,9}\s*[smhdw]\s*)+$/.test(value)) return { value };
  return {
    error: `Use seconds or a duration such as 10m, 1h or 1d${setting === 'bantime' ? ' (-1 bans for ever)' : ''}.`,
  };
}

/** An ignoreip entry to add: an IP address or a CIDR network. */
export function isAddressOrNetwork(text: string): boolean {
  const value = text.trim();
  try {
    if (value.includes('/')) {
      ipaddr.parseCIDR(value);
      return true;
    }
    return (
      ipaddr.isValid(value) && (ipaddr.IPv4.isValidFourPartDecimal(value) || value.includes(':'))
    );
  } catch {
    return false;
  }
}
