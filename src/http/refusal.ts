import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Answers `status` with the refusal body `{ code, message }`, and notes both on the
 * context so that the request's log line names them without reading the answer back.
 */
export function refusal(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
): Response {
  c.set('refusal', { code, message });
  return c.json({ code, message }, status);
}
