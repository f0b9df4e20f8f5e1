//! Who holds shares of whom: drawing providers, reacting to validator changes and to
//! providers' memory loss.
//!
//! Every entry point returns the weight it used, from the benchmarked parts: a draw's
//! fallback scans (`draw_scan` over the pool) on top of the benchmarked assignment
//! (`assign_new_owner`, `reassign`, `force_reassign`), which sampled successfully.
//!
//! ## Session work is spread over blocks
//!
//! A session boundary only records what changed ([`Pallet::on_new_session`]: the pool,
//! the departed providers in [`DepartedProviders`], a new [`ReassignmentRound`] with its
//! seed). The reassignments themselves run in the following blocks' `on_initialize`
//! ([`Pallet::continue_reassignments`]), at most `MaxReassignmentsPerBlock` owners and
//! `ReassignmentWeightPerBlock` of weight per block, each owner charged its worst case
//! before it starts, so a mass `chill` or a lowered `max_load` can never overrun a block.
//!
//! Invariants of the carry-over:
//! - an owner waiting for its turn keeps its state as it was: its current epoch still names
//!   the departed provider and its confirmed holders keep serving, so the carry-over never
//!   leaves an owner with fewer holders than before; only its own reassignment changes it,
//!   as it would have at the boundary;
//! - the order is deterministic: departed providers in [`DepartedProviders`]' key order,
//!   for each the owners in `ProviderOwners`' key order, then the under-provisioned owners
//!   in [`UnderProvisioned`]' key order after the round's cursor; draws use the round's
//!   seed (fixed at the boundary), so the result does not depend on how many blocks the
//!   work takes: a capped run ends in the same assignments as an uncapped one;
//! - it terminates: each owner step removes at least one index entry of a departed
//!   provider (departed providers are never drawn: they are not in the pool), and top-ups
//!   are at most `MaxFillsPerSession` per round;
//! - a provider that re-enters the active set before its owners were reached leaves
//!   [`DepartedProviders`] and keeps them; a newer session replaces the round (new seed,
//!   fills and cursor) and adds its departures to the ones still waiting.

use alloc::vec::Vec;
use frame::prelude::*;
use frame::traits::Randomness;
use pallet_custos_attestation::traits::OnRestartAttested;
use pallet_custos_registry::traits::{ActiveValidator, ValidatorObserver};

use crate::{pallet::*, types::*, weights::WeightInfo};

/// Random candidates examined per slot before falling back to a scan of the pool.
pub const SAMPLES: u32 = 8;

/// Where a draw's randomness comes from.
#[derive(Clone, Copy)]
pub(crate) enum DrawSeed<'a> {
	/// The chain's randomness in this block (registrations, governance).
	Chain,
	/// A reassignment round's seed, fixed at its session boundary: a carried-over
	/// reassignment draws the same whichever block it runs in.
	Round(&'a [u8; 32]),
}

/// Reads and writes of one step of [`Pallet::continue_reassignments`] besides the
/// benchmarked reassignment: the next departed provider, its next owner, the owner's state,
/// one `DepartedProviders` look-up per provider of the owner, the index entry check (or,
/// for a top-up, the cursor's next key and the owner's state), and the index entry or
/// departed provider it may remove.
fn step_reads<T: Config>() -> u64 {
	4u64.saturating_add(T::MaxProviders::get().into())
}
/// Writes of one such step besides the benchmarked reassignment (see [`step_reads`]).
const STEP_WRITES: u64 = 2;

/// What one step of [`Pallet::continue_reassignments`] did.
enum Step {
	/// Reassigned or topped up one owner, using this weight.
	Owner(Weight),
	/// Only bookkeeping (a departed provider without owners left, a top-up skipped).
	Bookkeeping(Weight),
	/// Nothing left in the round.
	Done(Weight),
}

impl<T: Config> Pallet<T> {
	/// Whether `params` obey the rules; `active` is the active-set size to check `n`
	/// against (`None` at genesis, when nobody is active yet).
	pub fn params_are_valid(params: &BackupParams, active: Option<u32>) -> bool {
		let n_ok = params.n >= 1 && params.n <= T::MaxProviders::get();
		let t_ok = params.t >= 1 && params.t <= params.n && (params.n < 2 || params.t >= 2);
		let fits = active.is_none_or(|a| params.n <= a.saturating_sub(1));
		n_ok && t_ok && fits && params.max_load >= 1
	}

