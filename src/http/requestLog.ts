import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';

/** Context variables every companion app carries (set by {@link requestLog}). */
export interface RequestLogEnv {
  Variables: {
    /** The app's logger bound to this request's id (`req`). */
    log: Logger;
    /** Set once a handler logged this request's failure, so it is not logged twice. */
    logged: boolean;
  };
}

/** Response header naming the request id that the companion's log lines carry. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Gives every request an id (answered in `x-request-id`) and a child logger bound to it,
 * then writes one line when the response is ready: `debug` for a served request, `warn`
 * with the answer's error code and message for a refused one (4xx) unless a handler
 * already logged it, `error` for an unlogged 5xx. Bodies and headers are never logged;
 * the path is (secret names are not secret, their values never appear in a path).
 */
export function requestLog(logger: Logger): MiddlewareHandler<RequestLogEnv> {
  return async (c, next) => {
    const id = randomUUID();
    const log = logger.child({ req: id });
    c.set('log', log);
    c.set('logged', false);
    // Set before the response exists, so it is written with it: setting a header on a
    // finished response would make the node server copy it into a full web `Response`.
    c.header(REQUEST_ID_HEADER, id);
    const started = performance.now();
    await next();
    const line = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    };
    if (c.res.status < 400) return log.debug(line, 'request served');
    if (c.get('logged')) return;
    const answer = await errorAnswer(c);
    if (c.res.status >= 500) log.error({ ...line, ...answer }, 'request failed');
    else log.warn({ ...line, ...answer }, 'request refused');
  };
}

/** The `{ code, message }` of an error response, when it has one. */
async function errorAnswer(c: Context): Promise<{ code?: string; reason?: string }> {
  try {
    const body = (await c.res.clone().json()) as { code?: unknown; message?: unknown };
    return {
      code: typeof body.code === 'string' ? body.code : undefined,
      reason: typeof body.message === 'string' ? body.message : undefined,
    };
  } catch {
    return {};
  }
}

/** The request's logger (bound to its id) inside a handler, or `fallback` outside one. */
export function requestLogger(c: Context, fallback: Logger): Logger {
  return (c.get('log') as Logger | undefined) ?? fallback;
}
