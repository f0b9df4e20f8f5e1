/**
 * Chain test harness: a real Chopsticks node hosting the committed runtime from a
 * committed raw chain spec, on a free loopback port, with a typed ApiPromise.
 *
 * @example
 * const chain = await startChain({ preset: 'development' });
 * try { await chain.api.query.system.number(); } finally { await chain.close(); }
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { BuildBlockMode, setupWithServer } from '@acala-network/chopsticks';
import { ApiPromise, WsProvider } from '@polkadot/api';
import '../../chain-types/src/index.js';

/** Presets with a committed raw chain spec. */
export type Preset = 'development' | 'local_testnet';

/** A running test chain. */
export interface TestChain {
  /** Typed API connected to the chain. */
  api: ApiPromise;
  /** WebSocket endpoint, ws://127.0.0.1:<port>. */
  endpoint: string;
  /** Builds `count` blocks now (in any block mode). */
  newBlocks(count?: number): Promise<void>;
  /** Disconnects the API and stops the node. Idempotent. */
  close(): Promise<void>;
}

/** Reads a committed raw chain spec. */
export function readChainSpec(preset: Preset): Record<string, unknown> {
  const url = new URL(`../../chain/artifacts/chain-spec-${preset}.raw.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Record<string, unknown>;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Options of {@link startChain}. */
export interface StartChainOptions {
  preset?: Preset;
  /** `Instant`: a block per submitted transaction. `Manual`: only {@link TestChain.newBlocks}. */
  blockMode?: 'Instant' | 'Manual';
}

/** Starts Chopsticks from genesis with the committed runtime. */
export async function startChain(options: StartChainOptions = {}): Promise<TestChain> {
  const port = await freePort();
  const server = await setupWithServer({
    genesis: readChainSpec(options.preset ?? 'development') as never,
    port,
    host: '127.0.0.1',
    'build-block-mode':
      options.blockMode === 'Manual' ? BuildBlockMode.Manual : BuildBlockMode.Instant,
    'runtime-log-level': 0,
  } as never);
  const endpoint = `ws://${server.addr}`;
  const api = await ApiPromise.create({ provider: new WsProvider(endpoint), noInitWarn: true, throwOnConnect: true }).catch(
    async (error) => {
      await server.close();
      throw error;
    },
  );
  let closed = false;
  return {
    api,
    endpoint,
    async newBlocks(count = 1) {
      for (let i = 0; i < count; i++) await server.chain.newBlock();
    },
    async close() {
      if (closed) return;
      closed = true;
      await api.disconnect();
      await server.close();
    },
  };
}
