/**
 * Indexer throughput: builds a chain of at least BLOCKS blocks with dense events of our
 * pallets in Chopsticks (5 registered, confirmed validators; then per block 2 sudo
 * governance calls — a measurement added and removed — and one owner's checkpoint), then
 * starts the indexer (embedded PostgreSQL, SubQuery node, query service) on it and measures
 * blocks indexed per second. Checks that every pallet event was indexed. Prints a Markdown
 * table for docs/benchmarks.md.
 *
 *   LOG_LEVEL=warn npx tsx bench/indexer/run.ts [blocks=2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIndexer } from '../../tools/indexer/start.js';
import { buildDenseChain } from './denseChain.js';
import { sampleUntilIndexed, steadyRate } from './sampling.js';

const BLOCKS = Number(process.argv[2] ?? 2000);
const PALLETS = ['registry', 'attestation', 'backups'];

const { chain, head, buildSeconds } = await buildDenseChain(BLOCKS);
const { api } = chain;
const work = mkdtempSync(join(tmpdir(), 'custos-bench-indexer-'));
try {
  let onChain = 0;
  for (let n = 1; n <= head; n++) {
    const events = await api.query.system.events.at(await api.rpc.chain.getBlockHash(n));
    onChain += events.filter(({ event }) => PALLETS.includes(event.section)).length;
  }

  // Index it.
  const t0 = Date.now();
  const indexer = await startIndexer({ endpoint: chain.endpoint, workDir: work });
  const ready = Date.now();
  try {
    const samples = await sampleUntilIndexed(indexer, head, {
      intervalMs: 500,
      timeoutMs: 3_600_000,
    });
    const indexed = (
      await indexer.query<{ chainEvents: { totalCount: number } }>('{ chainEvents { totalCount } }')
    ).chainEvents.totalCount;
    const total = (samples.at(-1)!.t - t0) / 1000;
    const steady = steadyRate(samples);
    console.log(`\n| measure | value |\n|---|---|`);
    console.log(
      `| chain | ${head} blocks, ${onChain} events of our pallets (${(onChain / head).toFixed(1)} per block) |`,
    );
    console.log(`| building it in Chopsticks | ${buildSeconds.toFixed(0)} s |`);
    console.log(
      `| indexer start (PostgreSQL, node, query service) | ${((ready - t0) / 1000).toFixed(1)} s |`,
    );
    console.log(
      `| start to fully indexed | ${total.toFixed(1)} s (${(head / total).toFixed(1)} blocks/s overall) |`,
    );
    console.log(
      `| steady indexing rate | ${steady.toFixed(1)} blocks/s, ${((steady * onChain) / head).toFixed(0)} events/s |`,
    );
    console.log(`| events indexed / on chain | ${indexed} / ${onChain} |`);
    console.log(`| machine | ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} |`);
    if (indexed !== onChain) process.exitCode = 1;
  } finally {
    await indexer.stop();
  }
} catch (error) {
  // Keep the logs of a failed run.
  console.error(`indexer bench failed; logs kept in ${work}`);
  process.exitCode = 1;
  throw error;
} finally {
  await chain.close();
  if (process.exitCode !== 1) rmSync(work, { recursive: true, force: true });
}
process.exit(process.exitCode ?? 0);
