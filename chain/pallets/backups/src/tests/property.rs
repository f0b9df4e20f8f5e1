//! Randomized property test: hundreds of seeded sequences of joins, leaves, chills,
//! sessions, provider restarts, forced reassignments and confirmations, driving the
//! pallet through the hooks the registry and attestation pallets call. After every step
//! the pallet's rules must hold. A failure prints the seed and step.

use crate::{mock::*, *};
use frame::deps::sp_runtime::AccountId32;
use frame::testing_prelude::*;
use pallet_custos_attestation::traits::OnRestartAttested;
use pallet_custos_registry::traits::{ActiveValidator, ValidatorObserver};
use std::collections::BTreeMap;

/// xorshift64*: small, deterministic, good enough to pick test steps.
struct Rng(u64);
impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
	}
	fn below(&mut self, n: usize) -> usize {
		(self.next() % n as u64) as usize
	}
}

fn validator(i: u8) -> ActiveValidator<AccountId32> {
	// Operators 1..=40; validators 41.. share an operator with i - 40 (distinct-operator rule).
	let operator = if i > 40 { i - 40 } else { i };
	ActiveValidator { operator: AccountId32::from([operator; 32]), tss_account: AccountId32::from([100 + i; 32]) }
}

#[derive(Default)]
struct Model {
	registered: BTreeMap<u8, bool>, // index → validating (not chilled)
	active: Vec<ActiveValidator<AccountId32>>,
	versions: BTreeMap<AccountId32, u64>,
	confirmed: BTreeMap<AccountId32, (u32, Vec<AccountId32>)>,
	session: u32,
}

fn eligible_exists(owner: &AccountId32, state: &BackupStateOf<Test>) -> bool {
	let pool = Pool::<Test>::get();
	let params = Params::<Test>::get();
	let owner_op = OwnerOperators::<Test>::get(owner);
	let used: Vec<AccountId32> = state
		.providers
		.iter()
		.filter_map(|p| pool.iter().find(|v| &v.tss_account == p).map(|v| v.operator.clone()))
		.collect();
	pool.iter().any(|v| {
		&v.tss_account != owner &&
			Some(&v.operator) != owner_op.as_ref() &&
			!state.providers.contains(&v.tss_account) &&
			!used.contains(&v.operator) &&
			ProviderLoad::<Test>::get(&v.tss_account) < params.max_load
	})
}

fn check(model: &Model, after_session: bool, ctx: &str) {
	let params = Params::<Test>::get();
	let pool = Pool::<Test>::get();
	for (owner, state) in Assignments::<Test>::iter() {
		assert!(!state.providers.contains(&owner), "{ctx}: never self");
		let owner_op = OwnerOperators::<Test>::get(&owner).expect("operator");
		let mut ops: Vec<AccountId32> = state
			.providers
			.iter()
			.map(|p| {
				pool.iter()
					.chain(model.active.iter())
					.find(|v| &v.tss_account == p)
					.map(|v| v.operator.clone())
					.unwrap_or_else(|| panic!("{ctx}: provider {p:?} unknown"))
			})
			.collect();
		assert!(!ops.contains(&owner_op), "{ctx}: never the owner's operator");
		let len = ops.len();
		ops.sort();
		ops.dedup();
		assert_eq!(ops.len(), len, "{ctx}: distinct operators");
		assert!(state.providers.len() as u32 <= params.n, "{ctx}: at most n");
		assert_eq!(state.under_provisioned, (state.providers.len() as u32) < params.n, "{ctx}: flag");
		if after_session {
			for p in &state.providers {
				assert!(pool.iter().any(|v| &v.tss_account == p), "{ctx}: providers are active");
			}
			if (state.providers.len() as u32) < params.n {
				assert!(!eligible_exists(&owner, &state), "{ctx}: under-provisioned although eligible exist");
			}
		}
		if let Some(previous) = model.versions.get(&owner) {
			assert!(state.confirmed_store_version >= *previous, "{ctx}: store version monotone");
		}
		if let Some((epoch, holders)) = model.confirmed.get(&owner) {
			assert_eq!(state.confirmed_epoch, *epoch, "{ctx}: confirmed epoch unchanged");
			assert_eq!(&state.confirmed_providers.to_vec(), holders, "{ctx}: confirmed holders unchanged");
			let commitments: Vec<[u8; 32]> = holders.iter().map(|h| blake2_256(&(h, *epoch).encode())).collect();
			assert_eq!(ConfirmedCommitments::<Test>::get(&owner).to_vec(), commitments, "{ctx}: commitments aligned");
		}
	}
	for owner in ConfirmedCommitments::<Test>::iter_keys() {
		assert!(Assignments::<Test>::contains_key(&owner), "{ctx}: commitments of a removed owner");
	}
	for (provider, load) in ProviderLoad::<Test>::iter() {
		assert!(load <= params.max_load, "{ctx}: load bound");
		assert_eq!(load as usize, ProviderOwners::<Test>::iter_key_prefix(&provider).count(), "{ctx}: load index");
	}
}

