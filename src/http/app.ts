import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
import type { BackupProvider } from '../provider/backupProvider.js';
import type { ShareVault } from '../provider/shareVault.js';
import { backupProviderRoutes } from '../routes/backup-provider/index.js';
import { errorHandler } from './errors.js';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** What the HTTP app serves. */
export interface AppDeps {
  provider: BackupProvider;
  vault: ShareVault;
  metrics: Metrics;
  logger: Logger;
}

/**
 * The companion's HTTP app: `/v1/backup-provider/*`, `/v1/health`, `/metrics`. POST bodies
 * must be `application/json` and at most {@link MAX_BODY_BYTES}.
 *
 * @example
 * serve({ fetch: createApp(deps).fetch, hostname: '127.0.0.1', port });
 */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.use('*', async (c, next) => {
    if (
      c.req.method === 'POST' &&
      !(c.req.header('content-type') ?? '').startsWith('application/json')
    ) {
      return c.json(
        { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'content-type must be application/json' },
        415,
      );
    }
    await next();
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json({ code: 'BODY_TOO_LARGE', message: `body exceeds ${MAX_BODY_BYTES} bytes` }, 413),
    }),
  );
  app.route('/v1/backup-provider', backupProviderRoutes(deps.provider));
  app.get('/v1/health', (c) => c.json({ status: 'ok', sharesHeld: deps.vault.size }));
  app.get('/metrics', (c) =>
    c.text(deps.metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4' }),
  );
  app.onError(errorHandler(deps.logger));
  return app;
}
