import { u8aConcat } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

/**
 * Byte layouts of the companion-to-companion messages. Each signed payload is
 * `tag ‖ genesis hash (32) ‖ fields`, fixed-width, and signed as sr25519 over its
 * blake2-256. Accounts are 32-byte public keys; integers are little-endian.
 */
const enc = new TextEncoder();
export const TAGS = {
  shareOffer: enc.encode('custos/share-offer/1'),
  shareInfo: enc.encode('custos/share/1'),
  releaseRequest: enc.encode('custos/release-request/1'),
  releaseInfo: enc.encode('custos/share-release/1'),
} as const;

function u32le(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

/** 32-byte public key of an SS58 or hex account. */
export function accountBytes(account: string): Uint8Array {
  return decodeAddress(account);
}

/** AAD binding a share to (owner, epoch, provider). */
export function shareAad(owner: string, epoch: number, provider: string): Uint8Array {
  return u8aConcat(accountBytes(owner), u32le(epoch), accountBytes(provider));
}

/** What an owner signs when it offers `provider` its share of `epoch`. */
export function shareOfferPayload(
  genesisHash: Uint8Array,
  owner: string,
  epoch: number,
  provider: string,
  enc: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  return blake2AsU8a(
    u8aConcat(
      TAGS.shareOffer,
      genesisHash,
      shareAad(owner, epoch, provider),
      blake2AsU8a(u8aConcat(enc, ciphertext), 256),
    ),
    256,
  );
}

/** The commitment a provider acknowledges on chain: blake2-256 of the sealed share. */
export function shareCommitment(enc: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return blake2AsU8a(u8aConcat(enc, ciphertext), 256);
}

/** AAD binding a released share to (owner, incarnation, provider). */
export function releaseAad(owner: string, incarnation: number, provider: string): Uint8Array {
  return u8aConcat(accountBytes(owner), u32le(incarnation), accountBytes(provider));
}

/** What a restarted owner signs (with its restart key) to ask for its share back. */
export function releaseRequestPayload(
  genesisHash: Uint8Array,
  owner: string,
  incarnation: number,
  recoveryPublicKey: Uint8Array,
  provider: string,
): Uint8Array {
  return blake2AsU8a(
    u8aConcat(
      TAGS.releaseRequest,
      genesisHash,
      accountBytes(owner),
      u32le(incarnation),
      recoveryPublicKey,
      accountBytes(provider),
    ),
    256,
  );
}

/**
 * The acknowledgement payload the backups pallet verifies, SCALE-encoded by hand:
 * `Vec<u8>(tag) ‖ genesis ‖ owner ‖ epoch u32 LE ‖ commitment`, to be signed as sr25519
 * over its blake2-256 (see `pallet_custos_backups::ack_payload`).
 */
export function chainAckPayload(
  genesisHash: Uint8Array,
  owner: string,
  epoch: number,
  commitment: Uint8Array,
): Uint8Array {
  const tag = enc.encode('custos/backup-ack/1');
  // compact length of a < 64-byte vector is one byte: len << 2.
  return blake2AsU8a(
    u8aConcat(
      Uint8Array.of(tag.length << 2),
      tag,
      genesisHash,
      accountBytes(owner),
      u32le(epoch),
      commitment,
    ),
    256,
  );
}
