/**
 * `npm run devnet`: brings the dev system up. Today that is the chain: Chopsticks hosting
 * the committed runtime from the development preset, building a block per transaction,
 * on 127.0.0.1 (port from CUSTOS_DEVNET_PORT, default 9944). Companions and the indexer
 * join it in later issues. Ctrl-C stops everything.
 */
import { startDevChain } from '../src/devnet/chain.js';

const raw = process.env.CUSTOS_DEVNET_PORT ?? '9944';
const port = Number(raw);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`CUSTOS_DEVNET_PORT must be a TCP port (1-65535), got "${raw}"`);
  process.exit(2);
}

const chain = await startDevChain({ preset: 'development', port });
console.log(`custos devnet: chain at ${chain.endpoint} (development preset). Ctrl-C stops.`);

const stop = async () => {
  await chain.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
