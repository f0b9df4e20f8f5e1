import type { ApiPromise } from '@polkadot/api';
import { u8aEq } from '@polkadot/util';
import type { Logger } from 'pino';
import { releaseEscrowShare } from '../chain/escrow.js';
import { zeroize } from '../crypto/aead.js';
import { crashPoint } from '../faults/crashPoints.js';
import { approvedRequestsFor } from './approved.js';
import type { EscrowMemberKeys } from './memberKeys.js';
import { openDepositShare, sealEscrowRelease } from './shares.js';

/** What one pass of {@link releaseApprovedShares} did. */
export interface ReleasePass {
  /** The committees (by generation) this member is in and their deposits still served. */
  memberOf: number[];
  /** Requests released to in this pass, as `<owner>/<incarnation>`. */
  released: string[];
  /** Requests skipped, with why (not approved, superseded, already released, …). */
  skipped: { request: string; reason: string }[];
}

/**
 * One pass of an escrow member over finalized chain state: for every cold request
 * {@link approvedRequestsFor} returns, it opens its own share of the deposit (under the
 * owner's registered restart key, checked against the deposit's commitment), seals it to
 * the request's escrow key (bound by the owner's restart quote) and submits the signed
 * release. Errors of one request are logged and skipped; the next pass tries again. A
 * committee that registers another sealing key for this member is logged once per
 * generation across the passes that share `wrongKeyLogged`.
 */
export async function releaseApprovedShares(
  api: ApiPromise,
  keys: EscrowMemberKeys,
  logger: Logger,
  wrongKeyLogged: Set<number> = new Set(),
): Promise<ReleasePass> {
  const approved = await approvedRequestsFor(api, keys.signer.publicKey);
  const pass: ReleasePass = {
    memberOf: approved.memberships.map((m) => m.generation),
    released: [],
    skipped: approved.skipped,
  };
  const genesisHash = api.genesisHash.toU8a();
  for (const request of approved.requests) {
    const { owner, incarnation } = request;
    const { memberIndex, generation } = request.deposit;
    if (!u8aEq(request.deposit.sealingKey, keys.sealingKey)) {
      // Its shares of that generation were sealed to another key: nothing to open.
      if (!wrongKeyLogged.has(generation)) {
        wrongKeyLogged.add(generation);
        logger.error(
          { generation, memberIndex },
          'the chain registers another sealing key for this member in this committee; its requests are skipped',
        );
      }
      pass.skipped.push({
        request: `${owner}/${incarnation}`,
        reason: `committee ${generation} registers another sealing key for this member`,
      });
      continue;
    }
    let held: Uint8Array | undefined;
    try {
      held = await openDepositShare(
        request.deposit.sealedShare,
        request.deposit.commitment,
        keys.sealingPrivateKey,
        {
          genesisHash,
          owner,
          restartKey: request.restartKey,
          epoch: request.epoch,
          generation: request.deposit.generation,
        },
        memberIndex,
      );
      const sealed = await sealEscrowRelease(
        held,
        request.escrowKey,
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
      crashPoint('escrow.share-released');
      pass.released.push(`${owner}/${incarnation}`);
      logger.info(
        { owner, incarnation, memberIndex },
        'escrow share released to an approved cold recovery',
      );
    } catch (error) {
      pass.skipped.push({
        request: `${owner}/${incarnation}`,
        reason: error instanceof Error ? error.message : String(error),
      });
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
  const wrongKeyLogged = new Set<number>();
  try {
    while (!options.signal.aborted) {
      try {
        await releaseApprovedShares(api, keys, logger, wrongKeyLogged);
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
