import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { BaseError } from '../errors/base.js';
import { ProviderRefusalError } from '../errors/provider.js';
import { refusal } from './refusal.js';
import { type RefusalLogBudget, refusalLineAllowed } from './refusalLog.js';

/** zValidator hook: a 400 naming the first invalid field and why. */
export function invalidRequest(
  result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
  c: Context,
) {
  if (result.success) return;
  const issue = result.error?.issues[0];
  const field = issue?.path.map(String).join('.') || '(body)';
  return refusal(c, 400, 'INVALID_REQUEST', `${field}: ${issue?.message ?? 'invalid'}`);
}

/**
 * The one place errors become HTTP responses: refusals keep their status and code, other
 * known errors are 422 with their code, unknown errors answer a plain 500 without
 * internals. Each is logged once, with the request's id (see `requestLog`); refusals only
 * when `budget` allows (see `RefusalLogBudget`).
 */
export function errorHandler(logger: Logger, budget?: RefusalLogBudget) {
  const refused = (c: Context, code: string, message: string) => {
    c.set('logged', true);
    if (!logger.isLevelEnabled('warn')) return;
    const unlogged = refusalLineAllowed(c, budget);
    if (unlogged === undefined) return;
    const req = c.get('requestId') as string | undefined;
    logger.warn({ req, code, path: c.req.path, ...(unlogged ? { unlogged } : {}) }, message);
  };
  return (error: Error, c: Context) => {
    const req = c.get('requestId') as string | undefined;
    if (error instanceof ProviderRefusalError) {
      refused(c, error.code, error.details ?? error.shortMessage);
      return refusal(c, error.status, error.code, error.message);
    }
    if (error instanceof BaseError) {
      refused(c, error.code, error.shortMessage);
      return refusal(c, 422, error.code, error.message);
    }
    if (error instanceof HTTPException) {
      return refusal(
        c,
        error.status as ContentfulStatusCode,
        `HTTP_${error.status}`,
        error.message,
      );
    }
    logger.error({ req, err: error, path: c.req.path }, 'unhandled error');
    c.set('logged', true);
    return c.json({ code: 'INTERNAL', message: 'internal error' }, 500);
  };
}
