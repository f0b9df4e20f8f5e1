import { BaseError } from './base.js';

/** The fixed codes of {@link EscrowError}. */
export type EscrowErrorCode =
  /** A sealed share is not `enc (32) ‖ ciphertext (81)` bytes. */
  | 'SEALED_LENGTH'
  /** A KEK to escrow is not 32 bytes. */
  | 'KEK_LENGTH'
  /** A member's deposit share does not open with its key (wrong key, aad or bytes). */
  | 'SHARE_UNOPENABLE'
  /** What opened does not match the deposit's commitment for that member. */
  | 'COMMITMENT_MISMATCH'
  /** Fewer verified escrow shares than the committee's threshold. */
  | 'NOT_ENOUGH_SHARES';

/** An escrow share could not be made, opened, released or combined. */
export class EscrowError extends BaseError {
  override name = 'EscrowError';
  constructor(
    override readonly code: EscrowErrorCode,
    shortMessage: string,
    details?: string,
    options?: { cause?: unknown },
  ) {
    super(code, shortMessage, details, options);
  }
}
