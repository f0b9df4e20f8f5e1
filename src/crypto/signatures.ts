import { sr25519Verify } from '@polkadot/util-crypto';
import {
  sr25519KeypairFromSeed,
  sr25519Sign,
  isReady as wasmReady,
  sr25519Verify as wasmSr25519Verify,
} from '@polkadot/wasm-crypto';

/**
 * Whether `signature` is `publicKey`'s plain sr25519 signature over exactly `message`, as
 * the runtime checks it (`sp_io::crypto::sr25519_verify`). Unlike `signatureVerify`, it
 * does not also accept a signature over `<Bytes>message</Bytes>`: a peer cannot hand the
 * companion a signature that the chain (or evidence checked later) would refuse.
 * Malformed keys or signatures are `false`, never an exception.
 *
 * One verification per call, through schnorrkel compiled to wasm (`@polkadot/wasm-crypto`,
 * about 5× faster than the JavaScript implementation) once `cryptoWaitReady()` has
 * resolved; before that, through `@polkadot/util-crypto`'s JavaScript implementation.
 */
export function sr25519Signed(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return wasmReady()
      ? wasmSr25519Verify(signature, message, publicKey)
      : sr25519Verify(message, signature, publicKey);
  } catch {
    return false;
  }
}

/** What signs as an sr25519 account (a polkadot.js `KeyringPair` is one). */
export interface Sr25519Signer {
  /** The account (SS58). */
  readonly address: string;
  /** The 32-byte public key. */
  readonly publicKey: Uint8Array;
  /** A plain sr25519 signature over exactly `message` (64 bytes). */
  sign(message: Uint8Array): Uint8Array;
}

/**
 * An {@link Sr25519Signer} that signs through schnorrkel in wasm (`@polkadot/wasm-crypto`,
 * about 7x faster than the keyring's JavaScript), for the account whose 32-byte mini-secret
 * `seed` expands to the same key pair as `Keyring.addFromSeed` (Ed25519 expansion mode).
 * Returns undefined before `cryptoWaitReady()` has resolved (use the keyring pair then).
 * It keeps its own copy of the secret; `zeroize()` wipes it, after which `sign` throws.
 */
export function wasmSr25519Signer(
  seed: Uint8Array,
  address: string,
): (Sr25519Signer & { zeroize(): void }) | undefined {
  if (!wasmReady() || seed.length !== 32) return undefined;
  const pair = sr25519KeypairFromSeed(seed);
  const secret = pair.slice(0, 64);
  const publicKey = pair.slice(64);
  pair.fill(0);
  let wiped = false;
  return {
    address,
    publicKey,
    sign: (message) => {
      if (wiped) throw new RangeError('sr25519 signer: key was zeroised');
      return sr25519Sign(publicKey, secret, message);
    },
    zeroize: () => {
      wiped = true;
      secret.fill(0);
    },
  };
}
