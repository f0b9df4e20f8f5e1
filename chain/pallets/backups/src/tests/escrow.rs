//! The cold path through the real registry and attestation pallets: the committee's rules,
//! deposits gating confirmations, cold requests only when fewer than `t` holders are
//! intact, governance's approval, members' releases, and every refusal (malformed,
//! replayed, reordered, unauthorised, stale, expired), in the block and in the pool.

use super::*;
use crate::escrow::SEALED_ESCROW_SHARE_BYTES;
use frame::deps::sp_core::Pair;

/// Escrow member `i`: an sr25519 signing key and a distinct x25519 sealing key.
struct Member {
	pair: sr25519::Pair,
	sealing_key: [u8; 32],
}

use frame::deps::sp_core::sr25519;

fn member(i: u8) -> Member {
	Member { pair: sr25519::Pair::from_seed(&[i.wrapping_add(200); 32]), sealing_key: [i.wrapping_add(100); 32] }
}

impl Member {
	fn account(&self) -> AccountId32 {
		AccountId32::from(self.pair.public().0)
	}

	fn entry(&self) -> EscrowMember<AccountId32> {
		EscrowMember { account: self.account(), sealing_key: self.sealing_key }
	}
}

fn members(k: u8) -> Vec<Member> {
	(1..=k).map(member).collect()
}

fn set_committee(members: &[Member], threshold: u32) -> DispatchResult {
	let entries: Vec<_> = members.iter().map(Member::entry).collect();
	Backups::set_escrow_committee(RuntimeOrigin::root(), entries.try_into().unwrap(), threshold)
}

/// A deposit for the current committee with one stand-in sealed share per member.
fn deposit_for(owner: &Node, epoch: u32, count: usize) -> EscrowDepositOf<Test> {
	let generation = Committee::<Test>::get().map_or(0, |c| c.generation);
	let sealed: Vec<SealedEscrowShare> =
		(0..count).map(|i| [i as u8 + epoch as u8; SEALED_ESCROW_SHARE_BYTES]).collect();
	let commitments: Vec<[u8; 32]> =
		(0..count).map(|i| blake2_256(&(b"escrow", owner.account(), epoch, i as u32).encode())).collect();
	EscrowDeposit {
		generation,
		sequence: EscrowDeposits::<Test>::get(owner.account(), epoch).map_or(0, |d| d.sequence + 1),
		sealed: sealed.try_into().unwrap(),
		commitments: commitments.try_into().unwrap(),
	}
}

fn deposit(owner: &Node, epoch: u32, deposit: EscrowDepositOf<Test>) -> DispatchResultWithPostInfo {
	let signature = owner.sign(&Backups::escrow_deposit_payload(&owner.account(), epoch, &deposit));
	Backups::deposit_escrow(RuntimeOrigin::none(), owner.account(), epoch, deposit, signature)
}

/// A network of 5 nodes with a 3-member, 2-of-3 committee, whose first owner deposited and
/// confirmed its first epoch.
fn escrowed_network() -> (Vec<Node>, Vec<Member>) {
	let nodes = network(5);
	let committee = members(3);
	assert_ok!(set_committee(&committee, 2));
	let owner = &nodes[0];
	let s = state(owner);
	assert_ok!(deposit(owner, s.epoch, deposit_for(owner, s.epoch, 3)));
	assert_ok!(confirm(owner, s.epoch, 1, acks_from(&nodes, owner, s.epoch, &s.providers)));
	(nodes, committee)
}

/// The owner's recovery keys after a restart: one per confirmed holder (the escrow key
/// goes beside them).
fn recovery_keys(owner: &Node) -> RecoveryKeysOf<Test> {
	let holders = state(owner).confirmed_providers.len();
	(0..holders).map(|i| [i as u8 + 1; 32]).collect::<Vec<_>>().try_into().unwrap()
}

/// The root a restart with these keys and escrow key binds.
fn root_of(keys: &RecoveryKeysOf<Test>, escrow_key: [u8; 32]) -> [u8; 32] {
	let mut entries = keys.to_vec();
	entries.push(crate::escrow::escrow_key_entry(&escrow_key));
	custos_primitives::recovery_keys_root(&entries)
}

/// Restarts `node` with a quote binding the root of `keys` and `escrow_key`.
fn restart_with(node: &Node, keys: &RecoveryKeysOf<Test>, escrow_key: [u8; 32]) {
	run_to_block(System::block_number() + 2);
	node.restart_with_root(root_of(keys, escrow_key));
}

