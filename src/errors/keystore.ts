import { BaseError } from './base.js';

/** The store directory has no store, or a store of another format. */
export class StoreNotFoundError extends BaseError {
  override name = 'StoreNotFoundError';
  constructor(path: string) {
    super('STORE_NOT_FOUND', 'no sealed store', `nothing at ${path}`);
  }
}

/** A store already exists where a new one was to be created. */
export class StoreExistsError extends BaseError {
  override name = 'StoreExistsError';
  constructor(path: string) {
    super('STORE_EXISTS', 'a sealed store already exists', `refusing to overwrite ${path}`);
  }
}

/** The plaintext header does not match its authentication code: it was modified. */
export class HeaderTamperedError extends BaseError {
  override name = 'HeaderTamperedError';
  constructor() {
    super(
      'STORE_HEADER_TAMPERED',
      'sealed store header was modified',
      'its MAC under the data key does not verify',
    );
  }
}

/** The header is not a valid custos header. */
export class HeaderInvalidError extends BaseError {
  override name = 'HeaderInvalidError';
  constructor(reason: string) {
    super('STORE_HEADER_INVALID', 'sealed store header is invalid', reason);
  }
}

/** An operation needs the store unlocked (KEK known). */
export class StoreLockedError extends BaseError {
  override name = 'StoreLockedError';
  constructor() {
    super('STORE_LOCKED', 'sealed store is locked', 'its key-encryption key is not loaded');
  }
}

/** A key name the store does not accept. */
export class InvalidKeyNameError extends BaseError {
  override name = 'InvalidKeyNameError';
  constructor(reason: string) {
    super('INVALID_KEY_NAME', 'invalid key name', reason);
  }
}

/** The store on disk has a layout this build does not read (no migration exists). */
export class StoreFormatError extends BaseError {
  override name = 'StoreFormatError';
  constructor(
    readonly found: number,
    readonly expected: number,
  ) {
    super(
      'STORE_FORMAT_UNSUPPORTED',
      'sealed store has an unsupported format',
      `format ${found}; this build reads format ${expected} only`,
    );
  }
}

/**
 * What is wrong with one entry of the store:
 * - `missing`: the manifest lists it, the disk does not have it (deleted);
 * - `foreign`: the disk has it, the manifest does not list it (added, or moved from
 *   another name or namespace);
 * - `replaced`: its bytes are not the ones last committed (an older copy, a swap with
 *   another entry, or modified bytes).
 */
export type StoreIntegrityProblem = 'missing' | 'foreign' | 'replaced';

const PROBLEMS: Record<StoreIntegrityProblem, string> = {
  missing: 'listed in the manifest but absent (deleted)',
  foreign: 'present but not in the manifest (added, or moved from another name or namespace)',
  replaced: 'not the bytes last committed (rolled back, swapped or modified)',
};

/**
 * The store's contents differ from what its last commit wrote: someone with access to
 * the disk removed, added, rolled back or swapped an entry. `entry` names it:
 * `<namespace>:<name>` for a value, `manifest` for the manifest, or the raw database key
 * (JSON-quoted, at most 80 characters) of a foreign entry.
 */
export class StoreIntegrityError extends BaseError {
  override name = 'StoreIntegrityError';
  constructor(
    readonly entry: string,
    readonly problem: StoreIntegrityProblem,
  ) {
    super(
      'STORE_INTEGRITY',
      'sealed store failed its integrity check',
      `${entry}: ${PROBLEMS[problem]}`,
    );
  }
}
