import { Hono } from 'hono';
import { HttpError } from '../http/http-error.ts';

/**
 * Stands in for the push route when no secret is configured, so a fail2ban
 * action pointed at BanGUI learns why its reports are not taken (curl logs the
 * status) instead of a misleading 401 "sign in".
 */
export function pushDisabledRoutes(): Hono {
  return new Hono().post('/', () => {
    throw new HttpError(
      404,
      'push-disabled',
      'Push ingestion is disabled. Set BANGUI_PUSH_SECRET or BANGUI_PUSH_SECRET_FILE to the secret the bangui-push fail2ban action sends.',
    );
  });
}