	/// The seed of `owner`'s draw for `epoch` from `source`.
	pub(crate) fn draw_seed(source: DrawSeed, owner: &T::AccountId, epoch: u32) -> T::Hash {
		match source {
			DrawSeed::Chain => T::Randomness::random(&(b"custos/backups/draw", owner, epoch).encode()).0,
			DrawSeed::Round(seed) => H256(blake2_256(&(b"custos/backups/draw", seed, owner, epoch).encode())),
		}
	}

	/// The pool index of sample `k` of `slot` in a draw seeded with `seed` from a pool of
	/// `len` (> 0) validators.
	pub(crate) fn sample_index(seed: &T::Hash, slot: u32, k: u32, len: usize) -> usize {
		let draw = blake2_256(&(seed, slot, k).encode());
		u32::from_le_bytes([draw[0], draw[1], draw[2], draw[3]]) as usize % len.max(1)
	}

	/// Draws up to `need` providers for `owner`, never the owner, never its operator,
	/// never one in `taken` (current providers) or `avoid`, with distinct operators, below
	/// the load bound; least loaded among `SAMPLES` random candidates per slot, then a
	/// deterministic scan if sampling found none. Returns the providers and the weight of
	/// the scans it fell back to (sampling is part of its callers' benchmarks).
	pub(crate) fn draw(
		owner: &T::AccountId,
		epoch: u32,
		source: DrawSeed,
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
		let seed = Self::draw_seed(source, owner, epoch);
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
				let index = Self::sample_index(&seed, slot, k, pool.len());
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
		let (providers, scans) = Self::draw(owner, 1, DrawSeed::Chain, &[], &[], params.n);
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
		source: DrawSeed,
	) -> Weight {
		let (slots, scans) = Self::reassign_slots(owner, removed, avoid, forced, source);
		T::WeightInfo::reassign(slots).saturating_add(scans)
	}

