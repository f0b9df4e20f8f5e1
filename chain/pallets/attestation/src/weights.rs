//! Weights of the attestation pallet.
//!
//! Not yet produced by `frame-benchmarking`: these are conservative estimates, to be
//! replaced by the weights `benchmarking.rs` generates (`npm run chain:bench`).
//! `attest_restart` is dominated by quote verification (two P-256 signature checks on the
//! dev path; certificate chain, CRLs, TCB info and QE identity on the Intel path).

use frame::weights_prelude::*;

/// Weight functions needed by the attestation pallet.
pub trait WeightInfo {
	/// `attest_restart` on the dev path with a quote of `q` bytes, recorded.
	fn attest_restart_dev(q: u32) -> Weight;
	/// `attest_restart` on the Intel path with a quote of `q` bytes and `c` bytes of
	/// collateral, verified to its last check (the report data), not recorded.
	fn attest_restart_intel(q: u32, c: u32) -> Weight;
	/// A registration's quote check and record on the dev path (`q` quote bytes).
	fn attest_registration_dev(q: u32) -> Weight;
	/// A registration's quote check on the Intel path (`q` quote bytes, `c` collateral
	/// bytes), verified to its last check, not recorded.
	fn attest_registration_intel(q: u32, c: u32) -> Weight;
	/// `add_measurement`.
	fn add_measurement() -> Weight;
	/// `remove_measurement`.
	fn remove_measurement() -> Weight;
	/// `set_trust_policy`.
	fn set_trust_policy() -> Weight;
	/// `set_td_policy`.
	fn set_td_policy() -> Weight;
}

/// Estimated weights (see module docs).
pub struct EstimatedWeights<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for EstimatedWeights<T> {
	fn attest_restart_dev(_q: u32) -> Weight {
		Weight::from_parts(60_000_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(7, 1))
	}
	fn attest_restart_intel(_q: u32, _c: u32) -> Weight {
		Weight::from_parts(60_000_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(7, 0))
	}
	fn attest_registration_dev(_q: u32) -> Weight {
		Weight::from_parts(60_000_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(6, 1))
	}
	fn attest_registration_intel(_q: u32, _c: u32) -> Weight {
		Weight::from_parts(60_000_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(6, 0))
	}
	fn add_measurement() -> Weight {
		Weight::from_parts(15_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn remove_measurement() -> Weight {
		Weight::from_parts(15_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn set_trust_policy() -> Weight {
		Weight::from_parts(15_000_000, 2_000).saturating_add(T::DbWeight::get().writes(1))
	}
	fn set_td_policy() -> Weight {
		Weight::from_parts(15_000_000, 2_000).saturating_add(T::DbWeight::get().writes(1))
	}
}

impl WeightInfo for () {
	fn attest_restart_dev(_q: u32) -> Weight {
		Weight::from_parts(60_000_000_000, 12_000)
	}
	fn attest_restart_intel(_q: u32, _c: u32) -> Weight {
		Weight::from_parts(60_000_000_000, 12_000)
	}
	fn attest_registration_dev(_q: u32) -> Weight {
		Weight::from_parts(60_000_000_000, 12_000)
	}
	fn attest_registration_intel(_q: u32, _c: u32) -> Weight {
		Weight::from_parts(60_000_000_000, 12_000)
	}
	fn add_measurement() -> Weight {
		Weight::from_parts(15_000_000, 2_000)
	}
	fn remove_measurement() -> Weight {
		Weight::from_parts(15_000_000, 2_000)
	}
	fn set_trust_policy() -> Weight {
		Weight::from_parts(15_000_000, 2_000)
	}
	fn set_td_policy() -> Weight {
		Weight::from_parts(15_000_000, 2_000)
	}
}
