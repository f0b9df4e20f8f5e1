//! Types stored and taken by the registry pallet.

use frame::prelude::*;

/// What a validator's TSS server publishes on chain.
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
#[scale_info(skip_type_params(MaxEndpointLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct ServerInfo<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxEndpointLen: Get<u32>> {
	/// The TSS server's own account (sr25519), distinct from the operator's.
	pub tss_account: AccountId,
	/// x25519 key that shares for this server are sealed to (HPKE).
	pub x25519_public_key: [u8; 32],
	/// Where its companion serves provider routes: `http://` or `https://` URL, ASCII.
	pub endpoint: BoundedVec<u8, MaxEndpointLen>,
	/// sr25519 key that signs this server's fee-free restart attestations.
	pub restart_key: [u8; 32],
}

/// Whether a registered validator wants to be in the next active set.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub enum ValidatorStatus {
	/// Joins (or stays in) the active set at the next session.
	Validating,
	/// Leaves the active set at the next session but stays registered.
	Chilled,
}

/// A registered validator.
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
#[scale_info(skip_type_params(MaxEndpointLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct ValidatorInfo<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxEndpointLen: Get<u32>,
> {
	/// Its TSS server.
	pub server: ServerInfo<AccountId, MaxEndpointLen>,
	/// Validating or chilled.
	pub status: ValidatorStatus,
	/// Bond held from the operator while registered.
	pub bond: Balance,
	/// Block of registration.
	pub registered_at: BlockNumber,
}
