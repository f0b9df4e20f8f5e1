import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { rollbackPayload, signPayload } from './backupPayloads.js';
import { ChainError } from './errors.js';
import { submitAndWatch } from './submit.js';

/** Parameters of {@link acceptRollback}. */
export interface AcceptRollbackParameters {
  /** The owner's TSS key. */
  owner: KeyringPair;
  /** The owner's current incarnation (the instance that just attested). */
  incarnation: number;
  /** The older store version the operator accepts; must be below the anchored one. */
  storeVersion: bigint;
}

/**
 * Records on chain (fee-free) that the operator accepts recovering from an older store,
 * and waits for `backups.RollbackAccepted`; the chain then anchors `storeVersion`.
 * Errors: `TransactionRejectedError` (e.g. `backups.NotARollback`,
 * `backups.StaleIncarnation`), `ChainError`.
 *
 * @example
 * await acceptRollback(api, { owner: tssKey, incarnation: 3, storeVersion: 41n });
 */
export async function acceptRollback(
  api: ApiPromise,
  p: AcceptRollbackParameters,
): Promise<{ blockHash: string; blockNumber: number; anchoredVersion: bigint }> {
  const signature = signPayload(
    p.owner,
    rollbackPayload(api, p.owner.address, p.incarnation, p.storeVersion),
  );
  const tx = api.tx.backups.acceptRollback(
    p.owner.address,
    p.incarnation,
    p.storeVersion,
    u8aToHex(signature),
  );
  const inclusion = await submitAndWatch(api, tx, 'Backups');
  const event = inclusion.events.find(({ event }) => api.events.backups.RollbackAccepted.is(event));
  if (!event || !api.events.backups.RollbackAccepted.is(event.event)) {
    throw new ChainError(
      'ROLLBACK_NOT_RECORDED',
      'accept_rollback included without RollbackAccepted',
    );
  }
  return {
    blockHash: inclusion.blockHash,
    blockNumber: inclusion.blockNumber,
    anchoredVersion: event.event.data.anchoredVersion.toBigInt(),
  };
}
