/**
 * Opaque pagination cursors: the sort key of the last item returned, so the next
 * page starts strictly after it even when new items arrived meanwhile. Keys are
 * derived from the log, so a cursor survives a rebuild.
 */
export function encodeCursor(key: readonly number[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  readonly code = 'INVALID_CURSOR';
  constructor(cursor: string) {
    super(`invalid cursor '${cursor.slice(0, 40)}'`);
  }
}

export function decodeCursor(cursor: string, length: number): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== length ||
    !parsed.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    throw new InvalidCursorError(cursor);
  }
  return parsed as number[];
}
