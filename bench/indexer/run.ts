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
import { WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsHex } from '@polkadot/util-crypto';
import { checkpointPayload, signPayload } from '../../src/chain/backupPayloads.js';
import { confirmEpoch } from '../../src/chain/confirmEpoch.js';
import { startChain } from '../../test/harness/chain.js';
import {
  bestBlock,
  currentAck,
  devOperator,
  registerTestValidator,
  TestValidator,
} from '../../test/harness/validator.js';
import { startIndexer } from '../../tools/indexer/start.js';

const BLOCKS = Number(process.argv[2] ?? 2000);
/** Sudo add+remove measurement pairs per block (each call costs ~135 ms in Chopsticks). */
const SUDO_PAIRS = 1;
const PALLETS = ['registry', 'attestation', 'backups'];

await cryptoWaitReady();
// Chopsticks keeps only 500 blocks by default; the indexer must fetch every one.
const chain = await startChain({
  preset: 'development',
  blockMode: 'Instant',
  maxMemoryBlockCount: BLOCKS + 100,
});
const { api } = chain;
const work = mkdtempSync(join(tmpdir(), 'custos-bench-indexer-'));
try {
  // Setup (Instant mode): five validators, one session, every owner confirmed.
  const validators = (['Alice', 'Bob', 'Charlie', 'Dave', 'Eve'] as const).map(
    (n) => new TestValidator(devOperator(n)),
  );
  for (const v of validators) await registerTestValidator(api, v);
  const length = (await api.query.registry.sessionLength()).toNumber();
  await chain.newBlocks(length - ((await bestBlock(api)).number % length));
  const byAccount = (a: string) =>
    validators.find((v) => api.createType('AccountId32', a).eq(v.tss.publicKey))!;
  const versions = new Map<TestValidator, bigint>();
  for (const owner of validators) {
    const a = (await api.query.backups.assignments(owner.tss.address)).unwrap();
    const epoch = a.epoch.toNumber();
    await confirmEpoch(api, {
      owner: owner.tss,
      epoch,
      storeVersion: 1n,
      acks: await Promise.all(
        a.providers.map((p) => currentAck(api, owner, byAccount(p.toString()), epoch)),
      ),
    });
    versions.set(owner, 1n);
  }

  // Dense blocks: each built with its transactions by Chopsticks' dev_newBlock (they skip
  // the pool; the runtime still applies every check when it executes them).
  const dev = new WsProvider(chain.endpoint);
  await dev.isReady;
  const sudo = devOperator('Alice');
  let nonce = (await api.rpc.system.accountNextIndex(sudo.address)).toNumber();
  const start = (await bestBlock(api)).number;
  const buildStarted = Date.now();
  for (let b = 0; (await bestBlock(api)).number < Math.max(BLOCKS, start + 1); b++) {
    const txs = [];
    for (let i = 0; i < SUDO_PAIRS; i++) {
      const m = randomAsHex(32);
      txs.push(
        await api.tx.sudo
          .sudo(api.tx.attestation.addMeasurement(m))
          .signAsync(sudo, { nonce: nonce++, era: 0 }),
      );
      txs.push(
        await api.tx.sudo
          .sudo(api.tx.attestation.removeMeasurement(m))
          .signAsync(sudo, { nonce: nonce++, era: 0 }),
      );
    }
    // One owner's checkpoint per block, round robin (MinCheckpointInterval is 2 blocks).
    for (const owner of [validators[b % 5]!]) {
      if (b < 2) break; // MinCheckpointInterval since the confirmations
      const version = versions.get(owner)! + 1n;
      versions.set(owner, version);
      const signature = signPayload(owner.tss, checkpointPayload(api, owner.tss.address, version));
      txs.push(api.tx.backups.checkpoint(owner.tss.address, version, u8aToHex(signature)));
    }
    await dev.send('dev_newBlock', [{ transactions: txs.map((tx) => tx.toHex()) }]);
  }
  await dev.disconnect();
  const head = (await bestBlock(api)).number;
  const buildSeconds = (Date.now() - buildStarted) / 1000;

  let onChain = 0;
  for (let n = 1; n <= head; n++) {
    const events = await api.query.system.events.at(await api.rpc.chain.getBlockHash(n));
    onChain += events.filter(({ event }) => PALLETS.includes(event.section)).length;
  }

  // Index it.
  const t0 = Date.now();
  const indexer = await startIndexer({ endpoint: chain.endpoint, workDir: work });
  const ready = Date.now();
  const samples: { t: number; h: number }[] = [];
  try {
    for (;;) {
      const h =
        (
          await indexer.query<{ _metadata: { lastProcessedHeight: number | null } }>(
            '{ _metadata { lastProcessedHeight } }',
          )
        )._metadata.lastProcessedHeight ?? 0;
      samples.push({ t: Date.now(), h });
      if (h >= head) break;
      if (Date.now() - t0 > 3_600_000) throw new Error(`indexed ${h} of ${head} blocks in an hour`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const indexed = (
      await indexer.query<{ chainEvents: { totalCount: number } }>('{ chainEvents { totalCount } }')
    ).chainEvents.totalCount;
    const first = samples.find((s) => s.h > 0) ?? samples[0]!;
    const last = samples.at(-1)!;
    const total = (last.t - t0) / 1000;
    const steady = (last.h - first.h) / ((last.t - first.t) / 1000);
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
