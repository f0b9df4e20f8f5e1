import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { type Acknowledgement, confirmPayload, signPayload } from './backupPayloads.js';
import { ChainError } from './errors.js';
import { submitAndWatch } from './submit.js';

/** Parameters of {@link confirmEpoch}. */
export interface ConfirmEpochParameters {
  /** The owner's TSS key (signs the confirmation). */
  owner: KeyringPair;
  epoch: number;
  storeVersion: bigint;
  /** At least `threshold` acknowledgements from providers of that epoch. */
  acks: Acknowledgement[];
}

/** Where the confirmation landed. */
export interface ConfirmEpochReturnType {
  blockHash: string;
  holders: string[];
}

/** Errors: `TransactionRejectedError` naming the pallet error, `ChainError`. */
export type ConfirmEpochErrorType = ChainError;

/**
 * Confirms a backup epoch on chain (fee-free; the TSS account needs no funds) and waits
 * for `EpochConfirmed`.
 *
 * @example
 * await confirmEpoch(api, { owner: tssKey, epoch: 2, storeVersion: 7n, acks });
 */
export async function confirmEpoch(
  api: ApiPromise,
  p: ConfirmEpochParameters,
): Promise<ConfirmEpochReturnType> {
  const signature = signPayload(
    p.owner,
    confirmPayload(api, p.owner.address, p.epoch, p.storeVersion, p.acks),
  );
  const tx = api.tx.backups.confirmEpoch(
    p.owner.address,
    p.epoch,
    p.storeVersion,
    p.acks.map((a) => ({
      provider: a.provider,
      providerIncarnation: a.providerIncarnation,
      shareCommitment: u8aToHex(a.shareCommitment),
      signature: u8aToHex(a.signature),
    })),
    u8aToHex(signature),
  );
  const inclusion = await submitAndWatch(api, tx, 'Backups');
  for (const { event } of inclusion.events) {
    if (api.events.backups.EpochConfirmed.is(event)) {
      return {
        blockHash: inclusion.blockHash,
        holders: event.data.holders.map((h) => h.toString()),
      };
    }
  }
  throw new ChainError(
    'CONFIRMATION_NOT_RECORDED',
    'confirm_epoch included without EpochConfirmed',
  );
}
