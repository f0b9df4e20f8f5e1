import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a, u8aEq } from '@polkadot/util';
import { hpkePublicKeyOf } from '../crypto/hpke.js';
import { type Sr25519Signer, sr25519SignerFromSeed } from '../crypto/signatures.js';
import { InvalidKeyMaterialError } from '../errors/crypto.js';
import { DataDirError } from '../errors/service.js';
import type { SealedStore } from '../keystore/sealedStore.js';

/**
 * Names of the node's own keys in the store's `node` namespace (values sealed like any
 * other; the local secret API is given the `tss` namespace only and cannot reach them).
 */
export const KEY_ENTRIES = { tssSeed: 'tss-seed', x25519: 'x25519-private' } as const;

/** The node's keys, loaded from an unlocked store. */
export interface Identity {
  tss: KeyringPair;
  /**
   * Signs as the TSS account on the provider's request path: the native sr25519 addon's
   * key pair when it is in use, else schnorrkel in wasm when it is ready, else `tss`
   * itself (the keyring pair, which chain transactions still sign with).
   */
  tssSigner: Sr25519Signer & { zeroize?(): void };
  restart: KeyringPair;
  x25519PrivateKey: Uint8Array;
  x25519PublicKey: Uint8Array;
}

/** sr25519 pair from a 32-byte seed. */
export function pairFromSeed(seed: Uint8Array): KeyringPair {
  return new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromSeed(seed);
}

/** The restart key, from the plaintext header (available before unlock). */
export function restartPair(store: SealedStore): KeyringPair {
  return pairFromSeed(hexToU8a(store.header.restartSeed));
}

/**
 * Loads the node's keys from the unlocked store's `node` namespace. Throws
 * `StoreIntegrityError` if their ciphertexts are not the ones last committed.
 */
export async function loadIdentity(store: SealedStore): Promise<Identity> {
  const seed = store.get('node', KEY_ENTRIES.tssSeed);
  const x25519 = store.get('node', KEY_ENTRIES.x25519);
  if (!seed || !x25519) throw new DataDirError('store has no node keys', 'run custos init first');
  const tss = pairFromSeed(seed);
  const fast = sr25519SignerFromSeed(seed, tss.address);
  // The addon was checked to expand seeds as the keyring does; a mismatch here would sign
  // as another account, so it is refused rather than used.
  if (fast && !u8aEq(fast.publicKey, tss.publicKey)) {
    fast.zeroize();
    seed.fill(0);
    throw new InvalidKeyMaterialError('TSS seed', 'the fast signer derived another public key');
  }
  const tssSigner = fast ?? tss;
  seed.fill(0);
  return {
    tss,
    tssSigner,
    restart: restartPair(store),
    x25519PrivateKey: x25519,
    x25519PublicKey: await hpkePublicKeyOf(x25519),
  };
}
