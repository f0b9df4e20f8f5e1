//! The pallets a `runtime-benchmarks` build benchmarks (`Benchmark` API, see `apis.rs`):
//! `custos-node benchmark pallet --pallet <name>` runs one of them; `npm run chain:bench`
//! runs the custos pallets and writes their `weights.rs`.

frame::deps::frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_custos_registry, Registry]
	[pallet_custos_attestation, Attestation]
	[pallet_custos_backups, Backups]
);

/// `frame_system`'s benchmarks need nothing from the runtime.
impl frame::deps::frame_system_benchmarking::Config for crate::Runtime {}
