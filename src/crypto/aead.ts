import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { DecryptionFailedError, InvalidKeyMaterialError } from '../errors/crypto.js';

/** Key length of XChaCha20-Poly1305. */
export const AEAD_KEY_BYTES = 32;
const NONCE_BYTES = 24;

function assertKey(key: Uint8Array) {
  if (key.length !== AEAD_KEY_BYTES) {
    throw new InvalidKeyMaterialError(
      'AEAD key',
      `must be ${AEAD_KEY_BYTES} bytes, got ${key.length}`,
    );
  }
}

/**
 * Encrypts `plaintext` with XChaCha20-Poly1305 under `key`, binding `associatedData`.
 * Output: 24-byte random nonce ‖ ciphertext ‖ 16-byte tag.
 *
 * @example
 * const box = seal(dek, value, new TextEncoder().encode(`value:${name}`));
 */
export function seal(
  key: Uint8Array,
  plaintext: Uint8Array,
  associatedData: Uint8Array,
): Uint8Array {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const ciphertext = xchacha20poly1305(key, nonce, associatedData).encrypt(plaintext);
  const out = new Uint8Array(NONCE_BYTES + ciphertext.length);
  out.set(nonce, 0);
  out.set(ciphertext, NONCE_BYTES);
  return out;
}

/**
 * Opens a box made by {@link seal}. Throws {@link DecryptionFailedError} (naming `what`)
 * if the key, the associated data or any byte differs.
 */
export function open(
  key: Uint8Array,
  box: Uint8Array,
  associatedData: Uint8Array,
  what: string,
): Uint8Array {
  assertKey(key);
  if (box.length < NONCE_BYTES + 16) throw new DecryptionFailedError(what);
  try {
    return xchacha20poly1305(key, box.subarray(0, NONCE_BYTES), associatedData).decrypt(
      box.subarray(NONCE_BYTES),
    );
  } catch (cause) {
    throw new DecryptionFailedError(what, { cause });
  }
}

/** Overwrites `bytes` with zeros (best effort: JS may hold other copies). */
export function zeroize(...buffers: (Uint8Array | undefined)[]): void {
  for (const b of buffers) b?.fill(0);
}