/// Every holder of the owner's confirmed epoch restarts (a full outage: their shares are
/// gone).
fn holders_lose_memory(nodes: &[Node], owner: &Node) {
	for holder in state(owner).confirmed_providers {
		run_to_block(System::block_number() + 2);
		node_of(nodes, &holder).restart();
	}
}

/// A full outage for `owner`: every holder restarts, then the owner (incarnation 1, escrow
/// key `[77; 32]`), which requests cold recovery.
fn outage_then_cold_request(nodes: &[Node], owner: &Node) {
	holders_lose_memory(nodes, owner);
	let keys = recovery_keys(owner);
	restart_with(owner, &keys, [77; 32]);
	assert_ok!(dispatch(cold_request(owner, 1, keys, [77; 32])));
}

/// A full outage for `owner` as in [`outage_then_cold_request`], whose request the pool
/// and the block refuse with `e`.
fn outage_then_cold_request_refused(nodes: &[Node], owner: &Node, e: Error<Test>) {
	holders_lose_memory(nodes, owner);
	let keys = recovery_keys(owner);
	restart_with(owner, &keys, [77; 32]);
	refused_everywhere(cold_request(owner, 1, keys, [77; 32]), e);
}

fn cold_request(owner: &Node, incarnation: u32, keys: RecoveryKeysOf<Test>, escrow_key: [u8; 32]) -> Call<Test> {
	let signature = owner
		.restart
		.sign(&blake2_256(&Backups::cold_request_payload(&owner.account(), incarnation, &keys, &escrow_key)))
		.0;
	Call::request_cold_recovery { owner: owner.account(), incarnation, recovery_keys: keys, escrow_key, signature }
}

fn dispatch(call: Call<Test>) -> DispatchResultWithPostInfo {
	use frame::traits::UnfilteredDispatchable;
	call.dispatch_bypass_filter(RuntimeOrigin::none())
}

fn approve(requests: Vec<(AccountId32, u32)>) -> DispatchResult {
	Backups::approve_cold_recovery(RuntimeOrigin::root(), requests.try_into().unwrap())
}

/// Asserts that approving `requests` approves none of them and skips each with its reason,
/// in order, leaving every request as it was.
fn approval_skips(requests: Vec<(AccountId32, u32)>, reasons: Vec<ColdApprovalSkip>) {
	let before: Vec<_> = ColdRequests::<Test>::iter().collect();
	System::reset_events();
	assert_ok!(approve(requests.clone()));
	let skipped: Vec<_> = System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Backups(Event::ColdApprovalSkipped { owner, incarnation, reason }) =>
				Some(((owner, incarnation), reason)),
			RuntimeEvent::Backups(Event::ColdRecoveryApproved { .. }) => panic!("nothing may be approved"),
			_ => None,
		})
		.collect();
	assert_eq!(skipped, requests.into_iter().zip(reasons).collect::<Vec<_>>());
	assert_eq!(ColdRequests::<Test>::iter().collect::<Vec<_>>(), before, "nothing changed");
}

fn release_call(member: &Member, index: u32, owner: &Node, incarnation: u32, sealed: SealedEscrowShare) -> Call<Test> {
	let payload = Backups::escrow_release_payload(&owner.account(), incarnation, index, &sealed);
	Call::release_escrow_share {
		owner: owner.account(),
		incarnation,
		member_index: index,
		sealed,
		signature: member.pair.sign(&blake2_256(&payload)).0,
	}
}

/// Asserts that the pool refuses `call` with `e` and the block refuses it without a change.
fn refused_everywhere(call: Call<Test>, e: Error<Test>) {
	assert_eq!(validate(call.clone()), Err(custom(e.clone())));
	assert_noop!(dispatch(call), e);
}

