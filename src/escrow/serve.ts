import type { ApiPromise } from '@polkadot/api';
import { u8aEq } from '@polkadot/util';
import type { Logger } from 'pino';
import { releaseEscrowShare } from '../chain/escrow.js';
import { zeroize } from '../crypto/aead.js';
import type { EscrowMemberKeys } from './memberKeys.js';
import { openDepositShare, sealEscrowRelease } from './shares.js';

/** What one pass of {@link releaseApprovedShares} did. */
export interface ReleasePass {
  /** The member's index in the committee in force; undefined when it is not a member. */
  memberIndex?: number;
  /** Requests released to in this pass, as `<owner>/<incarnation>`. */
  released: string[];
  /** Requests skipped, with why (not approved, superseded, already released, …). */
  skipped: { request: string; reason: string }[];
}

/**
 * One pass of an escrow member over finalized chain state: for every cold request that
 * governance approved, that is for its owner's latest attested incarnation, whose deposit
 * was made for the committee in force, and that this member has not released to yet, it
 * opens its own share of the deposit (checked against the deposit's commitment), seals it
 * to the request's escrow key (bound by the owner's restart quote) and submits the signed
 * release. Reads finalized state only: an approval or an attestation on a fork that is
 * dropped is never served. Errors of one request are logged and skipped; the next pass
 * tries again.
 */
export async function releaseApprovedShares(
  api: ApiPromise,
  keys: EscrowMemberKeys,
  logger: Logger,
): Promise<ReleasePass> {
  const finalized = await api.rpc.chain.getFinalizedHead();
  const at = await api.at(finalized);
  const pass: ReleasePass = { released: [], skipped: [] };
  const committee = await at.query.backups.committee();
  if (committee.isNone) return pass;
  const c = committee.unwrap();
  const memberIndex = c.members.findIndex((m) => u8aEq(m.account.toU8a(), keys.signer.publicKey));
  if (memberIndex < 0) return pass;
  pass.memberIndex = memberIndex;
  if (!u8aEq(c.members[memberIndex]!.sealingKey, keys.sealingKey)) {
    logger.error(
      { memberIndex },
      'the chain registers another sealing key for this member; nothing released',
    );
    return pass;
  }
  const genesisHash = api.genesisHash.toU8a();
  for (const [key, value] of await at.query.backups.coldRequests.entries()) {
    const owner = key.args[0].toString();
    const request = value.unwrap();
    const incarnation = request.incarnation.toNumber();
    const name = `${owner}/${incarnation}`;
    const skip = (reason: string) => pass.skipped.push({ request: name, reason });
    if (request.approvedAt.isNone) {
      skip('not approved');
      continue;
    }
    const record = await at.query.attestation.attestations(owner);
    if (record.isNone || record.unwrap().incarnation.toNumber() !== incarnation) {
      skip('superseded: not the owner’s latest attested incarnation');
      continue;
    }
    if ((await at.query.backups.escrowReleases(owner, incarnation, memberIndex)).isSome) {
      skip('already released');
      continue;
    }
    const deposit = await at.query.backups.escrowDeposits(owner, request.epoch);
    if (deposit.isNone || deposit.unwrap().generation.toNumber() !== c.generation.toNumber()) {
      skip('no deposit of the committee in force');
      continue;
    }
    const d = deposit.unwrap();
    const context = {
      genesisHash,
      owner,
      epoch: request.epoch.toNumber(),
      generation: d.generation.toNumber(),
    };
    let held: Uint8Array | undefined;
    try {
      held = await openDepositShare(
        d.sealed[memberIndex]!.toU8a(),
        d.commitments[memberIndex]!.toU8a(),
        keys.sealingPrivateKey,
        context,
        memberIndex,
      );
      const sealed = await sealEscrowRelease(
        held,
        request.escrowKey.toU8a(),
        genesisHash,
        owner,
        incarnation,
        memberIndex,
      );
      await releaseEscrowShare(api, {
        member: keys.signer,
        memberIndex,
        owner,
        incarnation,
        sealed,
      });
      pass.released.push(name);
      logger.info(
        { owner, incarnation, memberIndex },
        'escrow share released to an approved cold recovery',
      );
    } catch (error) {
      skip(error instanceof Error ? error.message : String(error));
      logger.warn(
        { owner, incarnation, memberIndex, err: error },
        'escrow release failed; retrying next pass',
      );
    } finally {
      if (held) zeroize(held);
    }
  }
  return pass;
}

/**
 * `custos escrow serve`: runs {@link releaseApprovedShares} at every new finalized head
 * (and every `pollMs` at least), one pass at a time, until `signal` aborts.
 */
export async function serveEscrow(
  api: ApiPromise,
  keys: EscrowMemberKeys,
  logger: Logger,
  options: { pollMs: number; signal: AbortSignal },
): Promise<void> {
  let wake: (() => void) | undefined;
  const unsubscribe = await api.rpc.chain.subscribeFinalizedHeads(() => wake?.());
  const onAbort = () => wake?.();
  options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    while (!options.signal.aborted) {
      try {
        await releaseApprovedShares(api, keys, logger);
      } catch (error) {
        logger.warn({ err: error }, 'escrow pass failed; retrying');
      }
      if (options.signal.aborted) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    unsubscribe();
  }
}
