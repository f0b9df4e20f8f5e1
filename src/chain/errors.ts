import type { ApiPromise } from '@polkadot/api';
import { BaseError } from '../errors/base.js';

/** The fixed codes of {@link ChainError} and its subclasses. */
export type ChainErrorCode =
  /** The node could not be reached or dropped the connection. */
  | 'CHAIN_UNREACHABLE'
  /** The pool refused the transaction (see {@link TransactionRejectedError}). */
  | 'TX_REJECTED'
  /** The pool dropped the transaction before any block had it. */
  | 'TX_DROPPED'
  /** No block included the transaction in time. */
  | 'TX_TIMEOUT'
  /** The transaction was included and failed (see {@link DispatchFailedError}). */
  | 'DISPATCH_FAILED'
  /** The attestation pallet refused a quote. */
  | 'ATTESTATION_REJECTED'
  /** The chain anchors a newer store version than this instance's store holds. */
  | 'STORE_VERSION_AHEAD'
  /** The anchor was closed (the companion is stopping or was fenced). */
  | 'ANCHOR_CLOSED'
  // A call was included without the event that shows it took effect:
  | 'ATTESTATION_NOT_RECORDED'
  | 'CHECKPOINT_NOT_RECORDED'
  | 'COLD_REQUEST_NOT_RECORDED'
  | 'COLLATERAL_NOT_CACHED'
  | 'CONFIRMATION_NOT_FOUND'
  | 'CONFIRMATION_NOT_RECORDED'
  | 'ESCROW_NOT_DEPOSITED'
  | 'ESCROW_NOT_RELEASED'
  | 'RECEIPT_NOT_RECORDED'
  | 'REGISTRATION_NOT_RECORDED'
  | 'REPORT_NOT_RECORDED'
  | 'ROLLBACK_NOT_RECORDED';

/** Base of the chain-side errors: a {@link BaseError} raised talking to the chain. */
export class ChainError extends BaseError {
  override name: string = 'ChainError';
  constructor(
    override readonly code: ChainErrorCode,
    shortMessage: string,
    details?: string,
    options?: { cause?: unknown },
  ) {
    super(code, shortMessage, details, options);
  }
}

/**
 * The transaction pool refused a transaction. For the custom errors of our pallets,
 * `palletError` names the pallet error (the runtime puts the error's index into
 * `InvalidTransaction::Custom`).
 */
export class TransactionRejectedError extends ChainError {
  override readonly name = 'TransactionRejectedError';
  constructor(
    readonly palletError: string | undefined,
    details: string,
    options?: { cause?: unknown },
  ) {
    super(
      'TX_REJECTED',
      palletError ? `transaction rejected: ${palletError}` : 'transaction rejected',
      details,
      options,
    );
  }
}

/** A dispatched extrinsic failed in its block with a module error. */
export class DispatchFailedError extends ChainError {
  override readonly name = 'DispatchFailedError';
  constructor(
    readonly palletError: string,
    details: string,
  ) {
    super('DISPATCH_FAILED', `extrinsic failed: ${palletError}`, details);
  }
}

/**
 * Turns a pool rejection (RPC error 1010, "Custom error: N") of a call to `pallet` into a
 * {@link TransactionRejectedError} naming the pallet error from metadata.
 *
 * @example
 * try { await tx.send(); } catch (e) { throw decodePoolRejection(api, 'Attestation', e); }
 */
export function decodePoolRejection(
  api: ApiPromise,
  pallet: string,
  error: unknown,
): TransactionRejectedError {
  const message = error instanceof Error ? error.message : String(error);
  const custom = /Custom error: (\d+)/i.exec(message) ?? /"custom":\s*(\d+)/i.exec(message);
  if (!custom) return new TransactionRejectedError(undefined, message, { cause: error });
  const palletMeta = api.registry.metadata.pallets.find((p) => p.name.toString() === pallet);
  if (!palletMeta) return new TransactionRejectedError(undefined, message, { cause: error });
  try {
    const meta = api.registry.findMetaError({
      index: palletMeta.index.toBn(),
      error: api.createType('u8', Number(custom[1])).toBn(),
    });
    return new TransactionRejectedError(`${meta.section}.${meta.name}`, meta.docs.join(' '), {
      cause: error,
    });
  } catch {
    return new TransactionRejectedError(undefined, message, { cause: error });
  }
}

/** The fixed codes of {@link StateProofError}. */
export type StateProofErrorCode =
  /** The proof's header does not hash to the block hash the caller trusts. */
  | 'PROOF_BLOCK_MISMATCH'
  /** The header or the trie nodes do not decode. */
  | 'PROOF_MALFORMED';

/** A storage read proof was refused as a whole: nothing it carries is used. */
export class StateProofError extends BaseError {
  override name = 'StateProofError';
  constructor(
    override readonly code: StateProofErrorCode,
    shortMessage: string,
    details?: string,
  ) {
    super(code, shortMessage, details);
  }
}
