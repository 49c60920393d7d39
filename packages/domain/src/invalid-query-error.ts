/** A read-model query the caller got wrong (maps to HTTP 400). */
export class InvalidQueryError extends Error {
  override readonly name = 'InvalidQueryError';
  readonly code = 'INVALID_QUERY';
}
