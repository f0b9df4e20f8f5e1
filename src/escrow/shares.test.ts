/**
 * Escrow shares end to end in-process: a deposit for a 3-member, 2-of-3 committee, each
 * member opening its share and releasing it to an owner's escrow key, the owner recovering
 * the exact KEK; and every way a member, the host or a replay can try to break it.
 */

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateHpkeKeyPair, type HpkeKeyPair } from '../crypto/hpke.js';
import { EscrowError } from '../errors/escrow.js';
import {
  type DepositContext,
  makeEscrowDeposit,
  openDepositShare,
  recoverKekFromEscrow,
  sealEscrowRelease,
} from './shares.js';

let owner: string;
let members: HpkeKeyPair[];
let escrowKey: HpkeKeyPair;
const genesisHash = randomAsU8a(32);
const restartKey = randomAsU8a(32);

beforeAll(async () => {
  await cryptoWaitReady();
  owner = new Keyring({ type: 'sr25519' }).addFromUri('//EscrowOwner').address;
  members = await Promise.all([0, 1, 2].map(() => generateHpkeKeyPair()));
  escrowKey = await generateHpkeKeyPair();
});

const context = (): DepositContext => ({
  genesisHash,
  owner,
  restartKey,
  epoch: 4,
  generation: 2,
});

async function deposit(kek: Uint8Array) {
  return await makeEscrowDeposit(kek.slice(), context(), {
    threshold: 2,
    sealingKeys: members.map((m) => m.publicKey),
  });
}

/** Member `i` opens its share and releases it to incarnation 3. */
async function release(d: Awaited<ReturnType<typeof deposit>>, i: number, incarnation = 3) {
  const held = await openDepositShare(
    d.sealed[i]!,
    d.commitments[i]!,
    members[i]!.privateKey,
    context(),
    i,
  );
  return {
    memberIndex: i,
    sealed: await sealEscrowRelease(held, escrowKey.publicKey, genesisHash, owner, incarnation, i),
  };
}

describe('escrow shares', () => {
  it('any two members give the owner back the exact KEK', async () => {
    const kek = randomAsU8a(32);
    const d = await deposit(kek);
    expect(d.sealed).toHaveLength(3);
    expect(d.sealed.every((s) => s.length === 113)).toBe(true);
    for (const pair of [
      [0, 1],
      [1, 2],
      [0, 2],
    ]) {
      const releases = await Promise.all(pair.map((i) => release(d, i!)));
      const got = await recoverKekFromEscrow(
        releases,
        escrowKey.privateKey,
        { commitments: d.commitments, threshold: 2 },
        context(),
        3,
      );
      expect(got.kek).toEqual(kek);
      expect(got.good).toEqual(pair);
    }
  });

  it('a member cannot open another member’s share, nor one bound to another owner, restart key, epoch or generation', async () => {
    const d = await deposit(randomAsU8a(32));
    await expect(
      openDepositShare(d.sealed[0]!, d.commitments[0]!, members[1]!.privateKey, context(), 0),
    ).rejects.toMatchObject({
      code: 'SHARE_UNOPENABLE',
    });
    for (const other of [
      { epoch: 5 },
      { generation: 3 },
      // A request signed by another restart key cannot be paired with this deposit.
      { restartKey: randomAsU8a(32) },
      { owner: new Keyring({ type: 'sr25519' }).addFromUri('//Other').address },
    ]) {
      await expect(
        openDepositShare(
          d.sealed[0]!,
          d.commitments[0]!,
          members[0]!.privateKey,
          { ...context(), ...other },
          0,
        ),
      ).rejects.toMatchObject({ code: 'SHARE_UNOPENABLE' });
    }
    // The right key, but a commitment that is not the share's.
    await expect(
      openDepositShare(d.sealed[0]!, d.commitments[1]!, members[0]!.privateKey, context(), 0),
    ).rejects.toMatchObject({
      code: 'COMMITMENT_MISMATCH',
    });
  });

  it('the owner skips a lying member and still recovers from two honest ones', async () => {
    const kek = randomAsU8a(32);
    const d = await deposit(kek);
    const honest = [await release(d, 1), await release(d, 2)];
    // Member 0 seals garbage of the right length to the escrow key; another replays
    // member 1's release under its own index.
    const garbage = {
      memberIndex: 0,
      sealed: await sealEscrowRelease(
        randomAsU8a(65),
        escrowKey.publicKey,
        genesisHash,
        owner,
        3,
        0,
      ),
    };
    const replayed = { memberIndex: 0, sealed: honest[0]!.sealed };
    const got = await recoverKekFromEscrow(
      [garbage, replayed, ...honest],
      escrowKey.privateKey,
      { commitments: d.commitments, threshold: 2 },
      context(),
      3,
    );
    expect(got.kek).toEqual(kek);
    expect(got.bad).toEqual([0, 0]);
    expect(got.good).toEqual([1, 2]);
  });

  it('releases for another incarnation, or too few good ones, never combine', async () => {
    const d = await deposit(randomAsU8a(32));
    const old = [await release(d, 0, 2), await release(d, 1, 2)];
    const error = await recoverKekFromEscrow(
      old,
      escrowKey.privateKey,
      { commitments: d.commitments, threshold: 2 },
      context(),
      3,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(EscrowError);
    expect(error).toMatchObject({ code: 'NOT_ENOUGH_SHARES' });
    expect(String(error.message)).toContain('members 0, 1');
    const one = [await release(d, 0)];
    await expect(
      recoverKekFromEscrow(
        one,
        escrowKey.privateKey,
        { commitments: d.commitments, threshold: 2 },
        context(),
        3,
      ),
    ).rejects.toMatchObject({ code: 'NOT_ENOUGH_SHARES' });
    // A release sealed to a key other than the escrow key does not open.
    const elsewhere = await generateHpkeKeyPair();
    await expect(
      recoverKekFromEscrow(
        old,
        elsewhere.privateKey,
        { commitments: d.commitments, threshold: 2 },
        context(),
        2,
      ),
    ).rejects.toMatchObject({ code: 'NOT_ENOUGH_SHARES' });
  });

  it('refuses a KEK of the wrong length and sealed shares of the wrong length', async () => {
    await expect(
      makeEscrowDeposit(randomAsU8a(31), context(), {
        threshold: 2,
        sealingKeys: members.map((m) => m.publicKey),
      }),
    ).rejects.toMatchObject({ code: 'KEK_LENGTH' });
    const d = await deposit(randomAsU8a(32));
    await expect(
      openDepositShare(
        d.sealed[0]!.subarray(1),
        d.commitments[0]!,
        members[0]!.privateKey,
        context(),
        0,
      ),
    ).rejects.toMatchObject({ code: 'SHARE_UNOPENABLE' });
  });
});
