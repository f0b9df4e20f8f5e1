//! Weights of the backups pallet.
//!
//! Not yet produced by `frame-benchmarking`: conservative estimates, to be replaced by
//! generated weights. Session work is charged by the registry's rotation weight.
//!
//! `report_bad_share` runs its X25519 arithmetic in the runtime (there is no host function
//! for it), so it is charged as two 250 µs scalar multiplications (a conservative figure
//! for curve25519-dalek's portable backend compiled to wasm, several times its native
//! cost), 60 µs for the sr25519 host verification (as the other calls), and 100 µs for the
//! HKDF, AEAD and hashing: 660 µs of execution. Its proof size covers the four values read
//! with `MaxProviders` = 16 (`BackupState` ≤ 1.1 kB, commitments ≤ 0.5 kB, the attestation
//! record and the report key) plus trie overhead: 4 kB. To be replaced by benchmarks.

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
	/// `report_bad_share`: one X25519 base-point multiplication (the revealed key's public
	/// half), one HPKE open (an X25519 multiplication, about six HMAC-SHA256 for the key
	/// schedule, ChaCha20-Poly1305 over at most 256 bytes), one sr25519 verification, three
	/// blake2-256 over at most ~600 bytes; 4 reads (`Assignments`, `ConfirmedCommitments`,
	/// the owner's attestation record, `BadShareReports`) and 1 write.
	fn report_bad_share() -> Weight;
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
	fn report_bad_share() -> Weight {
		Weight::from_parts(660_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(4, 1))
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
	fn report_bad_share() -> Weight {
		Weight::from_parts(660_000_000, 4_000)
	}
}
