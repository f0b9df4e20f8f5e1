import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration } from '@polkadot/api/types';
import { u8aEq } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { ChainError } from './errors.js';

/** Parameters of {@link confirmedCommitments}. */
export interface ConfirmedCommitmentsParameters {
  owner: string;
  /** The owner's confirmed epoch, as the state read says. */
  epoch: number;
  /** Block in which that epoch was confirmed (`BackupState::confirmed_at`). */
  confirmedAt: number;
  /** The confirmed holders, in the chain's order. */
  holders: string[];
}

/** Per confirmed holder (same order), the share commitment the chain accepted. */
export type ConfirmedCommitmentsReturnType = Uint8Array[];

/** Errors: `ChainError` with code `CONFIRMATION_NOT_FOUND`. */
export type ConfirmedCommitmentsErrorType = ChainError;

/**
 * The share commitment each holder of `owner`'s confirmed epoch acknowledged, read from
 * the `backups.confirm_epoch` extrinsic that the chain included, and whose every
 * acknowledgement signature it checked, in block `confirmedAt` (the one whose events
 * hold `EpochConfirmed` for this owner and epoch). Chain-bound: nobody but the provider
 * could have signed its commitment, and only that extrinsic confirmed the epoch. Throws
 * {@link ChainError} when the block or the extrinsic is not found (a node that pruned
 * block bodies).
 *
 * @example
 * const commitments = await confirmedCommitments(api, { owner, epoch: 3, confirmedAt: 120, holders });
 */
export async function confirmedCommitments(
  api: ApiPromise,
  p: ConfirmedCommitmentsParameters,
): Promise<ConfirmedCommitmentsReturnType> {
  const notFound = (why: string) =>
    new ChainError(
      'CONFIRMATION_NOT_FOUND',
      `no confirmation of epoch ${p.epoch} found in block ${p.confirmedAt}`,
      why,
    );
  const hash = await api.rpc.chain.getBlockHash(p.confirmedAt);
  if (hash.isEmpty) throw notFound('the node does not have that block');
  const [block, at] = await Promise.all([api.rpc.chain.getBlock(hash), api.at(hash)]);
  const events = await (at as ApiDecoration<'promise'>).query.system.events();
  const owner = decodeAddress(p.owner);
  for (const { event, phase } of events) {
    if (!phase.isApplyExtrinsic || !api.events.backups.EpochConfirmed.is(event)) continue;
    if (!u8aEq(event.data.owner.toU8a(), owner) || event.data.epoch.toNumber() !== p.epoch)
      continue;
    const extrinsic = block.block.extrinsics[phase.asApplyExtrinsic.toNumber()];
    if (!extrinsic || !api.tx.backups.confirmEpoch.is(extrinsic.method))
      throw notFound('EpochConfirmed is not from a confirm_epoch extrinsic');
    const acks = extrinsic.method.args[3];
    return p.holders.map((holder) => {
      const ack = acks.find((a) => u8aEq(a.provider.toU8a(), decodeAddress(holder)));
      if (!ack) throw notFound(`no acknowledgement of holder ${holder}`);
      return ack.shareCommitment.toU8a();
    });
  }
  throw notFound('no EpochConfirmed for this owner and epoch');
}
