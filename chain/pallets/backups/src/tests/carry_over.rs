//! Session reassignments carried over blocks: a mass departure with a lowered load bound
//! is spread over several blocks, each within `MaxReassignmentsPerBlock` owners and
//! `ReassignmentWeightPerBlock`, waiting owners keep their state, and the end result is the
//! one an uncapped run reaches.

use crate::{mock::*, *};
use frame::deps::sp_runtime::AccountId32;
use frame::testing_prelude::*;
use std::collections::BTreeMap;

/// What a reassignment decides for an owner (not when: the epoch's opening block depends
/// on the block its turn fell in).
type Decided = (u32, Vec<AccountId32>, u32, bool, u32, Vec<AccountId32>);

fn decided(state: &BackupStateOf<Test>) -> Decided {
	(
		state.epoch,
		state.providers.to_vec(),
		state.threshold,
		state.under_provisioned,
		state.confirmed_epoch,
		state.confirmed_providers.to_vec(),
	)
}

/// What one block of the carry-over did.
struct BlockWork {
	weight: Weight,
	owners: usize,
}

/// 48 validators provisioned (n = 3, max_load = 4), every owner's epoch confirmed; then
/// governance lowers `max_load` to 3 and 20 validators chill at once. Runs the boundary
/// and the blocks after it until the round is done, with `cap` owners and `budget` per
/// block, checking after every block that a waiting owner's state is untouched. Returns
/// the final decisions and what each block after the boundary did.
fn mass_departure(cap: u32, budget: Weight) -> (BTreeMap<AccountId32, Decided>, Vec<BlockWork>) {
	let mut result = (BTreeMap::new(), Vec::new());
	new_test_ext().execute_with(|| {
		let nodes: Vec<Node> = (1..=48).map(Node::new).collect();
		for n in &nodes {
			n.register();
		}
		// `MaxFillsPerSession` (16) top-ups per session.
		for _ in 0..4 {
			next_session();
		}
		assert_eq!(UnderProvisioned::<Test>::count(), 0, "provisioned before the departures");
		// Confirm every owner's epoch with all its providers, so the confirmed holders can be
		// watched through the carry-over.
		for (owner, state) in Assignments::<Test>::iter() {
			let holders = state.providers.to_vec();
			Backups::apply_confirm(
				owner,
				state.epoch,
				1,
				crate::authorised::Confirmation {
					rotation: false,
					holders: holders.clone(),
					commitments: holders.iter().map(|h| blake2_256(&h.encode())).collect(),
					incarnations: holders.iter().map(|_| 0).collect(),
					threshold: state.threshold,
				},
			);
		}
		assert_ok!(Backups::set_params(RuntimeOrigin::root(), BackupParams { n: 3, t: 2, max_load: 3 }));
		// Sessions long enough for the round to end before the next one (a newer session
		// would replace the round's seed and fills).
		assert_ok!(Registry::set_session_length(RuntimeOrigin::root(), 100));
		// The caps under test apply from here on (the setup is the same for every run).
		MaxReassignments::set(cap);
		ReassignmentBudget::set(budget);
		let leaving: Vec<AccountId32> = nodes[..20].iter().map(|n| n.account()).collect();
		for n in &nodes[..20] {
			assert_ok!(Registry::chill(RuntimeOrigin::signed(n.operator.clone())));
		}
		let before: BTreeMap<AccountId32, Decided> =
			Assignments::<Test>::iter().map(|(o, s)| (o, decided(&s))).collect();
		let affected = before.values().filter(|d| d.1.iter().any(|p| leaving.contains(p))).count();
		assert!(affected >= 30, "the departures hit many owners ({affected})");

		// The boundary opens the round and starts it (the registry's hook rotates first);
		// the rest follows block by block.
		let boundary = (System::block_number() / 100 + 1) * 100;
		run_to_block(boundary - 1);
		let mut blocks = Vec::new();
		loop {
			assert!(blocks.len() < 90, "the round ends before the next session");
			let next = System::block_number() + 1;
			System::initialize(&next, &block_hash_of(next - 1), &Default::default());
			System::reset_events();
			<Attestation as Hooks<u64>>::on_initialize(next);
			<Registry as Hooks<u64>>::on_initialize(next);
			let weight = <Backups as Hooks<u64>>::on_initialize(next);
			let owners = System::events()
				.iter()
				.filter(|r| matches!(r.event, RuntimeEvent::Backups(Event::Reassigned { .. })))
				.count();
			for (owner, state) in Assignments::<Test>::iter() {
				let was = &before[&owner];
				let has_departed = state.providers.iter().any(|p| leaving.contains(p));
				if has_departed {
					// Waiting: exactly as before the boundary.
					assert_eq!(&decided(&state), was, "a waiting owner keeps its state");
				}
				// Confirmed holders never change during the round (no confirmation runs).
				assert_eq!((state.confirmed_epoch, state.confirmed_providers.to_vec()), (was.4, was.5.clone()));
			}
			if next < boundary {
				assert_eq!(owners, 0, "nothing moves before the boundary");
				continue;
			}
			blocks.push(BlockWork { weight, owners });
			if !Round::<Test>::exists() {
				break;
			}
		}
		for v in &leaving {
			assert!(!DepartedProviders::<Test>::contains_key(v), "every departed provider was dealt with");
			assert_eq!(ProviderLoad::<Test>::get(v), 0);
		}
		result = (Assignments::<Test>::iter().map(|(o, s)| (o, decided(&s))).collect(), blocks);
	});
	MaxReassignments::set(64);
	ReassignmentBudget::set(Weight::from_parts(400_000_000_000, u64::MAX / 8));
	result
}

