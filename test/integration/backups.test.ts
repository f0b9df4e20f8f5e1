/**
 * The backups pallet end to end on Chopsticks with the committed runtime: assignment,
 * reassignment after a departure, confirmations, release receipts.
 */
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorCheckpoint } from '../../src/chain/anchorCheckpoint.js';
import { type Acknowledgement, signPayload } from '../../src/chain/backupPayloads.js';
import { confirmEpoch } from '../../src/chain/confirmEpoch.js';
import { TransactionRejectedError } from '../../src/chain/errors.js';
import { recordRelease } from '../../src/chain/recordRelease.js';
import { submitRestartAttestation } from '../../src/chain/submitRestartAttestation.js';
import { startChain, type TestChain } from '../harness/chain.js';
import {
  bestBlock,
  devOperator,
  registerTestValidator,
  signedAck,
  TestValidator,
} from '../harness/validator.js';

const OPERATORS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve'] as const;

describe('backups on a real chain', () => {
  let chain: TestChain;
  let validators: TestValidator[];

  const byAccount = (account: string) => {
    const v = validators.find(
      (x) =>
        x.tss.address === account ||
        chain.api.createType('AccountId32', account).eq(x.tss.publicKey),
    );
    if (!v) throw new Error(`no test validator ${account}`);
    return v;
  };

  const assignment = async (v: TestValidator) =>
    (await chain.api.query.backups.assignments(v.tss.address)).unwrap();

  /** Builds blocks up to the next session boundary (a multiple of the session length). */
  const nextSession = async () => {
    const length = (await chain.api.query.registry.sessionLength()).toNumber();
    const now = (await bestBlock(chain.api)).number;
    await chain.newBlocks(length - (now % length));
  };

  const acksFor = (owner: TestValidator, epoch: number, providers: string[]): Acknowledgement[] =>
    providers.map((p) => signedAck(chain.api, owner, byAccount(p), epoch));

  beforeAll(async () => {
    await cryptoWaitReady();
    chain = await startChain({ preset: 'development', blockMode: 'Instant' });
    validators = OPERATORS.map((name) => new TestValidator(devOperator(name)));
    for (const v of validators) await registerTestValidator(chain.api, v);
    await nextSession();
  });

  afterAll(async () => {
    await chain?.close();
  });

  it('gives every registered owner n = 3 providers from the active set', async () => {
    for (const v of validators) {
      const a = await assignment(v);
      const providers = a.providers.map((p) => p.toString());
      expect(providers).toHaveLength(3);
      expect(a.threshold.toNumber()).toBe(2);
      expect(a.underProvisioned.isTrue).toBe(false);
      expect(a.providers.some((p) => p.eq(v.tss.publicKey))).toBe(false);
    }
  });

  it('a newcomer is assigned n providers at registration', async () => {
    const late = new TestValidator(devOperator('Ferdie'));
    validators.push(late);
    await registerTestValidator(chain.api, late);
    const a = await assignment(late);
    expect(a.epoch.toNumber()).toBe(1);
    expect(a.providers).toHaveLength(3);
  });

  it('refuses a confirmation with a forged or missing acknowledgement', async () => {
    const owner = validators[0]!;
    const a = await assignment(owner);
    const epoch = a.epoch.toNumber();
    const providers = a.providers.map((p) => p.toString());

    const forged = acksFor(owner, epoch, providers);
    forged[0] = { ...forged[0]!, signature: signPayload(owner.tss, new Uint8Array([1, 2, 3])) };
    const attempt = confirmEpoch(chain.api, {
      owner: owner.tss,
      epoch,
      storeVersion: 1n,
      acks: forged,
    });
    await expect(attempt).rejects.toBeInstanceOf(TransactionRejectedError);
    await expect(attempt).rejects.toMatchObject({ palletError: 'backups.BadAcknowledgement' });

    // Made by an incarnation the provider is not at (it would have lost that share).
    const stale = acksFor(owner, epoch, providers);
    stale[1] = signedAck(chain.api, owner, byAccount(providers[1]!), epoch, 1);
    await expect(
      confirmEpoch(chain.api, { owner: owner.tss, epoch, storeVersion: 1n, acks: stale }),
    ).rejects.toMatchObject({ palletError: 'backups.StaleAcknowledgement' });

    const missing = acksFor(owner, epoch, providers.slice(0, 1));
    await expect(
      confirmEpoch(chain.api, { owner: owner.tss, epoch, storeVersion: 1n, acks: missing }),
    ).rejects.toMatchObject({ palletError: 'backups.NotEnoughAcknowledgements' });
    expect((await assignment(owner)).confirmedEpoch.toNumber()).toBe(0);
  });

  it('confirms every owner with its providers acknowledgements, from accounts without funds', async () => {
    for (const owner of validators) {
      const a = await assignment(owner);
      const epoch = a.epoch.toNumber();
      const providers = a.providers.map((p) => p.toString());
      const acks = acksFor(owner, epoch, providers);
      const result = await confirmEpoch(chain.api, {
        owner: owner.tss,
        epoch,
        storeVersion: 1n,
        acks,
      });
      expect(result.holders).toHaveLength(3);
      // The chain keeps each holder's commitment, in holder order.
      const stored = await chain.api.query.backups.confirmedCommitments(owner.tss.address);
      expect(stored.map((c) => c.toHex())).toEqual(
        result.holders.map((h) =>
          u8aToHex(acks.find((a) => byAccount(a.provider) === byAccount(h))!.shareCommitment),
        ),
      );
      const after = await assignment(owner);
      expect(after.confirmedEpoch.toNumber()).toBe(epoch);
      expect(after.confirmedStoreVersion.toBigInt()).toBe(1n);
      expect((await chain.api.query.system.account(owner.tss.address)).data.free.toBigInt()).toBe(
        0n,
      );
    }
  });

  it('anchors a checkpoint without funds; versions never go down', async () => {
    const owner = validators[2]!;
    await anchorCheckpoint(chain.api, { owner: owner.tss, storeVersion: 5n });
    expect((await assignment(owner)).confirmedStoreVersion.toBigInt()).toBe(5n);
    await chain.newBlocks(2);
    await expect(
      anchorCheckpoint(chain.api, { owner: owner.tss, storeVersion: 4n }),
    ).rejects.toMatchObject({
      palletError: 'backups.StoreVersionNotIncreased',
    });
  });

  it('a validator leaving reassigns exactly the owners it served', async () => {
    const leaver = validators[1]!;
    const served: string[] = [];
    for (const v of validators) {
      if (v === leaver) continue;
      if ((await assignment(v)).providers.some((p) => p.eq(leaver.tss.publicKey)))
        served.push(v.tss.address);
    }
    expect(served.length).toBeGreaterThan(0);
    await chain.api.tx.registry.chill().signAndSend(leaver.operator);
    const before = (await bestBlock(chain.api)).number;
    await nextSession();
    const after = (await bestBlock(chain.api)).number;

    const reassigned: string[] = [];
    for (let n = before + 1; n <= after; n++) {
      const hash = await chain.api.rpc.chain.getBlockHash(n);
      for (const { event } of await chain.api.query.system.events.at(hash)) {
        if (chain.api.events.backups.Reassigned.is(event)) {
          expect(event.data.removed.map((r) => r.toString())).toEqual([
            chain.api.createType('AccountId32', leaver.tss.address).toString(),
          ]);
          reassigned.push(byAccount(event.data.owner.toString()).tss.address);
        }
      }
    }
    expect(reassigned.sort()).toEqual(served.sort());
    for (const address of served) {
      const a = await assignment(byAccount(address));
      expect(a.providers.some((p) => p.eq(leaver.tss.publicKey))).toBe(false);
      // Two-phase: the confirmed holders still include the leaver until reconfirmation.
      expect(a.confirmedProviders.some((p) => p.eq(leaver.tss.publicKey))).toBe(true);
    }
  });

  it('records a release receipt once and refuses a duplicate', async () => {
    const owner = validators[0]!;
    await chain.newBlocks(3);
    const block = await bestBlock(chain.api);
    const recovery = randomAsU8a(32);
    await submitRestartAttestation(chain.api, {
      tssAccount: owner.tss.address,
      incarnation: 1,
      recoveryPublicKey: recovery,
      quote: owner.quote(chain.api, 'restart', block, 1, recovery),
      genesisHash: chain.api.genesisHash.toHex(),
      block,
      restartKey: owner.restart,
    });
    const holder = byAccount((await assignment(owner)).confirmedProviders[0]!.toString());
    await recordRelease(chain.api, {
      provider: holder.tss,
      owner: owner.tss.address,
      incarnation: 1,
    });
    const receipt = await chain.api.query.backups.releaseReceipts(
      owner.tss.address,
      1,
      holder.tss.address,
    );
    expect(receipt.isSome).toBe(true);
    await expect(
      recordRelease(chain.api, { provider: holder.tss, owner: owner.tss.address, incarnation: 1 }),
    ).rejects.toMatchObject({ palletError: 'backups.DuplicateReceipt' });
  });
});
