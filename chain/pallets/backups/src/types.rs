//! Types stored and taken by the backups pallet.

use frame::prelude::*;

/// Governance parameters of backups.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Serialize,
	Deserialize,
)]
#[serde(crate = "frame::derive::serde", rename_all = "camelCase")]
pub struct BackupParams {
	/// Providers per owner.
	pub n: u32,
	/// Shares needed to recover (threshold).
	pub t: u32,
	/// Most owners one provider may hold shares for.
	pub max_load: u32,
}

impl Default for BackupParams {
	fn default() -> Self {
		Self { n: 3, t: 2, max_load: 16 }
	}
}

/// Backup state of one owner (a TSS account).
///
/// Two-phase: `epoch`/`providers` is the current assignment, which the owner fills with
/// fresh shares; `confirmed_*` is the last assignment the owner confirmed with every
/// provider's acknowledgement. The confirmed epoch's holders keep serving until a newer
/// epoch is confirmed.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxProviders))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct BackupState<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxProviders: Get<u32>,
> {
	/// Current epoch; each change of the provider set (or a provider's memory loss) opens
	/// a new one.
	pub epoch: u32,
	/// Providers of the current epoch.
	pub providers: BoundedVec<AccountId, MaxProviders>,
	/// Threshold of the current epoch.
	pub threshold: u32,
	/// Last confirmed epoch, 0 when none yet.
	pub confirmed_epoch: u32,
	/// Providers of the confirmed epoch (they hold the shares that count).
	pub confirmed_providers: BoundedVec<AccountId, MaxProviders>,
	/// Threshold of the confirmed epoch.
	pub confirmed_threshold: u32,
	/// Highest store version the owner anchored; never decreases.
	pub confirmed_store_version: u64,
	/// Block in which the current epoch opened.
	pub epoch_opened_at: BlockNumber,
	/// Block in which the confirmed epoch was confirmed (0 before the first). A confirmed
	/// holder whose own restart attestation is later than this has lost its share.
	pub confirmed_at: BlockNumber,
	/// Fewer than `n` eligible providers were available when the epoch was assigned.
	pub under_provisioned: bool,
}

/// A provider's signed acknowledgement that it holds its share of `owner`'s epoch.
///
/// It binds the provider's incarnation: a share lives only in the provider's memory, so an
/// acknowledgement made before the provider's latest restart vouches for a share that is
/// gone, and the chain refuses it.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct Acknowledgement<AccountId> {
	/// The provider (its TSS account, an sr25519 key).
	pub provider: AccountId,
	/// The provider's incarnation when it acknowledged; must equal its recorded one.
	pub provider_incarnation: u32,
	/// Hash commitment to the exact share the provider keeps: blake2-256 over a domain
	/// tag (`custos/share-commitment/1`), the genesis hash, the owner, the epoch, the
	/// provider, the share and a 32-byte blinding value, computed off chain (decision
	/// 0005). An owner that gets a share released can check it against the commitment the
	/// chain recorded. The chain treats it as opaque bytes.
	pub share_commitment: [u8; 32],
	/// sr25519 signature by `provider` over [`ack_payload`].
	pub signature: [u8; 64],
}

/// Domain tags of the signatures this pallet checks.
pub mod tags {
	/// Provider acknowledgement (version 2: binds the provider's incarnation).
	pub const ACK: &[u8] = b"custos/backup-ack/2";
	/// Owner confirms an epoch.
	pub const CONFIRM: &[u8] = b"custos/backup-confirm/1";
	/// Owner anchors a store version.
	pub const CHECKPOINT: &[u8] = b"custos/backup-checkpoint/1";
	/// Provider records a release.
	pub const RELEASE: &[u8] = b"custos/backup-release/1";
	/// Owner's operator accepts recovering from an older store.
	pub const ROLLBACK: &[u8] = b"custos/backup-rollback/1";
	/// Provider's statement over every share release it makes (see
	/// [`super::release_statement_payload`]).
	pub const RELEASE_STATEMENT: &[u8] = b"custos/release-statement/1";
	/// HPKE `info` of a sealed share release.
	pub const SHARE_RELEASE_INFO: &[u8] = b"custos/share-release/2";
	/// Share commitment (see [`super::share_commitment`]).
	pub const SHARE_COMMITMENT: &[u8] = b"custos/share-commitment/1";
	/// Owner deposits its escrow of an epoch.
	pub const ESCROW_DEPOSIT: &[u8] = b"custos/escrow-deposit/1";
	/// Owner's restart key requests cold recovery.
	pub const COLD_REQUEST: &[u8] = b"custos/cold-request/1";
	/// Escrow member releases its share to an owner's incarnation.
	pub const ESCROW_RELEASE: &[u8] = b"custos/escrow-release/1";
	/// The entry an escrow key takes in a restart's recovery keys root (see
	/// [`crate::escrow::escrow_key_entry`]).
	pub const ESCROW_KEY: &[u8] = b"custos/escrow-key/1";
	/// HPKE `info` of a deposit's share sealed to an escrow member.
	pub const ESCROW_SHARE_INFO: &[u8] = b"custos/escrow-share/2";
	/// HPKE `info` of a member's release sealed to the owner's escrow recovery key.
	pub const ESCROW_RELEASE_INFO: &[u8] = b"custos/escrow-release-share/1";
	/// Escrow share commitment: blake2-256 of tag ‖ genesis ‖ owner ‖ epoch ‖ generation ‖
	/// member_index ‖ share ‖ blinding (integers as u32 little-endian), computed off chain
	/// like a holder's share commitment; the chain keeps it opaque.
	pub const ESCROW_COMMITMENT: &[u8] = b"custos/escrow-commitment/1";
}

