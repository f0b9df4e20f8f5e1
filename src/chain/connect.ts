import { ApiPromise, WsProvider } from '@polkadot/api';
import '../../chain-types/src/index.js';
import { ChainError } from './errors.js';

/**
 * Connects a typed ApiPromise to `url`, retrying with exponential backoff (250 ms doubling,
 * capped at 5 s) for up to `attempts` tries; throws a `ChainError` naming the endpoint.
 *
 * @example
 * const api = await connectChain('ws://127.0.0.1:9944');
 */
export async function connectChain(url: string, attempts = 20): Promise<ApiPromise> {
  let delay = 250;
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    const provider = new WsProvider(url, false);
    try {
      await provider.connect();
      return await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
    } catch (error) {
      last = error;
      await provider.disconnect().catch(() => undefined);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }
  throw new ChainError('CHAIN_UNREACHABLE', 'cannot reach the chain', url, { cause: last });
}
