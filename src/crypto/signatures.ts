import { sr25519Verify } from '@polkadot/util-crypto';
import {
  sr25519KeypairFromSeed,
  sr25519Sign,
  isReady as wasmReady,
  sr25519Verify as wasmSr25519Verify,
} from '@polkadot/wasm-crypto';
import { sr25519Addon } from './sr25519Native.js';

/**
 * Whether `signature` is `publicKey`'s plain sr25519 signature over exactly `message`, as
 * the runtime checks it (`sp_io::crypto::sr25519_verify`). Unlike `signatureVerify`, it
 * does not also accept a signature over `<Bytes>message</Bytes>`: a peer cannot hand the
 * companion a signature that the chain (or evidence checked later) would refuse.
 * Malformed keys or signatures are `false`, never an exception.
 *
 * One verification per call: through the native addon when it is in use
 * (./sr25519Native.ts, schnorrkel at native speed), else through schnorrkel compiled to
 * wasm (`@polkadot/wasm-crypto`) once `cryptoWaitReady()` has resolved, else through
 * `@polkadot/util-crypto`'s JavaScript implementation. All three are schnorrkel's scheme.
 */
export function sr25519Signed(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    const addon = sr25519Addon();
    if (addon) return addon.verify(message, signature, publicKey);
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

/** An {@link Sr25519Signer} whose secret can be wiped; `sign` throws once it is. */
export type ZeroizableSr25519Signer = Sr25519Signer & { zeroize(): void };

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
): ZeroizableSr25519Signer | undefined {
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

/**
 * An {@link Sr25519Signer} whose key pair lives in the native addon (./sr25519Native.ts):
 * the secret is expanded from the 32-byte mini-`seed` as `Keyring.addFromSeed` does and
 * never enters JavaScript again; the caller wipes its `seed`. Returns undefined when the
 * addon is not in use (use {@link wasmSr25519Signer} then). `zeroize()` drops the secret,
 * after which `sign` throws.
 */
export function nativeSr25519Signer(
  seed: Uint8Array,
  address: string,
): ZeroizableSr25519Signer | undefined {
  const addon = sr25519Addon();
  if (!addon || seed.length !== 32) return undefined;
  const pair = addon.Sr25519Keypair.fromSeed(seed);
  const publicKey = pair.publicKey;
  return {
    address,
    publicKey,
    sign: (message) => pair.sign(message),
    zeroize: () => pair.zeroize(),
  };
}

/**
 * The fastest {@link Sr25519Signer} this process has for the mini-secret `seed`: the native
 * addon's, else wasm's, else undefined (before `cryptoWaitReady()` without the addon; use
 * the keyring pair then). Same key pair and signatures either way; the caller wipes `seed`.
 */
export function sr25519SignerFromSeed(
  seed: Uint8Array,
  address: string,
): ZeroizableSr25519Signer | undefined {
  return nativeSr25519Signer(seed, address) ?? wasmSr25519Signer(seed, address);
}