#[test]
fn governance_sets_a_committee_within_the_rules() {
	new_test_ext().execute_with(|| {
		let m = members(3);
		let entries = |list: Vec<EscrowMember<AccountId32>>| -> BoundedVec<_, MaxEscrowMembers> {
			list.try_into().unwrap()
		};
		let bad = |list: Vec<EscrowMember<AccountId32>>, t: u32| {
			assert_noop!(
				Backups::set_escrow_committee(RuntimeOrigin::root(), entries(list), t),
				Error::<Test>::InvalidEscrowCommittee
			);
		};
		bad(vec![], 2);
		bad(vec![m[0].entry()], 1);
		bad(m.iter().map(Member::entry).collect(), 1);
		bad(m.iter().map(Member::entry).collect(), 4);
		bad(vec![m[0].entry(), EscrowMember { account: m[0].account(), sealing_key: [9; 32] }], 2);
		bad(vec![m[0].entry(), EscrowMember { account: m[1].account(), sealing_key: m[0].sealing_key }], 2);
		// A sealing key of small order (any of them, top bit set or not) would make every
		// deposit unsealable, so no owner could confirm an epoch.
		let mut order_eight = [0u8; 32];
		order_eight.copy_from_slice(
			&hex::decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800").unwrap(),
		);
		let mut p_minus_one = [0xffu8; 32];
		p_minus_one[0] = 0xec;
		p_minus_one[31] = 0x7f;
		let mut one_high = [0u8; 32];
		one_high[0] = 1;
		one_high[31] = 0x80;
		for low in [[0u8; 32], one_high, order_eight, p_minus_one] {
			assert!(custos_primitives::is_low_order_x25519(&low));
			assert_noop!(
				Backups::set_escrow_committee(
					RuntimeOrigin::root(),
					entries(vec![m[0].entry(), EscrowMember { account: m[1].account(), sealing_key: low }]),
					2
				),
				Error::<Test>::LowOrderSealingKey
			);
		}
		assert_noop!(
			Backups::set_escrow_committee(
				RuntimeOrigin::signed(m[0].account()),
				entries(m.iter().map(Member::entry).collect()),
				2
			),
			DispatchError::BadOrigin
		);
		assert_ok!(set_committee(&m, 2));
		System::assert_last_event(
			Event::EscrowCommitteeSet { generation: 1, members: m.iter().map(Member::account).collect(), threshold: 2 }
				.into(),
		);
		assert_ok!(set_committee(&m[..2], 2));
		assert_eq!(Committee::<Test>::get().unwrap().generation, 2);
		assert_ok!(Backups::clear_escrow_committee(RuntimeOrigin::root()));
		System::assert_last_event(Event::EscrowCommitteeCleared { generation: 2 }.into());
		assert_noop!(Backups::clear_escrow_committee(RuntimeOrigin::root()), Error::<Test>::NoEscrowCommittee);
		assert_ok!(set_committee(&m, 3));
		assert_eq!(Committee::<Test>::get().unwrap().generation, 3, "generations are never reused");
	});
}

#[test]
fn without_a_committee_nothing_changes_and_the_cold_path_is_closed() {
	new_test_ext().execute_with(|| {
		let nodes = network(5);
		let owner = &nodes[0];
		let s = state(owner);
		refused_everywhere(
			{
				let d = deposit_for(owner, s.epoch, 3);
				let signature = owner.sign(&Backups::escrow_deposit_payload(&owner.account(), s.epoch, &d));
				Call::deposit_escrow { owner: owner.account(), epoch: s.epoch, deposit: d, signature }
			},
			Error::<Test>::NoEscrowCommittee,
		);
		assert_ok!(confirm(owner, s.epoch, 1, acks_from(&nodes, owner, s.epoch, &s.providers)));
		outage_then_cold_request_refused(&nodes, owner, Error::<Test>::NoEscrowCommittee);
		check_invariants();
	});
}

