import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-error.ts';
import { toApiError } from '../src/api/request.ts';

describe('toApiError', () => {
  it('reads the code and message from the error body', async () => {
    const error = await toApiError(
      Response.json(
        { error: { code: 'fail2ban-unavailable', message: 'fail2ban is not running' } },
        { status: 503 },
      ),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 503,
      code: 'fail2ban-unavailable',
      message: 'fail2ban is not running',
    });
  });

  it('reads Retry-After seconds from a 429', async () => {
    const error = await toApiError(
      Response.json(
        { error: { code: 'rate-limited', message: 'Too many attempts' } },
        { status: 429, headers: { 'Retry-After': '42' } },
      ),
    );
    expect(error.retryAfterSeconds).toBe(42);
  });

  it('falls back to the status when the body is not JSON', async () => {
    const error = await toApiError(
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(error).toMatchObject({ status: 502, code: 'http-502', message: 'Bad Gateway' });
    expect(error.retryAfterSeconds).toBeUndefined();
  });
});
