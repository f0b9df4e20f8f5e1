//! Tests of the backups pallet: assignment through the real registry and attestation
//! pallets, every call's success and errors, and a randomized property test.

use crate::{mock::*, *};
use frame::deps::sp_runtime::transaction_validity::{InvalidTransaction, TransactionSource};
use frame::deps::sp_runtime::AccountId32;
use frame::testing_prelude::*;
use pallet_custos_attestation::traits::Incarnations;

mod bad_share;
mod carry_over;
mod cost;
mod escrow;
mod property;

/// Registers nodes 1..=k and runs one session so that they are active and provisioned.
fn network(k: u8) -> Vec<Node> {
	let nodes: Vec<Node> = (1..=k).map(Node::new).collect();
	for n in &nodes {
		n.register();
	}
	next_session();
	nodes
}

fn node_of<'a>(nodes: &'a [Node], account: &AccountId32) -> &'a Node {
	nodes.iter().find(|n| &n.account() == account).expect("a test node")
}

fn state(node: &Node) -> BackupStateOf<Test> {
	Assignments::<Test>::get(node.account()).expect("owner has state")
}

/// The provider's recorded incarnation.
fn incarnation_of(node: &Node) -> u32 {
	<Attestation as Incarnations<AccountId32>>::incarnation(&node.account()).expect("attested")
}

/// A stand-in share commitment, distinct per (provider, owner, epoch).
fn commitment(provider: &Node, owner: &Node, epoch: u32) -> [u8; 32] {
	blake2_256(&(b"test-share", provider.account(), owner.account(), epoch).encode())
}

/// `provider`'s acknowledgement of `owner`'s `epoch`, made at `incarnation`.
fn ack_at(provider: &Node, owner: &Node, epoch: u32, incarnation: u32) -> Acknowledgement<AccountId32> {
	let share_commitment = commitment(provider, owner, epoch);
	let payload = ack_payload(&Attestation::genesis_hash(), &owner.account(), epoch, incarnation, &share_commitment);
	Acknowledgement {
		provider: provider.account(),
		provider_incarnation: incarnation,
		share_commitment,
		signature: provider.sign(&payload),
	}
}

/// `provider`'s acknowledgement of `owner`'s `epoch`, made at its recorded incarnation.
fn ack(provider: &Node, owner: &Node, epoch: u32) -> Acknowledgement<AccountId32> {
	ack_at(provider, owner, epoch, incarnation_of(provider))
}

fn acks_from(nodes: &[Node], owner: &Node, epoch: u32, providers: &[AccountId32]) -> AcksOf<Test> {
	providers.iter().map(|p| ack(node_of(nodes, p), owner, epoch)).collect::<Vec<_>>().try_into().unwrap()
}

fn confirm(owner: &Node, epoch: u32, version: u64, acks: AcksOf<Test>) -> DispatchResultWithPostInfo {
	let signature = owner.sign(&Backups::confirm_payload(&owner.account(), epoch, version, &acks));
	Backups::confirm_epoch(RuntimeOrigin::none(), owner.account(), epoch, version, acks, signature)
}

fn validate(call: Call<Test>) -> TransactionValidity {
	#[allow(deprecated)]
	<Backups as frame::deps::sp_runtime::traits::ValidateUnsigned>::validate_unsigned(TransactionSource::External, &call)
}

fn custom(e: Error<Test>) -> TransactionValidityError {
	TransactionValidityError::Invalid(InvalidTransaction::Custom(e.encode()[0]))
}

