//! Weights of the registry pallet.
//!
//! Not yet produced by `frame-benchmarking`: conservative estimates, to be replaced by
//! the weights `benchmarking.rs` generates (`npm run chain:bench`). The quote check of a
//! registration and the `Observer`'s work are added by the pallet (see `register`).

use frame::weights_prelude::*;

/// Weight functions needed by the registry pallet.
pub trait WeightInfo {
	/// `register` with a dev-path quote (the pallet adds the quote check of the actual
	/// evidence and the `Observer`'s work).
	fn register() -> Weight;
	/// `chill`.
	fn chill() -> Weight;
	/// `resume`.
	fn resume() -> Weight;
	/// `leave` (the pallet adds the `Observer`'s work).
	fn leave() -> Weight;
	/// `set_session_length`.
	fn set_session_length() -> Weight;
	/// A session rotation over `v` registered validators, all entering the active set while
	/// `v` others leave it (the pallet adds the `Observer`'s work).
	fn rotate_session(v: u32) -> Weight;
}

/// Estimated weights (see module docs).
pub struct EstimatedWeights<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for EstimatedWeights<T> {
	fn register() -> Weight {
		Weight::from_parts(50_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(5, 4))
	}
	fn chill() -> Weight {
		Weight::from_parts(15_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn resume() -> Weight {
		Weight::from_parts(15_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn leave() -> Weight {
		Weight::from_parts(40_000_000, 3_000).saturating_add(T::DbWeight::get().reads_writes(3, 4))
	}
	fn set_session_length() -> Weight {
		Weight::from_parts(10_000_000, 1_000).saturating_add(T::DbWeight::get().writes(1))
	}
	fn rotate_session(v: u32) -> Weight {
		Weight::from_parts(20_000_000, 2_000)
			.saturating_add(Weight::from_parts(2_000_000, 600).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads_writes((v as u64).saturating_add(3), 2))
	}
}

impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
	}
	fn chill() -> Weight {
		Weight::from_parts(15_000_000, 2_000)
	}
	fn resume() -> Weight {
		Weight::from_parts(15_000_000, 2_000)
	}
	fn leave() -> Weight {
		Weight::from_parts(40_000_000, 3_000)
	}
	fn set_session_length() -> Weight {
		Weight::from_parts(10_000_000, 1_000)
	}
	fn rotate_session(v: u32) -> Weight {
		Weight::from_parts(20_000_000, 2_000).saturating_add(Weight::from_parts(2_000_000, 600).saturating_mul(v.into()))
	}
}
