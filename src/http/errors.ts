import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { BaseError } from '../errors/base.js';
import { ProviderRefusalError } from '../errors/provider.js';

/** zValidator hook: a 400 naming the first invalid field and why. */
export function invalidRequest(
  result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
  c: Context,
) {
  if (result.success) return;
  const issue = result.error?.issues[0];
  const field = issue?.path.map(String).join('.') || '(body)';
  return c.json(
    { code: 'INVALID_REQUEST', message: `${field}: ${issue?.message ?? 'invalid'}` },
    400,
  );
}

/**
 * The one place errors become HTTP responses: refusals keep their status and code, other
 * known errors are 422 with their code, unknown errors answer a plain 500 without
 * internals. Each is logged once, with the request's id (see `requestLog`).
 */
export function errorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    const req = c.get('requestId') as string | undefined;
    if (error instanceof ProviderRefusalError) {
      logger.warn({ req, code: error.code, path: c.req.path }, error.details ?? error.shortMessage);
      c.set('logged', true);
      return c.json({ code: error.code, message: error.message }, error.status);
    }
    if (error instanceof BaseError) {
      logger.warn({ req, code: error.code, path: c.req.path }, error.shortMessage);
      c.set('logged', true);
      return c.json({ code: error.code, message: error.message }, 422);
    }
    if (error instanceof HTTPException) {
      return c.json({ code: `HTTP_${error.status}`, message: error.message }, error.status);
    }
    logger.error({ req, err: error, path: c.req.path }, 'unhandled error');
    c.set('logged', true);
    return c.json({ code: 'INTERNAL', message: 'internal error' }, 500);
  };
}