/// The pallet's own rules, checked after every test.
fn check_invariants() {
	let params = Params::<Test>::get();
	let pool = Pool::<Test>::get();
	for (owner, state) in Assignments::<Test>::iter() {
		let op = OwnerOperators::<Test>::get(&owner).expect("operator recorded");
		assert!(!state.providers.contains(&owner), "never self");
		let mut ops: Vec<AccountId32> = state
			.providers
			.iter()
			.filter_map(|p| pool.iter().find(|v| &v.tss_account == p).map(|v| v.operator.clone()))
			.collect();
		assert!(!ops.contains(&op), "never the owner's operator");
		let len = ops.len();
		ops.sort();
		ops.dedup();
		assert_eq!(ops.len(), len, "distinct operators");
		assert!(state.providers.len() as u32 <= params.n);
		assert_eq!(state.under_provisioned, (state.providers.len() as u32) < params.n);
		assert!(state.confirmed_epoch <= state.epoch);
		for p in &state.providers {
			assert!(ProviderOwners::<Test>::contains_key(p, &owner), "reverse index");
		}
		assert_eq!(
			ConfirmedCommitments::<Test>::get(&owner).len(),
			state.confirmed_providers.len(),
			"one commitment per confirmed holder"
		);
	}
	for owner in ConfirmedCommitments::<Test>::iter_keys() {
		assert!(Assignments::<Test>::contains_key(&owner), "commitments only for known owners");
	}
	for (provider, load) in ProviderLoad::<Test>::iter() {
		assert!(load <= params.max_load, "load bound");
		assert_eq!(load as usize, ProviderOwners::<Test>::iter_key_prefix(&provider).count());
	}
	// Escrow: each generation's count is its deposits; every deposit has the committee of its
	// generation; a retired committee is kept exactly while a deposit names it.
	let mut per_generation = alloc::collections::BTreeMap::<u32, u32>::new();
	for (_, _, deposit) in EscrowDeposits::<Test>::iter() {
		*per_generation.entry(deposit.generation).or_default() += 1;
		assert!(Backups::committee_of(deposit.generation).is_some(), "a deposit's committee is kept");
	}
	let counted: alloc::collections::BTreeMap<u32, u32> = EscrowDepositCount::<Test>::iter().collect();
	assert_eq!(counted, per_generation, "deposit counts per generation");
	let current = Committee::<Test>::get().map(|c| c.generation);
	for (generation, committee) in RetiredCommittees::<Test>::iter() {
		assert_eq!(committee.generation, generation);
		assert_ne!(Some(generation), current, "the current committee is not retired");
		assert!(per_generation.contains_key(&generation), "a retired committee goes with its last deposit");
	}
}

#[test]
fn registration_before_any_session_is_under_provisioned_then_filled() {
	new_test_ext().execute_with(|| {
		let a = Node::new(1);
		a.register();
		System::assert_has_event(
			Event::UnderProvisioned { owner: a.account(), have: 0, need: 3 }.into(),
		);
		assert!(UnderProvisioned::<Test>::contains_key(a.account()));
		for i in 2..=5 {
			Node::new(i).register();
		}
		next_session();
		let s = state(&a);
		assert_eq!(s.providers.len(), 3);
		assert_eq!(s.epoch, 2);
		assert!(!UnderProvisioned::<Test>::contains_key(a.account()));
		check_invariants();
	});
}

#[test]
fn a_new_owner_gets_n_providers_at_once_from_the_active_set() {
	new_test_ext().execute_with(|| {
		let _nodes = network(6);
		let late = Node::new(7);
		late.register();
		let s = state(&late);
		assert_eq!(s.epoch, 1);
		assert_eq!(s.providers.len(), 3);
		assert_eq!(s.threshold, 2);
		System::assert_has_event(
			Event::ProvidersAssigned {
				owner: late.account(),
				epoch: 1,
				providers: s.providers.to_vec(),
				threshold: 2,
			}
			.into(),
		);
		check_invariants();
	});
}

#[test]
fn a_leaving_provider_reassigns_exactly_the_owners_it_served() {
	new_test_ext().execute_with(|| {
		let nodes = network(8);
		// Confirm every owner's epoch so we can see the confirmed set stay put.
		for owner in &nodes {
			let s = state(owner);
			assert_ok!(confirm(owner, s.epoch, 1, acks_from(&nodes, owner, s.epoch, &s.providers)));
		}
		let leaver = &nodes[2];
		let served = Backups::owners_of(&leaver.account());
		assert!(!served.is_empty());
		let confirmed_before: Vec<_> = nodes.iter().map(|n| state(n).confirmed_providers).collect();
		System::reset_events();
		assert_ok!(Registry::chill(RuntimeOrigin::signed(leaver.operator.clone())));
		next_session();
		let reassigned: Vec<AccountId32> = System::events()
			.into_iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::Backups(Event::Reassigned { owner, removed, .. }) => {
					assert_eq!(removed, vec![leaver.account()]);
					Some(owner)
				},
				_ => None,
			})
			.collect();
		let mut expected = served.clone();
		expected.sort();
		let mut got = reassigned.clone();
		got.sort();
		assert_eq!(got, expected);
		for (n, before) in nodes.iter().zip(confirmed_before) {
			assert_eq!(state(n).confirmed_providers, before, "confirmed holders unchanged until reconfirmed");
			assert!(!state(n).providers.contains(&leaver.account()));
		}
		check_invariants();
	});
}