/// What a provider signs to acknowledge its share: SCALE of
/// `(tags::ACK, genesis_hash, owner, epoch, provider_incarnation, share_commitment)`.
pub fn ack_payload<AccountId: Encode, Hash: Encode>(
	genesis_hash: &Hash,
	owner: &AccountId,
	epoch: u32,
	provider_incarnation: u32,
	share_commitment: &[u8; 32],
) -> alloc::vec::Vec<u8> {
	(tags::ACK, genesis_hash, owner, epoch, provider_incarnation, share_commitment).encode()
}

/// Bytes a holder keeps and releases: a Shamir share of the KEK (33 bytes: 32 y bytes and
/// the x coordinate) followed by its 32-byte blinding value.
pub const HELD_SHARE_BYTES: usize = 65;

/// Largest sealed release a [`BadShareReport`] carries: an honest one is
/// [`HELD_SHARE_BYTES`] + 16 (the AEAD tag) = 81 bytes.
pub type MaxReleaseCiphertext = ConstU32<256>;

/// What a restarted owner submits to prove that a holder of its confirmed epoch released a
/// bad share: the holder's signed release, and the private key of the one recovery key it
/// was sealed to, so that the chain can open it.
///
/// Revealing `revealed_key` exposes only what was sealed to it (the bad holder's own
/// bytes): every holder has its own key, bound by the root the restart quote attested.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxKeys))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct BadShareReport<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxKeys: Get<u32>> {
	/// The owner (TSS account) that restarted and asked for its share.
	pub owner: AccountId,
	/// The holder that released the bad share (its TSS account, an sr25519 key).
	pub provider: AccountId,
	/// The owner's incarnation the share was released to: its current one, ≥ 1.
	pub incarnation: u32,
	/// The owner's confirmed epoch the share belongs to.
	pub epoch: u32,
	/// The owner's per-holder recovery public keys (x25519), in the order of the confirmed
	/// holders, then its escrow recovery key when it made one (a network with an escrow
	/// committee); their [`custos_primitives::recovery_keys_root`] is the root the restart
	/// attestation recorded.
	pub recovery_keys: BoundedVec<[u8; 32], MaxKeys>,
	/// The private x25519 key of `recovery_keys[i]`, `i` the provider's holder index.
	pub revealed_key: [u8; 32],
	/// The HPKE encapsulated key of the release.
	pub enc: [u8; 32],
	/// The HPKE ciphertext of the release.
	pub ciphertext: BoundedVec<u8, MaxReleaseCiphertext>,
	/// The provider's sr25519 signature over blake2-256 of
	/// [`release_statement_payload`] for this release.
	pub signature: [u8; 64],
}

/// How a proven bad release is bad.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub enum BadShareKind {
	/// The release does not open (HPKE) under the holder's recovery key, `info` and aad.
	Undecryptable,
	/// It opens, but not to [`HELD_SHARE_BYTES`] bytes.
	WrongLength,
	/// It opens to [`HELD_SHARE_BYTES`] bytes that are not the ones the holder committed
	/// to (see [`share_commitment`]).
	CommitmentMismatch,
}

/// A proven bad release, kept per (owner, incarnation, provider).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct BadShareRecord<BlockNumber> {
	/// The owner's confirmed epoch the bad share was released from.
	pub epoch: u32,
	/// How it is bad.
	pub kind: BadShareKind,
	/// Block in which the report was accepted.
	pub reported_at: BlockNumber,
}

