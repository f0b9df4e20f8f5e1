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
      `local version ${local} < anchored version ${anchored}`,
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

/** The data directory is not in the state a command needs. */
export class DataDirError extends BaseError {
  override name = 'DataDirError';
  constructor(message: string, details: string) {
    super('DATA_DIR', message, details);
  }
}
