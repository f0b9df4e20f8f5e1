//! Types stored and taken by the attestation pallet.

use frame::prelude::*;

pub use custos_primitives::{DevPckKey, IntelTrust, Measurement};

/// The latest confirmed attestation of a TSS account.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct AttestationRecord<BlockNumber> {
	/// 0 after registration; each accepted restart attestation adds one.
	pub incarnation: u32,
	/// The x25519 key shares are released to: the server's key after registration, the
	/// ephemeral recovery key after a restart.
	pub recovery_public_key: [u8; 32],
	/// Block in which the attestation was recorded.
	pub attested_at: BlockNumber,
	/// Measurement of the TD that produced the quote.
	pub measurement: Measurement,
}

/// Governance's trust policy: which roots may vouch for a quote.
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
#[scale_info(skip_type_params(MaxDevKeys))]
#[codec(mel_bound())]
pub struct TrustPolicy<MaxDevKeys: Get<u32>> {
	/// Intel DCAP path (quotes with collateral); `None` disables it.
	pub intel: Option<IntelTrust>,
	/// Allow-listed mock PCK keys (dev path). Empty on production chains.
	pub dev_pck_keys: BoundedVec<DevPckKey, MaxDevKeys>,
}

impl<M: Get<u32>> Default for TrustPolicy<M> {
	fn default() -> Self {
		Self { intel: None, dev_pck_keys: BoundedVec::default() }
	}
}

/// A quote and what it claims to be bound to, as submitted with a registration or a
/// restart attestation.
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
#[scale_info(skip_type_params(MaxQuoteLen, MaxCollateralLen))]
#[codec(mel_bound(BlockNumber: MaxEncodedLen, Hash: MaxEncodedLen))]
pub struct QuoteEvidence<
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	Hash: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxQuoteLen: Get<u32>,
	MaxCollateralLen: Get<u32>,
> {
	/// The raw TDX v4 quote.
	pub quote: BoundedVec<u8, MaxQuoteLen>,
	/// SCALE-encoded DCAP collateral for the Intel path; `None` selects the dev path.
	pub collateral: Option<BoundedVec<u8, MaxCollateralLen>>,
	/// Genesis hash the quote binds (must be this chain's).
	pub genesis_hash: Hash,
	/// Recent block the quote binds (freshness).
	pub block_number: BlockNumber,
	/// Hash of `block_number`.
	pub block_hash: Hash,
}

/// The payload of a restart attestation: what the restart key signs.
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
#[scale_info(skip_type_params(MaxQuoteLen, MaxCollateralLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen, Hash: MaxEncodedLen))]
pub struct RestartAttestation<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	Hash: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxQuoteLen: Get<u32>,
	MaxCollateralLen: Get<u32>,
> {
	/// The TSS account that restarted.
	pub tss_account: AccountId,
	/// The incarnation it claims: the recorded one plus one.
	pub incarnation: u32,
	/// Its fresh ephemeral x25519 key; providers release shares sealed to it.
	pub recovery_public_key: [u8; 32],
	/// The quote binding all of the above.
	pub evidence: QuoteEvidence<BlockNumber, Hash, MaxQuoteLen, MaxCollateralLen>,
}

/// Domain tag of the restart-key signature: the restart key signs
/// `(RESTART_SIGNATURE_TAG, blake2_256(SCALE(RestartAttestation)))`.
pub const RESTART_SIGNATURE_TAG: &[u8; 22] = b"custos/restart-attest1";
