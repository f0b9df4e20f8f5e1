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