#[test]
fn a_mass_departure_is_spread_over_blocks_within_the_caps_and_ends_as_uncapped() {
	let budget = ReassignmentBudget::get();
	let unlimited = Weight::from_parts(u64::MAX, u64::MAX);
	let (uncapped, one_go) = mass_departure(10_000, unlimited);
	assert_eq!(one_go.len(), 1, "uncapped, the round is done in the boundary block");

	// A cap of 3 owners per block.
	let (capped, blocks) = mass_departure(3, budget);
	assert!(blocks.len() >= 4, "spread over {} blocks", blocks.len());
	for (i, b) in blocks.iter().enumerate() {
		assert!(b.owners <= 3, "block {i}: {} owners", b.owners);
		assert!(b.weight.all_lte(budget), "block {i}: {:?}", b.weight);
	}
	assert_eq!(blocks.iter().map(|b| b.owners).sum::<usize>(), one_go[0].owners);
	assert_eq!(capped, uncapped, "the capped run ends in the uncapped run's assignments");

	// Only the weight budget, the smallest the integrity test allows (one worst-case owner
	// with n = MaxProviders): a block starts an owner only if its worst case still fits.
	let smallest = Backups::max_reassignment_step_weight(MaxProviders::get());
	let (by_weight, blocks) = mass_departure(10_000, smallest);
	assert!(blocks.len() >= 2, "the budget spreads it too ({} blocks)", blocks.len());
	for (i, b) in blocks.iter().enumerate() {
		assert!(b.weight.all_lte(smallest), "block {i}: {:?}", b.weight);
		assert!(b.owners >= 1 || i + 1 == blocks.len(), "block {i} made progress");
	}
	assert_eq!(by_weight, uncapped);
}

/// A departed provider that re-enters the active set before its owners' turn leaves the
/// queue, and the owners not reached yet keep it.
#[test]
fn a_provider_back_before_its_owners_turn_keeps_them() {
	new_test_ext().execute_with(|| {
		let nodes: Vec<Node> = (1..=12).map(Node::new).collect();
		for n in &nodes {
			n.register();
		}
		next_session();
		next_session();
		let leaver = nodes
			.iter()
			.max_by_key(|n| Backups::owners_of(&n.account()).len())
			.expect("nodes");
		let owners = Backups::owners_of(&leaver.account());
		assert!(owners.len() >= 2, "the leaver serves several owners");
		assert_ok!(Registry::chill(RuntimeOrigin::signed(leaver.operator.clone())));
		MaxReassignments::set(1);
		let boundary = (System::block_number() / SessionLength::get() + 1) * SessionLength::get();
		run_to_block(boundary);
		// One owner per block, starting in the boundary block: one reassigned, the others
		// still wait.
		assert_eq!(Backups::owners_of(&leaver.account()).len(), owners.len() - 1);
		assert_ok!(Registry::resume(RuntimeOrigin::signed(leaver.operator.clone())));
		// Hold the rest back until the next boundary, where the leaver re-enters.
		Round::<Test>::mutate(|r| {
			if let Some(r) = r {
				r.opened_at = boundary + SessionLength::get();
			}
		});
		run_to_block(boundary + SessionLength::get() + 2);
		assert!(!DepartedProviders::<Test>::contains_key(leaver.account()));
		assert_eq!(Backups::owners_of(&leaver.account()).len(), owners.len() - 1, "the rest kept it");
		assert!(Pool::<Test>::get().iter().any(|v| v.tss_account == leaver.account()));
	});
	MaxReassignments::set(64);
}

/// The mock's caps pass the integrity test; a budget that cannot hold one worst-case owner
/// (the work could stall) or that exceeds a quarter of the block is refused.
#[test]
fn integrity_test_checks_the_reassignment_budget() {
	new_test_ext().execute_with(<Backups as Hooks<u64>>::integrity_test);
	let budget = ReassignmentBudget::get();
	let too_small = std::panic::catch_unwind(|| {
		let one_owner = Backups::max_reassignment_step_weight(MaxProviders::get());
		ReassignmentBudget::set(one_owner.saturating_sub(Weight::from_parts(1, 0)));
		new_test_ext().execute_with(<Backups as Hooks<u64>>::integrity_test);
	});
	ReassignmentBudget::set(budget);
	assert!(too_small.is_err(), "a budget below one worst-case owner is refused");
	let too_large = std::panic::catch_unwind(|| {
		ReassignmentBudget::set(Weight::from_parts(600_000_000_000, 0));
		new_test_ext().execute_with(<Backups as Hooks<u64>>::integrity_test);
	});
	ReassignmentBudget::set(budget);
	assert!(too_large.is_err(), "more than a quarter of the 2 s block is refused");
}

