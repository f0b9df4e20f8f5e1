//! Who holds shares of whom: drawing providers, reacting to validator changes and to
//! providers' memory loss.
//!
//! Every entry point returns the weight it used, from the benchmarked parts: a draw's
//! fallback scans (`draw_scan` over the pool) on top of the benchmarked assignment
//! (`assign_new_owner`, `reassign`, `force_reassign`), which sampled successfully.

use alloc::{collections::BTreeMap, vec::Vec};
use frame::prelude::*;
use frame::traits::Randomness;
use pallet_custos_attestation::traits::OnRestartAttested;
use pallet_custos_registry::traits::{ActiveValidator, ValidatorObserver};

use crate::{pallet::*, types::*, weights::WeightInfo};

/// Random candidates examined per slot before falling back to a scan of the pool.
pub const SAMPLES: u32 = 8;

impl<T: Config> Pallet<T> {
	/// Whether `params` obey the rules; `active` is the active-set size to check `n`
	/// against (`None` at genesis, when nobody is active yet).
	pub fn params_are_valid(params: &BackupParams, active: Option<u32>) -> bool {
		let n_ok = params.n >= 1 && params.n <= T::MaxProviders::get();
		let t_ok = params.t >= 1 && params.t <= params.n && (params.n < 2 || params.t >= 2);
		let fits = active.is_none_or(|a| params.n <= a.saturating_sub(1));
		n_ok && t_ok && fits && params.max_load >= 1
	}

	/// Draws up to `need` providers for `owner`, never the owner, never its operator,
	/// never one in `taken` (current providers) or `avoid`, with distinct operators, below
	/// the load bound; least loaded among `SAMPLES` random candidates per slot, then a
	/// deterministic scan if sampling found none. Returns the providers and the weight of
	/// the scans it fell back to (sampling is part of its callers' benchmarks).
	pub(crate) fn draw(
		owner: &T::AccountId,
		epoch: u32,
		taken: &[T::AccountId],
		avoid: &[T::AccountId],
		need: u32,
	) -> (Vec<T::AccountId>, Weight) {
		let pool = Pool::<T>::get();
		if pool.is_empty() || need == 0 {
			return (Vec::new(), Weight::zero());
		}
		let mut scans: u64 = 0;
		let max_load = Params::<T>::get().max_load;
		let owner_operator = OwnerOperators::<T>::get(owner);
		let operator_of = |tss: &T::AccountId| pool.iter().find(|v| &v.tss_account == tss).map(|v| v.operator.clone());
		let mut used_operators: Vec<T::AccountId> = taken.iter().filter_map(operator_of).collect();
		let (seed, _) = T::Randomness::random(&(b"custos/backups/draw", owner, epoch).encode());
		let mut chosen: Vec<T::AccountId> = Vec::new();
		let eligible = |v: &ActiveValidator<T::AccountId>, chosen: &[T::AccountId], used: &[T::AccountId]| {
			&v.tss_account != owner &&
				Some(&v.operator) != owner_operator.as_ref() &&
				!taken.contains(&v.tss_account) &&
				!avoid.contains(&v.tss_account) &&
				!chosen.contains(&v.tss_account) &&
				!used.contains(&v.operator) &&
				ProviderLoad::<T>::get(&v.tss_account) < max_load
		};
		for slot in 0..need {
			let mut best: Option<(u32, &ActiveValidator<T::AccountId>)> = None;
			for k in 0..SAMPLES {
				let draw = blake2_256(&(seed, slot, k).encode());
				let index = u32::from_le_bytes([draw[0], draw[1], draw[2], draw[3]]) as usize % pool.len();
				let Some(candidate) = pool.get(index) else { continue };
				if !eligible(candidate, &chosen, &used_operators) {
					continue;
				}
				let load = ProviderLoad::<T>::get(&candidate.tss_account);
				if best.is_none_or(|(l, _)| load < l) {
					best = Some((load, candidate));
				}
			}
			if best.is_none() {
				// Sampling missed (small or nearly saturated pool): scan, least loaded
				// first, ties broken by a hash of the seed so the choice stays random.
				scans.saturating_inc();
				best = pool
					.iter()
					.filter(|v| eligible(v, &chosen, &used_operators))
					.map(|v| (ProviderLoad::<T>::get(&v.tss_account), v))
					.min_by_key(|(load, v)| (*load, blake2_256(&(seed, &v.tss_account).encode())));
			}
			let Some((_, picked)) = best else { break };
			used_operators.push(picked.operator.clone());
			chosen.push(picked.tss_account.clone());
		}
		(chosen, T::WeightInfo::draw_scan(pool.len() as u32).saturating_mul(scans))
	}

