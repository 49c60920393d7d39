import type { RecordedEvent } from '@bangui/core';
import { createCheckpointGate, type Projection } from '@bangui/domain';
import { evolveToken, TOKEN_STREAM_PREFIX, type TokenState } from './token-events.ts';

export interface TokensProjection extends Projection {
  /** tokens not revoked, oldest first; with an owner, only theirs */
  list(owner?: string): TokenState[];
}

/** The API tokens read model, for listing; authentication reads the token's own stream. */
export function createTokensProjection(): TokensProjection {
  const tokens = new Map<string, TokenState>();
  const gate = createCheckpointGate((event: RecordedEvent) => {
    if (!event.stream.startsWith(TOKEN_STREAM_PREFIX)) return;
    const id = event.stream.slice(TOKEN_STREAM_PREFIX.length);
    const next = evolveToken(tokens.get(id), event);
    if (next?.revoked) tokens.delete(id);
    else if (next) tokens.set(id, next);
  });
  return {
    name: 'tokens',
    checkpoint: gate.checkpoint,
    apply: gate.apply,
    reset() {
      tokens.clear();
      gate.reset();
    },
    list: (owner) => [...tokens.values()].filter((t) => owner === undefined || t.owner === owner),
  };
}
