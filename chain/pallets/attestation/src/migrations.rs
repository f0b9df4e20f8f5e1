//! Storage migrations of the attestation pallet.
//!
//! ## v1 → v2: the TD policy
//!
//! Version 2 adds [`ActiveTdPolicy`](crate::ActiveTdPolicy). A chain created before it has
//! no policy; [`MigrateV1ToV2`] writes the one the runtime passes as `P`.
//!
//! The reference runtime passes [`KeepAccepting`]: a policy that checks no TD report field
//! (`attributes_mask` 0, every field `None`), so every quote the v1 runtime accepted is still
//! accepted by the policy. Governance then pins what it wants with `set_td_policy`. Not the
//! dev preset's policy: it pins the mock image's XFAM and owner fields, so on a chain that
//! uses the Intel path it would refuse every real TD until governance replaced it.
//!
//! What v2 refuses that v1 accepted does not come from the policy but from the fixed TD
//! attribute rules of [`custos_primitives::check_td_attributes`] (SEPT_VE_DISABLE on,
//! MIGRATABLE off, no service TD, reserved bits zero), which no policy relaxes. A TD that
//! fails them must be reconfigured; mock quotes from before v2 (attributes all zero) fail
//! them, so companions update their mock quote builder with the runtime.
//!
//! ## v2 → v3: signature memos for cached collateral
//!
//! Version 3 verifies a cached-path quote with the bundle's signature memo
//! ([`CollateralSignatureMemos`](crate::CollateralSignatureMemos)), recorded on upload; a
//! bundle cached before has none, and the chain cannot record one without a genuine quote.
//! [`MigrateV2ToV3`] drops such bundles (a `CollateralRemoved` event each, at most
//! `MaxCachedCollateral`), so the cache holds only memoized bundles and the cached path's
//! benchmarked weight holds; anyone uploads them again (a re-upload of a key that is gone
//! pays its fee like any new key).

use core::marker::PhantomData;
use frame::deps::frame_support::{migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade};
use frame::prelude::*;

use crate::{
	ActiveTdPolicy, CollateralCache, CollateralSignatureMemos, Config, Event, Pallet, TdPolicy,
};

/// The v1 → v2 step without its version check; use [`MigrateV1ToV2`].
pub struct InitTdPolicy<T, P>(PhantomData<(T, P)>);

impl<T: Config, P: Get<TdPolicy>> UncheckedOnRuntimeUpgrade for InitTdPolicy<T, P> {
	fn on_runtime_upgrade() -> Weight {
		let policy = P::get();
		if policy.is_satisfiable() {
			ActiveTdPolicy::<T>::put(policy);
		} else {
			defensive!("attestation v2 migration: unsatisfiable TD policy; keeping the default");
			ActiveTdPolicy::<T>::put(TdPolicy::default());
		}
		T::DbWeight::get().writes(1)
	}
}

/// Sets the TD policy `P` on a chain at storage version 1 and moves it to version 2; does
/// nothing on a chain at any other version (a chain created at v2 got its policy at genesis).
pub type MigrateV1ToV2<T, P> =
	VersionedMigration<1, 2, InitTdPolicy<T, P>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

/// The policy [`MigrateV1ToV2`] writes on the reference runtime: no TD report field checked
/// (see the module docs for why).
pub struct KeepAccepting;

impl Get<TdPolicy> for KeepAccepting {
	fn get() -> TdPolicy {
		TdPolicy::default()
	}
}

/// The v2 → v3 step without its version check; use [`MigrateV2ToV3`].
pub struct DropUnmemoizedCollateral<T>(PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for DropUnmemoizedCollateral<T> {
	fn on_runtime_upgrade() -> Weight {
		let keys: alloc::vec::Vec<_> = CollateralCache::<T>::iter_keys().collect();
		let mut dropped = 0u64;
		for key in &keys {
			if !CollateralSignatureMemos::<T>::contains_key(key) {
				Pallet::<T>::forget_collateral(*key);
				Pallet::<T>::deposit_event(Event::CollateralRemoved { key: *key });
				dropped += 1;
			}
		}
		// Keys and memo lookups; per dropped bundle three removals, the counter and an event.
		T::DbWeight::get().reads_writes(1 + 2 * keys.len() as u64, 4 * dropped + 1)
	}
}

/// Drops the cached bundles without a signature memo on a chain at storage version 2 and
/// moves it to version 3; does nothing at any other version.
pub type MigrateV2ToV3<T> = VersionedMigration<
	2,
	3,
	DropUnmemoizedCollateral<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