	/// The most weight a draw of `slots` providers can use in fallback scans: one scan of
	/// the largest pool per slot.
	pub(crate) fn max_scans_weight(slots: u32) -> Weight {
		T::WeightInfo::draw_scan(T::MaxPool::get()).saturating_mul(slots.into())
	}

	fn add_index(owner: &T::AccountId, providers: &[T::AccountId]) {
		for p in providers {
			ProviderOwners::<T>::insert(p, owner, ());
			ProviderLoad::<T>::mutate(p, |l| *l = l.saturating_add(1));
		}
	}

	fn remove_index(owner: &T::AccountId, providers: &[T::AccountId]) {
		for p in providers {
			ProviderOwners::<T>::remove(p, owner);
			ProviderLoad::<T>::mutate_exists(p, |l| {
				let next = l.unwrap_or(0).saturating_sub(1);
				*l = if next == 0 { None } else { Some(next) };
			});
		}
	}

	fn mark_provisioning(owner: &T::AccountId, have: u32, need: u32) -> bool {
		let short = have < need;
		if short {
			UnderProvisioned::<T>::insert(owner, ());
			Self::deposit_event(Event::UnderProvisioned { owner: owner.clone(), have, need });
		} else {
			UnderProvisioned::<T>::remove(owner);
		}
		short
	}

	/// Creates the backup state of a newly registered owner (epoch 1). Returns its weight.
	pub(crate) fn assign_new_owner(validator: &ActiveValidator<T::AccountId>) -> Weight {
		let owner = &validator.tss_account;
		if Assignments::<T>::contains_key(owner) {
			defensive!("owner registered twice");
			return T::DbWeight::get().reads(1);
		}
		OwnerOperators::<T>::insert(owner, &validator.operator);
		let params = Params::<T>::get();
		let (providers, scans) = Self::draw(owner, 1, &[], &[], params.n);
		Self::add_index(owner, &providers);
		let short = Self::mark_provisioning(owner, providers.len() as u32, params.n);
		Assignments::<T>::insert(
			owner,
			BackupState {
				epoch: 1,
				providers: BoundedVec::truncate_from(providers.clone()),
				threshold: params.t,
				confirmed_epoch: 0,
				confirmed_providers: BoundedVec::new(),
				confirmed_threshold: 0,
				confirmed_store_version: 0,
				epoch_opened_at: frame_system::Pallet::<T>::block_number(),
				confirmed_at: Zero::zero(),
				under_provisioned: short,
			},
		);
		Self::deposit_event(Event::ProvidersAssigned {
			owner: owner.clone(),
			epoch: 1,
			providers,
			threshold: params.t,
		});
		T::WeightInfo::assign_new_owner().saturating_add(scans)
	}

	/// Opens a new epoch for `owner` without `removed`, topped up to `n` (avoiding
	/// `avoid`), and emits `Reassigned` if anything changed (or if `forced`). Returns its
	/// weight: the benchmarked reassignment of as many slots as it drew or removed, and
	/// its fallback scans.
	pub(crate) fn reassign(
		owner: &T::AccountId,
		removed: &[T::AccountId],
		avoid: &[T::AccountId],
		forced: bool,
	) -> Weight {
		let (slots, scans) = Self::reassign_slots(owner, removed, avoid, forced);
		T::WeightInfo::reassign(slots).saturating_add(scans)
	}

