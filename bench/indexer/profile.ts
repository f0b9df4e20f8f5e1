/**
 * Where the indexer's time goes: builds one dense chain in Chopsticks (the same blocks as
 * bench/indexer/run.ts: per block a measurement added and removed through sudo and one
 * owner's checkpoint), times raw block fetches from it, then indexes it from scratch once
 * per set of `subql-node` flags and prints the steady rate of each; with `--profiler` in a
 * set, also SubQuery's per-stage and per-handler times, summed over the run.
 *
 *   LOG_LEVEL=warn npx tsx bench/indexer/profile.ts [blocks=600] ['[["--profiler"],[]]']
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

const BLOCKS = Number(process.argv[2] ?? 600);
const VARIANTS = JSON.parse(process.argv[3] ?? '[["--profiler"],[]]') as string[][];

await cryptoWaitReady();
const chain = await startChain({
  preset: 'development',
  blockMode: 'Instant',
  maxMemoryBlockCount: BLOCKS + 100,
});
const { api } = chain;
try {
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
  const dev = new WsProvider(chain.endpoint);
  await dev.isReady;
  const sudo = devOperator('Alice');
  let nonce = (await api.rpc.system.accountNextIndex(sudo.address)).toNumber();
  const built = Date.now();
  for (let b = 0; (await bestBlock(api)).number < BLOCKS; b++) {
    const m = randomAsHex(32);
    const txs = [
      await api.tx.sudo
        .sudo(api.tx.attestation.addMeasurement(m))
        .signAsync(sudo, { nonce: nonce++, era: 0 }),
      await api.tx.sudo
        .sudo(api.tx.attestation.removeMeasurement(m))
        .signAsync(sudo, { nonce: nonce++, era: 0 }),
    ];
    const owner = validators[b % 5]!;
    if (b >= 2) {
      const version = versions.get(owner)! + 1n;
      versions.set(owner, version);
      const signature = signPayload(owner.tss, checkpointPayload(api, owner.tss.address, version));
      txs.push(api.tx.backups.checkpoint(owner.tss.address, version, u8aToHex(signature)));
    }
    await dev.send('dev_newBlock', [{ transactions: txs.map((tx) => tx.toHex()) }]);
  }
  const head = (await bestBlock(api)).number;
  console.log(`chain: ${head} blocks built in ${((Date.now() - built) / 1000).toFixed(0)} s`);

  // What one block costs to fetch from Chopsticks, sequentially (hash, block, events, version).
  const key = api.query.system.events.key();
  const fetched = Date.now();
  for (let n = 1; n <= head; n++) {
    const hash = await dev.send('chain_getBlockHash', [n]);
    await Promise.all([
      dev.send('chain_getBlock', [hash]),
      dev.send('state_getStorage', [key, hash]),
      dev.send('state_getRuntimeVersion', [hash]),
    ]);
  }
  console.log(`raw fetch: ${((Date.now() - fetched) / head).toFixed(2)} ms per block`);
  await dev.disconnect();

  for (const nodeArgs of VARIANTS) {
    const work = mkdtempSync(join(tmpdir(), 'custos-bench-profile-'));
    const profiling = nodeArgs.includes('--profiler');
    const t0 = Date.now();
    const indexer = await startIndexer({
      endpoint: chain.endpoint,
      workDir: work,
      nodeArgs,
      logLevel: profiling ? 'info' : 'warn',
    });
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
        if (Date.now() - t0 > 1_800_000) throw new Error(`indexed ${h} of ${head} in 30 min`);
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await indexer.stop();
    }
    const first = samples.find((s) => s.h > 0)!;
    const last = samples.at(-1)!;
    const steady = (last.h - first.h) / ((last.t - first.t) / 1000);
    console.log(
      `\nsubql-node ${nodeArgs.join(' ') || '(defaults)'}: steady ${steady.toFixed(1)} blocks/s`,
    );
    if (profiling) {
      const total = new Map<string, { ms: number; calls: number }>();
      for (const line of readFileSync(join(work, 'subql-node.log'), 'utf8').split('\n')) {
        const found = /"message":"([^"]+), ([\d.]+) ms"/.exec(line);
        if (!found) continue;
        const entry = total.get(found[1]!) ?? { ms: 0, calls: 0 };
        entry.ms += Number(found[2]);
        entry.calls += 1;
        total.set(found[1]!, entry);
      }
      console.log('| stage or handler | calls | ms per call |\n|---|---|---|');
      for (const [name, { ms, calls }] of [...total].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12))
        console.log(`| ${name} | ${calls} | ${(ms / calls).toFixed(2)} |`);
    }
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
} finally {
  await chain.close();
}
process.exit(0);
