import type { ApiPromise } from '@polkadot/api';
import { u8aEq } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';
import { coldRequestPayload, type PayloadChain, registeredRestartKey } from '../chain/escrow.js';
import { sr25519Signed } from '../crypto/signatures.js';

/** A cold request one escrow member may release to, with what its share needs. */
export interface ApprovedRequest {
  owner: string;
  incarnation: number;
  /** The confirmed epoch whose deposit the request opens. */
  epoch: number;
  /** The x25519 key the release is sealed to (bound by the owner's restart quote). */
  escrowKey: Uint8Array;
  /** The owner's registered restart key: it signed the request, and the share opens under it. */
  restartKey: Uint8Array;
  /** The holder recovery keys the request revealed (the signature covers them). */
  recoveryKeys: Uint8Array[];
  /** The restart key's signature over the request, from its extrinsic. */
  requestSignature: Uint8Array;
  requestedAt: number;
  approvedAt: number;
  /**
   * This member's part of the deposit: its share, the committee generation the deposit was
   * made for, and the member's index and registered sealing key in that committee (the
   * current one, or one governance replaced or cleared while deposits still name it).
   */
  deposit: {
    generation: number;
    memberIndex: number;
    sealingKey: Uint8Array;
    sealedShare: Uint8Array;
    commitment: Uint8Array;
  };
}

/** The member's place in one committee (current or retired). */
export interface CommitteeMembership {
  generation: number;
  index: number;
  registeredSealingKey: Uint8Array;
}

/** What {@link approvedRequestsFor} read at one finalized block. */
export interface ApprovedRequests {
  finalized: { number: number; hash: string };
  /**
   * The member's place in each committee whose deposits are still served: the one in
   * force and the retired ones deposits still name. Empty when it is in none.
   */
  memberships: CommitteeMembership[];
  /** Requests to release to, in the chain's storage order. */
  requests: ApprovedRequest[];
  /** Requests left out, as `<owner>/<incarnation>` with why. */
  skipped: { request: string; reason: string }[];
}

/**
 * Reads, at the finalized head only, the cold requests escrow member `memberAccount` may
 * release to: approved by governance, for the owner's latest attested incarnation, not yet
 * released by this member, with a deposit of a committee this member belongs to (the one in
 * force, or a retired one the chain still keeps for its deposits) and a registered restart
 * key, and whose extrinsic (in the block the request names) carries the restart
 * key's valid signature over its escrow key. An approval or attestation on a fork that may
 * be dropped is never returned. The chain checks approval, lifetime, incarnation and
 * generation again when the release is submitted.
 *
 * The signature check is what a node that lies to the member cannot pass without the
 * owner's restart key: the member's share opens only under the restart key the owner bound
 * into its deposit, so a made-up request naming another escrow key needs that key's
 * signature (see {@link signedByRestartKey}).
 */
