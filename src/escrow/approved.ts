import type { ApiPromise } from '@polkadot/api';
import { u8aEq } from '@polkadot/util';
import { registeredRestartKey } from '../chain/escrow.js';

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
  requestedAt: number;
  approvedAt: number;
  /** This member's part of the deposit. */
  deposit: { generation: number; sealedShare: Uint8Array; commitment: Uint8Array };
}

/** What {@link approvedRequestsFor} read at one finalized block. */
export interface ApprovedRequests {
  finalized: { number: number; hash: string };
  /**
   * The member's place in the committee in force: undefined when the network has no
   * committee or the account is not a member.
   */
  member?: { index: number; generation: number; registeredSealingKey: Uint8Array };
  /** Requests to release to, in the chain's storage order. */
  requests: ApprovedRequest[];
  /** Requests left out, as `<owner>/<incarnation>` with why. */
  skipped: { request: string; reason: string }[];
}

/**
 * Reads, at the finalized head only, the cold requests escrow member `memberAccount` may
 * release to: approved by governance, for the owner's latest attested incarnation, not yet
 * released by this member, with a deposit of the committee in force and a registered
 * restart key. An approval or attestation on a fork that may be dropped is never returned.
 * The chain checks approval, lifetime, incarnation and generation again when the release
 * is submitted.
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
    requests: [],
    skipped: [],
  };
  const committee = await at.query.backups.committee();
  if (committee.isNone) return out;
  const c = committee.unwrap();
  const index = c.members.findIndex((m) => u8aEq(m.account.toU8a(), memberAccount));
  if (index < 0) return out;
  const generation = c.generation.toNumber();
  out.member = { index, generation, registeredSealingKey: c.members[index]!.sealingKey.toU8a() };
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
    if ((await at.query.backups.escrowReleases(owner, incarnation, index)).isSome) {
      skip('already released');
      continue;
    }
    const deposit = await at.query.backups.escrowDeposits(owner, request.epoch);
    if (deposit.isNone || deposit.unwrap().generation.toNumber() !== generation) {
      skip('no deposit of the committee in force');
      continue;
    }
    const restartKey = await registeredRestartKey(at, owner);
    if (!restartKey) {
      skip('the owner is no longer registered');
      continue;
    }
    const d = deposit.unwrap();
    out.requests.push({
      owner,
      incarnation,
      epoch: request.epoch.toNumber(),
      escrowKey: request.escrowKey.toU8a(),
      restartKey,
      requestedAt: request.requestedAt.toNumber(),
      approvedAt: request.approvedAt.unwrap().toNumber(),
      deposit: {
        generation,
        sealedShare: d.sealed[index]!.toU8a(),
        commitment: d.commitments[index]!.toU8a(),
      },
    });
  }
  return out;
}