#[test]
fn with_a_committee_no_epoch_is_confirmed_before_it_is_escrowed() {
	new_test_ext().execute_with(|| {
		let nodes = network(5);
		let committee = members(3);
		assert_ok!(set_committee(&committee, 2));
		let owner = &nodes[0];
		let s = state(owner);
		let acks = || acks_from(&nodes, owner, s.epoch, &s.providers);
		assert_noop!(confirm(owner, s.epoch, 1, acks()), Error::<Test>::EscrowDepositMissing);
		// Malformed deposits change nothing.
		assert_noop!(deposit(owner, s.epoch, deposit_for(owner, s.epoch, 2)), Error::<Test>::WrongEscrowShareCount);
		let mut wrong_generation = deposit_for(owner, s.epoch, 3);
		wrong_generation.generation = 7;
		assert_noop!(deposit(owner, s.epoch, wrong_generation), Error::<Test>::WrongEscrowGeneration);
		assert_noop!(deposit(owner, s.epoch + 2, deposit_for(owner, s.epoch + 2, 3)), Error::<Test>::WrongEpoch);
		let d = deposit_for(owner, s.epoch, 3);
		let forged = nodes[1].sign(&Backups::escrow_deposit_payload(&owner.account(), s.epoch, &d));
		assert_noop!(
			Backups::deposit_escrow(RuntimeOrigin::none(), owner.account(), s.epoch, d.clone(), forged),
			Error::<Test>::BadSignature
		);
		// A valid deposit, then a replacement for the same open epoch (a new KEK), which
		// must wait `MinCheckpointInterval` blocks (a deposit is free).
		assert_ok!(deposit(owner, s.epoch, d));
		let mut replacement = deposit_for(owner, s.epoch + 9, 3);
		replacement.sequence = 1;
		assert_noop!(deposit(owner, s.epoch, replacement.clone()), Error::<Test>::RateLimited);
		run_to_block(System::block_number() + MinCheckpointInterval::get());
		assert_ok!(deposit(owner, s.epoch, replacement.clone()));
		System::assert_last_event(
			Event::EscrowDeposited {
				owner: owner.account(),
				epoch: s.epoch,
				generation: 1,
				commitments: replacement.commitments.to_vec(),
			}
			.into(),
		);
		assert_eq!(EscrowDeposits::<Test>::get(owner.account(), s.epoch), Some(replacement.clone()));
		// The first deposit's transaction replayed later cannot take its place back.
		run_to_block(System::block_number() + MinCheckpointInterval::get());
		let mut replayed = replacement.clone();
		replayed.sequence = 0;
		assert_noop!(deposit(owner, s.epoch, replayed), Error::<Test>::StaleEscrowDeposit);
		assert_ok!(confirm(owner, s.epoch, 1, acks()));
		// The confirmed epoch's deposit is frozen.
		assert_noop!(deposit(owner, s.epoch, deposit_for(owner, s.epoch, 3)), Error::<Test>::WrongEpoch);
		// A rotation deposits the next epoch first; confirming it drops the older deposit.
		run_to_block(System::block_number() + MinCheckpointInterval::get());
		let next = s.epoch + 1;
		assert_ok!(deposit(owner, next, deposit_for(owner, next, 3)));
		assert_ok!(confirm(owner, next, 2, acks_from(&nodes, owner, next, &s.providers)));
		assert!(EscrowDeposits::<Test>::get(owner.account(), s.epoch).is_none());
		assert!(EscrowDeposits::<Test>::get(owner.account(), next).is_some());
		// A new committee: deposits of the old generation no longer let an epoch confirm.
		assert_ok!(set_committee(&committee[..2], 2));
		let after = next + 1;
		run_to_block(System::block_number() + MinCheckpointInterval::get());
		let mut stale = deposit_for(owner, after, 3);
		stale.generation = 1;
		assert_noop!(deposit(owner, after, stale), Error::<Test>::WrongEscrowGeneration);
		assert_noop!(
			confirm(owner, after, 3, acks_from(&nodes, owner, after, &s.providers)),
			Error::<Test>::EscrowDepositMissing
		);
		assert_ok!(deposit(owner, after, deposit_for(owner, after, 2)));
		assert_ok!(confirm(owner, after, 3, acks_from(&nodes, owner, after, &s.providers)));
		check_invariants();
	});
}

#[test]
fn the_cold_path_opens_only_when_fewer_than_t_holders_are_intact() {
	new_test_ext().execute_with(|| {
		let (nodes, _) = escrowed_network();
		let owner = &nodes[0];
		let holders = state(owner).confirmed_providers;
		assert_eq!(Backups::intact_holders(&owner.account()), 3);
		let keys = recovery_keys(owner);
		restart_with(owner, &keys, [77; 32]);
		refused_everywhere(cold_request(owner, 1, keys.clone(), [77; 32]), Error::<Test>::HoldersIntact);
		// One holder restarts: two of three intact, t = 2, still refused.
		run_to_block(System::block_number() + 2);
		node_of(&nodes, &holders[0]).restart();
		assert_eq!(Backups::intact_holders(&owner.account()), 2);
		refused_everywhere(cold_request(owner, 1, keys.clone(), [77; 32]), Error::<Test>::HoldersIntact);
		// A second one: one intact, the cold path opens.
		run_to_block(System::block_number() + 2);
		node_of(&nodes, &holders[1]).restart();
		assert_eq!(Backups::intact_holders(&owner.account()), 1);
		assert!(validate(cold_request(owner, 1, keys.clone(), [77; 32])).is_ok());
		assert_ok!(dispatch(cold_request(owner, 1, keys, [77; 32])));
		System::assert_last_event(
			Event::ColdRecoveryRequested {
				owner: owner.account(),
				incarnation: 1,
				epoch: state(owner).confirmed_epoch,
				escrow_key: [77; 32],
				intact_holders: 1,
			}
			.into(),
		);
		check_invariants();
	});
}

