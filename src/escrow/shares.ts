import { u8aConcat } from '@polkadot/util';
import { blake2AsU8a, randomAsU8a } from '@polkadot/util-crypto';
import type { EscrowDeposit } from '../chain/escrow.js';
import { SEALED_ESCROW_SHARE_BYTES } from '../chain/escrow.js';
import { hpkeOpen, hpkeSeal } from '../crypto/hpke.js';
import { combineShares, splitSecret } from '../crypto/shamir.js';
import { EscrowError } from '../errors/escrow.js';
import {
  accountBytes,
  BLINDING_BYTES,
  HELD_SHARE_BYTES,
  KEK_BYTES,
  SHARE_BYTES,
} from '../protocol/messages.js';

/**
 * The escrow shares of the cold path (docs/backups.md, decision 0008): the owner splits a
 * KEK `t_e`-of-`m` for the committee and seals share `i` ‖ a blinding value to member
 * `i`'s x25519 key; member `i` opens it and seals it again to the escrow key an approved
 * cold request names; the owner opens the releases, keeps those that match the
 * commitments of its deposit and combines them. Byte layouts mirror the backups pallet's
 * docs (`tags::ESCROW_*`, `escrow_share_aad`, `escrow_release_aad`): integers are u32
 * little-endian, accounts their 32-byte public keys, the genesis hash 32 bytes.
 */
const enc = new TextEncoder();
const TAGS = {
  escrowKey: enc.encode('custos/escrow-key/1'),
  shareInfo: enc.encode('custos/escrow-share/2'),
  releaseInfo: enc.encode('custos/escrow-release-share/1'),
  commitment: enc.encode('custos/escrow-commitment/1'),
} as const;

