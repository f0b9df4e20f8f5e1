/**
 * The indexer benches' chain: Chopsticks hosting the committed runtime, five registered
 * validators with confirmed backups, then blocks built until the head reaches `blocks`,
 * each with a measurement added and removed through sudo and one owner's checkpoint
 * (3 events of our pallets per block, the densest thing governance and owners do).
 */
import { WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsHex } from '@polkadot/util-crypto';
import { checkpointPayload, signPayload } from '../../src/chain/backupPayloads.js';
import { confirmEpoch } from '../../src/chain/confirmEpoch.js';
import { startChain, type TestChain } from '../../test/harness/chain.js';
import {
  bestBlock,
  currentAck,
  devOperator,
  registerTestValidator,
  TestValidator,
} from '../../test/harness/validator.js';

/** A built dense chain: the running Chopsticks, its head and how long building took. */
export interface DenseChain {
  chain: TestChain;
  head: number;
  buildSeconds: number;
}

/**
 * Starts Chopsticks keeping every block in memory (its default of 500 would hand the
 * SubQuery node older blocks without their extrinsics) and builds the chain. The caller
 * closes `chain`.
 */
export async function buildDenseChain(blocks: number): Promise<DenseChain> {
  await cryptoWaitReady();
  const chain = await startChain({
    preset: 'development',
    blockMode: 'Instant',
    maxMemoryBlockCount: blocks + 100,
  });
  const { api } = chain;
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
  // Each block is built with its transactions by Chopsticks' dev_newBlock (they skip the
  // pool; the runtime still applies every check when it executes them).
  const dev = new WsProvider(chain.endpoint);
  await dev.isReady;
  const sudo = devOperator('Alice');
  let nonce = (await api.rpc.system.accountNextIndex(sudo.address)).toNumber();
  const started = Date.now();
  const start = (await bestBlock(api)).number;
  for (let b = 0; (await bestBlock(api)).number < Math.max(blocks, start + 1); b++) {
    const m = randomAsHex(32);
    const txs = [
      await api.tx.sudo
        .sudo(api.tx.attestation.addMeasurement(m))
        .signAsync(sudo, { nonce: nonce++, era: 0 }),
      await api.tx.sudo
        .sudo(api.tx.attestation.removeMeasurement(m))
        .signAsync(sudo, { nonce: nonce++, era: 0 }),
    ];
    // One owner's checkpoint per block, round robin (MinCheckpointInterval is 2 blocks).
    const owner = validators[b % 5]!;
    if (b >= 2) {
      const version = versions.get(owner)! + 1n;
      versions.set(owner, version);
      const signature = signPayload(owner.tss, checkpointPayload(api, owner.tss.address, version));
      txs.push(api.tx.backups.checkpoint(owner.tss.address, version, u8aToHex(signature)));
    }
    await dev.send('dev_newBlock', [{ transactions: txs.map((tx) => tx.toHex()) }]);
  }
  await dev.disconnect();
  return {
    chain,
    head: (await bestBlock(api)).number,
    buildSeconds: (Date.now() - started) / 1000,
  };
}
