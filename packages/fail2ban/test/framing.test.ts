import { describe, expect, it } from 'vitest';
import { createReplyReader, encodeRequest } from '../src/framing.ts';
import { decodePickle, type PyValue } from '../src/index.ts';
import { toVectorJson } from './helpers/py-json.ts';
import { okReply } from './helpers/replies.ts';
import { loadVectors } from './helpers/vectors.ts';

const vectors = loadVectors();
// 74 holds two frames for one request (the desync the client prevents); it is tested below.
const singleFrame = [...vectors.values()].filter((v) => !v.file.startsWith('74-'));
const MiB = 1024 * 1024;

function pushInPieces(bytes: Uint8Array, size: number, maxReplyBytes = MiB): PyValue[] {
  const reader = createReplyReader({ maxReplyBytes });
  const out: PyValue[] = [];
  for (let i = 0; i < bytes.length; i += size)
    out.push(...reader.push(bytes.subarray(i, i + size)));
  expect(reader.pending()).toBe(0);
  return out;
}

describe('reply reader', () => {
  it.each(singleFrame.map((v) => [v.file, v] as const))(
    'decodes %s fed one byte at a time',
    (_name, vector) => {
      const replies = pushInPieces(vector.reply, 1);
      expect(replies).toHaveLength(1);
      expect(toVectorJson(replies[0] ?? null)).toEqual(vector.decoded);
    },
  );

  it('decodes every vector reply concatenated into one stream, cut into 7-byte chunks', () => {
    const stream = Buffer.concat(singleFrame.map((v) => v.reply));
    const replies = pushInPieces(stream, 7);
    expect(replies.map(toVectorJson)).toEqual(singleFrame.map((v) => v.decoded));
  });

  it('returns two replies that arrive in one chunk', () => {
    const reader = createReplyReader({ maxReplyBytes: MiB });
    const replies = reader.push(Buffer.concat([okReply('pong'), okReply(['a', 'b'])]));
    expect(replies).toEqual([
      [0, 'pong'],
      [0, ['a', 'b']],
    ]);
  });

  it('keeps reading when the terminator occurs inside a string of the reply', () => {
    const value = 'a log line with <F2B_END_COMMAND> inside';
    const bytes = okReply(value);
    expect(pushInPieces(bytes, bytes.length)).toEqual([[0, value]]);
    expect(pushInPieces(bytes, 1)).toEqual([[0, value]]);
  });

  it('splits vector 74 (two bare ERROR replies) into its two frames', () => {
    const v74 = [...vectors.values()].find((v) => v.file.startsWith('74-'));
    expect(pushInPieces(v74?.reply ?? Buffer.alloc(0), 3)).toEqual(v74?.decoded);
  });

  it('rejects a reply larger than maxReplyBytes before its terminator arrives', () => {
    const reader = createReplyReader({ maxReplyBytes: 1000 });
    const big = okReply('x'.repeat(5000));
    expect(() => reader.push(big.subarray(0, 2000))).toThrow(
      expect.objectContaining({ code: 'reply-too-large' }),
    );
  });

  it('rejects bytes between the end of the pickle and the terminator', () => {
    const good = okReply('pong');
    const bad = Buffer.concat([
      good.subarray(0, good.length - 17),
      Buffer.from('junk'),
      good.subarray(-17),
    ]);
    const reader = createReplyReader({ maxReplyBytes: MiB });
    expect(() => reader.push(bad)).toThrow(expect.objectContaining({ code: 'protocol' }));
  });

  it('rejects a frame that can never become a pickle (unknown opcode)', () => {
    const reader = createReplyReader({ maxReplyBytes: MiB });
    expect(() => reader.push(Buffer.from('\x80\x05\xff<F2B_END_COMMAND>', 'latin1'))).toThrow(
      expect.objectContaining({ code: 'protocol' }),
    );
  });
});

