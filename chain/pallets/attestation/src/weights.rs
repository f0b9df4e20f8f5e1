//! Weights of the attestation pallet.
//!
//! Not yet produced by `frame-benchmarking`: these are conservative estimates, to be
//! replaced by generated weights. `attest_restart` is dominated by quote verification
//! (two P-256 signature checks on the dev path; certificate chain, CRLs, TCB info and QE
//! identity on the Intel path). `bench/chain` measures it; see docs/benchmarks.md.

use frame::weights_prelude::*;

/// Weight functions needed by the attestation pallet.
pub trait WeightInfo {
	/// `attest_restart`, including quote verification.
	fn attest_restart() -> Weight;
	/// `add_measurement`.
	fn add_measurement() -> Weight;
	/// `remove_measurement`.
	fn remove_measurement() -> Weight;
	/// `set_trust_policy`.
	fn set_trust_policy() -> Weight;
	/// `set_td_policy`.
	fn set_td_policy() -> Weight;
	/// Verifying a registration quote (charged by the registry's `register`).
	fn verify_registration_quote() -> Weight;
}

/// Estimated weights (see module docs).
pub struct EstimatedWeights<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for EstimatedWeights<T> {
	fn attest_restart() -> Weight {
		// One read more than before the TD policy (`ActiveTdPolicy`); likewise below.
		Weight::from_parts(60_000_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(7, 1))
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
	fn verify_registration_quote() -> Weight {
		Weight::from_parts(60_000_000_000, 12_000).saturating_add(T::DbWeight::get().reads_writes(6, 1))
	}
}

impl WeightInfo for () {
	fn attest_restart() -> Weight {
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
	fn verify_registration_quote() -> Weight {
		Weight::from_parts(60_000_000_000, 12_000)
	}
}