#[test]
fn confirm_epoch_records_holders_and_store_version() {
	new_test_ext().execute_with(|| {
		let nodes = network(5);
		let owner = &nodes[0];
		let s = state(owner);
		let info = confirm(owner, s.epoch, 7, acks_from(&nodes, owner, s.epoch, &s.providers)).unwrap();
		assert_eq!(info.pays_fee, Pays::No);
		let after = state(owner);
		assert_eq!((after.confirmed_epoch, after.confirmed_store_version), (s.epoch, 7));
		assert_eq!(after.confirmed_providers, s.providers);
		System::assert_last_event(
			Event::EpochConfirmed {
				owner: owner.account(),
				epoch: s.epoch,
				holders: s.providers.to_vec(),
				commitments: s.providers.iter().map(|p| commitment(node_of(&nodes, p), owner, s.epoch)).collect(),
				threshold: 2,
				store_version: 7,
			}
			.into(),
		);
		// A KEK rotation: confirm epoch + 1 to the same providers in one step.
		let next = s.epoch + 1;
		assert_ok!(confirm(owner, next, 8, acks_from(&nodes, owner, next, &s.providers)));
		assert_eq!(state(owner).epoch, next);
		assert_eq!(state(owner).confirmed_epoch, next);
		check_invariants();
	});
}

#[test]
fn a_confirmation_records_each_holders_commitment_in_holder_order() {
	new_test_ext().execute_with(|| {
		let nodes = network(5);
		let owner = &nodes[0];
		let s = state(owner);
		// Acknowledgements arrive in reverse provider order and only from two of three.
		let acked: Vec<AccountId32> = s.providers.iter().rev().take(2).cloned().collect();
		assert_ok!(confirm(owner, s.epoch, 3, acks_from(&nodes, owner, s.epoch, &acked)));
		let holders: Vec<AccountId32> = s.providers.iter().filter(|p| acked.contains(p)).cloned().collect();
		let commitments: Vec<[u8; 32]> =
			holders.iter().map(|p| commitment(node_of(&nodes, p), owner, s.epoch)).collect();
		assert_eq!(state(owner).confirmed_providers.to_vec(), holders, "sorted into provider order");
		assert_eq!(ConfirmedCommitments::<Test>::get(owner.account()).to_vec(), commitments, "aligned with holders");
		System::assert_last_event(
			Event::EpochConfirmed {
				owner: owner.account(),
				epoch: s.epoch,
				holders: holders.clone(),
				commitments,
				threshold: 2,
				store_version: 3,
			}
			.into(),
		);
		// A rotation replaces them with the new epoch's commitments.
		let next = s.epoch + 1;
		assert_ok!(confirm(owner, next, 4, acks_from(&nodes, owner, next, &s.providers)));
		let rotated: Vec<[u8; 32]> = s.providers.iter().map(|p| commitment(node_of(&nodes, p), owner, next)).collect();
		assert_eq!(ConfirmedCommitments::<Test>::get(owner.account()).to_vec(), rotated);
		check_invariants();
	});
}

