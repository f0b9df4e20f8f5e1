import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Registry } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { signPayload } from './backupPayloads.js';
import { ChainError } from './errors.js';
import { submitAndWatch } from './submit.js';

/**
 * The escrow calls of the backups pallet (the cold path, docs/backups.md): payloads the
 * pallet checks signatures over, and the fee-free submissions. Mirrors
 * `pallet_custos_backups::Pallet::{escrow_deposit_payload, cold_request_payload,
 * escrow_release_payload}`: SCALE of a domain tag (as `Vec<u8>`), the genesis hash and the
 * call's fields; the signer signs blake2-256 of it.
 */
const TAGS = {
  deposit: 'custos/escrow-deposit/1',
  coldRequest: 'custos/cold-request/1',
  release: 'custos/escrow-release/1',
} as const;

/** Bytes of a sealed escrow share: HPKE enc (32) ‖ ciphertext of share ‖ blinding (65 + 16). */
export const SEALED_ESCROW_SHARE_BYTES = 32 + 65 + 16;

/**
 * `owner`'s registered restart key (32 bytes) in the state `at` reads (the API, or a
 * block's decoration from `api.at`), or undefined when it is not a registered TSS account.
 */
export async function registeredRestartKey(
  at: Pick<ApiPromise, 'query'>,
  owner: string,
): Promise<Uint8Array | undefined> {
  const operator = await at.query.registry.tssOperators(owner);
  if (operator.isNone) return undefined;
  const info = await at.query.registry.validators(operator.unwrap());
  return info.isSome ? info.unwrap().server.restartKey.toU8a() : undefined;
}

/** An escrow deposit as the chain takes it. */
export interface EscrowDeposit {
  /** The committee generation it is for. */
  generation: number;
  /** Higher than any earlier deposit of the same epoch (the chain refuses replays). */
  sequence: number;
  /** Share `i` sealed to member `i`, each {@link SEALED_ESCROW_SHARE_BYTES} bytes. */
  sealed: Uint8Array[];
  /** Commitment to share `i` (32 bytes each). */
  commitments: Uint8Array[];
}

function tag(name: keyof typeof TAGS): string {
  return u8aToHex(new TextEncoder().encode(TAGS[name]));
}

function depositCodec(api: ApiPromise, deposit: EscrowDeposit) {
  for (const share of deposit.sealed) {
    if (share.length !== SEALED_ESCROW_SHARE_BYTES)
      throw new RangeError(
        `deposit.sealed: each share must be ${SEALED_ESCROW_SHARE_BYTES} bytes, got ${share.length}`,
      );
  }
  for (const commitment of deposit.commitments) {
    if (commitment.length !== 32)
      throw new RangeError(`deposit.commitments: each must be 32 bytes, got ${commitment.length}`);
  }
  return api.createType('PalletCustosBackupsEscrowEscrowDeposit', {
    generation: deposit.generation,
    sequence: deposit.sequence,
    sealed: deposit.sealed.map((s) => u8aToHex(s)),
    commitments: deposit.commitments.map((c) => u8aToHex(c)),
  });
}

/** What an owner's TSS key signs to deposit its escrow of `epoch`. */
export function escrowDepositPayload(
  api: ApiPromise,
  owner: string,
  epoch: number,
  deposit: EscrowDeposit,
): Uint8Array {
  return api
    .createType('(Bytes, H256, AccountId32, u32, [u8; 32])', [
      tag('deposit'),
      api.genesisHash,
      owner,
      epoch,
      u8aToHex(blake2AsU8a(depositCodec(api, deposit).toU8a(), 256)),
    ])
    .toU8a();
}

/**
 * What the cold-path payloads need of a chain: a type registry and the genesis hash. An
 * `ApiPromise` is one; an air-gapped `custos escrow sign` makes one from a bare
 * `TypeRegistry` (the payloads use only primitive types) and the export's genesis hash.
 */
export interface PayloadChain {
  registry: Registry;
  genesisHash: Uint8Array | { toU8a(): Uint8Array };
}

