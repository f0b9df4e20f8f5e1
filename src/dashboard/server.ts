/**
 * The auditors' and governance's dashboard: a small web server that serves the static app
 * in `dashboard/` and a read-only JSON API built from the indexer's GraphQL service (see
 * `data.ts`). It holds no secrets, writes nothing and reads nothing but GraphQL.
 *
 * Routes (all GET):
 * - `/`, `/app.js`, `/style.css`: the app; `/vendor/cytoscape.min.js`: the graph library;
 * - `/api/overview`: validators, the assignment graph, recovery timelines, findings;
 * - `/api/owners/:account/epochs`: one owner's epoch timeline (404 when unknown);
 * - `/api/events/:id`: one chain event (`<block>-<eventIdx>`; 404 when unknown).
 * Malformed parameters answer 400 naming the parameter; an unreachable or failing GraphQL
 * service answers 502 with the GraphQL error's code; anything else 404.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import type { Logger } from 'pino';
import { GraphqlError } from '../audit/graphql.js';
import { DashboardError } from '../errors/dashboard.js';
import { type GraphqlReader, overviewCache, readEvent, readOwnerEpochs } from './data.js';

/** The app's files, read once at start (they never change while it runs). */
interface Assets {
  'index.html': string;
  'app.js': string;
  'style.css': string;
  'cytoscape.min.js': string;
}

/**
 * The folder holding `dashboard/index.html`: the repository's or the installed package's
 * root, found from this file whether it runs from `src/` (tsx) or `dist/src/` (compiled).
 * @throws DashboardError DASHBOARD_ASSETS_MISSING when no ancestor has it.
 */
export function dashboardAssetsDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dashboard');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir)
      throw new DashboardError(
        'DASHBOARD_ASSETS_MISSING',
        `no dashboard/index.html above ${from} (an incomplete install?)`,
      );
  }
}

function loadAssets(dir: string): Assets {
  const require = createRequire(import.meta.url);
  return {
    'index.html': readFileSync(join(dir, 'index.html'), 'utf8'),
    'app.js': readFileSync(join(dir, 'app.js'), 'utf8'),
    'style.css': readFileSync(join(dir, 'style.css'), 'utf8'),
    'cytoscape.min.js': readFileSync(require.resolve('cytoscape/dist/cytoscape.min.js'), 'utf8'),
  };
}

/** An SS58 account as the indexer prints it: base58, 40 to 60 characters. */
const ACCOUNT = /^[1-9A-HJ-NP-Za-km-z]{40,60}$/;
/** A ChainEvent id: `<block>-<eventIdx>`. */
const EVENT_ID = /^\d{1,10}-\d{1,6}$/;

/** The sha256 of the stylesheet cytoscape 3 inserts (`.__________cytoscape_container { position: relative; }`). */
const CYTOSCAPE_STYLE_HASH = 'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8=';

/** Headers of every answer: no caching of live data, no framing, no outside sources. */
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // style-src: our sheet, and the one rule cytoscape inserts into the page (by its hash).
  'content-security-policy': [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' '${CYTOSCAPE_STYLE_HASH}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
};

/**
 * The dashboard's Hono app over `read`. Each GraphQL failure is logged once on `logger`
 * and answered 502; malformed parameters answer 400.
 */
export function createDashboardApp(read: GraphqlReader, logger: Logger, assets?: Assets): Hono {
  const files = assets ?? loadAssets(dashboardAssetsDir());
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
  });
  const file = (name: keyof Assets, type: string) => (c: Context) =>
    c.body(files[name], 200, { 'content-type': `${type}; charset=utf-8` });
  app.get('/', file('index.html', 'text/html'));
  app.get('/app.js', file('app.js', 'text/javascript'));
  app.get('/style.css', file('style.css', 'text/css'));
  app.get('/vendor/cytoscape.min.js', file('cytoscape.min.js', 'text/javascript'));

  const overview = overviewCache(read);
  app.get('/api/overview', async (c) => c.json(await overview()));
  app.get('/api/owners/:account/epochs', async (c) => {
    const account = c.req.param('account');
    if (!ACCOUNT.test(account))
      return c.json(
        {
          code: 'INVALID_REQUEST',
          message: 'account: not an SS58 account (base58, 40-60 characters)',
        },
        400,
      );
    const owner = await readOwnerEpochs(read, account);
    if (!owner)
      return c.json({ code: 'NOT_FOUND', message: `account: no owner ${account} indexed` }, 404);
    return c.json(owner);
  });
  app.get('/api/events/:id', async (c) => {
    const id = c.req.param('id');
    if (!EVENT_ID.test(id))
      return c.json(
        { code: 'INVALID_REQUEST', message: 'id: not an event id <block>-<eventIdx>' },
        400,
      );
    const event = await readEvent(read, id);
    if (!event) return c.json({ code: 'NOT_FOUND', message: `id: no event ${id} indexed` }, 404);
    return c.json(event);
  });
  app.notFound((c) => c.json({ code: 'NOT_FOUND', message: `no route ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof GraphqlError) {
      logger.warn({ code: error.code, path: c.req.path }, error.message);
      return c.json({ code: error.code, message: error.shortMessage }, 502);
    }
    logger.error({ err: error, path: c.req.path }, 'dashboard: unhandled error');
    return c.json({ code: 'INTERNAL', message: 'internal error' }, 500);
  });
  return app;
}

/** A running dashboard. */
export interface RunningDashboard {
  /** Where a browser opens it, e.g. `http://127.0.0.1:4350/`. */
  url: string;
  /** Stops listening; resolves once the socket is closed. */
  stop(): Promise<void>;
}

/**
 * Serves the dashboard on `host:port` (port 0: a free one) over `read`.
 * @throws DashboardError DASHBOARD_ASSETS_MISSING, DASHBOARD_LISTEN_FAILED
 */
export async function startDashboard(options: {
  read: GraphqlReader;
  logger: Logger;
  host?: string;
  port?: number;
}): Promise<RunningDashboard> {
  const app = createDashboardApp(options.read, options.logger);
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', '::1', 'localhost'].includes(host))
    options.logger.warn(
      { host },
      'dashboard listening beyond loopback: anyone who reaches it reads everything the indexer has (it has no authentication)',
    );
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }, (info) =>
      resolve(info.port),
    );
    server.once('error', (error) =>
      reject(
        new DashboardError(
          'DASHBOARD_LISTEN_FAILED',
          `${host}:${options.port ?? 0}: ${error.message}`,
          {
            cause: error,
          },
        ),
      ),
    );
  });
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
