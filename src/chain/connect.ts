import { ApiPromise, WsProvider } from '@polkadot/api';
import '../../chain-types/src/index.js';
import { ChainError } from './errors.js';

/** How long {@link connectChain} waits between attempts once a connection dropped. */
export const RECONNECT_MS = 1000;

/**
 * Connects a typed ApiPromise to `url`, trying for up to `deadlineMs` (a node that is still
 * starting gets that long); throws a `ChainError` naming the endpoint if it never answers.
 * Once connected it stays connected: when the node goes away (restarted, upgraded, its
 * host rebooted) the provider reconnects every {@link RECONNECT_MS} and re-establishes
 * every subscription; calls made meanwhile fail fast and their callers retry.
 *
 * @example
 * const api = await connectChain('ws://127.0.0.1:9944');
 */
export async function connectChain(url: string, deadlineMs = 60_000): Promise<ApiPromise> {
  const provider = new WsProvider(url, RECONNECT_MS);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      provider.isReady,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new ChainError('CHAIN_UNREACHABLE', 'no answer', `within ${deadlineMs} ms`)),
          deadlineMs,
        );
      }),
    ]);
    return await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
  } catch (error) {
    await provider.disconnect().catch(() => undefined);
    throw new ChainError('CHAIN_UNREACHABLE', 'cannot reach the chain', url, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