	/// [`Self::reassign`], returning how many slots it drew or removed and the weight of
	/// its fallback scans.
	fn reassign_slots(
		owner: &T::AccountId,
		removed: &[T::AccountId],
		avoid: &[T::AccountId],
		forced: bool,
	) -> (u32, Weight) {
		let Some(mut state) = Assignments::<T>::get(owner) else { return (0, Weight::zero()) };
		let params = Params::<T>::get();
		let mut kept: Vec<T::AccountId> =
			state.providers.iter().filter(|p| !removed.contains(p)).cloned().collect();
		let need = params.n.saturating_sub(kept.len() as u32);
		let next_epoch = state.epoch.saturating_add(1);
		let (added, scans) = Self::draw(owner, next_epoch, &kept, avoid, need);
		let actually_removed: Vec<T::AccountId> =
			state.providers.iter().filter(|p| removed.contains(p)).cloned().collect();
		let slots = need.max(actually_removed.len() as u32);
		if added.is_empty() && actually_removed.is_empty() && !forced {
			return (slots, scans);
		}
		Self::remove_index(owner, &actually_removed);
		Self::add_index(owner, &added);
		kept.extend(added.iter().cloned());
		state.epoch = next_epoch;
		state.providers = BoundedVec::truncate_from(kept);
		state.threshold = params.t;
		state.epoch_opened_at = frame_system::Pallet::<T>::block_number();
		state.under_provisioned = Self::mark_provisioning(owner, state.providers.len() as u32, params.n);
		Assignments::<T>::insert(owner, state);
		Self::deposit_event(Event::Reassigned {
			owner: owner.clone(),
			epoch: next_epoch,
			added,
			removed: actually_removed,
			forced,
		});
		(slots, scans)
	}

	/// Governance: replace every provider of `owner`, avoiding the current ones where the
	/// pool allows. Returns its weight: the benchmarked `force_reassign` and the fallback
	/// scans of both its draws.
	pub(crate) fn reassign_all(owner: &T::AccountId) -> Weight {
		let Some(state) = Assignments::<T>::get(owner) else { return T::DbWeight::get().reads(1) };
		let current: Vec<T::AccountId> = state.providers.to_vec();
		let need = Params::<T>::get().n;
		let (fresh, scans) = Self::draw(owner, state.epoch.saturating_add(1), &[], &current, need);
		// Keep old providers only to top up where the pool had too few others.
		let keep: Vec<T::AccountId> =
			current.iter().take(need.saturating_sub(fresh.len() as u32) as usize).cloned().collect();
		let removed: Vec<T::AccountId> = current.iter().filter(|p| !keep.contains(p)).cloned().collect();
		// `force_reassign` is benchmarked with the reassignment: add only its scans.
		let (_, reassign_scans) = Self::reassign_slots(owner, &removed, &current, true);
		T::WeightInfo::force_reassign().saturating_add(scans).saturating_add(reassign_scans)
	}

	/// The most weight [`Self::reassign_all`] can use: both draws scanning for every slot.
	pub(crate) fn max_reassign_all_weight() -> Weight {
		T::WeightInfo::force_reassign().saturating_add(Self::max_scans_weight(T::MaxProviders::get().saturating_mul(2)))
	}

	/// The owners whose current epoch names `provider`.
	pub fn owners_of(provider: &T::AccountId) -> Vec<T::AccountId> {
		ProviderOwners::<T>::iter_key_prefix(provider).collect()
	}

	/// A new session: refresh the pool, reassign the owners of providers that left, top up
	/// under-provisioned owners (at most `MaxFillsPerSession`). Returns its weight: the
	/// benchmarked session over the new pool, each reassignment's, and one read per
	/// index entry and under-provisioned owner it went through.
	pub(crate) fn on_new_session(
		active: &[ActiveValidator<T::AccountId>],
		left: &[ActiveValidator<T::AccountId>],
	) -> Weight {
		Pool::<T>::put(BoundedVec::truncate_from(active.to_vec()));
		let mut used = T::WeightInfo::new_session(active.len() as u32);
		let mut reads: u64 = 0;
		let mut affected: BTreeMap<T::AccountId, Vec<T::AccountId>> = BTreeMap::new();
		for v in left {
			for owner in Self::owners_of(&v.tss_account) {
				reads.saturating_inc();
				affected.entry(owner).or_default().push(v.tss_account.clone());
			}
		}
		for (owner, removed) in &affected {
			used.saturating_accrue(Self::reassign(owner, removed, &[], false));
		}
		let mut visited: u64 = 0;
		let short: Vec<T::AccountId> = UnderProvisioned::<T>::iter_keys()
			.inspect(|_| visited.saturating_inc())
			.filter(|o| !affected.contains_key(o))
			.take(T::MaxFillsPerSession::get() as usize)
			.collect();
		for owner in short {
			used.saturating_accrue(Self::reassign(&owner, &[], &[], false));
		}
		used.saturating_add(T::DbWeight::get().reads(reads.saturating_add(visited)))
	}

