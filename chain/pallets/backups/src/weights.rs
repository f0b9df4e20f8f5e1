//! Weights of the backups pallet.
//!
//! Not yet produced by `frame-benchmarking`: conservative estimates, to be replaced by
//! generated weights. Session work is charged by the registry's rotation weight.

use frame::weights_prelude::*;

/// Weight functions needed by the backups pallet.
pub trait WeightInfo {
	/// `confirm_epoch` with `a` acknowledgements (a + 1 sr25519 verifications).
	fn confirm_epoch(a: u32) -> Weight;
	/// `checkpoint`.
	fn checkpoint() -> Weight;
	/// `record_release`.
	fn record_release() -> Weight;
	/// `force_reassign`.
	fn force_reassign() -> Weight;
	/// `set_params`.
	fn set_params() -> Weight;
}

/// Estimated weights (see module docs).
pub struct EstimatedWeights<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for EstimatedWeights<T> {
	fn confirm_epoch(a: u32) -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(Weight::from_parts(60_000_000, 200).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
	fn checkpoint() -> Weight {
		Weight::from_parts(60_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn record_release() -> Weight {
		Weight::from_parts(60_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(3, 1))
	}
	fn force_reassign() -> Weight {
		Weight::from_parts(200_000_000, 20_000).saturating_add(T::DbWeight::get().reads_writes(40, 12))
	}
	fn set_params() -> Weight {
		Weight::from_parts(10_000_000, 1_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
}

impl WeightInfo for () {
	fn confirm_epoch(a: u32) -> Weight {
		Weight::from_parts(60_000_000, 4_000).saturating_add(Weight::from_parts(60_000_000, 200).saturating_mul(a.into()))
	}
	fn checkpoint() -> Weight {
		Weight::from_parts(60_000_000, 2_000)
	}
	fn record_release() -> Weight {
		Weight::from_parts(60_000_000, 2_000)
	}
	fn force_reassign() -> Weight {
		Weight::from_parts(200_000_000, 20_000)
	}
	fn set_params() -> Weight {
		Weight::from_parts(10_000_000, 1_000)
	}
}