#[test]
fn a_cold_request_is_refused_unless_it_is_the_owners_latest_attested_restart() {
	new_test_ext().execute_with(|| {
		let (nodes, _) = escrowed_network();
		let owner = &nodes[0];
		holders_lose_memory(&nodes, owner);
		let keys = recovery_keys(owner);
		// Before any restart: incarnation 0 has no recovery keys.
		refused_everywhere(cold_request(owner, 0, keys.clone(), [77; 32]), Error::<Test>::StaleIncarnation);
		restart_with(owner, &keys, [77; 32]);
		// Another incarnation than the recorded one.
		refused_everywhere(cold_request(owner, 2, keys.clone(), [77; 32]), Error::<Test>::StaleIncarnation);
		// An escrow key the quote did not bind (the host's own).
		refused_everywhere(cold_request(owner, 1, keys.clone(), [66; 32]), Error::<Test>::RecoveryKeysMismatch);
		// A holder key passed off as the escrow key (its private half could be public after a
		// bad-share report): the quote bound the holder keys and a tagged escrow entry, so the
		// root of the holders without it and that key as escrow key differs.
		let mut fewer = keys.to_vec();
		let last = fewer.pop().unwrap();
		let (fewer, last): (RecoveryKeysOf<Test>, _) = (fewer.try_into().unwrap(), last);
		refused_everywhere(cold_request(owner, 1, fewer, last), Error::<Test>::RecoveryKeysMismatch);
		// Signed by the TSS key, or by someone else, instead of the restart key.
		let tss_signed = owner.sign(&Backups::cold_request_payload(&owner.account(), 1, &keys, &[77; 32]));
		let forged = Call::request_cold_recovery {
			owner: owner.account(),
			incarnation: 1,
			recovery_keys: keys.clone(),
			escrow_key: [77; 32],
			signature: tss_signed,
		};
		refused_everywhere(forged, Error::<Test>::BadSignature);
		// A stranger's signature over another owner's request.
		let stranger = &nodes[4];
		let mut call = cold_request(stranger, 1, keys.clone(), [77; 32]);
		if let Call::request_cold_recovery { owner: o, .. } = &mut call {
			*o = owner.account();
		}
		refused_everywhere(call, Error::<Test>::BadSignature);
		// The valid request, then its replay.
		assert_ok!(dispatch(cold_request(owner, 1, keys.clone(), [77; 32])));
		refused_everywhere(cold_request(owner, 1, keys, [77; 32]), Error::<Test>::ColdRequestExists);
		// A newer restart replaces it (with new keys) and the old one cannot be approved.
		let newer_keys = recovery_keys(owner);
		restart_with(owner, &newer_keys, [78; 32]);
		approval_skips(vec![(owner.account(), 1)], vec![ColdApprovalSkip::Superseded]);
		// Too late after its attestation, a request is refused: attest again.
		run_to_block(System::block_number() + ColdRequestWindow::get() + 1);
		refused_everywhere(cold_request(owner, 2, newer_keys.clone(), [78; 32]), Error::<Test>::AttestationTooOld);
		restart_with(owner, &newer_keys, [79; 32]);
		assert_ok!(dispatch(cold_request(owner, 3, newer_keys, [79; 32])));
		assert_eq!(ColdRequests::<Test>::get(owner.account()).unwrap().escrow_key, [79; 32]);
		check_invariants();
	});
}

