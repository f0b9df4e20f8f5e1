import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { type RefusalLogBudget, refusalLineAllowed } from './refusalLog.js';

/** Context variables every companion app carries (set by {@link requestLog}). */
export interface RequestLogEnv {
  Variables: {
    /** This request's id (answered in `x-request-id`, the `req` field of its log lines). */
    requestId: string;
    /** Set once a handler logged this request's failure, so it is not logged twice. */
    logged: boolean;
    /** The code and message this request was refused with (set by `refusal`). */
    refusal?: { code: string; message: string };
  };
}

/** Response header naming the request id that the companion's log lines carry. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Gives every request an id (answered in `x-request-id`, and the `req` field of every line
 * logged about it), then writes one line when the response is ready: `debug` for a served request, `warn`
 * with the answer's error code and message for a refused one (4xx) unless a handler
 * already logged it, `error` for an unlogged 5xx. Bodies and headers are never logged;
 * the path is (secret names are not secret, their values never appear in a path). With a
 * `budget`, a refusal's line is written only when the budget allows it (see
 * {@link RefusalLogBudget}); unhandled failures always are.
 */
export function requestLog(
  logger: Logger,
  budget?: RefusalLogBudget,
): MiddlewareHandler<RequestLogEnv> {
  return async (c, next) => {
    const id = randomUUID();
    c.set('requestId', id);
    c.set('logged', false);
    // Served by Node, the id goes straight onto its response, which keeps the answer's own
    // headers a plain object (a header set through Hono makes a web `Headers` for every
    // answer). In-process (`app.request`), through Hono, before the response exists.
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing && !outgoing.headersSent) outgoing.setHeader(REQUEST_ID_HEADER, id);
    else c.header(REQUEST_ID_HEADER, id);
    const started = performance.now();
    await next();
    const status = c.res.status;
    if (status < 400) {
      if (logger.isLevelEnabled('debug'))
        logger.debug({ req: id, ...lineOf(c, started) }, 'request served');
      return;
    }
    const level = status >= 500 ? 'error' : 'warn';
    // Nothing is read back from the answer for a line the logger would drop.
    if (c.get('logged') || !logger.isLevelEnabled(level)) return;
    const unlogged = level === 'warn' ? refusalLineAllowed(c, budget) : 0;
    if (unlogged === undefined) return;
    const refusal = c.get('refusal');
    const answer = refusal ? { code: refusal.code, reason: refusal.message } : await errorAnswer(c);
    const line = { req: id, ...lineOf(c, started), ...answer, ...(unlogged ? { unlogged } : {}) };
    logger[level](line, status >= 500 ? 'request failed' : 'request refused');
  };
}

/** The fields of a request's line: method, path, status and milliseconds taken. */
function lineOf(c: Context, started: number) {
  return {
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Math.round(performance.now() - started),
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
