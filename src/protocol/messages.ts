import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

/**
 * Byte layouts of the companion-to-companion messages. Each signed payload is
 * `tag ‖ genesis hash (32) ‖ fields`, fixed-width, and signed as sr25519 over its
 * blake2-256. Accounts are 32-byte public keys; integers are little-endian.
 */
const enc = new TextEncoder();
export const TAGS = {
  shareOffer: enc.encode('custos/share-offer/2'),
  shareInfo: enc.encode('custos/share/2'),
  shareCommitment: enc.encode('custos/share-commitment/1'),
  releaseRequest: enc.encode('custos/release-request/2'),
  releaseInfo: enc.encode('custos/share-release/2'),
  releaseStatement: enc.encode('custos/release-statement/1'),
  recoveryKeys: enc.encode('custos/recovery-keys/1'),
} as const;

/**
 * Most recovery keys one restart binds: one per confirmed holder, so the chain's
 * `MaxProviders` (16).
 */
export const MAX_RECOVERY_KEYS = 16;

/** Bytes of the KEK a share is a share of. */
export const KEK_BYTES = 32;
/** Bytes of one Shamir share of the KEK: the y values, then the x coordinate (1..255). */
export const SHARE_BYTES = KEK_BYTES + 1;
/** Bytes of the random blinding value that hides a share inside its commitment. */
export const BLINDING_BYTES = 32;
/** Bytes of what a provider holds and releases: share ‖ blinding. */
export const HELD_SHARE_BYTES = SHARE_BYTES + BLINDING_BYTES;