describe('reply reader cost', () => {
  const marker = '<F2B_END_COMMAND>';

  it('decodes a reply holding 8,000 END markers, sent in 1 KiB chunks, in few attempts', () => {
    // 8,000 ids that each contain the marker (~152 KB): the old reader re-decoded the
    // whole buffer at every one of them, 8,000 attempts of up to 152 KB each.
    const ids = Array.from({ length: 8000 }, (_, i) => `id${i}${marker}`);
    const bytes = okReply(ids);
    const reader = createReplyReader({ maxReplyBytes: MiB });
    const replies: PyValue[] = [];
    for (let i = 0; i < bytes.length; i += 1024) {
      replies.push(...reader.push(bytes.subarray(i, i + 1024)));
    }
    expect(replies).toEqual([[0, ids]]);
    expect(reader.pending()).toBe(0);
    expect(reader.decodeAttempts()).toBeLessThan(40);
  });

  it('stays logarithmic even when every chunk starts with a marker', () => {
    // Each 1 KiB chunk begins with an END (inside a string), so every push sees a marker;
    // only the doubling rule may trigger attempts, about log2(600 KiB / 1 KiB) of them.
    const filler = 'f'.repeat(1024 - marker.length);
    const big = `${marker}${filler}`.repeat(600);
    const bytes = okReply(big);
    const offset = bytes.indexOf(marker);
    const reader = createReplyReader({ maxReplyBytes: MiB });
    const replies = [...reader.push(bytes.subarray(0, offset))];
    for (let i = offset; i < bytes.length; i += 1024) {
      replies.push(...reader.push(bytes.subarray(i, i + 1024)));
    }
    expect(replies).toEqual([[0, big]]);
    expect(reader.decodeAttempts()).toBeLessThan(20);
  });

  it('reassembles a 20 MiB reply delivered in 64 KiB chunks with one decode', () => {
    const ids = Array.from({ length: 220_000 }, (_, i) => `${i}`.padStart(96, 'x'));
    const bytes = okReply(ids);
    expect(bytes.length).toBeGreaterThan(20 * MiB);
    const reader = createReplyReader({ maxReplyBytes: 64 * MiB });
    const replies: PyValue[] = [];
    for (let i = 0; i < bytes.length; i += 64 * 1024) {
      replies.push(...reader.push(bytes.subarray(i, i + 64 * 1024)));
    }
    expect(replies).toHaveLength(1);
    const [, got] = replies[0] as [number, string[]];
    expect(got).toHaveLength(ids.length);
    expect(got[0]).toBe(ids[0]);
    expect(got[123_456]).toBe(ids[123_456]);
    expect(got.at(-1)).toBe(ids.at(-1));
    expect(reader.decodeAttempts()).toBe(1);
  });

  it('returns a reply whose terminator is split across chunks, with the next reply after it', () => {
    const first = okReply(`a ${marker} b`);
    const second = okReply('second');
    const stream = Buffer.concat([first, second]);
    const cut = first.length - 5;
    const reader = createReplyReader({ maxReplyBytes: MiB });
    expect(reader.push(stream.subarray(0, cut))).toEqual([]);
    expect(reader.push(stream.subarray(cut, first.length + 3))).toEqual([[0, `a ${marker} b`]]);
    expect(reader.push(stream.subarray(first.length + 3))).toEqual([[0, 'second']]);
    expect(reader.pending()).toBe(0);
  });
});

describe('request encoding', () => {
  it('produces exactly what fail2ban-client sends for ping (vector 01)', () => {
    const v01 = [...vectors.values()].find((v) => v.file.startsWith('01-'));
    expect(encodeRequest(['ping']).toString('hex')).toBe(v01?.requestHex);
  });

  it('frames a pickled list followed by the terminator', () => {
    const frame = encodeRequest(['set', 'sshd', 'banip', '192.0.2.1']);
    expect(frame.subarray(-17).toString('latin1')).toBe('<F2B_END_COMMAND>');
    expect(decodePickle(frame.subarray(0, -17))).toEqual(['set', 'sshd', 'banip', '192.0.2.1']);
  });

  it.each(['a<F2B_END_COMMAND>b', '<F2B_CLOSE_COMMAND>'])(
    'refuses an argument containing %s',
    (arg) => {
      expect(() => encodeRequest(['echo', 'ok', [arg]])).toThrow(
        expect.objectContaining({ code: 'invalid-argument' }),
      );
    },
  );
});
