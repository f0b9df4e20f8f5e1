import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { SealedStore } from '../keystore/sealedStore.js';
import type { Metrics } from '../metrics.js';
import type { BackupProvider } from '../provider/backupProvider.js';
import type { ShareVault } from '../provider/shareVault.js';
import { backupProviderRoutes } from '../routes/backup-provider/index.js';
import { secretApiRoutes } from '../routes/secrets/index.js';
import { errorHandler } from './errors.js';
import type { FloodGate } from './floodGate.js';
import { providerOpenApi, secretApiOpenApi } from './openapi.js';
import { PROVIDER_RATE_LIMIT, type RateLimitOptions, rateLimit } from './rateLimit.js';
import { refusal } from './refusal.js';
import { REFUSAL_LOG_LIMITS, RefusalLogBudget } from './refusalLog.js';
import { type RequestLogEnv, requestLog } from './requestLog.js';

/** Largest request body accepted by the provider API, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Largest request body accepted by the local secret API (1 MiB values, base64). */
export const MAX_SECRET_BODY_BYTES = 1_500_000;

/** A middleware run on `path` right after `requestLog`, before any other check. */
export interface Guard {
  path: string;
  handler: MiddlewareHandler;
}

/**
 * A Hono app with the hygiene every companion API shares: bodies of POST/PUT must be
 * `application/json` (415) and at most `maxBody` bytes (413); errors go through the one
 * mapping in `errorHandler`; every request gets an id and one log line (`requestLog`),
 * refusals within a log budget per client (`RefusalLogBudget`), so that a flood of bad
 * requests cannot flood the log (`budget`, default limits if absent). `guards` (e.g. a
 * rate limit) run first after the log, before any body is looked at.
 */
export function hardenedApp(
  logger: Logger,
  maxBody: number,
  guards: Guard[] = [],
  budget = new RefusalLogBudget(REFUSAL_LOG_LIMITS, undefined, (left) =>
    logger.warn(
      { leftOut: left.lines, clients: left.clients },
      'refusal lines left out by the log budget (a flood of bad requests?)',
    ),
  ),
): Hono<RequestLogEnv> {
  const app = new Hono<RequestLogEnv>();
  app.use('*', requestLog(logger, budget));
  for (const guard of guards) app.use(guard.path, guard.handler);
  app.use('*', jsonBodies(maxBody));
  app.onError(errorHandler(logger, budget));
  return app;
}

/**
 * Refuses a POST or PUT body that is not `application/json` (415
 * `UNSUPPORTED_MEDIA_TYPE`; an empty one may have any type), then any body over `maxBody`
 * bytes (413 `BODY_TOO_LARGE`). A request that declares its length (`content-length`, no
 * `transfer-encoding`) is judged by that header alone, so the body is never touched here
 * and is read once, by the route, through the node server's direct path; a request
 * without one (chunked, or built in-process) is counted as it streams, by Hono's
 * `bodyLimit`. Asking Hono's middleware first would build a full web `Request` for every
 * request just to see whether it has a body (most of the cost of a refused request, see
 * docs/benchmarks.md).
 */
function jsonBodies(maxBody: number): MiddlewareHandler {
  const tooLarge = (c: Context) =>
    refusal(c, 413, 'BODY_TOO_LARGE', `body exceeds ${maxBody} bytes`);
  const streamed = bodyLimit({ maxSize: maxBody, onError: tooLarge });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (
      (c.req.method === 'POST' || c.req.method === 'PUT') &&
      declared !== '0' &&
      !(c.req.header('content-type') ?? '').startsWith('application/json')
    )
      return refusal(c, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type must be application/json');
    if (
      declared === undefined ||
      !/^\d{1,15}$/.test(declared) ||
      c.req.header('transfer-encoding') !== undefined
    )
      return streamed(c, next);
    if (Number(declared) > maxBody) return tooLarge(c);
    await next();
  };
}

/** What the provider-facing HTTP app serves. */
export interface AppDeps {
  provider: BackupProvider;
  vault: ShareVault;
  metrics: Metrics;
  logger: Logger;
  /** Limits of `/v1/backup-provider/*` (`providerRateLimits(config)`); defaults if absent. */
  rateLimit?: Pick<RateLimitOptions, 'perClient' | 'global' | 'maxClients'>;
  /** Monotonic milliseconds for the rate limit; `performance.now` if absent. */
  now?: () => number;
  /**
   * Pauses clients their own rate limit refuses (the server must also pass it its
   * connections and serve through `floodGate.guard`); without it a refused client is only
   * answered 429.
   */
  floodGate?: FloodGate;
}

/**
 * The companion's network-facing app: `/v1/backup-provider/*`, `/v1/health`, `/metrics`.
 * The provider routes are rate limited per client and globally (`rateLimit`), before
 * their body is read or the chain asked, and a client its own limit refuses is paused at
 * the socket (`floodGate`, when given); health and metrics are cheap and not limited
 * (owners probe `/v1/health` to find holders that came back; a flood must not hide them).
 *
 * @example
 * serve({ fetch: createApp(deps).fetch, hostname: '127.0.0.1', port });
 */
export function createApp(deps: AppDeps) {
  const limiter = rateLimit({
    ...(deps.rateLimit ?? PROVIDER_RATE_LIMIT),
    now: deps.now ?? (() => performance.now()),
    metrics: deps.metrics,
    onClientRefused: deps.floodGate && ((client, c) => deps.floodGate!.refused(client, c.env)),
  });
  const app = hardenedApp(deps.logger, MAX_BODY_BYTES, [
    { path: '/v1/backup-provider/*', handler: limiter },
  ]);
  app.route('/v1/backup-provider', backupProviderRoutes(deps.provider, deps.vault));
  app.get('/v1/health', (c) => c.json({ status: 'ok', sharesHeld: deps.vault.size }));
  const openApi = providerOpenApi();
  app.get('/v1/openapi.json', (c) => c.json(openApi));
  app.get('/metrics', (c) =>
    c.text(deps.metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4' }),
  );
  return app;
}

/** What the local (loopback-only) secret API serves. */
export interface LocalAppDeps {
  store: SealedStore;
  token: string;
  anchor: (version: number) => Promise<{ blockNumber: number }>;
  logger: Logger;
}

/** The local secret API app for the TSS server on the same machine (`/v1/secrets/*`). */
export function createLocalApp(deps: LocalAppDeps) {
  const app = hardenedApp(deps.logger, MAX_SECRET_BODY_BYTES);
  const openApi = secretApiOpenApi();
  app.get('/v1/openapi.json', (c) => c.json(openApi));
  app.route(
    '/v1/secrets',
    secretApiRoutes({
      secrets: deps.store.namespace('tss'),
      token: deps.token,
      anchor: deps.anchor,
    }),
  );
  return app;
}