#[test]
fn members_release_only_to_an_approved_current_request_once() {
	new_test_ext().execute_with(|| {
		let (nodes, committee) = escrowed_network();
		let owner = &nodes[0];
		outage_then_cold_request(&nodes, owner);
		let sealed = [5u8; SEALED_ESCROW_SHARE_BYTES];
		// Not approved yet.
		refused_everywhere(release_call(&committee[0], 0, owner, 1, sealed), Error::<Test>::ColdRequestNotApproved);
		// Approval: governance only, for the request's incarnation, once.
		assert_noop!(
			Backups::approve_cold_recovery(
				RuntimeOrigin::signed(committee[0].account()),
				vec![(owner.account(), 1)].try_into().unwrap()
			),
			DispatchError::BadOrigin
		);
		approval_skips(
			vec![(owner.account(), 2), (nodes[1].account(), 1)],
			vec![ColdApprovalSkip::NotFound, ColdApprovalSkip::NotFound],
		);
		// Named twice in one call: approved once, the second skipped.
		assert_ok!(approve(vec![(owner.account(), 1), (owner.account(), 1)]));
		System::assert_has_event(Event::ColdRecoveryApproved { owner: owner.account(), incarnation: 1 }.into());
		System::assert_last_event(
			Event::ColdApprovalSkipped {
				owner: owner.account(),
				incarnation: 1,
				reason: ColdApprovalSkip::AlreadyApproved,
			}
			.into(),
		);
		approval_skips(vec![(owner.account(), 1)], vec![ColdApprovalSkip::AlreadyApproved]);
		// Releases: a non-member index, a member signing for another's index, another
		// incarnation; then the valid ones and a replay.
		refused_everywhere(release_call(&committee[0], 3, owner, 1, sealed), Error::<Test>::NotAnEscrowMember);
		refused_everywhere(release_call(&committee[1], 0, owner, 1, sealed), Error::<Test>::BadSignature);
		let outsider = member(9);
		refused_everywhere(release_call(&outsider, 0, owner, 1, sealed), Error::<Test>::BadSignature);
		refused_everywhere(release_call(&committee[0], 0, owner, 2, sealed), Error::<Test>::ColdRequestNotFound);
		assert!(validate(release_call(&committee[0], 0, owner, 1, sealed)).is_ok());
		assert_ok!(dispatch(release_call(&committee[0], 0, owner, 1, sealed)));
		System::assert_last_event(
			Event::EscrowShareReleased {
				owner: owner.account(),
				incarnation: 1,
				member_index: 0,
				member: committee[0].account(),
			}
			.into(),
		);
		assert_eq!(EscrowReleases::<Test>::get((owner.account(), 1, 0)).map(|r| r.sealed), Some(sealed));
		refused_everywhere(release_call(&committee[0], 0, owner, 1, [6; SEALED_ESCROW_SHARE_BYTES]), Error::<Test>::EscrowShareAlreadyReleased);
		assert_ok!(dispatch(release_call(&committee[2], 2, owner, 1, sealed)));
		// The owner recovers and confirms a new epoch (with its deposit): the request closes
		// and its releases are gone.
		let s = state(owner);
		let next = s.epoch;
		let providers = s.providers.clone();
		assert!(next > s.confirmed_epoch, "the holders' restarts opened a new epoch");
		run_to_block(System::block_number() + MinCheckpointInterval::get());
		assert_ok!(deposit(owner, next, deposit_for(owner, next, 3)));
		assert_ok!(confirm(owner, next, 2, acks_from(&nodes, owner, next, &providers)));
		System::assert_has_event(Event::ColdRecoveryClosed { owner: owner.account(), incarnation: 1, epoch: next }.into());
		assert!(ColdRequests::<Test>::get(owner.account()).is_none());
		assert!(EscrowReleases::<Test>::get((owner.account(), 1, 0)).is_none());
		refused_everywhere(release_call(&committee[1], 1, owner, 1, sealed), Error::<Test>::ColdRequestNotFound);
		check_invariants();
	});
}

#[test]
fn a_superseded_or_expired_request_gets_no_release() {
	new_test_ext().execute_with(|| {
		let (nodes, committee) = escrowed_network();
		let owner = &nodes[0];
		outage_then_cold_request(&nodes, owner);
		assert_ok!(approve(vec![(owner.account(), 1)]));
		let sealed = [5u8; SEALED_ESCROW_SHARE_BYTES];
		// A second copy of the TD restarts (incarnation 2) before it asked again: the
		// approved request for incarnation 1 is superseded.
		restart_with(owner, &recovery_keys(owner), [78; 32]);
		refused_everywhere(release_call(&committee[0], 0, owner, 1, sealed), Error::<Test>::StaleIncarnation);
		// A fresh request for incarnation 3 expires unapproved.
		let keys3 = recovery_keys(owner);
		restart_with(owner, &keys3, [79; 32]);
		assert_ok!(dispatch(cold_request(owner, 3, keys3, [79; 32])));
		run_to_block(System::block_number() + ColdRequestLifetime::get() + 1);
		approval_skips(vec![(owner.account(), 3)], vec![ColdApprovalSkip::Expired]);
		check_invariants();
	});
}