function genesisOf(chain: PayloadChain): Uint8Array {
  return chain.genesisHash instanceof Uint8Array ? chain.genesisHash : chain.genesisHash.toU8a();
}

/**
 * What an owner's restart key signs to request cold recovery: its holder recovery keys and
 * its escrow key.
 */
export function coldRequestPayload(
  chain: PayloadChain,
  owner: string,
  incarnation: number,
  recoveryKeys: Uint8Array[],
  escrowKey: Uint8Array,
): Uint8Array {
  const keys = chain.registry
    .createType(
      'Vec<[u8; 32]>',
      recoveryKeys.map((k) => u8aToHex(k)),
    )
    .toU8a();
  return chain.registry
    .createType('(Bytes, H256, AccountId32, u32, [u8; 32], [u8; 32])', [
      tag('coldRequest'),
      genesisOf(chain),
      owner,
      incarnation,
      u8aToHex(blake2AsU8a(keys, 256)),
      u8aToHex(escrowKey),
    ])
    .toU8a();
}

/** What member `memberIndex` signs to release `sealed` to `owner`'s `incarnation`. */
export function escrowReleasePayload(
  chain: PayloadChain,
  owner: string,
  incarnation: number,
  memberIndex: number,
  sealed: Uint8Array,
): Uint8Array {
  return chain.registry
    .createType('(Bytes, H256, AccountId32, u32, u32, [u8; 32])', [
      tag('release'),
      genesisOf(chain),
      owner,
      incarnation,
      memberIndex,
      u8aToHex(blake2AsU8a(sealed, 256)),
    ])
    .toU8a();
}

/**
 * Deposits `owner`'s escrow of `epoch` (fee-free, signed by its TSS key) and waits for
 * `EscrowDeposited`. Errors: `TransactionRejectedError` naming the pallet error (e.g.
 * `backups.WrongEpoch`, `backups.RateLimited`), `ChainError`, `RangeError` for a malformed
 * deposit.
 */
export async function depositEscrow(
  api: ApiPromise,
  p: { owner: KeyringPair; epoch: number; deposit: EscrowDeposit },
): Promise<{ blockHash: string }> {
  const signature = signPayload(
    p.owner,
    escrowDepositPayload(api, p.owner.address, p.epoch, p.deposit),
  );
  const tx = api.tx.backups.depositEscrow(
    p.owner.address,
    p.epoch,
    depositCodec(api, p.deposit),
    u8aToHex(signature),
  );
  const inclusion = await submitAndWatch(api, tx, 'Backups');
  if (!inclusion.events.some(({ event }) => api.events.backups.EscrowDeposited.is(event)))
    throw new ChainError('ESCROW_NOT_DEPOSITED', 'deposit_escrow included without EscrowDeposited');
  return { blockHash: inclusion.blockHash };
}

/**
 * Requests cold recovery for `owner`'s `incarnation` (fee-free, signed by its restart key)
 * with its holder recovery keys and its escrow key (the quote bound their root with the
 * escrow key's tagged entry last) and waits for `ColdRecoveryRequested`. Errors:
 * `TransactionRejectedError` (e.g. `backups.HoldersIntact`, `backups.RecoveryKeysMismatch`,
 * `backups.AttestationTooOld`), `ChainError`, `RangeError` for keys that are not 32 bytes.
 */
export async function requestColdRecovery(
  api: ApiPromise,
  p: {
    owner: string;
    restartKey: KeyringPair;
    incarnation: number;
    recoveryKeys: Uint8Array[];
    escrowKey: Uint8Array;
  },
): Promise<{ blockHash: string }> {
  for (const key of [...p.recoveryKeys, p.escrowKey]) {
    if (key.length !== 32)
      throw new RangeError(`recoveryKeys: each must be 32 bytes, got ${key.length}`);
  }
  const signature = signPayload(
    p.restartKey,
    coldRequestPayload(api, p.owner, p.incarnation, p.recoveryKeys, p.escrowKey),
  );
  const tx = api.tx.backups.requestColdRecovery(
    p.owner,
    p.incarnation,
    api.createType(
      'Vec<[u8; 32]>',
      p.recoveryKeys.map((k) => u8aToHex(k)),
    ),
    u8aToHex(p.escrowKey),
    u8aToHex(signature),
  );
  const inclusion = await submitAndWatch(api, tx, 'Backups');
  if (!inclusion.events.some(({ event }) => api.events.backups.ColdRecoveryRequested.is(event)))
    throw new ChainError(
      'COLD_REQUEST_NOT_RECORDED',
      'request_cold_recovery included without ColdRecoveryRequested',
    );
  return { blockHash: inclusion.blockHash };
}

