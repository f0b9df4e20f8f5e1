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
