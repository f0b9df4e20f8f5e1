/**
 * Chain test harness: a real Chopsticks node hosting the committed runtime from a
 * committed raw chain spec, on a free loopback port, with a typed ApiPromise.
 *
 * @example
 * const chain = await startChain({ preset: 'development' });
 * try { await chain.api.query.system.number(); } finally { await chain.close(); }
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import '../../chain-types/src/index.js';
import { type Preset, startDevChain } from '../../tools/devnet/chain.js';
import { freePort } from '../../tools/devnet/ports.js';

export { freePort };

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

/** Options of {@link startChain}. */
export interface StartChainOptions {
  preset?: Preset;
  blockMode?: 'Instant' | 'Manual';
  /** See `StartDevChainOptions.maxMemoryBlockCount`. */
  maxMemoryBlockCount?: number;
}

/** Starts Chopsticks from genesis with the committed runtime, and connects an API. */
export async function startChain(options: StartChainOptions = {}): Promise<TestChain> {
  const dev = await startDevChain({ ...options, port: await freePort() });
  let api: ApiPromise;
  try {
    api = await ApiPromise.create({
      provider: new WsProvider(dev.endpoint),
      noInitWarn: true,
      throwOnConnect: true,
    });
  } catch (error) {
    await dev.close();
    throw error;
  }
  let closed = false;
  return {
    api,
    endpoint: dev.endpoint,
    newBlocks: dev.newBlocks,
    async close() {
      if (closed) return;
      closed = true;
      await api.disconnect();
      await dev.close();
    },
  };
}
