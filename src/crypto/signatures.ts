import { sr25519Verify } from '@polkadot/util-crypto';

/**
 * Whether `signature` is `publicKey`'s plain sr25519 signature over exactly `message`, as
 * the runtime checks it (`sp_io::crypto::sr25519_verify`). Unlike `signatureVerify`, it
 * does not also accept a signature over `<Bytes>message</Bytes>`: a peer cannot hand the
 * companion a signature that the chain (or evidence checked later) would refuse.
 * Malformed keys or signatures are `false`, never an exception.
 */
export function sr25519Signed(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    return sr25519Verify(message, signature, publicKey);
  } catch {
    return false;
  }
}