#[test]
fn an_acknowledgement_from_another_incarnation_is_refused() {
	new_test_ext().execute_with(|| {
		let nodes = network(5);
		let owner = &nodes[0];
		let provider = node_of(&nodes, &state(owner).providers[0]);
		assert_eq!(incarnation_of(provider), 0, "registration records incarnation 0");
		// The provider acknowledges, then restarts: its memory (and the share) is gone.
		run_to_block(System::block_number() + 2);
		provider.restart();
		assert_eq!(incarnation_of(provider), 1);
		let s = state(owner);
		let others: Vec<AccountId32> = s.providers.iter().filter(|p| **p != provider.account()).cloned().collect();
		let with = |a: Acknowledgement<AccountId32>| -> AcksOf<Test> {
			let mut acks = acks_from(&nodes, owner, s.epoch, &others).to_vec();
			acks.insert(0, a);
			acks.try_into().unwrap()
		};
		// Validly signed by the provider's key, but made by its earlier incarnation.
		assert_noop!(confirm(owner, s.epoch, 1, with(ack_at(provider, owner, s.epoch, 0))), Error::<Test>::StaleAcknowledgement);
		// An incarnation the provider has not reached.
		assert_noop!(confirm(owner, s.epoch, 1, with(ack_at(provider, owner, s.epoch, 2))), Error::<Test>::StaleAcknowledgement);
		// The pool refuses it with the same error.
		let acks = with(ack_at(provider, owner, s.epoch, 0));
		let sig = owner.sign(&Backups::confirm_payload(&owner.account(), s.epoch, 1, &acks));
		assert_eq!(
			validate(Call::confirm_epoch { owner: owner.account(), epoch: s.epoch, store_version: 1, acks, signature: sig }),
			Err(custom(Error::<Test>::StaleAcknowledgement))
		);
		// The incarnation is checked before the signature.
		let mut forged = ack_at(provider, owner, s.epoch, 0);
		forged.signature = [0; 64];
		assert_noop!(confirm(owner, s.epoch, 1, with(forged)), Error::<Test>::StaleAcknowledgement);
		// Re-acknowledged by the current incarnation, it counts.
		assert_ok!(confirm(owner, s.epoch, 1, with(ack(provider, owner, s.epoch))));
		assert!(state(owner).confirmed_providers.contains(&provider.account()));
		check_invariants();
	});
}

#[test]
fn confirm_epoch_refuses_each_bad_input() {
	new_test_ext().execute_with(|| {
		let nodes = network(6);
		let owner = &nodes[0];
		let s = state(owner);
		let epoch = s.epoch;
		let good = acks_from(&nodes, owner, epoch, &s.providers);

		// Owner's signature by someone else.
		let sig = nodes[1].sign(&Backups::confirm_payload(&owner.account(), epoch, 1, &good));
		assert_noop!(
			Backups::confirm_epoch(RuntimeOrigin::none(), owner.account(), epoch, 1, good.clone(), sig),
			Error::<Test>::BadSignature
		);
		// Unknown owner.
		let stranger = Node::new(50);
		let sig = stranger.sign(&Backups::confirm_payload(&stranger.account(), 1, 1, &good));
		assert_noop!(
			Backups::confirm_epoch(RuntimeOrigin::none(), stranger.account(), 1, 1, good.clone(), sig),
			Error::<Test>::UnknownOwner
		);
		// Missing acknowledgement: below the threshold.
		let one = acks_from(&nodes, owner, epoch, &s.providers[..1]);
		assert_noop!(confirm(owner, epoch, 1, one), Error::<Test>::NotEnoughAcknowledgements);
		// Forged acknowledgement: signed by the wrong key.
		let mut forged = good.clone();
		forged[0].signature = nodes[5].sign(b"something else");
		assert_noop!(confirm(owner, epoch, 1, forged), Error::<Test>::BadAcknowledgement);
		// Acknowledgement for another epoch.
		let stale = acks_from(&nodes, owner, epoch + 5, &s.providers);
		assert_noop!(confirm(owner, epoch, 1, stale), Error::<Test>::BadAcknowledgement);
		// Acknowledgement from a non-provider.
		let outsider = nodes.iter().find(|n| !s.providers.contains(&n.account()) && n.account() != owner.account()).unwrap();
		let mut extra = good.to_vec();
		extra[0] = ack(outsider, owner, epoch);
		assert_noop!(confirm(owner, epoch, 1, extra.try_into().unwrap()), Error::<Test>::UnexpectedAcknowledgement);
		// Duplicate acknowledgement.
		let mut dup = good.to_vec();
		dup[1] = dup[0].clone();
		assert_noop!(confirm(owner, epoch, 1, dup.try_into().unwrap()), Error::<Test>::DuplicateAcknowledgement);
		// Wrong epoch.
		assert_noop!(confirm(owner, epoch + 3, 1, acks_from(&nodes, owner, epoch + 3, &s.providers)), Error::<Test>::WrongEpoch);
		// Success, then replay and a decreasing version.
		assert_ok!(confirm(owner, epoch, 5, good.clone()));
		assert_noop!(confirm(owner, epoch, 5, good), Error::<Test>::EpochAlreadyConfirmed);
		let next = acks_from(&nodes, owner, epoch + 1, &s.providers);
		assert_noop!(confirm(owner, epoch + 1, 4, next), Error::<Test>::StoreVersionDecreased);
		// A signed origin is refused.
		let acks = acks_from(&nodes, owner, epoch + 1, &s.providers);
		let sig = owner.sign(&Backups::confirm_payload(&owner.account(), epoch + 1, 6, &acks));
		assert_noop!(
			Backups::confirm_epoch(RuntimeOrigin::signed(owner.account()), owner.account(), epoch + 1, 6, acks, sig),
			DispatchError::BadOrigin
		);
		check_invariants();
	});
}

