//! Storage migrations of the backups pallet.
//!
//! ## v2 → v3: per-generation deposit counts
//!
//! Version 3 keeps a replaced or cleared escrow committee in
//! [`RetiredCommittees`](crate::RetiredCommittees) while a deposit names its generation,
//! counted in [`EscrowDepositCount`](crate::EscrowDepositCount). A chain created before has
//! deposits but no counts; [`MigrateV2ToV3`] counts them (at most two per owner, so at most
//! `2 × MaxValidators` rows). Committees replaced before the upgrade are gone already; their
//! deposits stay unserved until their owners rotate, as under v2.

use core::marker::PhantomData;
use frame::deps::frame_support::{migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade};
use frame::prelude::*;

use crate::{Config, EscrowDepositCount, EscrowDeposits, Pallet};

/// The v2 → v3 step without its version check; use [`MigrateV2ToV3`].
pub struct CountEscrowDeposits<T>(PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for CountEscrowDeposits<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut counts = alloc::collections::BTreeMap::<u32, u32>::new();
		let mut deposits = 0u64;
		for (_, _, deposit) in EscrowDeposits::<T>::iter() {
			*counts.entry(deposit.generation).or_default() += 1;
			deposits += 1;
		}
		let generations = counts.len() as u64;
		for (generation, count) in counts {
			EscrowDepositCount::<T>::insert(generation, count);
		}
		T::DbWeight::get().reads_writes(deposits, generations)
	}
}

/// Counts the escrow deposits per generation on a chain at storage version 2 and moves it
/// to version 3; does nothing at any other version (a chain created at v3 counts from its
/// first deposit).
pub type MigrateV2ToV3<T> =
	VersionedMigration<2, 3, CountEscrowDeposits<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
