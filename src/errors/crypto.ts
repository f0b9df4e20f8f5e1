import { BaseError } from './base.js';

/** Authenticated decryption failed: wrong key, wrong associated data, or tampered bytes. */
export class DecryptionFailedError extends BaseError {
  override name = 'DecryptionFailedError';
  constructor(what: string, options?: { cause?: unknown }) {
    super('DECRYPTION_FAILED', `cannot decrypt ${what}`, 'wrong key or tampered data', options);
  }
}

/** A key or input of the wrong shape. */
export class InvalidKeyMaterialError extends BaseError {
  override name = 'InvalidKeyMaterialError';
  constructor(what: string, reason: string) {
    super('INVALID_KEY_MATERIAL', `invalid ${what}`, reason);
  }
}