#[test]
fn pool_validates_and_deduplicates_unsigned_calls() {
	new_test_ext().execute_with(|| {
		let nodes = network(5);
		let owner = &nodes[0];
		let s = state(owner);
		let acks = acks_from(&nodes, owner, s.epoch, &s.providers);
		let sig = owner.sign(&Backups::confirm_payload(&owner.account(), s.epoch, 1, &acks));
		let call = Call::confirm_epoch { owner: owner.account(), epoch: s.epoch, store_version: 1, acks: acks.clone(), signature: sig };
		let v1 = validate(call).unwrap();
		let sig2 = owner.sign(&Backups::confirm_payload(&owner.account(), s.epoch, 2, &acks));
		let v2 = validate(Call::confirm_epoch { owner: owner.account(), epoch: s.epoch, store_version: 2, acks, signature: sig2 }).unwrap();
		assert_eq!(v1.provides, v2.provides, "one confirmation per (owner, epoch) in the pool");
		let mut bad = sig;
		bad[3] ^= 1;
		let acks = acks_from(&nodes, owner, s.epoch, &s.providers);
		assert_eq!(
			validate(Call::confirm_epoch { owner: owner.account(), epoch: s.epoch, store_version: 1, acks, signature: bad }),
			Err(custom(Error::<Test>::BadSignature))
		);
		assert_eq!(
			validate(Call::force_reassign { owner: owner.account() }),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Call))
		);
	});
}

#[test]
fn checkpoints_raise_the_store_version_at_a_bounded_rate() {
	new_test_ext().execute_with(|| {
		let nodes = network(4);
		let owner = &nodes[0];
		let cp = |v: u64| {
			let sig = owner.sign(&Backups::checkpoint_payload(&owner.account(), v));
			Backups::checkpoint(RuntimeOrigin::none(), owner.account(), v, sig)
		};
		assert_ok!(cp(3));
		System::assert_last_event(Event::CheckpointAnchored { owner: owner.account(), store_version: 3 }.into());
		assert_eq!(state(owner).confirmed_store_version, 3);
		run_to_block(System::block_number() + 1);
		assert_noop!(cp(4), Error::<Test>::RateLimited);
		run_to_block(System::block_number() + 2);
		assert_noop!(cp(3), Error::<Test>::StoreVersionNotIncreased);
		assert_noop!(cp(2), Error::<Test>::StoreVersionNotIncreased);
		let forged = nodes[1].sign(&Backups::checkpoint_payload(&owner.account(), 9));
		assert_noop!(Backups::checkpoint(RuntimeOrigin::none(), owner.account(), 9, forged), Error::<Test>::BadSignature);
		let stranger = Node::new(55);
		let sig = stranger.sign(&Backups::checkpoint_payload(&stranger.account(), 1));
		assert_noop!(Backups::checkpoint(RuntimeOrigin::none(), stranger.account(), 1, sig), Error::<Test>::UnknownOwner);
		assert_ok!(cp(4));
		check_invariants();
	});
}

