//! Weights of the backups pallet.
//!
//! Not yet produced by `frame-benchmarking`: conservative estimates, to be replaced by
//! the weights `benchmarking.rs` generates (`npm run chain:bench`). Session, registration
//! and restart work is reported to the registry and attestation pallets through their
//! observer traits (see `assignment.rs`).
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
	/// `accept_rollback`.
	fn accept_rollback() -> Weight;
	/// `force_reassign` when sampling finds every provider (the pallet adds fallback scans).
	fn force_reassign() -> Weight;
	/// `set_params`.
	fn set_params() -> Weight;
	/// `report_bad_share`: one X25519 base-point multiplication (the revealed key's public
	/// half), one HPKE open (an X25519 multiplication, about six HMAC-SHA256 for the key
	/// schedule, ChaCha20-Poly1305 over at most 256 bytes), one sr25519 verification, three
	/// blake2-256 over at most ~600 bytes; 4 reads (`Assignments`, `ConfirmedCommitments`,
	/// the owner's attestation record, `BadShareReports`) and 1 write.
	fn report_bad_share() -> Weight;
	/// A new owner's first assignment of `MaxProviders` providers, sampled.
	fn assign_new_owner() -> Weight;
	/// An owner's removal.
	fn remove_owner() -> Weight;
	/// A provider's memory loss, with `o` owners.
	fn provider_lost_memory(o: u32) -> Weight;
	/// A session over an active set of `a`, nobody leaving.
	fn new_session(a: u32) -> Weight;
	/// An owner's reassignment of `s` slots, sampled.
	fn reassign(s: u32) -> Weight;
	/// One fallback scan of a pool of `p` validators.
	fn draw_scan(p: u32) -> Weight;
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
	fn accept_rollback() -> Weight {
		Weight::from_parts(60_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
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
	fn assign_new_owner() -> Weight {
		Weight::from_parts(200_000_000, 20_000).saturating_add(T::DbWeight::get().reads_writes(40, 12))
	}
	fn remove_owner() -> Weight {
		Weight::from_parts(50_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(20, 40))
	}
	fn provider_lost_memory(o: u32) -> Weight {
		Weight::from_parts(10_000_000, 1_000)
			.saturating_add(Weight::from_parts(10_000_000, 1_200).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads_writes((o as u64).saturating_add(1), o.into()))
	}
	fn new_session(a: u32) -> Weight {
		Weight::from_parts(10_000_000, 1_000)
			.saturating_add(Weight::from_parts(100_000, 70).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn reassign(s: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(10_000_000, 1_000).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads_writes((s as u64).saturating_mul(8).saturating_add(3), (s as u64).saturating_mul(4).saturating_add(2)))
	}
	fn draw_scan(p: u32) -> Weight {
		Weight::from_parts(1_000_000, 1_000)
			.saturating_add(Weight::from_parts(1_000_000, 100).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(p.into()))
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
	fn accept_rollback() -> Weight {
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
	fn assign_new_owner() -> Weight {
		Weight::from_parts(200_000_000, 20_000)
	}
	fn remove_owner() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
	}
	fn provider_lost_memory(o: u32) -> Weight {
		Weight::from_parts(10_000_000, 1_000).saturating_add(Weight::from_parts(10_000_000, 1_200).saturating_mul(o.into()))
	}
	fn new_session(a: u32) -> Weight {
		Weight::from_parts(10_000_000, 1_000).saturating_add(Weight::from_parts(100_000, 70).saturating_mul(a.into()))
	}
	fn reassign(s: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000).saturating_add(Weight::from_parts(10_000_000, 1_000).saturating_mul(s.into()))
	}
	fn draw_scan(p: u32) -> Weight {
		Weight::from_parts(1_000_000, 1_000).saturating_add(Weight::from_parts(1_000_000, 100).saturating_mul(p.into()))
	}
}
