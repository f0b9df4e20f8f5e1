/**
 * The companion's two HTTP servers: the provider API (for other companions, on the
 * configured host and port, behind the rate limits and the flood gate) and, when a port
 * and a token are configured, the local secret API for the TSS server (on 127.0.0.1 only).
 * `CompanionNode` starts them once the store is open; serving.test.ts checks the wiring
 * with real sockets on loopback.
 */
import type { AddressInfo, Socket } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { ListenError } from '../errors/service.js';
import { createApp, createLocalApp, type LocalAppDeps } from '../http/app.js';
import { FloodGate } from '../http/floodGate.js';
import type { RateLimitOptions } from '../http/rateLimit.js';
import type { Metrics } from '../metrics.js';
import type { BackupProvider } from '../provider/backupProvider.js';
import type { ShareVault } from '../provider/shareVault.js';

/** How long a stop waits for open requests to finish before cutting their connections. */
export const STOP_GRACE_MS = 2_000;
/** A client's first pause after its own rate limit refused it. */
const FIRST_PAUSE_MS = 1_000;
/** Its longest pause (the pause doubles while it keeps going). */
const MAX_PAUSE_MS = 30_000;

/** What {@link startServing} serves, and where. */
export interface ServingOptions {
  provider: BackupProvider;
  vault: ShareVault;
  metrics: Metrics;
  logger: Logger;
  /** Limits of the provider routes (`providerRateLimits(config)`). */
  rateLimit: Pick<RateLimitOptions, 'perClient' | 'global' | 'maxClients'>;
  /** Where the provider API listens (port 0: any free port). */
  providerHost: string;
  providerPort: number;
  /** The local secret API; not served when absent. */
  secretApi?: Omit<LocalAppDeps, 'logger'> & { port: number };
}

/** The running servers. */
export interface Serving {
  /** Where the provider API listens. */
  providerAddress(): AddressInfo;
  /** Where the secret API listens, if it is served. */
  secretApiAddress(): AddressInfo | undefined;
  /**
   * Stops accepting connections and closes idle ones; requests under way get
   * {@link STOP_GRACE_MS} to finish, none when `cutNow` (a fenced instance must not answer
   * any more), then their connections are cut. Resolves when both servers are closed.
   */
  stop(cutNow: boolean): Promise<void>;
}

/**
 * Starts the provider API and, if configured, the secret API, and resolves once both
 * listen. A client the provider
 * routes' own limit refuses gets its 429 with `Retry-After` and `Connection: close`; then
 * its other connections are paused and new ones closed at accept for a while (1 s,
 * doubling to 30 s), counted in `custos_connections_closed_total` and logged once per
 * pause. The secret API binds 127.0.0.1 whatever the provider host.
 * @throws ListenError naming the server that could not listen (nothing is left listening)
 */
export async function startServing(o: ServingOptions): Promise<Serving> {
  o.metrics.define(
    'custos_connections_closed_total',
    'Provider connections closed at accept: their client is paused after refusals',
  );
  const floodGate = new FloodGate({
    firstPauseMs: FIRST_PAUSE_MS,
    maxPauseMs: MAX_PAUSE_MS,
    maxClients: o.rateLimit.maxClients,
    now: () => performance.now(),
    onPause: (client, ms) =>
      o.logger.warn({ client, ms }, 'client over its rate limit; not read from for a while'),
    onConnectionClosed: () => o.metrics.inc('custos_connections_closed_total'),
  });
  const app = createApp({
    provider: o.provider,
    vault: o.vault,
    metrics: o.metrics,
    logger: o.logger,
    rateLimit: o.rateLimit,
    floodGate,
  });
  const providerServer = serve({
    fetch: floodGate.guard(app.fetch),
    hostname: o.providerHost,
    port: o.providerPort,
  });
  providerServer.on('connection', (socket: Socket) => floodGate.admit(socket));
  const servers: ServerType[] = [providerServer];
  let secretServer: ServerType | undefined;
  if (o.secretApi) {
    const { port, ...deps } = o.secretApi;
    const local = createLocalApp({ ...deps, logger: o.logger });
    secretServer = serve({ fetch: local.fetch, hostname: '127.0.0.1', port });
    servers.push(secretServer);
  }
  const listening = (server: ServerType, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (server.listening) return resolve();
      server.once('listening', () => resolve());
      server.once('error', (error) => reject(new ListenError(what, error)));
    });
  try {
    await Promise.all([
      listening(providerServer, 'provider API'),
      ...(secretServer ? [listening(secretServer, 'secret API')] : []),
    ]);
  } catch (error) {
    await closeAll(servers, true);
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    providerAddress: () => providerServer.address() as AddressInfo,
    secretApiAddress: () => secretServer?.address() as AddressInfo | undefined,
    stop(cutNow) {
      stopped ??= closeAll(servers, cutNow);
      return stopped;
    },
  };
}

async function closeAll(servers: ServerType[], cutNow: boolean): Promise<void> {
  const closed = Promise.all(
    servers.map((s) => new Promise<void>((r) => (s.listening ? s.close(() => r()) : r()))),
  );
  const cut = () => {
    for (const s of servers) (s as { closeAllConnections?: () => void }).closeAllConnections?.();
  };
  for (const s of servers) (s as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  if (cutNow) cut();
  const grace = setTimeout(cut, STOP_GRACE_MS);
  try {
    await closed;
  } finally {
    clearTimeout(grace);
  }
}
