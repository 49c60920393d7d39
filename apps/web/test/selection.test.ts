import { describe, expect, it } from 'vitest';
import {
  emptySelection,
  isSelected,
  requestsPerJail,
  selectedCount,
  toggle,
} from '../src/bans/selection.ts';

describe('ban selection', () => {
  it('groups selected ids per jail, one request each', () => {
    let selection = toggle(emptySelection, 'sshd', '203.0.113.1');
    selection = toggle(selection, 'sshd', '203.0.113.2');
    selection = toggle(selection, 'nginx', '2001:db8::1');
    expect(selectedCount(selection)).toBe(3);
    expect(requestsPerJail(selection)).toEqual([
      ['sshd', ['203.0.113.1', '203.0.113.2']],
      ['nginx', ['2001:db8::1']],
    ]);
  });

  it('deselects on a second toggle and forgets empty jails', () => {
    const once = toggle(emptySelection, 'sshd', '203.0.113.1');
    const twice = toggle(once, 'sshd', '203.0.113.1');
    expect(isSelected(once, 'sshd', '203.0.113.1')).toBe(true);
    expect(isSelected(twice, 'sshd', '203.0.113.1')).toBe(false);
    expect(requestsPerJail(twice)).toEqual([]);
    // The earlier value is untouched (React state must not be mutated).
    expect(selectedCount(once)).toBe(1);
  });
});