	/// [`Self::reassign`], returning how many slots it drew or removed and the weight of
	/// its fallback scans.
	fn reassign_slots(
		owner: &T::AccountId,
		removed: &[T::AccountId],
		avoid: &[T::AccountId],
		forced: bool,
		source: DrawSeed,
	) -> (u32, Weight) {
		let Some(mut state) = Assignments::<T>::get(owner) else { return (0, Weight::zero()) };
		let params = Params::<T>::get();
		let mut kept: Vec<T::AccountId> =
			state.providers.iter().filter(|p| !removed.contains(p)).cloned().collect();
		let need = params.n.saturating_sub(kept.len() as u32);
		let next_epoch = state.epoch.saturating_add(1);
		let (added, scans) = Self::draw(owner, next_epoch, source, &kept, avoid, need);
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
		let (fresh, scans) = Self::draw(owner, state.epoch.saturating_add(1), DrawSeed::Chain, &[], &current, need);
		// Keep old providers only to top up where the pool had too few others.
		let keep: Vec<T::AccountId> =
			current.iter().take(need.saturating_sub(fresh.len() as u32) as usize).cloned().collect();
		let removed: Vec<T::AccountId> = current.iter().filter(|p| !keep.contains(p)).cloned().collect();
		// `force_reassign` is benchmarked with the reassignment: add only its scans.
		let (_, reassign_scans) = Self::reassign_slots(owner, &removed, &current, true, DrawSeed::Chain);
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

	/// A new session: refresh the pool, note who left and who came back in
	/// [`DepartedProviders`], and open a new [`ReassignmentRound`] (its seed, and
	/// `MaxFillsPerSession` top-ups). Reassigns nobody: the round's work runs from the next
	/// block on, in [`Self::continue_reassignments`]. Returns its weight: the benchmarked
	/// session over the new pool and the bookkeeping of `entered` and `left`.
	pub(crate) fn on_new_session(
		session: u32,
		active: &[ActiveValidator<T::AccountId>],
		entered: &[ActiveValidator<T::AccountId>],
		left: &[ActiveValidator<T::AccountId>],
	) -> Weight {
		Pool::<T>::put(BoundedVec::truncate_from(active.to_vec()));
		Self::track_departures(entered, left);
		let (seed, _) = T::Randomness::random(b"custos/backups/round");
		Round::<T>::put(ReassignmentRound {
			session,
			seed: seed.0,
			opened_at: frame_system::Pallet::<T>::block_number(),
			fills_left: T::MaxFillsPerSession::get(),
			fill_cursor: None,
		});
		let changes = entered.len().saturating_add(left.len()) as u32;
		T::WeightInfo::new_session(active.len() as u32).saturating_add(T::WeightInfo::track_departures(changes))
	}

	/// Providers that `left` wait in [`DepartedProviders`] until their owners are
	/// reassigned; one that `entered` again is taken out, so its owners keep it.
	pub(crate) fn track_departures(entered: &[ActiveValidator<T::AccountId>], left: &[ActiveValidator<T::AccountId>]) {
		for v in entered {
			if DepartedProviders::<T>::contains_key(&v.tss_account) {
				DepartedProviders::<T>::remove(&v.tss_account);
			}
		}
		for v in left {
			DepartedProviders::<T>::insert(&v.tss_account, ());
		}
	}

	/// The most one owner step of [`Self::continue_reassignments`] can use when `n`
	/// providers are wanted: the benchmarked reassignment of `MaxProviders` slots, a
	/// fallback scan of the largest pool for each of the `n` slots it can draw, and the
	/// step's own reads and writes.
	pub fn max_reassignment_step_weight(n: u32) -> Weight {
		T::WeightInfo::reassign(T::MaxProviders::get())
			.saturating_add(Self::max_scans_weight(n))
			.saturating_add(T::DbWeight::get().reads_writes(step_reads::<T>(), STEP_WRITES))
	}

	/// The most [`Self::continue_reassignments`] uses in any block: its budget,
	/// `ReassignmentWeightPerBlock` (it starts an owner only if the owner's worst case still
	/// fits, and counts its own reads and the round's write in it).
	pub fn max_continuation_weight() -> Weight {
		T::ReassignmentWeightPerBlock::get()
	}

	/// Runs the open round's work for block `now`, within the per-block caps: first every
	/// owner of a departed provider (each reassigned once, without all its departed
	/// providers), then up to the round's remaining top-ups of under-provisioned owners not
	/// already reassigned in this round. Stops before an owner whose worst case would not
	/// fit `ReassignmentWeightPerBlock` or after `MaxReassignmentsPerBlock` owners, and
	/// resumes there next block; closes the round when nothing is left. Starts in the block
	/// that opened the round (the registry's hook, which rotates the session, runs before
	/// this one), so a small round is done at the boundary as before the caps existed; the
	/// boundary block then carries the rotation (at most a quarter of the block, checked by
	/// the registry's `integrity_test`) and this budget (at most another quarter). Returns
	/// the weight it used, never more than `ReassignmentWeightPerBlock`.
	pub fn continue_reassignments(now: BlockNumberFor<T>) -> Weight {
		let db = T::DbWeight::get();
		let Some(mut round) = Round::<T>::get() else { return db.reads(1) };
		if round.opened_at > now {
			return db.reads(1);
		}
		let budget = T::ReassignmentWeightPerBlock::get();
		let step = Self::max_reassignment_step_weight(Params::<T>::get().n);
		// The round and params read, and the round's write (or removal) at the end.
		let mut used = db.reads_writes(2, 1);
		let mut owners: u32 = 0;
		let mut done = false;
		while owners < T::MaxReassignmentsPerBlock::get() && used.saturating_add(step).all_lte(budget) {
			match Self::reassignment_step(&mut round) {
				Step::Owner(w) => {
					used.saturating_accrue(w);
					owners.saturating_inc();
				},
				Step::Bookkeeping(w) => used.saturating_accrue(w),
				Step::Done(w) => {
					used.saturating_accrue(w);
					done = true;
					break;
				},
			}
		}
		if done {
			Round::<T>::kill();
		} else {
			Round::<T>::put(round);
		}
		used
	}

	/// One step of the round: the next owner of the first departed provider, or, once no
	/// departed provider is left, the next top-up.
	fn reassignment_step(round: &mut ReassignmentRound<T::AccountId, BlockNumberFor<T>>) -> Step {
		let db = T::DbWeight::get();
		if let Some(provider) = DepartedProviders::<T>::iter_keys().next() {
			let Some(owner) = ProviderOwners::<T>::iter_key_prefix(&provider).next() else {
				DepartedProviders::<T>::remove(&provider);
				return Step::Bookkeeping(db.reads_writes(2, 1));
			};
			let providers = Assignments::<T>::get(&owner).map(|s| s.providers.to_vec()).unwrap_or_default();
			let removed: Vec<T::AccountId> =
				providers.iter().filter(|p| DepartedProviders::<T>::contains_key(p)).cloned().collect();
			let mut used = db.reads(4u64.saturating_add(providers.len() as u64));
			used.saturating_accrue(Self::reassign(&owner, &removed, &[], false, DrawSeed::Round(&round.seed)));
			if ProviderOwners::<T>::contains_key(&provider, &owner) {
				// The index named an owner whose state does not: drop the stale entry so
				// the round still ends.
				defensive!("a departed provider's index entry outlived its owner's reassignment");
				ProviderOwners::<T>::remove(&provider, &owner);
				used.saturating_accrue(db.writes(1));
			}
			return Step::Owner(used);
		}
		if round.fills_left == 0 {
			return Step::Done(db.reads(1));
		}
		let next = match &round.fill_cursor {
			Some(cursor) =>
				UnderProvisioned::<T>::iter_from(UnderProvisioned::<T>::hashed_key_for(cursor)).next().map(|(k, _)| k),
			None => UnderProvisioned::<T>::iter_keys().next(),
		};
		let Some(owner) = next else { return Step::Done(db.reads(2)) };
		round.fill_cursor = Some(owner.clone());
		let used = db.reads(3);
		let reassigned_this_round =
			Assignments::<T>::get(&owner).is_none_or(|state| state.epoch_opened_at >= round.opened_at);
		if reassigned_this_round {
			return Step::Bookkeeping(used);
		}
		round.fills_left.saturating_dec();
		Step::Owner(used.saturating_add(Self::reassign(&owner, &[], &[], false, DrawSeed::Round(&round.seed))))
	}

	/// An owner unregistered: drop its state (with its confirmed commitments and its escrow)
	/// and free its providers. Returns its weight.
	pub(crate) fn remove_owner(owner: &T::AccountId) -> Weight {
		let Some(state) = Assignments::<T>::take(owner) else { return T::DbWeight::get().reads(1) };
		Self::remove_index(owner, &state.providers);
		UnderProvisioned::<T>::remove(owner);
		OwnerOperators::<T>::remove(owner);
		LastCheckpoint::<T>::remove(owner);
		ConfirmedCommitments::<T>::remove(owner);
		ConfirmedIncarnations::<T>::remove(owner);
		LastEscrowDeposit::<T>::remove(owner);
		// Its escrow: at most a confirmed and an open epoch's deposits, one request and a
		// release per member.
		Self::remove_deposits(owner);
		if let Some(request) = ColdRequests::<T>::take(owner) {
			let _ = EscrowReleases::<T>::clear_prefix((owner, request.incarnation), T::MaxEscrowMembers::get(), None);
		}
		Self::deposit_event(Event::OwnerRemoved { owner: owner.clone() });
		T::WeightInfo::remove_owner().saturating_add(Self::escrow_bookkeeping_weight(2))
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
		session: u32,
		active: &[ActiveValidator<T::AccountId>],
		entered: &[ActiveValidator<T::AccountId>],
		left: &[ActiveValidator<T::AccountId>],
	) -> Weight {
		Self::on_new_session(session, active, entered, left)
	}

	/// The assignment with every slot falling back to a scan of the largest pool.
	fn max_registered_weight() -> Weight {
		T::WeightInfo::assign_new_owner().saturating_add(Self::max_scans_weight(T::MaxProviders::get()))
	}

	fn max_left_weight() -> Weight {
		T::WeightInfo::remove_owner().saturating_add(Self::escrow_bookkeeping_weight(2))
	}

	/// The pool holds at most `MaxPool` validators.
	fn max_active() -> u32 {
		T::MaxPool::get()
	}

	/// A session writing a pool of `MaxPool` with `MaxPool` entered and `MaxPool` left; the
	/// reassignments run in later blocks (see [`Pallet::continue_reassignments`]).
	fn max_active_set_changed_weight() -> Weight {
		T::WeightInfo::new_session(T::MaxPool::get())
			.saturating_add(T::WeightInfo::track_departures(T::MaxPool::get().saturating_mul(2)))
	}
}

impl<T: Config> OnRestartAttested<T::AccountId> for Pallet<T> {
	fn on_restart_attested(tss_account: &T::AccountId, _incarnation: u32) -> Weight {
		Self::provider_lost_memory(tss_account)
	}

	/// A provider serving every possible owner: owners are registered validators, at most
	/// the registry's `MaxValidators`, which its `integrity_test` keeps at most `MaxPool`
	/// (see `ValidatorObserver::max_active`).
	fn max_weight() -> Weight {
		T::WeightInfo::provider_lost_memory(T::MaxPool::get())
	}
}
