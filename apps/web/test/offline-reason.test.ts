import { describe, expect, it } from 'vitest';
import { offlineReason } from '../src/format/offline-reason.ts';

describe('offlineReason', () => {
  it('drops the lead-in that repeats the heading', () => {
    expect(
      offlineReason('fail2ban is unreachable: its control socket /run/f.sock does not exist.'),
    ).toBe('Its control socket /run/f.sock does not exist.');
  });

  it('keeps other reasons whole', () => {
    expect(offlineReason("BanGUI is not allowed to open fail2ban's control socket.")).toBe(
      "BanGUI is not allowed to open fail2ban's control socket.",
    );
  });
});