/** A member's release, sealed and signed, ready for the chain (made online or offline). */
export interface SignedEscrowRelease {
  memberIndex: number;
  owner: string;
  incarnation: number;
  /** Share ‖ blinding sealed to the request's escrow key ({@link SEALED_ESCROW_SHARE_BYTES}). */
  sealed: Uint8Array;
  /** The member's sr25519 signature over blake2-256 of {@link escrowReleasePayload}. */
  signature: Uint8Array;
}

/** A release for the member's key to sign: {@link SignedEscrowRelease} without the signature. */
export type UnsignedEscrowRelease = Omit<SignedEscrowRelease, 'signature'> & {
  member: KeyringPair;
};

/**
 * Signs member `memberIndex`'s release of `sealed` to `owner`'s `incarnation` with the
 * member's key. Throws `RangeError` for a sealed share of the wrong size.
 */
export function signEscrowRelease(
  chain: PayloadChain,
  p: UnsignedEscrowRelease,
): SignedEscrowRelease {
  if (p.sealed.length !== SEALED_ESCROW_SHARE_BYTES)
    throw new RangeError(
      `sealed: must be ${SEALED_ESCROW_SHARE_BYTES} bytes, got ${p.sealed.length}`,
    );
  const signature = signPayload(
    p.member,
    escrowReleasePayload(chain, p.owner, p.incarnation, p.memberIndex, p.sealed),
  );
  return {
    memberIndex: p.memberIndex,
    owner: p.owner,
    incarnation: p.incarnation,
    sealed: p.sealed,
    signature,
  };
}

/**
 * Submits a signed release (fee-free; the chain checks the member's signature) and waits
 * for `EscrowShareReleased`. Errors: `TransactionRejectedError` (e.g.
 * `backups.ColdRequestNotApproved`, `backups.EscrowShareAlreadyReleased`,
 * `backups.BadSignature`), `ChainError`, `RangeError` for a malformed release.
 */
export async function submitEscrowRelease(
  api: ApiPromise,
  release: SignedEscrowRelease,
): Promise<{ blockHash: string }> {
  if (release.sealed.length !== SEALED_ESCROW_SHARE_BYTES)
    throw new RangeError(
      `sealed: must be ${SEALED_ESCROW_SHARE_BYTES} bytes, got ${release.sealed.length}`,
    );
  if (release.signature.length !== 64)
    throw new RangeError(`signature: must be 64 bytes, got ${release.signature.length}`);
  const tx = api.tx.backups.releaseEscrowShare(
    release.owner,
    release.incarnation,
    release.memberIndex,
    u8aToHex(release.sealed),
    u8aToHex(release.signature),
  );
  const inclusion = await submitAndWatch(api, tx, 'Backups');
  if (!inclusion.events.some(({ event }) => api.events.backups.EscrowShareReleased.is(event)))
    throw new ChainError(
      'ESCROW_NOT_RELEASED',
      'release_escrow_share included without EscrowShareReleased',
    );
  return { blockHash: inclusion.blockHash };
}

/**
 * Releases escrow member `memberIndex`'s share, sealed to the request's escrow key, to
 * `owner`'s `incarnation`: {@link signEscrowRelease} then {@link submitEscrowRelease}.
 */
export async function releaseEscrowShare(
  api: ApiPromise,
  p: UnsignedEscrowRelease,
): Promise<{ blockHash: string }> {
  return await submitEscrowRelease(api, signEscrowRelease(api, p));
}