#[test]
fn a_rollback_is_accepted_only_by_the_current_incarnation_below_the_anchored_version() {
	new_test_ext().execute_with(|| {
		let nodes = network(5);
		let owner = &nodes[0];
		let s = state(owner);
		assert_ok!(confirm(owner, s.epoch, 7, acks_from(&nodes, owner, s.epoch, &s.providers)));
		run_to_block(System::block_number() + 2);
		owner.restart(); // incarnation 1
		let rollback = |signer: &Node, incarnation: u32, v: u64| {
			let sig = signer.sign(&Backups::rollback_payload(&owner.account(), incarnation, v));
			Backups::accept_rollback(RuntimeOrigin::none(), owner.account(), incarnation, v, sig)
		};
		assert_noop!(rollback(owner, 0, 5), Error::<Test>::StaleIncarnation);
		assert_noop!(rollback(owner, 2, 5), Error::<Test>::StaleIncarnation);
		assert_noop!(rollback(owner, 1, 7), Error::<Test>::NotARollback);
		assert_noop!(rollback(owner, 1, 8), Error::<Test>::NotARollback);
		assert_noop!(rollback(&nodes[1], 1, 5), Error::<Test>::BadSignature);
		let stranger = Node::new(55);
		let sig = stranger.sign(&Backups::rollback_payload(&stranger.account(), 0, 1));
		assert_noop!(
			Backups::accept_rollback(RuntimeOrigin::none(), stranger.account(), 0, 1, sig),
			Error::<Test>::UnknownOwner
		);
		let sig = owner.sign(&Backups::rollback_payload(&owner.account(), 1, 5));
		let call = Call::accept_rollback { owner: owner.account(), incarnation: 1, store_version: 5, signature: sig };
		assert!(validate(call).is_ok());
		assert_ok!(rollback(owner, 1, 5));
		System::assert_last_event(
			Event::RollbackAccepted { owner: owner.account(), incarnation: 1, anchored_version: 7, accepted_version: 5 }
				.into(),
		);
		assert_eq!(state(owner).confirmed_store_version, 5);
		// A replay finds the versions equal.
		assert_noop!(rollback(owner, 1, 5), Error::<Test>::NotARollback);
		let sig = owner.sign(&Backups::rollback_payload(&owner.account(), 1, 5));
		let call = Call::accept_rollback { owner: owner.account(), incarnation: 1, store_version: 5, signature: sig };
		assert_eq!(validate(call), Err(custom(Error::<Test>::NotARollback)));
		// The recovered store can be backed up again from the accepted version.
		let s = state(owner);
		assert_ok!(confirm(owner, s.epoch + 1, 6, acks_from(&nodes, owner, s.epoch + 1, &s.providers)));
		assert_eq!(state(owner).confirmed_store_version, 6);
		assert_eq!(state(owner).confirmed_at, System::block_number());
		check_invariants();
	});
}

#[test]
fn release_receipts_are_recorded_once_per_holder_and_incarnation() {
	new_test_ext().execute_with(|| {
		let nodes = network(5);
		let owner = &nodes[0];
		let s = state(owner);
		assert_ok!(confirm(owner, s.epoch, 1, acks_from(&nodes, owner, s.epoch, &s.providers)));
		run_to_block(System::block_number() + 2);
		owner.restart(); // incarnation 1
		let holder = node_of(&nodes, &s.providers[0]);
		let release = |p: &Node, incarnation: u32| {
			let sig = p.sign(&Backups::release_payload(&p.account(), &owner.account(), incarnation));
			Backups::record_release(RuntimeOrigin::none(), p.account(), owner.account(), incarnation, sig)
		};
		assert_noop!(release(holder, 0), Error::<Test>::StaleIncarnation);
		assert_noop!(release(holder, 2), Error::<Test>::StaleIncarnation);
		assert_ok!(release(holder, 1));
		System::assert_last_event(
			Event::ReleaseRecorded { provider: holder.account(), owner: owner.account(), incarnation: 1 }.into(),
		);
		assert!(ReleaseReceipts::<Test>::contains_key((owner.account(), 1, holder.account())));
		assert_noop!(release(holder, 1), Error::<Test>::DuplicateReceipt);
		let sig = holder.sign(&Backups::release_payload(&holder.account(), &owner.account(), 1));
		let call = Call::record_release { provider: holder.account(), owner: owner.account(), incarnation: 1, signature: sig };
		assert_eq!(validate(call), Err(custom(Error::<Test>::DuplicateReceipt)));
		let outsider = nodes.iter().find(|n| !s.providers.contains(&n.account()) && n.account() != owner.account()).unwrap();
		assert_noop!(release(outsider, 1), Error::<Test>::NotAConfirmedHolder);
		let forged = nodes[4].sign(b"x");
		let other = node_of(&nodes, &s.providers[1]);
		assert_noop!(
			Backups::record_release(RuntimeOrigin::none(), other.account(), owner.account(), 1, forged),
			Error::<Test>::BadSignature
		);
		check_invariants();
	});
}