function u32le(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

/**
 * What an escrow key contributes to a restart's recovery keys root, after the holder keys:
 * blake2-256(tag ‖ key) (the pallet's `escrow_key_entry`), so no holder key can pass as one.
 */
export function escrowKeyEntry(escrowKey: Uint8Array): Uint8Array {
  return blake2AsU8a(u8aConcat(TAGS.escrowKey, escrowKey), 256);
}

/** What binds a deposit's share to its owner, epoch, committee and member. */
export interface DepositContext {
  genesisHash: Uint8Array;
  owner: string;
  /**
   * The owner's registered restart key (32 bytes): a share opens only under it, so a
   * member checks a cold request's signature against the key the owner itself bound into
   * its deposit, not one whoever hands it the request chose (see `custos escrow sign`).
   */
  restartKey: Uint8Array;
  epoch: number;
  generation: number;
}

/**
 * HPKE `aad` of the deposit's share for `memberIndex` (the pallet's `escrow_share_aad`):
 * genesis ‖ owner ‖ restart key ‖ epoch ‖ generation ‖ member index.
 */
export function escrowShareAad(c: DepositContext, memberIndex: number): Uint8Array {
  if (c.restartKey.length !== 32)
    throw new EscrowError('KEY_LENGTH', `restartKey: ${c.restartKey.length} bytes, expected 32`);
  return u8aConcat(
    c.genesisHash,
    accountBytes(c.owner),
    c.restartKey,
    u32le(c.epoch),
    u32le(c.generation),
    u32le(memberIndex),
  );
}

/** HPKE `aad` of member `memberIndex`'s release to `owner`'s `incarnation`. */
export function escrowReleaseAad(
  genesisHash: Uint8Array,
  owner: string,
  incarnation: number,
  memberIndex: number,
): Uint8Array {
  return u8aConcat(genesisHash, accountBytes(owner), u32le(incarnation), u32le(memberIndex));
}

/** The commitment to member `memberIndex`'s held bytes (share ‖ blinding). */
export function escrowCommitment(
  c: DepositContext,
  memberIndex: number,
  held: Uint8Array,
): Uint8Array {
  return blake2AsU8a(
    u8aConcat(
      TAGS.commitment,
      c.genesisHash,
      accountBytes(c.owner),
      u32le(c.epoch),
      u32le(c.generation),
      u32le(memberIndex),
      held,
    ),
    256,
  );
}

function joinSealed(sealed: { enc: Uint8Array; ciphertext: Uint8Array }): Uint8Array {
  const out = u8aConcat(sealed.enc, sealed.ciphertext);
  if (out.length !== SEALED_ESCROW_SHARE_BYTES)
    throw new EscrowError(
      'SEALED_LENGTH',
      `sealed share is ${out.length} bytes, expected ${SEALED_ESCROW_SHARE_BYTES}`,
    );
  return out;
}

function splitSealed(bytes: Uint8Array, what: string): { enc: Uint8Array; ciphertext: Uint8Array } {
  if (bytes.length !== SEALED_ESCROW_SHARE_BYTES)
    throw new EscrowError(
      'SEALED_LENGTH',
      `${what}: ${bytes.length} bytes, expected ${SEALED_ESCROW_SHARE_BYTES}`,
    );
  return { enc: bytes.subarray(0, 32), ciphertext: bytes.subarray(32) };
}

/**
 * Splits `kek` `threshold`-of-`sealingKeys.length` and seals each share ‖ blinding to its
 * member, returning the deposit the chain takes (with `sequence`, higher than any earlier
 * deposit of the epoch). The shares and the held bytes are zeroised before returning; the
 * caller owns `kek`.
 */
export async function makeEscrowDeposit(
  kek: Uint8Array,
  context: DepositContext,
  committee: { threshold: number; sealingKeys: Uint8Array[] },
  sequence = 0,
): Promise<EscrowDeposit> {
  if (kek.length !== KEK_BYTES)
    throw new EscrowError('KEK_LENGTH', `kek: ${kek.length} bytes, expected ${KEK_BYTES}`);
  const shares = await splitSecret(kek, committee.sealingKeys.length, committee.threshold);
  const sealed: Uint8Array[] = [];
  const commitments: Uint8Array[] = [];
  try {
    for (const [i, share] of shares.entries()) {
      const held = u8aConcat(share, randomAsU8a(BLINDING_BYTES));
      try {
        commitments.push(escrowCommitment(context, i, held));
        sealed.push(
          joinSealed(
            await hpkeSeal(
              committee.sealingKeys[i]!,
              held,
              TAGS.shareInfo,
              escrowShareAad(context, i),
            ),
          ),
        );
      } finally {
        held.fill(0);
      }
    }
  } finally {
    for (const share of shares) share.fill(0);
  }
  return { generation: context.generation, sequence, sealed, commitments };
}

/**
 * Member `memberIndex` opens its share of a deposit with its x25519 private key and checks
 * it against the deposit's commitment. Throws {@link EscrowError} `SHARE_UNOPENABLE` or
 * `COMMITMENT_MISMATCH` (a deposit the owner got wrong: the member has nothing to release).
 */
export async function openDepositShare(
  sealed: Uint8Array,
  commitment: Uint8Array,
  memberPrivateKey: Uint8Array,
  context: DepositContext,
  memberIndex: number,
): Promise<Uint8Array> {
  let held: Uint8Array;
  try {
    held = await hpkeOpen(
      memberPrivateKey,
      splitSealed(sealed, 'deposit share'),
      TAGS.shareInfo,
      escrowShareAad(context, memberIndex),
      'escrow deposit share',
    );
  } catch (cause) {
    throw new EscrowError(
      'SHARE_UNOPENABLE',
      `member ${memberIndex} cannot open its deposit share`,
      undefined,
      { cause },
    );
  }
  if (
    held.length !== HELD_SHARE_BYTES ||
    !equal(escrowCommitment(context, memberIndex, held), commitment)
  ) {
    held.fill(0);
    throw new EscrowError(
      'COMMITMENT_MISMATCH',
      `member ${memberIndex}'s deposit share does not match its commitment`,
    );
  }
  return held;
}

/** Member `memberIndex` seals its held bytes to the request's escrow key. */
export async function sealEscrowRelease(
  held: Uint8Array,
  escrowKey: Uint8Array,
  genesisHash: Uint8Array,
  owner: string,
  incarnation: number,
  memberIndex: number,
): Promise<Uint8Array> {
  return joinSealed(
    await hpkeSeal(
      escrowKey,
      held,
      TAGS.releaseInfo,
      escrowReleaseAad(genesisHash, owner, incarnation, memberIndex),
    ),
  );
}

/** One member's release, as the chain keeps it. */
export interface ReleasedShare {
  memberIndex: number;
  sealed: Uint8Array;
}

/** What {@link recoverKekFromEscrow} found. */
export interface EscrowRecovery {
  kek: Uint8Array;
  /** Members whose release opened and matched its commitment. */
  good: number[];
  /** Members whose release did not open or did not match (a lying or broken member). */
  bad: number[];
}

/**
 * Opens the releases with the escrow private key, keeps those that match the deposit's
 * commitments, and combines `threshold` of them. Throws {@link EscrowError}
 * `NOT_ENOUGH_SHARES` (naming the bad members) when fewer than `threshold` are good; never
 * combines an unverified share.
 */
export async function recoverKekFromEscrow(
  releases: ReleasedShare[],
  escrowPrivateKey: Uint8Array,
  deposit: { commitments: Uint8Array[]; threshold: number },
  context: DepositContext,
  incarnation: number,
): Promise<EscrowRecovery> {
  const good: number[] = [];
  const bad: number[] = [];
  const shares: Uint8Array[] = [];
  try {
    for (const release of releases) {
      const commitment = deposit.commitments[release.memberIndex];
      let held: Uint8Array | undefined;
      try {
        held = await hpkeOpen(
          escrowPrivateKey,
          splitSealed(release.sealed, `release of member ${release.memberIndex}`),
          TAGS.releaseInfo,
          escrowReleaseAad(context.genesisHash, context.owner, incarnation, release.memberIndex),
          'escrow release',
        );
      } catch {
        bad.push(release.memberIndex);
        continue;
      }
      if (
        commitment === undefined ||
        held.length !== HELD_SHARE_BYTES ||
        !equal(escrowCommitment(context, release.memberIndex, held), commitment) ||
        good.includes(release.memberIndex)
      ) {
        bad.push(release.memberIndex);
        held.fill(0);
        continue;
      }
      good.push(release.memberIndex);
      shares.push(held.slice(0, SHARE_BYTES));
      held.fill(0);
      if (shares.length === deposit.threshold) break;
    }
    if (shares.length < deposit.threshold)
      throw new EscrowError(
        'NOT_ENOUGH_SHARES',
        `${shares.length} verified escrow shares of ${deposit.threshold} needed`,
        bad.length > 0
          ? `releases that did not open or match their commitment: members ${bad.join(', ')}`
          : undefined,
        { badMembers: bad },
      );
    return { kek: await combineShares(shares), good, bad };
  } finally {
    for (const share of shares) share.fill(0);
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