export async function approvedRequestsFor(
  api: ApiPromise,
  memberAccount: Uint8Array,
): Promise<ApprovedRequests> {
  const hash = await api.rpc.chain.getFinalizedHead();
  const header = await api.rpc.chain.getHeader(hash);
  const at = await api.at(hash);
  const out: ApprovedRequests = {
    finalized: { number: header.number.toNumber(), hash: hash.toHex() },
    memberships: [],
    requests: [],
    skipped: [],
  };
  const current = await at.query.backups.committee();
  const committees = (await at.query.backups.retiredCommittees.entries()).map(([, c]) =>
    c.unwrap(),
  );
  if (current.isSome) committees.push(current.unwrap());
  for (const c of committees) {
    const index = c.members.findIndex((m) => u8aEq(m.account.toU8a(), memberAccount));
    if (index >= 0)
      out.memberships.push({
        generation: c.generation.toNumber(),
        index,
        registeredSealingKey: c.members[index]!.sealingKey.toU8a(),
      });
  }
  out.memberships.sort((a, b) => a.generation - b.generation);
  if (out.memberships.length === 0) return out;
  for (const [key, value] of await at.query.backups.coldRequests.entries()) {
    const owner = key.args[0].toString();
    const request = value.unwrap();
    const incarnation = request.incarnation.toNumber();
    const skip = (reason: string) =>
      out.skipped.push({ request: `${owner}/${incarnation}`, reason });
    if (request.approvedAt.isNone) {
      skip('not approved');
      continue;
    }
    const record = await at.query.attestation.attestations(owner);
    if (record.isNone || record.unwrap().incarnation.toNumber() !== incarnation) {
      skip('superseded: not the owner’s latest attested incarnation');
      continue;
    }
    const deposit = await at.query.backups.escrowDeposits(owner, request.epoch);
    if (deposit.isNone) {
      skip('no deposit for the request’s epoch');
      continue;
    }
    const generation = deposit.unwrap().generation.toNumber();
    const membership = out.memberships.find((m) => m.generation === generation);
    if (!membership) {
      skip(`this member is not in committee ${generation}, which the deposit was made for`);
      continue;
    }
    const index = membership.index;
    if ((await at.query.backups.escrowReleases(owner, incarnation, index)).isSome) {
      skip('already released');
      continue;
    }
    const restartKey = await registeredRestartKey(at, owner);
    if (!restartKey) {
      skip('the owner is no longer registered');
      continue;
    }
    const escrowKey = request.escrowKey.toU8a();
    const requestedAt = request.requestedAt.toNumber();
    const found = await requestExtrinsic(api, owner, incarnation, escrowKey, requestedAt);
    if (!found) {
      skip(`its request extrinsic is not in block ${requestedAt} on this node`);
      continue;
    }
    if (
      !signedByRestartKey(api, {
        owner,
        incarnation,
        recoveryKeys: found.recoveryKeys,
        escrowKey,
        restartKey,
        signature: found.signature,
      })
    ) {
      skip('its request is not signed by the owner’s registered restart key');
      continue;
    }
    const d = deposit.unwrap();
    out.requests.push({
      owner,
      incarnation,
      epoch: request.epoch.toNumber(),
      escrowKey,
      restartKey,
      recoveryKeys: found.recoveryKeys,
      requestSignature: found.signature,
      requestedAt,
      approvedAt: request.approvedAt.unwrap().toNumber(),
      deposit: {
        generation,
        memberIndex: index,
        sealingKey: membership.registeredSealingKey,
        sealedShare: d.sealed[index]!.toU8a(),
        commitment: d.commitments[index]!.toU8a(),
      },
    });
  }
  return out;
}

/**
 * Whether `signature` is `restartKey`'s signature over `owner`'s cold request for
 * `incarnation` with these recovery keys and escrow key (the pallet's
 * `cold_request_payload`, hashed with blake2-256). Works offline with a bare registry.
 */
export function signedByRestartKey(
  chain: PayloadChain,
  r: {
    owner: string;
    incarnation: number;
    recoveryKeys: Uint8Array[];
    escrowKey: Uint8Array;
    restartKey: Uint8Array;
    signature: Uint8Array;
  },
): boolean {
  const payload = coldRequestPayload(chain, r.owner, r.incarnation, r.recoveryKeys, r.escrowKey);
  return sr25519Signed(blake2AsU8a(payload, 256), r.signature, r.restartKey);
}

/**
 * The recovery keys and signature of `owner`'s cold request for `incarnation` with
 * `escrowKey`, from its extrinsic in block `requestedAt`, or undefined when that block's
 * body is not available (pruned) or holds no such request.
 */
async function requestExtrinsic(
  api: ApiPromise,
  owner: string,
  incarnation: number,
  escrowKey: Uint8Array,
  requestedAt: number,
): Promise<{ recoveryKeys: Uint8Array[]; signature: Uint8Array } | undefined> {
  const hash = await api.rpc.chain.getBlockHash(requestedAt);
  const block = await api.rpc.chain.getBlock(hash).catch(() => undefined);
  if (!block) return undefined;
  const ownerKey = decodeAddress(owner);
  for (const ext of block.block.extrinsics) {
    if (!api.tx.backups.requestColdRecovery.is(ext.method)) continue;
    const [who, inc, keys, key, signature] = ext.method.args;
    if (
      u8aEq(who.toU8a(), ownerKey) &&
      inc.toNumber() === incarnation &&
      u8aEq(key.toU8a(), escrowKey)
    )
      return { recoveryKeys: keys.map((k) => k.toU8a()), signature: signature.toU8a() };
  }
  return undefined;
}
