import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { releasePayload, signPayload } from './backupPayloads.js';
import { ChainError } from './errors.js';
import { submitAndWatch } from './submit.js';

/** Parameters of {@link recordRelease}. */
export interface RecordReleaseParameters {
  /** The provider's TSS key (signs the receipt). */
  provider: KeyringPair;
  /** The owner whose share was released. */
  owner: string;
  /** The owner's incarnation it was released to. */
  incarnation: number;
}

/** Errors: `TransactionRejectedError` naming the pallet error, `ChainError`. */
export type RecordReleaseErrorType = ChainError;

/**
 * Records a release receipt on chain (fee-free) and waits for `ReleaseRecorded`.
 *
 * @example
 * await recordRelease(api, { provider: tssKey, owner, incarnation: 1 });
 */
export async function recordRelease(
  api: ApiPromise,
  p: RecordReleaseParameters,
): Promise<{ blockHash: string }> {
  const signature = signPayload(
    p.provider,
    releasePayload(api, p.provider.address, p.owner, p.incarnation),
  );
  const tx = api.tx.backups.recordRelease(
    p.provider.address,
    p.owner,
    p.incarnation,
    u8aToHex(signature),
  );
  const inclusion = await submitAndWatch(api, tx, 'Backups');
  if (!inclusion.events.some(({ event }) => api.events.backups.ReleaseRecorded.is(event))) {
    throw new ChainError('RECEIPT_NOT_RECORDED', 'record_release included without ReleaseRecorded');
  }
  return { blockHash: inclusion.blockHash };
}