function u32le(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

/**
 * 32-byte public key of an SS58 or hex account: the same bytes as `decodeAddress`, a fresh
 * array each call. Goes through {@link canonicalAccount}, so a spelling seen before is not
 * decoded again (a release builds three payloads, each naming two accounts).
 */
export function accountBytes(account: string): Uint8Array {
  return hexToU8a(canonicalAccount(account));
}

/**
 * The one spelling of an account a provider keys its state by: the 0x-hex of its 32-byte
 * public key. SS58 with any prefix, and hex in any case, map to the same string, so one
 * captured message is never valid under several names.
 */
export function canonicalAccount(account: string): string {
  // Already the canonical spelling (what accountBytes is mostly given): nothing to decode or
  // remember, so it takes no place from an SS58 spelling.
  if (CANONICAL_HEX.test(account)) return account;
  const known = canonicalSpellings.get(account);
  if (known !== undefined) return known;
  const canonical = u8aToHex(decodeAddress(account));
  // Only account-sized spellings are kept: an SS58 address is at most 50 characters.
  if (account.length <= 66) {
    if (canonicalSpellings.size >= CANONICAL_SPELLINGS) {
      const oldest = canonicalSpellings.keys().next().value;
      if (oldest !== undefined) canonicalSpellings.delete(oldest);
    }
    canonicalSpellings.set(account, canonical);
  }
  return canonical;
}

/**
 * How many spellings {@link canonicalAccount} remembers. Decoding SS58 is a base58
 * conversion and a BLAKE2b checksum (about 20 µs); a provider sees the same few owners'
 * spellings on every request, so each is decoded once. Only spellings that decoded are
 * kept, the oldest first out (about 150 bytes each).
 */
export const CANONICAL_SPELLINGS = 4096;
/** The canonical spelling: 0x and 64 lowercase hex digits. */
const CANONICAL_HEX = /^0x[0-9a-f]{64}$/;
const canonicalSpellings = new Map<string, string>();

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

/**
 * Why a held share (share ‖ blinding) is malformed, or undefined when it is well formed:
 * exactly {@link HELD_SHARE_BYTES} bytes and an x coordinate other than 0 (x = 0 would be
 * the secret itself).
 */
export function heldShareProblem(held: Uint8Array): string | undefined {
  if (held.length !== HELD_SHARE_BYTES)
    return `share must be ${HELD_SHARE_BYTES} bytes (share ‖ blinding), got ${held.length}`;
  if (shareX(held) === 0) return 'share has x = 0';
  return undefined;
}

/** The x coordinate of a held share (its last share byte). */
export function shareX(held: Uint8Array): number {
  return held[SHARE_BYTES - 1] ?? 0;
}

/**
 * The hash commitment a provider acknowledges on chain and the chain records per holder:
 * blake2-256(tag ‖ genesis ‖ owner ‖ epoch ‖ provider ‖ share ‖ blinding), where `held`
 * is share ‖ blinding. Binding: nobody can open it to another share. Hiding: the 32-byte
 * random blinding keeps the share unguessable from the public commitment.
 */
export function shareCommitment(
  genesisHash: Uint8Array,
  owner: string,
  epoch: number,
  provider: string,
  held: Uint8Array,
): Uint8Array {
  return blake2AsU8a(
    u8aConcat(TAGS.shareCommitment, genesisHash, shareAad(owner, epoch, provider), held),
    256,
  );
}

/** AAD binding a released share to (owner, incarnation, epoch, provider). */
export function releaseAad(
  owner: string,
  incarnation: number,
  epoch: number,
  provider: string,
): Uint8Array {
  return u8aConcat(accountBytes(owner), u32le(incarnation), u32le(epoch), accountBytes(provider));
}

/**
 * What a restart quote binds instead of one recovery key: blake2-256(tag ‖ key_1 ‖ … ‖
 * key_n), one x25519 key per confirmed holder in holder order. Holder i seals only to
 * key i, so the owner can reveal key i (to prove holder i released a bad share, see
 * `pallet_custos_backups::report_bad_share`) without exposing any other holder's share.
 * Equal to `custos_primitives::recovery_keys_root`.
 */
export function recoveryKeysRoot(keys: readonly Uint8Array[]): Uint8Array {
  return blake2AsU8a(u8aConcat(TAGS.recoveryKeys, ...keys), 256);
}

/** What a restarted owner signs (with its restart key) to ask for its share back. */
export function releaseRequestPayload(
  genesisHash: Uint8Array,
  owner: string,
  incarnation: number,
  recoveryKeysRootValue: Uint8Array,
  provider: string,
): Uint8Array {
  return blake2AsU8a(
    u8aConcat(
      TAGS.releaseRequest,
      genesisHash,
      accountBytes(owner),
      u32le(incarnation),
      recoveryKeysRootValue,
      accountBytes(provider),
    ),
    256,
  );
}

/**
 * What a provider signs (with its TSS key) for every release: that it sealed to
 * `recipientKey` (its own recovery key of `owner`'s `incarnation`) the share of `epoch` whose commitment is
 * `commitment`, as the message whose blake2-256 is `sealedHash` (of enc ‖ ciphertext).
 * A provider that signs this over a message that does not open to that commitment has
 * signed its own misbehaviour.
 */
export function releaseStatementPayload(
  genesisHash: Uint8Array,
  provider: string,
  owner: string,
  incarnation: number,
  recipientKey: Uint8Array,
  epoch: number,
  commitment: Uint8Array,
  sealedHash: Uint8Array,
): Uint8Array {
  return blake2AsU8a(
    u8aConcat(
      TAGS.releaseStatement,
      genesisHash,
      accountBytes(provider),
      accountBytes(owner),
      u32le(incarnation),
      recipientKey,
      u32le(epoch),
      commitment,
      sealedHash,
    ),
    256,
  );
}

/** blake2-256 of a sealed message (enc ‖ ciphertext), as a release statement names it. */
export function sealedHash(sealedEnc: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return blake2AsU8a(u8aConcat(sealedEnc, ciphertext), 256);
}

/**
 * The acknowledgement payload the backups pallet verifies, SCALE-encoded by hand:
 * `Vec<u8>(tag) ‖ genesis ‖ owner ‖ epoch u32 LE ‖ provider incarnation u32 LE ‖
 * commitment`, signed as sr25519 over its blake2-256 (see
 * `pallet_custos_backups::ack_payload`). Binding the provider's incarnation lets the chain
 * refuse an acknowledgement made before the provider lost its memory.
 */
export function chainAckPayload(
  genesisHash: Uint8Array,
  owner: string,
  epoch: number,
  providerIncarnation: number,
  commitment: Uint8Array,
): Uint8Array {
  const tag = enc.encode('custos/backup-ack/2');
  // compact length of a < 64-byte vector is one byte: len << 2.
  return blake2AsU8a(
    u8aConcat(
      Uint8Array.of(tag.length << 2),
      tag,
      genesisHash,
      accountBytes(owner),
      u32le(epoch),
      u32le(providerIncarnation),
      commitment,
    ),
    256,
  );
}
