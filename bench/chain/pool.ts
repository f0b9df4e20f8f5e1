/**
 * Transactions on a real pool: four `custos-node` validators (`npm run node:build`) and 5
 * companions; companions are SIGKILLed and restarted round robin, so that every kind of
 * transaction the companions send flows: fee-free restart attestations, epoch
 * confirmations, release receipts, checkpoints. A watcher polls every node's pool
 * (`author_pendingExtrinsics`, every 50 ms) and follows Alice's best and finalized heads,
 * and reports per call: how long until every node's pool held it (propagation), until a
 * block included it, and until that block was final, all from the first poll that saw it
 * pending; and which validators authored the blocks that included it.
 *
 *   LOG_LEVEL=warn npx tsx bench/chain/pool.ts [restarts=10] [--block-ms 6000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiPromise } from '@polkadot/api';
import { connectChain } from '../../src/chain/connect.js';
import { startNetwork } from '../../tools/devnet/network.js';
import { restartTimeline } from '../../tools/devnet/timeline.js';
import { findNodeBinary, VALIDATOR_NAMES } from '../../tools/devnet/validators.js';
import { quantile } from '../quantile.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'block-ms': { type: 'string', default: '6000' } },
});
const restarts = Number(positionals[0] ?? 10);
const blockMs = Number(values['block-ms']);
const binary = findNodeBinary();
if (!binary) {
  console.error('needs the custos-node binary: run `npm run node:build`');
  process.exit(2);
}

/** What the watcher learned about one extrinsic. */
interface Seen {
  call: string;
  /** First time each node's pool showed it (ms since epoch), by node index. */
  pending: Map<number, number>;
  includedAt?: number;
  includedIn?: number;
  author?: string;
  finalizedAt?: number;
}

const work = mkdtempSync(join(tmpdir(), 'custos-bench-pool-'));
const net = await startNetwork({
  size: 5,
  workDir: work,
  blockMs,
  pollMs: 300,
  validators: { binary },
});
const apis: ApiPromise[] = [];
for (const v of net.validators!.validators) apis.push(await connectChain(v.endpoint));
const seen = new Map<string, Seen>();
let watching = true;

const pollPools = async () => {
  while (watching) {
    await Promise.all(
      apis.map(async (api, node) => {
        const pending = await api.rpc.author.pendingExtrinsics().catch(() => []);
        const now = Date.now();
        for (const ext of pending) {
          const hash = ext.hash.toHex();
          let entry = seen.get(hash);
          if (!entry) {
            entry = { call: `${ext.method.section}.${ext.method.method}`, pending: new Map() };
            seen.set(hash, entry);
          }
          if (!entry.pending.has(node)) entry.pending.set(node, now);
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 50));
  }
};

const alice = apis[0]!;
const unsubscribeHeads = await alice.rpc.chain.subscribeNewHeads(async (header) => {
  const now = Date.now();
  const block = await alice.rpc.chain.getBlock(header.hash);
  const slotLog = header.digest.logs.find((l) => l.isPreRuntime);
  const slot = slotLog ? alice.createType('u64', slotLog.asPreRuntime[1]).toNumber() : -1;
  for (const ext of block.block.extrinsics) {
    const entry = seen.get(ext.hash.toHex());
    if (!entry || entry.includedAt !== undefined) continue;
    entry.includedAt = now;
    entry.includedIn = header.number.toNumber();
    entry.author = VALIDATOR_NAMES[slot % VALIDATOR_NAMES.length];
  }
});
const unsubscribeFinal = await alice.rpc.chain.subscribeFinalizedHeads((header) => {
  const now = Date.now();
  for (const entry of seen.values()) {
    if (entry.includedIn !== undefined && entry.finalizedAt === undefined) {
      if (entry.includedIn <= header.number.toNumber()) entry.finalizedAt = now;
    }
  }
});
const polling = pollPools();

try {
  for (let i = 0; i < restarts; i++) {
    const node = net.nodes[i % net.nodes.length]!;
    const steps = await restartTimeline(net, node);
    console.error(
      `restart ${i + 1}/${restarts} (${node.name}): ready after ${steps.at(-1)!.ms} ms`,
    );
  }
  // Let the last transactions finalize.
  await net.chain.newBlocks(5);
} finally {
  watching = false;
  await polling;
  (unsubscribeHeads as () => void)();
  (unsubscribeFinal as () => void)();
  for (const api of apis) await api.disconnect();
  await net.stop();
  rmSync(work, { recursive: true, force: true });
}

const byCall = new Map<string, Seen[]>();
for (const entry of seen.values()) {
  if (entry.call.startsWith('timestamp.')) continue;
  byCall.set(entry.call, [...(byCall.get(entry.call) ?? []), entry]);
}
console.log(
  `| call (${restarts} restarts, four validators, ${blockMs} ms blocks) | seen | in all 4 pools, median / p95 ms | included, median / p95 ms | final, median / p95 ms | authors |`,
);
console.log('|---|---|---|---|---|---|');
for (const [call, entries] of [...byCall].sort()) {
  const first = (e: Seen) => Math.min(...e.pending.values());
  const spread = entries
    .filter((e) => e.pending.size === apis.length)
    .map((e) => Math.max(...e.pending.values()) - first(e));
  const included = entries.filter((e) => e.includedAt).map((e) => e.includedAt! - first(e));
  const final = entries.filter((e) => e.finalizedAt).map((e) => e.finalizedAt! - first(e));
  const authors = new Set(entries.map((e) => e.author).filter(Boolean));
  const cell = (xs: number[]) =>
    xs.length ? `${quantile(xs, 0.5)} / ${quantile(xs, 0.95)} (${xs.length})` : '–';
  console.log(
    `| ${call} | ${entries.length} | ${cell(spread)} | ${cell(included)} | ${cell(final)} | ${[...authors].sort().join(', ')} |`,
  );
}
process.exit(0);