	/// An owner unregistered: drop its state (with its confirmed commitments) and free its
	/// providers. Returns its weight.
	pub(crate) fn remove_owner(owner: &T::AccountId) -> Weight {
		let Some(state) = Assignments::<T>::take(owner) else { return T::DbWeight::get().reads(1) };
		Self::remove_index(owner, &state.providers);
		UnderProvisioned::<T>::remove(owner);
		OwnerOperators::<T>::remove(owner);
		LastCheckpoint::<T>::remove(owner);
		ConfirmedCommitments::<T>::remove(owner);
		Self::deposit_event(Event::OwnerRemoved { owner: owner.clone() });
		T::WeightInfo::remove_owner()
	}

	/// A provider lost its memory: every owner it serves gets a new epoch with the same
	/// providers, and must reshare. Returns its weight (by the number of owners).
	pub(crate) fn provider_lost_memory(provider: &T::AccountId) -> Weight {
		let owners = Self::owners_of(provider);
		let used = T::WeightInfo::provider_lost_memory(owners.len() as u32);
		if owners.is_empty() {
			return used;
		}
		let now = frame_system::Pallet::<T>::block_number();
		for owner in &owners {
			Assignments::<T>::mutate(owner, |state| {
				if let Some(state) = state {
					state.epoch = state.epoch.saturating_add(1);
					state.epoch_opened_at = now;
				}
			});
		}
		Self::deposit_event(Event::ReshareNeeded { provider: provider.clone(), owners });
		used
	}
}

impl<T: Config> ValidatorObserver<T::AccountId> for Pallet<T> {
	fn on_registered(validator: &ActiveValidator<T::AccountId>) -> Weight {
		Self::assign_new_owner(validator)
	}

	fn on_left(validator: &ActiveValidator<T::AccountId>) -> Weight {
		Self::remove_owner(&validator.tss_account)
	}

	fn on_active_set_changed(
		_session: u32,
		active: &[ActiveValidator<T::AccountId>],
		_entered: &[ActiveValidator<T::AccountId>],
		left: &[ActiveValidator<T::AccountId>],
	) -> Weight {
		Self::on_new_session(active, left)
	}

	/// The assignment with every slot falling back to a scan of the largest pool.
	fn max_registered_weight() -> Weight {
		T::WeightInfo::assign_new_owner().saturating_add(Self::max_scans_weight(T::MaxProviders::get()))
	}

	fn max_left_weight() -> Weight {
		T::WeightInfo::remove_owner()
	}

	/// The pool holds at most `MaxPool` validators.
	fn max_active() -> u32 {
		T::MaxPool::get()
	}

	/// A session writing a pool of `MaxPool`.
	fn max_active_set_changed_weight() -> Weight {
		T::WeightInfo::new_session(T::MaxPool::get())
	}
}

impl<T: Config> OnRestartAttested<T::AccountId> for Pallet<T> {
	fn on_restart_attested(tss_account: &T::AccountId, _incarnation: u32) -> Weight {
		Self::provider_lost_memory(tss_account)
	}

	/// A provider serving every possible owner: owners are registered validators, at most
	/// `MaxPool` in a runtime that sets it to the registry's `MaxValidators`.
	fn max_weight() -> Weight {
		T::WeightInfo::provider_lost_memory(T::MaxPool::get())
	}
}
