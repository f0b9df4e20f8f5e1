import { sr25519Verify } from '@polkadot/util-crypto';
import { isReady as wasmReady, sr25519Verify as wasmSr25519Verify } from '@polkadot/wasm-crypto';

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