#[test]
fn one_approval_covers_a_mass_outage_and_skips_only_stale_entries() {
	new_test_ext().execute_with(|| {
		let nodes = network(6);
		let committee = members(3);
		assert_ok!(set_committee(&committee, 2));
		for owner in &nodes {
			let s = state(owner);
			assert_ok!(deposit(owner, s.epoch, deposit_for(owner, s.epoch, 3)));
			assert_ok!(confirm(owner, s.epoch, 1, acks_from(&nodes, owner, s.epoch, &s.providers)));
		}
		// Every companion restarts at once: every holder lost its shares.
		let keys: Vec<RecoveryKeysOf<Test>> = nodes.iter().map(recovery_keys).collect();
		let escrow = |i: usize| [100 + i as u8; 32];
		run_to_block(System::block_number() + 2);
		for (i, (node, keys)) in nodes.iter().zip(&keys).enumerate() {
			node.restart_with_root(root_of(keys, escrow(i)));
		}
		for (i, (node, keys)) in nodes.iter().zip(&keys).enumerate() {
			assert_eq!(Backups::intact_holders(&node.account()), 0);
			assert_ok!(dispatch(cold_request(node, 1, keys.clone(), escrow(i))));
		}
		// While governance votes, one owner restarts again (a new incarnation, a new request
		// to come): its entry, and one naming no request, are skipped; every other owner is
		// approved by the same call.
		let late = &nodes[2];
		let late_keys = recovery_keys(late);
		restart_with(late, &late_keys, [99; 32]);
		let mut all: Vec<(AccountId32, u32)> = nodes.iter().map(|n| (n.account(), 1)).collect();
		all.push((nodes[0].account(), 5));
		System::reset_events();
		assert_ok!(approve(all));
		System::assert_has_event(
			Event::ColdApprovalSkipped { owner: late.account(), incarnation: 1, reason: ColdApprovalSkip::Superseded }
				.into(),
		);
		System::assert_last_event(
			Event::ColdApprovalSkipped { owner: nodes[0].account(), incarnation: 5, reason: ColdApprovalSkip::NotFound }
				.into(),
		);
		for node in &nodes {
			let approved = ColdRequests::<Test>::get(node.account()).unwrap().approved_at.is_some();
			assert_eq!(approved, node.account() != late.account(), "all but the superseded one");
		}
		// Its new request is approved by a later call.
		assert_ok!(dispatch(cold_request(late, 2, late_keys, [99; 32])));
		assert_ok!(approve(vec![(late.account(), 2)]));
		assert!(ColdRequests::<Test>::get(late.account()).unwrap().approved_at.is_some());
		check_invariants();
	});
}

#[test]
fn an_owner_that_leaves_takes_its_escrow_with_it() {
	new_test_ext().execute_with(|| {
		let (nodes, _) = escrowed_network();
		let owner = &nodes[0];
		outage_then_cold_request(&nodes, owner);
		Backups::remove_owner(&owner.account());
		assert!(ColdRequests::<Test>::get(owner.account()).is_none());
		assert_eq!(EscrowDeposits::<Test>::iter_prefix(owner.account()).count(), 0);
		assert!(ConfirmedIncarnations::<Test>::get(owner.account()).is_empty());
	});
}

#[test]
fn a_committee_change_leaves_deposits_served_by_their_own_members() {
	new_test_ext().execute_with(|| {
		let (nodes, old) = escrowed_network();
		let owner = &nodes[0];
		let generation = EscrowDeposits::<Test>::get(owner.account(), state(owner).confirmed_epoch).unwrap().generation;
		// The owner is down when governance replaces the committee, then clears it.
		let new: Vec<Member> = (4..=6).map(member).collect();
		assert_ok!(set_committee(&new, 3));
		assert_eq!(RetiredCommittees::<Test>::get(generation).map(|c| c.members.len()), Some(3));
		assert_ok!(Backups::clear_escrow_committee(RuntimeOrigin::root()));
		assert!(RetiredCommittees::<Test>::get(generation + 1).is_none(), "no deposit names the second one");
		check_invariants();
		// Its outage: the request opens the old deposit, and the old members release to it.
		outage_then_cold_request(&nodes, owner);
		assert_ok!(approve(vec![(owner.account(), 1)]));
		let sealed = [5u8; SEALED_ESCROW_SHARE_BYTES];
		// A member of the new committee at an index of the old one is not a member of it.
		refused_everywhere(release_call(&new[0], 0, owner, 1, sealed), Error::<Test>::BadSignature);
		assert_ok!(dispatch(release_call(&old[0], 0, owner, 1, sealed)));
		assert_ok!(dispatch(release_call(&old[1], 1, owner, 1, sealed)));
		// It recovers and confirms again; with no committee now, no deposit is needed, its
		// old deposit goes, and the retired committee with it.
		let s = state(owner);
		assert_ok!(confirm(owner, s.epoch, 2, acks_from(&nodes, owner, s.epoch, &s.providers)));
		assert_eq!(EscrowDeposits::<Test>::iter_prefix(owner.account()).count(), 0);
		assert!(RetiredCommittees::<Test>::get(generation).is_none());
		assert_eq!(EscrowDepositCount::<Test>::iter().count(), 0);
		check_invariants();
	});
}

