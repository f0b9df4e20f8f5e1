import { BaseError } from './base.js';

/** The KEK handoff directory is not memory-backed, so the KEK would touch disk. */
export class HandoffNotInMemoryError extends BaseError {
  override name = 'HandoffNotInMemoryError';
  constructor(dir: string) {
    super(
      'KEK_HANDOFF_NOT_IN_MEMORY',
      'KEK handoff directory is not memory-backed',
      `${dir} is not tmpfs/ramfs`,
    );
  }
}

/** The local store is older than the version the chain anchored (rollback). */
export class StoreRolledBackError extends BaseError {
  override name = 'StoreRolledBackError';
  constructor(local: number, anchored: bigint) {
    super(
      'STORE_ROLLED_BACK',
      'sealed store is older than the chain says',
      `local version ${local} < anchored version ${anchored}; secrets written after version ${local} are not in this store. If you accept losing them, restart with --accept-rollback ${local} (recorded on chain)`,
    );
  }
}

/** `--accept-rollback` names another version than the local store's, or there is no rollback. */
export class RollbackOverrideMismatchError extends BaseError {
  override name = 'RollbackOverrideMismatchError';
  constructor(named: number, local: number, anchored: bigint) {
    super(
      'ROLLBACK_OVERRIDE_MISMATCH',
      '--accept-rollback does not match this store',
      `--accept-rollback names version ${named}, the local store is at version ${local} and the chain anchored ${anchored}; nothing was changed`,
    );
  }
}

/**
 * Fewer than t holders of the confirmed epoch still have their share: the chain shows the
 * others restarted (lost their memory) after the confirmation. The KEK cannot be recovered
 * from providers; the sealed store is kept untouched.
 */
export class KekUnrecoverableError extends BaseError {
  override name = 'KekUnrecoverableError';
  constructor(threshold: number, intact: number, lost: string[]) {
    super(
      'KEK_UNRECOVERABLE',
      'the key cannot be recovered from providers',
      `threshold ${threshold}, holders that still have their share: ${intact}; lost their memory since the confirmation: ${lost.join(', ')}. The sealed store is untouched; see docs/companion.md "When the key cannot be recovered"`,
    );
  }
}

/** The fixed codes of {@link ColdRecoveryImpossibleError}. */
export type ColdRecoveryImpossibleCode =
  /** Governance cleared the escrow committee: nobody holds the escrow shares any more. */
  | 'ESCROW_COMMITTEE_CLEARED'
  /** The committee changed after the owner's last deposit, which no longer counts. */
  | 'ESCROW_DEPOSIT_VOID'
  /** So many members released shares that do not match their commitments that fewer than
   * `t_e` good ones can still come. */
  | 'ESCROW_SHARES_BAD';

/**
 * The cold path cannot succeed for this owner, whatever it waits for: the chain shows the
 * committee gone or changed since its deposit, or too many members released bad shares.
 * The sealed store is kept untouched (exit 4, like {@link KekUnrecoverableError}).
 */
export class ColdRecoveryImpossibleError extends BaseError {
  override name = 'ColdRecoveryImpossibleError';
  constructor(
    override readonly code: ColdRecoveryImpossibleCode,
    reason: string,
  ) {
    super(
      code,
      'the key cannot be recovered through the escrow committee',
      `${reason}. The sealed store is untouched; see docs/companion.md "When the key cannot be recovered"`,
    );
  }
}

/**
 * A restarted node has no KEK handoff from `custos init` and the chain shows no confirmed
 * backup epoch for its account: no provider holds a share, so there is nothing to
 * recover. The node exits before attesting, so no incarnation is spent.
 */
export class NeverBackedUpError extends BaseError {
  override name = 'NeverBackedUpError';
  constructor(account: string) {
    super(
      'NEVER_BACKED_UP',
      'no KEK handoff and no confirmed backup on chain',
      `${account} never confirmed a backup epoch and the KEK handoff of custos init is gone (the handoff directory is memory-backed: was the machine restarted before the first backup was confirmed?). The store cannot be opened; nothing was attested`,
    );
  }
}

/** A newer incarnation of this TSS account is live: this instance must stop. */
export class FencedError extends BaseError {
  override name = 'FencedError';
  constructor(ours: number, chain: number) {
    super(
      'FENCED',
      'a newer instance of this TSS account attested',
      `this instance is incarnation ${ours}, the chain records ${chain}`,
    );
  }
}

/**
 * Another attestation of this account is in the best chain but not final: whether it
 * fences this instance depends on whether a fork drops it, so the caller waits.
 */
export class AttestationPendingError extends BaseError {
  override name = 'AttestationPendingError';
  constructor(chain: number) {
    super(
      'ATTESTATION_PENDING',
      'another attestation of this account is in the best chain',
      `incarnation ${chain}, not final yet; waiting to see whether it stays`,
    );
  }
}

/** The data directory is not in the state a command needs. */
export class DataDirError extends BaseError {
  override name = 'DataDirError';
  constructor(message: string, details: string) {
    super('DATA_DIR', message, details);
  }
}

/** A server could not listen where configured (the port is taken, or the host is not ours). */
export class ListenError extends BaseError {
  override name = 'ListenError';
  constructor(what: string, cause: unknown) {
    super(
      'LISTEN_FAILED',
      `the ${what} cannot listen`,
      cause instanceof Error ? cause.message : String(cause),
      { cause },
    );
  }
}
