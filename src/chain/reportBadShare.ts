import type { ApiPromise } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { ChainError } from './errors.js';
import { submitAndWatch } from './submit.js';

/**
 * Everything the chain needs to check, on its own, that `provider` signed a release for
 * `owner`'s `incarnation` whose share does not open to the commitment the chain recorded
 * (`backups.report_bad_share`).
 */
export interface BadShareReport {
  owner: string;
  provider: string;
  incarnation: number;
  /** The confirmed epoch the release was for. */
  epoch: number;
  /** Every holder's recovery public key, in holder order (their root is on chain). */
  recoveryKeys: Uint8Array[];
  /**
   * The private half of `provider`'s recovery key only. It opens nothing but what that
   * provider chose to seal to it, so revealing it exposes no other holder's share.
   */
  revealedKey: Uint8Array;
  enc: Uint8Array;
  ciphertext: Uint8Array;
  /** The provider's signature over its release statement. */
  signature: Uint8Array;
}

/** What the chain found: which kind of bad share, in which block. */
export interface BadShareProven {
  blockHash: string;
  blockNumber: number;
  /** `Undecryptable`, `WrongLength` or `CommitmentMismatch`. */
  kind: string;
}

/** Errors: `TransactionRejectedError` naming the pallet error (a false report is refused), `ChainError`. */
export type ReportBadShareErrorType = ChainError;

/**
 * Submits the fee-free report (an unsigned transaction: the proof authorises it, the
 * owner needs no funds) and waits for `BadShareProven`. The chain refuses a report whose
 * share does match its commitment (`ShareMatchesCommitment`), so an honest holder can
 * never be named.
 *
 * @example
 * const { kind } = await reportBadShare(api, report);
 */
export async function reportBadShare(api: ApiPromise, r: BadShareReport): Promise<BadShareProven> {
  const tx = api.tx.backups.reportBadShare({
    owner: r.owner,
    provider: r.provider,
    incarnation: r.incarnation,
    epoch: r.epoch,
    recoveryKeys: r.recoveryKeys.map((k) => u8aToHex(k)),
    revealedKey: u8aToHex(r.revealedKey),
    enc: u8aToHex(r.enc),
    ciphertext: u8aToHex(r.ciphertext),
    signature: u8aToHex(r.signature),
  });
  const inclusion = await submitAndWatch(api, tx, 'Backups');
  for (const { event } of inclusion.events) {
    if (api.events.backups.BadShareProven.is(event)) {
      return {
        blockHash: inclusion.blockHash,
        blockNumber: inclusion.blockNumber,
        kind: event.data.kind.type,
      };
    }
  }
  throw new ChainError('REPORT_NOT_RECORDED', 'report_bad_share included without BadShareProven');
}