/// What a provider signs, as sr25519 over its blake2-256, for every share release: the
/// plain concatenation (no length prefixes; every field is fixed-width)
/// `tags::RELEASE_STATEMENT ‖ genesis (32) ‖ provider (32) ‖ owner (32) ‖ incarnation (u32
/// LE) ‖ recovery_key (32) ‖ epoch (u32 LE) ‖ commitment (32) ‖ sealed_hash (32)`, where
/// `sealed_hash = blake2-256(enc ‖ ciphertext)`. The same bytes as the companion's
/// `releaseStatementPayload` (src/protocol/messages.ts).
#[allow(clippy::too_many_arguments)]
pub fn release_statement_payload(
	genesis_hash: &[u8; 32],
	provider: &[u8; 32],
	owner: &[u8; 32],
	incarnation: u32,
	recovery_key: &[u8; 32],
	epoch: u32,
	commitment: &[u8; 32],
	sealed_hash: &[u8; 32],
) -> alloc::vec::Vec<u8> {
	let mut out = alloc::vec::Vec::with_capacity(tags::RELEASE_STATEMENT.len() + 6 * 32 + 8);
	out.extend_from_slice(tags::RELEASE_STATEMENT);
	out.extend_from_slice(genesis_hash);
	out.extend_from_slice(provider);
	out.extend_from_slice(owner);
	out.extend_from_slice(&incarnation.to_le_bytes());
	out.extend_from_slice(recovery_key);
	out.extend_from_slice(&epoch.to_le_bytes());
	out.extend_from_slice(commitment);
	out.extend_from_slice(sealed_hash);
	out
}

/// `blake2-256(enc ‖ ciphertext)`: the sealed release a release statement names.
pub fn sealed_hash(enc: &[u8; 32], ciphertext: &[u8]) -> [u8; 32] {
	let mut preimage = alloc::vec::Vec::with_capacity(32 + ciphertext.len());
	preimage.extend_from_slice(enc);
	preimage.extend_from_slice(ciphertext);
	blake2_256(&preimage)
}

/// HPKE associated data of a share release:
/// `owner (32) ‖ incarnation (u32 LE) ‖ epoch (u32 LE) ‖ provider (32)`.
pub fn release_aad(owner: &[u8; 32], incarnation: u32, epoch: u32, provider: &[u8; 32]) -> alloc::vec::Vec<u8> {
	let mut out = alloc::vec::Vec::with_capacity(72);
	out.extend_from_slice(owner);
	out.extend_from_slice(&incarnation.to_le_bytes());
	out.extend_from_slice(&epoch.to_le_bytes());
	out.extend_from_slice(provider);
	out
}

/// The share commitment a holder acknowledges: blake2-256 of
/// `tags::SHARE_COMMITMENT ‖ genesis (32) ‖ owner (32) ‖ epoch (u32 LE) ‖ provider (32) ‖
/// held`, `held` being share ‖ blinding ([`HELD_SHARE_BYTES`]). The same bytes as the
/// companion's `shareCommitment`.
pub fn share_commitment(
	genesis_hash: &[u8; 32],
	owner: &[u8; 32],
	epoch: u32,
	provider: &[u8; 32],
	held: &[u8],
) -> [u8; 32] {
	let mut preimage = alloc::vec::Vec::with_capacity(tags::SHARE_COMMITMENT.len() + 100 + held.len());
	preimage.extend_from_slice(tags::SHARE_COMMITMENT);
	preimage.extend_from_slice(genesis_hash);
	preimage.extend_from_slice(owner);
	preimage.extend_from_slice(&epoch.to_le_bytes());
	preimage.extend_from_slice(provider);
	preimage.extend_from_slice(held);
	blake2_256(&preimage)
}

/// The reassignment work a session boundary opened and the following blocks carry out
/// (see `Pallet::continue_reassignments`), kept while anything is left.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct ReassignmentRound<AccountId, BlockNumber> {
	/// Index of the session that opened it.
	pub session: u32,
	/// Seed of every draw of the round, taken from the chain's randomness at the boundary:
	/// the draws do not depend on the block an owner's turn falls in.
	pub seed: [u8; 32],
	/// Block of the session boundary; the work starts in the next block, and an owner whose
	/// current epoch opened at or after it is not topped up again in this round.
	pub opened_at: BlockNumber,
	/// Top-ups of under-provisioned owners still allowed in this round (starts at
	/// `MaxFillsPerSession`).
	pub fills_left: u32,
	/// The last under-provisioned owner visited: the top-ups resume after it.
	pub fill_cursor: Option<AccountId>,
}
