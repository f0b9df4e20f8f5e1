//! How the attestation pallet talks to the rest of the runtime (all through `Config`).

use frame::prelude::*;

use crate::types::{Measurement, QuoteEvidence};

/// What the attestation pallet needs to know about registered TSS servers.
pub trait TssServers<AccountId> {
	/// The sr25519 restart key registered for `tss_account`, or `None` if the account is
	/// not a registered TSS account.
	fn restart_key(tss_account: &AccountId) -> Option<[u8; 32]>;

	/// Benchmarks only: makes `tss_account` a registered TSS account with `restart_key`.
	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmark(tss_account: &AccountId, restart_key: [u8; 32]);
}

/// Verifies the quote of a registration and records incarnation 0 (or the next one, for
/// an account that registers again). Implemented by this pallet; used by the registry.
pub trait RegistrationAttestor<
	AccountId,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	Hash: Clone + PartialEq + Eq + core::fmt::Debug,
> {
	/// Checks `evidence` for a Register-context quote binding `tss_account`, its x25519 key
	/// and its restart key, and records the attestation. Returns the measurement.
	/// Changes nothing on error.
	fn attest_registration<Q: Get<u32>, C: Get<u32>>(
		tss_account: &AccountId,
		x25519_public_key: [u8; 32],
		restart_key: [u8; 32],
		evidence: &QuoteEvidence<BlockNumber, Hash, Q, C>,
	) -> Result<Measurement, DispatchError>;

	/// Weight of [`Self::attest_registration`] for evidence with a quote of `quote_len`
	/// bytes on the path `collateral` names ([`crate::QuoteCollateral::weight_key`]). The
	/// caller adds it to its own weight.
	fn registration_weight(quote_len: u32, collateral: crate::CollateralUse) -> Weight;

	/// Benchmarks only: evidence that [`Self::attest_registration`] accepts for these keys
	/// in the current block (a dev-path quote; the trust policy is set up to accept it).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_evidence<Q: Get<u32>, C: Get<u32>>(
		tss_account: &AccountId,
		x25519_public_key: [u8; 32],
		restart_key: [u8; 32],
	) -> QuoteEvidence<BlockNumber, Hash, Q, C>;
}

/// Called when a restart attestation is recorded (seam for the backups pallet: the
/// account's memory is gone, so every share it held must be re-created).
pub trait OnRestartAttested<AccountId> {
	/// `tss_account` is now at `incarnation`. Returns the weight it used, at most
	/// [`Self::max_weight`].
	fn on_restart_attested(tss_account: &AccountId, incarnation: u32) -> Weight;

	/// The most weight [`Self::on_restart_attested`] can use: charged before
	/// `attest_restart` runs, the difference refunded after.
	fn max_weight() -> Weight;
}

impl<AccountId> OnRestartAttested<AccountId> for () {
	fn on_restart_attested(_: &AccountId, _: u32) -> Weight {
		Weight::zero()
	}

	fn max_weight() -> Weight {
		Weight::zero()
	}
}

/// Read access to recorded incarnations (used by the backups pallet for release receipts
/// and bad-share reports).
pub trait Incarnations<AccountId> {
	/// The recorded incarnation of `tss_account`, if it ever attested.
	fn incarnation(tss_account: &AccountId) -> Option<u32>;

	/// The recorded incarnation of `tss_account` and its record's `recovery_keys_root`, if it
	/// ever attested, both from the same (latest) record. At incarnation ≥ 1 the root is
	/// [`custos_primitives::recovery_keys_root`] of the per-holder recovery keys the
	/// restart quote bound; at incarnation 0 it is the registration's x25519 key, which no
	/// release is made to.
	fn recovery_keys_root(tss_account: &AccountId) -> Option<(u32, [u8; 32])>;

	/// The block of `tss_account`'s latest attestation (as a number), if it ever attested.
	fn attested_at(tss_account: &AccountId) -> Option<u64>;

	/// The sr25519 restart key `tss_account` registered (the key its restart attestations
	/// and requests made before its store is open are signed with).
	fn restart_key(tss_account: &AccountId) -> Option<[u8; 32]>;

	/// Benchmarks only: records `incarnation` and `recovery_keys_root` for `tss_account`.
	#[cfg(feature = "runtime-benchmarks")]
	fn set_for_benchmark(tss_account: &AccountId, incarnation: u32, recovery_keys_root: [u8; 32]);

	/// Benchmarks only: registers `tss_account` with `restart_key`.
	#[cfg(feature = "runtime-benchmarks")]
	fn set_restart_key_for_benchmark(tss_account: &AccountId, restart_key: [u8; 32]);
}

/// Benchmarks only: what the benchmarks need from the runtime that the pallet cannot set
/// itself.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Makes [`crate::Config::UnixTime`] return `unix_secs` (the Intel path checks the
	/// collateral's validity window against it).
	fn set_unix_time(unix_secs: u64);
}