fn run_case(seed: u64) {
	new_test_ext().execute_with(|| {
		let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
		let mut m = Model::default();
		let steps = 40 + rng.below(40);
		for step in 0..steps {
			System::set_block_number(System::block_number() + 1);
			let ctx = format!("seed {seed} step {step}");
			let mut after_session = false;
			match rng.below(10) {
				0 | 1 => {
					let i = 1 + rng.below(48) as u8;
					if !m.registered.contains_key(&i) {
						m.registered.insert(i, true);
						Backups::on_registered(&validator(i));
					}
				},
				2 => {
					if let Some(&i) = m.registered.keys().nth(rng.below(m.registered.len().max(1))) {
						m.registered.remove(&i);
						let v = validator(i);
						m.versions.remove(&v.tss_account);
						m.confirmed.remove(&v.tss_account);
						Backups::on_left(&v);
					}
				},
				3 => {
					if let Some(&i) = m.registered.keys().nth(rng.below(m.registered.len().max(1))) {
						let flag = m.registered.get_mut(&i).unwrap();
						*flag = !*flag;
					}
				},
				4 | 5 => {
					let mut next: Vec<_> =
						m.registered.iter().filter(|(_, on)| **on).map(|(i, _)| validator(*i)).collect();
					next.sort();
					let left: Vec<_> = m.active.iter().filter(|v| !next.contains(v)).cloned().collect();
					let entered: Vec<_> = next.iter().filter(|v| !m.active.contains(v)).cloned().collect();
					m.session += 1;
					Backups::on_active_set_changed(m.session, &next, &entered, &left);
					// The round's reassignments run in the following blocks.
					finish_round();
					m.active = next;
					after_session = true;
				},
				6 => {
					if let Some(&i) = m.registered.keys().nth(rng.below(m.registered.len().max(1))) {
						Backups::on_restart_attested(&validator(i).tss_account, 1);
					}
				},
				7 => {
					if let Some(&i) = m.registered.keys().nth(rng.below(m.registered.len().max(1))) {
						assert_ok!(Backups::force_reassign(RuntimeOrigin::root(), validator(i).tss_account));
					}
				},
				_ => {
					if let Some(&i) = m.registered.keys().nth(rng.below(m.registered.len().max(1))) {
						let owner = validator(i).tss_account;
						let state = Assignments::<Test>::get(&owner).expect("state");
						let threshold = state.threshold as usize;
						if state.epoch > state.confirmed_epoch && state.providers.len() >= threshold.max(1) {
							let version = state.confirmed_store_version + rng.below(3) as u64;
							let holders: Vec<AccountId32> = state.providers.iter().take(threshold.max(1)).cloned().collect();
							Backups::apply_confirm(
								owner.clone(),
								state.epoch,
								version,
								crate::authorised::Confirmation {
									rotation: false,
									holders: holders.clone(),
									commitments: holders.iter().map(|h| blake2_256(&(h, state.epoch).encode())).collect(),
									incarnations: holders.iter().map(|_| 0).collect(),
									threshold: threshold as u32,
								},
							);
							m.versions.insert(owner.clone(), version);
							m.confirmed.insert(owner, (state.epoch, holders));
						}
					}
				},
			}
			check(&m, after_session, &ctx);
		}
	});
}

#[test]
fn assignment_rules_hold_through_random_sequences() {
	for seed in 1..=300 {
		run_case(seed);
	}
}