#[test]
fn a_live_owner_deposits_for_the_new_committee_and_the_old_one_goes() {
	new_test_ext().execute_with(|| {
		let (nodes, _) = escrowed_network();
		let owner = &nodes[0];
		let old_generation = Committee::<Test>::get().unwrap().generation;
		let new: Vec<Member> = (4..=7).map(member).collect();
		assert_ok!(set_committee(&new, 3));
		// A rotation with a deposit of the new generation; a deposit naming the retired one is
		// refused.
		let s = state(owner);
		let next = s.epoch + 1;
		run_to_block(System::block_number() + MinCheckpointInterval::get());
		let mut stale = deposit_for(owner, next, 3);
		stale.generation = old_generation;
		let signature = owner.sign(&Backups::escrow_deposit_payload(&owner.account(), next, &stale));
		refused_everywhere(
			Call::deposit_escrow { owner: owner.account(), epoch: next, deposit: stale, signature },
			Error::<Test>::WrongEscrowGeneration,
		);
		assert_ok!(deposit(owner, next, deposit_for(owner, next, 4)));
		assert!(RetiredCommittees::<Test>::get(old_generation).is_some(), "the confirmed epoch's deposit still names it");
		assert_ok!(confirm(owner, next, 2, acks_from(&nodes, owner, next, &s.providers)));
		assert!(RetiredCommittees::<Test>::get(old_generation).is_none());
		assert_eq!(EscrowDepositCount::<Test>::get(old_generation + 1), 1);
		check_invariants();
	});
}

#[test]
fn holders_that_left_or_were_removed_no_longer_count_as_intact() {
	new_test_ext().execute_with(|| {
		let (nodes, _) = escrowed_network();
		let owner = &nodes[0];
		let holders = state(owner).confirmed_providers;
		assert_eq!(Backups::intact_holders(&owner.account()), 3);
		let keys = recovery_keys(owner);
		restart_with(owner, &keys, [77; 32]);
		// Two holders never come back: one leaves, governance removes the other.
		let gone = |holder: &AccountId32| node_of(&nodes, holder);
		gone(&holders[0]).leave();
		assert_eq!(Backups::intact_holders(&owner.account()), 2);
		refused_everywhere(cold_request(owner, 1, keys.clone(), [77; 32]), Error::<Test>::HoldersIntact);
		gone(&holders[1]).removed_by_governance();
		assert_eq!(Backups::intact_holders(&owner.account()), 1);
		assert_ok!(dispatch(cold_request(owner, 1, keys, [77; 32])));
		check_invariants();
	});
}

#[test]
fn a_deposit_no_committee_asked_for_goes_with_its_epochs_confirmation() {
	new_test_ext().execute_with(|| {
		let (nodes, _) = escrowed_network();
		let owner = &nodes[0];
		let s = state(owner);
		let next = s.epoch + 1;
		// The owner escrows a rotation's KEK, governance clears the committee, and the owner
		// (after a crash, with another KEK perhaps) confirms that epoch without a committee.
		run_to_block(System::block_number() + MinCheckpointInterval::get());
		assert_ok!(deposit(owner, next, deposit_for(owner, next, 3)));
		assert_ok!(Backups::clear_escrow_committee(RuntimeOrigin::root()));
		assert_ok!(confirm(owner, next, 2, acks_from(&nodes, owner, next, &s.providers)));
		// Nothing says that deposit holds the confirmed KEK: it is gone, and with it the
		// retired committee; the cold path is closed rather than opening a wrong KEK.
		assert_eq!(EscrowDeposits::<Test>::iter_prefix(owner.account()).count(), 0);
		assert_eq!(RetiredCommittees::<Test>::iter().count(), 0);
		outage_then_cold_request_refused(&nodes, owner, Error::<Test>::NoEscrowCommittee);
		check_invariants();
	});
}

#[test]
fn the_v3_migration_counts_the_deposits_a_v2_chain_has() {
	use frame::deps::frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		let (nodes, _) = escrowed_network();
		let second = &nodes[1];
		let s = state(second);
		assert_ok!(deposit(second, s.epoch, deposit_for(second, s.epoch, 3)));
		// As a v2 chain has them: deposits, no counts.
		let _ = EscrowDepositCount::<Test>::clear(u32::MAX, None);
		StorageVersion::new(2).put::<Backups>();
		crate::migrations::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Backups::on_chain_storage_version(), StorageVersion::new(3));
		assert_eq!(EscrowDepositCount::<Test>::get(Committee::<Test>::get().unwrap().generation), 2);
		check_invariants();
		// Once at v3 it does nothing: a second run does not double the counts.
		crate::migrations::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		check_invariants();
	});
}