#[test]
fn a_providers_restart_marks_its_owners_for_reshare() {
	new_test_ext().execute_with(|| {
		let nodes = network(6);
		let provider = &nodes[3];
		let owners = Backups::owners_of(&provider.account());
		assert!(!owners.is_empty());
		let epochs: Vec<u32> = owners.iter().map(|o| Assignments::<Test>::get(o).unwrap().epoch).collect();
		run_to_block(System::block_number() + 2);
		provider.restart();
		System::assert_has_event(Event::ReshareNeeded { provider: provider.account(), owners: owners.clone() }.into());
		for (o, e) in owners.iter().zip(epochs) {
			let s = Assignments::<Test>::get(o).unwrap();
			assert_eq!(s.epoch, e + 1, "a new epoch with the same providers");
			assert!(s.providers.contains(&provider.account()));
		}
		check_invariants();
	});
}

#[test]
fn governance_forces_reassignment() {
	new_test_ext().execute_with(|| {
		let nodes = network(8);
		let owner = &nodes[0];
		let before = state(owner);
		assert_noop!(Backups::force_reassign(RuntimeOrigin::signed(owner.account()), owner.account()), DispatchError::BadOrigin);
		assert_noop!(Backups::force_reassign(RuntimeOrigin::root(), Node::new(59).account()), Error::<Test>::UnknownOwner);
		assert_ok!(Backups::force_reassign(RuntimeOrigin::root(), owner.account()));
		let after = state(owner);
		assert_eq!(after.epoch, before.epoch + 1);
		assert_eq!(after.providers.len(), 3);
		assert!(after.providers.iter().all(|p| !before.providers.contains(p)), "fresh providers when the pool allows");
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Backups(Event::Reassigned { owner: o, forced: true, .. }) if *o == owner.account()
		)));
		check_invariants();
	});
}

#[test]
fn governance_sets_params_within_the_rules() {
	new_test_ext().execute_with(|| {
		let _nodes = network(5);
		let ok = BackupParams { n: 4, t: 3, max_load: 5 };
		assert_noop!(Backups::set_params(RuntimeOrigin::signed(Node::new(1).account()), ok), DispatchError::BadOrigin);
		for bad in [
			BackupParams { n: 3, t: 1, max_load: 4 }, // t < 2 with n >= 2
			BackupParams { n: 3, t: 4, max_load: 4 }, // t > n
			BackupParams { n: 5, t: 2, max_load: 4 }, // n > active set - 1
			BackupParams { n: 0, t: 0, max_load: 4 },
			BackupParams { n: 3, t: 2, max_load: 0 },
		] {
			assert_noop!(Backups::set_params(RuntimeOrigin::root(), bad), Error::<Test>::InvalidParams);
		}
		assert_ok!(Backups::set_params(RuntimeOrigin::root(), ok));
		System::assert_last_event(Event::ParamsChanged { params: ok }.into());
		assert_eq!(Params::<Test>::get(), ok);
	});
}

#[test]
fn an_owner_that_leaves_frees_its_providers() {
	new_test_ext().execute_with(|| {
		let nodes = network(5);
		let owner = &nodes[0];
		let providers = state(owner).providers;
		let loads: Vec<u32> = providers.iter().map(ProviderLoad::<Test>::get).collect();
		let s = state(owner);
		assert_ok!(confirm(owner, s.epoch, 1, acks_from(&nodes, owner, s.epoch, &s.providers)));
		assert_eq!(ConfirmedCommitments::<Test>::get(owner.account()).len(), 3);
		assert_ok!(Registry::leave(RuntimeOrigin::signed(owner.operator.clone())));
		assert!(Assignments::<Test>::get(owner.account()).is_none());
		assert!(!ConfirmedCommitments::<Test>::contains_key(owner.account()), "commitments cleared");
		System::assert_has_event(Event::OwnerRemoved { owner: owner.account() }.into());
		for (p, l) in providers.iter().zip(loads) {
			assert_eq!(ProviderLoad::<Test>::get(p), l - 1);
		}
		check_invariants();
	});
}
