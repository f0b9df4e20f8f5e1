import { BaseError } from './base.js';

/** The fixed codes of {@link EscrowError}. */
export type EscrowErrorCode =
  /** A sealed share is not `enc (32) ‖ ciphertext (81)` bytes. */
  | 'SEALED_LENGTH'
  /** A KEK to escrow is not 32 bytes. */
  | 'KEK_LENGTH'
  /** A key (restart key, escrow key) is not 32 bytes. */
  | 'KEY_LENGTH'
  /** The owner has no registered validator (so no restart key to bind a deposit to). */
  | 'NOT_REGISTERED'
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
    options?: {
      cause?: unknown;
      /** For `NOT_ENOUGH_SHARES`: members whose release did not open or match. */
      badMembers?: number[];
    },
  ) {
    super(code, shortMessage, details, options);
    this.badMembers = options?.badMembers ?? [];
  }

  /** For `NOT_ENOUGH_SHARES`: members whose release did not open or match (else empty). */
  readonly badMembers: number[];
}

/** The fixed codes of {@link EscrowOfflineError}. */
export type EscrowOfflineErrorCode =
  /** An export or releases file is not JSON or a field is malformed (the message names it). */
  | 'FILE_MALFORMED'
  /** A file is larger than `MAX_OFFLINE_FILE_BYTES`. */
  | 'FILE_TOO_LARGE'
  /** The file is for another chain than the one expected or connected to. */
  | 'WRONG_CHAIN'
  /** The export is for another member than the key file's. */
  | 'WRONG_MEMBER'
  /** The export names a sealing key for the member that is not the key file's. */
  | 'SEALING_KEY_MISMATCH'
  /** The account asked for is not in the escrow committee in force. */
  | 'NOT_A_MEMBER'
  /** `sign` was to check proofs against a trusted block, and the export carries none. */
  | 'PROOF_MISSING'
  /** The export's proof does not show a value the whole file depends on (the genesis). */
  | 'NOT_PROVEN';

/**
 * An air-gapped escrow step (`custos escrow export | sign | submit`) refused its input as
 * a whole; nothing was produced or sent.
 */
export class EscrowOfflineError extends BaseError {
  override name = 'EscrowOfflineError';
  constructor(
    override readonly code: EscrowOfflineErrorCode,
    shortMessage: string,
    details?: string,
  ) {
    super(code, shortMessage, details);
  }
}
