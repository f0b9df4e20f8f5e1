import { Chacha20Poly1305 } from '@hpke/chacha20poly1305';
import { CipherSuite, EncapError } from '@hpke/core';
import { x25519 } from '@noble/curves/ed25519.js';
import { DecryptionFailedError, InvalidKeyMaterialError } from '../errors/crypto.js';
import { NodeDhkemX25519HkdfSha256, NodeHkdfSha256 } from './hpkeNative.js';

/**
 * HPKE (RFC 9180) base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
 * ChaCha20-Poly1305: how shares travel between companions. X25519 and HKDF run inline on
 * `node:crypto` (./hpkeNative.ts), the AEAD is noble's through `@hpke/chacha20poly1305`.
 */
const suite = new CipherSuite({
  kem: new NodeDhkemX25519HkdfSha256(),
  kdf: new NodeHkdfSha256(),
  aead: new Chacha20Poly1305(),
});

/** An exact ArrayBuffer copy of a view (a Node Buffer's `.buffer` is a shared pool). */
function buffer(view: Uint8Array): ArrayBuffer {
  return new Uint8Array(view).buffer as ArrayBuffer;
}

/** An X25519 key pair for HPKE, raw 32-byte keys. */
export interface HpkeKeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

/** Generates a fresh X25519 key pair. */
export async function generateHpkeKeyPair(): Promise<HpkeKeyPair> {
  const pair = await suite.kem.generateKeyPair();
  return {
    publicKey: new Uint8Array(await suite.kem.serializePublicKey(pair.publicKey)),
    privateKey: new Uint8Array(await suite.kem.serializePrivateKey(pair.privateKey)),
  };
}

/** The public key of a raw X25519 private key. */
export async function hpkePublicKeyOf(privateKey: Uint8Array): Promise<Uint8Array> {
  return x25519.getPublicKey(privateKey);
}

/** A sealed message: encapsulated key ‖ ciphertext. */
export interface HpkeSealed {
  enc: Uint8Array;
  ciphertext: Uint8Array;
}

/**
 * Seals `plaintext` to `recipientPublicKey`, binding `info` (context) and `aad`.
 *
 * @example
 * const sealed = await hpkeSeal(providerKey, share, info, aad);
 */
export async function hpkeSeal(
  recipientPublicKey: Uint8Array,
  plaintext: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
): Promise<HpkeSealed> {
  if (recipientPublicKey.length !== 32) {
    throw new InvalidKeyMaterialError(
      'x25519 public key',
      `must be 32 bytes, got ${recipientPublicKey.length}`,
    );
  }
  const recipient = await suite.kem.deserializePublicKey(buffer(recipientPublicKey));
  const copy = buffer(plaintext);
  try {
    const { enc, ct } = await suite.seal(
      { recipientPublicKey: recipient, info: buffer(info) },
      copy,
      buffer(aad),
    );
    return { enc: new Uint8Array(enc), ciphertext: new Uint8Array(ct) };
  } catch (error) {
    // X25519 with a low-order point gives an all-zero secret, which HPKE refuses.
    if (error instanceof EncapError)
      throw new InvalidKeyMaterialError(
        'x25519 public key',
        'is a low-order point: it gives no shared secret',
      );
    throw error;
  } finally {
    // The library needs an ArrayBuffer of its own; the copy of the secret dies here.
    new Uint8Array(copy).fill(0);
  }
}

/** Opens a message sealed by {@link hpkeSeal}; throws {@link DecryptionFailedError}. */
export async function hpkeOpen(
  recipientPrivateKey: Uint8Array,
  sealed: HpkeSealed,
  info: Uint8Array,
  aad: Uint8Array,
  what: string,
): Promise<Uint8Array> {
  const keyCopy = buffer(recipientPrivateKey);
  let plaintext: ArrayBuffer | undefined;
  let recipientKey: Awaited<ReturnType<typeof suite.kem.importKey>> | undefined;
  try {
    recipientKey = await suite.kem.importKey('raw', keyCopy, false);
    plaintext = await suite.open(
      { recipientKey, enc: buffer(sealed.enc), info: buffer(info) },
      buffer(sealed.ciphertext),
      buffer(aad),
    );
    return new Uint8Array(plaintext).slice();
  } catch (cause) {
    throw new DecryptionFailedError(what, { cause });
  } finally {
    // Zeroise the copies handed to the library: the private key and the plaintext buffer
    // (the caller gets its own copy and zeroises that).
    new Uint8Array(keyCopy).fill(0);
    // The imported key keeps its own copy of the raw bytes (`@hpke/common`'s XCryptoKey).
    const raw = (recipientKey as { key?: unknown } | undefined)?.key;
    if (raw instanceof Uint8Array) raw.fill(0);
    if (plaintext) new Uint8Array(plaintext).fill(0);
  }
}
