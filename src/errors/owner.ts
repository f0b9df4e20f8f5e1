import { BaseError } from './base.js';

/** Fewer than `t` providers answered; `failures` says which and why. */
export class NotEnoughProvidersError extends BaseError {
  override name = 'NotEnoughProvidersError';
  constructor(
    readonly phase: 'backup' | 'recovery',
    readonly needed: number,
    readonly failures: { provider: string; reason: string }[],
  ) {
    super(
      'NOT_ENOUGH_PROVIDERS',
      `${phase}: fewer than ${needed} providers answered`,
      failures.map((f) => `${f.provider}: ${f.reason}`).join('; '),
    );
  }
}

/** The chain has no backup assignment for this owner. */
export class NoAssignmentError extends BaseError {
  override name = 'NoAssignmentError';
  constructor(owner: string) {
    super('NO_ASSIGNMENT', 'no backup assignment on chain', owner);
  }
}

/**
 * The restart made recovery keys for another number of holders than the chain's confirmed
 * epoch has (it changed in between): the owner attests again with fresh keys.
 */
export class RecoveryKeysMismatchError extends BaseError {
  override name = 'RecoveryKeysMismatchError';
  constructor(keys: number, holders: number) {
    super(
      'RECOVERY_KEYS_MISMATCH',
      'recovery keys do not match the confirmed holders',
      `${keys} keys for ${holders} holders`,
    );
  }
}

/** The fixed codes of {@link PeerError}. */
export type PeerErrorCode =
  /** The provider has no registered endpoint on chain. */
  | 'PROVIDER_NOT_REGISTERED'
  /** The reply was larger than `MAX_REPLY_BYTES` (reading stopped there). */
  | 'REPLY_TOO_LARGE'
  /** The provider refused with an HTTP error; `status` and `peerCode` say how. */
  | 'PEER_REFUSED'
  /** The reply does not match the route's schema (the message names the first field). */
  | 'REPLY_MALFORMED'
  /** A share acknowledgement names another provider. */
  | 'ACK_WRONG_PROVIDER'
  /** A share acknowledgement names another share commitment. */
  | 'ACK_WRONG_COMMITMENT'
  /** A share acknowledgement was made at another incarnation than the chain records. */
  | 'ACK_STALE_INCARNATION'
  /** A share acknowledgement's signature is not the provider's. */
  | 'ACK_BAD_SIGNATURE';

/**
 * One provider's answer to an owner could not be used (the owner → provider client's
 * error domain). Its message keeps only a bounded prefix of anything the peer sent.
 * Callers collect these per provider (see {@link NotEnoughProvidersError}).
 */
export class PeerError extends BaseError {
  override name = 'PeerError';
  constructor(
    override readonly code: PeerErrorCode,
    message: string,
    /** For `PEER_REFUSED`: the HTTP status and the refusal code the peer sent. */
    readonly refusal?: { status: number; peerCode: string },
  ) {
    super(code, message);
  }
}
