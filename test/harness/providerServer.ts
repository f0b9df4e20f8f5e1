/**
 * A provider companion's HTTP side, served on a free 127.0.0.1 port, backed by the real
 * chain through `apiChainView`, recording release receipts on chain.
 */
import { serve } from '@hono/node-server';
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import pino from 'pino';
import { recordRelease } from '../../src/chain/recordRelease.js';
import { createApp } from '../../src/http/app.js';
import { Metrics } from '../../src/metrics.js';
import { BackupProvider } from '../../src/provider/backupProvider.js';
import { apiChainView } from '../../src/provider/chainView.js';
import { ShareVault } from '../../src/provider/shareVault.js';
import { freePort } from './chain.js';

/** A running provider server. */
export interface ProviderServer {
  endpoint: string;
  metrics: Metrics;
  vault: ShareVault;
  /** Receipt submissions started so far (settle with `Promise.allSettled`). */
  receipts: Promise<unknown>[];
  close(): Promise<void>;
}

/** Picks a port first so the endpoint can be registered before the server starts. */
export async function reserveEndpoint(): Promise<{ port: number; endpoint: string }> {
  const port = await freePort();
  return { port, endpoint: `http://127.0.0.1:${port}` };
}

/** Starts a provider for `signer` (TSS key) with its x25519 private key. */
export function startProviderServer(
  api: ApiPromise,
  port: number,
  signer: KeyringPair,
  x25519PrivateKey: Uint8Array,
  releaseWindow = 50,
): ProviderServer {
  const metrics = new Metrics();
  const vault = new ShareVault();
  const receipts: Promise<unknown>[] = [];
  const provider = new BackupProvider({
    chain: apiChainView(api),
    signer,
    x25519PrivateKey,
    vault,
    metrics,
    releaseWindow,
    onReleased: (owner, incarnation) => {
      receipts.push(recordRelease(api, { provider: signer, owner, incarnation }));
    },
  });
  const app = createApp({ provider, vault, metrics, logger: pino({ level: 'silent' }) });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    metrics,
    vault,
    receipts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
