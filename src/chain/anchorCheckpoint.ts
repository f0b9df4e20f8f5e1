import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { checkpointPayload, signPayload } from './backupPayloads.js';
import { ChainError } from './errors.js';
import { submitAndWatch } from './submit.js';

/** Parameters of {@link anchorCheckpoint}. */
export interface AnchorCheckpointParameters {
  /** The owner's TSS key. */
  owner: KeyringPair;
  /** The store version to anchor; must exceed the anchored one. */
  storeVersion: bigint;
}

/** Errors: `TransactionRejectedError` (e.g. `backups.RateLimited`), `ChainError`. */
export type AnchorCheckpointErrorType = ChainError;

/**
 * Anchors a store version on chain without changing the epoch (fee-free) and waits for
 * `CheckpointAnchored`.
 *
 * @example
 * const { blockNumber } = await anchorCheckpoint(api, { owner: tssKey, storeVersion: 12n });
 */
export async function anchorCheckpoint(
  api: ApiPromise,
  p: AnchorCheckpointParameters,
): Promise<{ blockHash: string; blockNumber: number }> {
  const signature = signPayload(p.owner, checkpointPayload(api, p.owner.address, p.storeVersion));
  const tx = api.tx.backups.checkpoint(p.owner.address, p.storeVersion, u8aToHex(signature));
  const inclusion = await submitAndWatch(api, tx, 'Backups');
  if (!inclusion.events.some(({ event }) => api.events.backups.CheckpointAnchored.is(event))) {
    throw new ChainError(
      'CHECKPOINT_NOT_RECORDED',
      'checkpoint included without CheckpointAnchored',
    );
  }
  return { blockHash: inclusion.blockHash, blockNumber: inclusion.blockNumber };
}
