//! Tests of the registry pallet: every call's success and every error, and sessions.

use crate::{mock::*, *};
use frame::testing_prelude::*;
use frame::deps::sp_core::Pair;
use frame::traits::fungible::InspectHold;

fn register(op: u8, server: &Server) {
	assert_ok!(Registry::register(
		RuntimeOrigin::signed(operator(op)),
		server.info("http://127.0.0.1:7000"),
		server.evidence(0)
	));
}

/// Invariants after every test: TSS map and validators agree; each bond is held.
fn check_invariants() {
	for (op, info) in Validators::<Test>::iter() {
		assert_eq!(TssOperators::<Test>::get(&info.server.tss_account), Some(op.clone()));
		assert_eq!(
			Balances::balance_on_hold(&RuntimeHoldReason::Registry(HoldReason::ValidatorBond), &op),
			info.bond
		);
	}
	assert_eq!(TssOperators::<Test>::iter().count() as u32, Validators::<Test>::count());
}

#[test]
fn register_records_server_holds_bond_and_attests() {
	ExtBuilder::build().execute_with(|| {
		let server = Server::new(1);
		register(1, &server);
		let info = Validators::<Test>::get(operator(1)).expect("registered");
		let registered = crate::traits::ActiveValidator { operator: operator(1), tss_account: server.tss.clone() };
		assert_eq!(reported_registrations(), vec![(true, registered)]);
		assert_eq!(info.server, server.info("http://127.0.0.1:7000"));
		assert_eq!(info.status, ValidatorStatus::Validating);
		assert_eq!(Balances::free_balance(operator(1)), FUNDS - Bond::get());
		assert_eq!(pallet_custos_attestation::Attestations::<Test>::get(&server.tss).unwrap().incarnation, 0);
		System::assert_last_event(
			Event::ValidatorRegistered {
				operator: operator(1),
				tss_account: server.tss.clone(),
				x25519_public_key: server.x25519,
				endpoint: server.info("http://127.0.0.1:7000").endpoint,
				restart_key: server.restart.public().0,
				bond: Bond::get(),
			}
			.into(),
		);
		check_invariants();
	});
}

#[test]
fn register_refuses_each_bad_input_with_its_own_error() {
	ExtBuilder::build().execute_with(|| {
		let server = Server::new(1);
		register(1, &server);
		// Same operator again.
		assert_noop!(
			Registry::register(RuntimeOrigin::signed(operator(1)), Server::new(2).info("http://a"), Server::new(2).evidence(0)),
			Error::<Test>::AlreadyRegistered
		);
		// TSS account already used by another operator.
		assert_noop!(
			Registry::register(RuntimeOrigin::signed(operator(2)), server.info("http://a"), server.evidence(0)),
			Error::<Test>::TssAccountInUse
		);
		// Operator uses its TSS account as operator.
		let s3 = Server::new(3);
		assert_noop!(
			Registry::register(RuntimeOrigin::signed(s3.tss.clone()), s3.info("http://a"), s3.evidence(0)),
			Error::<Test>::OperatorIsTssAccount
		);
		// Endpoints.
		for bad in ["", "ftp://x", "http://", "http://a b", "https://é"] {
			assert_noop!(
				Registry::register(RuntimeOrigin::signed(operator(3)), s3.info(bad), s3.evidence(0)),
				Error::<Test>::InvalidEndpoint
			);
		}
		// Not enough funds for the bond.
		assert_noop!(
			Registry::register(RuntimeOrigin::signed(operator(9)), s3.info("http://a"), s3.evidence(0)),
			Error::<Test>::InsufficientBond
		);
		// Quote binding another key: the attestation pallet's error, nothing written.
		let s4 = Server::new(4);
		let mut info = s4.info("http://a");
		info.x25519_public_key = [0; 32];
		assert_noop!(
			Registry::register(RuntimeOrigin::signed(operator(4)), info, s4.evidence(0)),
			pallet_custos_attestation::Error::<Test>::ReportDataMismatch
		);
		// Unsigned.
		assert_noop!(Registry::register(RuntimeOrigin::none(), s4.info("http://a"), s4.evidence(0)), DispatchError::BadOrigin);
		check_invariants();
	});
}

#[test]
fn register_stops_at_max_validators() {
	ExtBuilder::build().execute_with(|| {
		for i in 1..=4 {
			register(i, &Server::new(i));
		}
		let s = Server::new(5);
		assert_noop!(
			Registry::register(RuntimeOrigin::signed(operator(5)), s.info("http://a"), s.evidence(0)),
			Error::<Test>::TooManyValidators
		);
		check_invariants();
	});
}

#[test]
fn sessions_rotate_and_report_entered_and_left() {
	ExtBuilder::build().execute_with(|| {
		register(1, &Server::new(1));
		register(2, &Server::new(2));
		run_to_block(5);
		assert_eq!(CurrentSession::<Test>::get(), 1);
		let mut expected = vec![operator(1), operator(2)];
		expected.sort();
		assert_eq!(ActiveSet::<Test>::get().iter().map(|v| v.operator.clone()).collect::<Vec<_>>(), expected);
		assert_eq!(reported_sessions().last().unwrap().2.len(), 2);

		assert_ok!(Registry::chill(RuntimeOrigin::signed(operator(1))));
		System::assert_last_event(Event::ValidatorChilled { operator: operator(1) }.into());
		run_to_block(10);
		assert_eq!(ActiveSet::<Test>::get().iter().map(|v| v.operator.clone()).collect::<Vec<_>>(), vec![operator(2)]);
		let (index, _, entered, left) = reported_sessions().last().unwrap().clone();
		assert_eq!((index, entered, left), (2, vec![], vec![operator(1)]));
		System::assert_has_event(
			Event::NewSession { index: 2, active: 1, entered: vec![], left: vec![operator(1)] }.into(),
		);

		assert_ok!(Registry::resume(RuntimeOrigin::signed(operator(1))));
		System::assert_last_event(Event::ValidatorResumed { operator: operator(1) }.into());
		run_to_block(15);
		assert_eq!(ActiveSet::<Test>::get().len(), 2);
		check_invariants();
	});
}

#[test]
fn chill_and_resume_errors() {
	ExtBuilder::build().execute_with(|| {
		assert_noop!(Registry::chill(RuntimeOrigin::signed(operator(1))), Error::<Test>::NotRegistered);
		assert_noop!(Registry::resume(RuntimeOrigin::signed(operator(1))), Error::<Test>::NotRegistered);
		register(1, &Server::new(1));
		assert_noop!(Registry::resume(RuntimeOrigin::signed(operator(1))), Error::<Test>::NotChilled);
		assert_ok!(Registry::chill(RuntimeOrigin::signed(operator(1))));
		assert_noop!(Registry::chill(RuntimeOrigin::signed(operator(1))), Error::<Test>::AlreadyChilled);
		assert_noop!(Registry::chill(RuntimeOrigin::none()), DispatchError::BadOrigin);
		check_invariants();
	});
}

#[test]
fn governance_removes_a_validator_that_will_not_come_back() {
	ExtBuilder::build().execute_with(|| {
		let server = Server::new(1);
		register(1, &server);
		run_to_block(5);
		// Nobody but governance: not the operator's peers, not unsigned.
		assert_noop!(
			Registry::remove_validator(RuntimeOrigin::signed(operator(2)), operator(1)),
			DispatchError::BadOrigin
		);
		assert_noop!(Registry::remove_validator(RuntimeOrigin::none(), operator(1)), DispatchError::BadOrigin);
		assert_noop!(
			Registry::remove_validator(RuntimeOrigin::root(), operator(2)),
			Error::<Test>::NotRegistered
		);
		assert_ok!(Registry::remove_validator(RuntimeOrigin::root(), operator(1)));
		System::assert_last_event(
			Event::ValidatorRemoved { operator: operator(1), tss_account: server.tss.clone() }.into(),
		);
		// As if it had left: bond back, TSS account unregistered, the observer told.
		assert_eq!(Balances::free_balance(operator(1)), FUNDS);
		assert!(Registry::server_of_tss(&server.tss).is_none());
		let departed = crate::traits::ActiveValidator { operator: operator(1), tss_account: server.tss.clone() };
		assert_eq!(reported_registrations().last(), Some(&(false, departed)));
		// Twice is refused, and so is the operator's own leave afterwards.
		assert_noop!(Registry::remove_validator(RuntimeOrigin::root(), operator(1)), Error::<Test>::NotRegistered);
		assert_noop!(Registry::leave(RuntimeOrigin::signed(operator(1))), Error::<Test>::NotRegistered);
		run_to_block(10);
		assert!(ActiveSet::<Test>::get().is_empty());
		check_invariants();
	});
}

#[test]
fn leave_releases_bond_and_keeps_incarnation_history() {
	ExtBuilder::build().execute_with(|| {
		let server = Server::new(1);
		register(1, &server);
		run_to_block(5);
		assert_ok!(Registry::leave(RuntimeOrigin::signed(operator(1))));
		System::assert_last_event(Event::ValidatorLeft { operator: operator(1), tss_account: server.tss.clone() }.into());
		assert_eq!(Balances::free_balance(operator(1)), FUNDS);
		assert!(Registry::server_of_tss(&server.tss).is_none());
		let departed = crate::traits::ActiveValidator { operator: operator(1), tss_account: server.tss.clone() };
		assert_eq!(reported_registrations().last(), Some(&(false, departed)));
		assert_noop!(Registry::leave(RuntimeOrigin::signed(operator(1))), Error::<Test>::NotRegistered);
		run_to_block(10);
		assert!(ActiveSet::<Test>::get().is_empty());
		// Registering the same TSS account again continues at incarnation 1; a quote for 0
		// (a replay of the first registration) is refused.
		assert_noop!(
			Registry::register(RuntimeOrigin::signed(operator(2)), server.info("http://b"), server.evidence(0)),
			pallet_custos_attestation::Error::<Test>::ReportDataMismatch
		);
		assert_ok!(Registry::register(RuntimeOrigin::signed(operator(2)), server.info("http://b"), server.evidence(1)));
		assert_eq!(pallet_custos_attestation::Attestations::<Test>::get(&server.tss).unwrap().incarnation, 1);
		check_invariants();
	});
}

#[test]
fn governance_sets_session_length() {
	ExtBuilder::build().execute_with(|| {
		assert_noop!(Registry::set_session_length(RuntimeOrigin::signed(operator(1)), 3), DispatchError::BadOrigin);
		assert_noop!(Registry::set_session_length(RuntimeOrigin::root(), 0), Error::<Test>::ZeroSessionLength);
		assert_ok!(Registry::set_session_length(RuntimeOrigin::root(), 3));
		System::assert_last_event(Event::SessionLengthChanged { blocks: 3 }.into());
		run_to_block(3);
		assert_eq!(CurrentSession::<Test>::get(), 1);
		run_to_block(6);
		assert_eq!(CurrentSession::<Test>::get(), 2);
	});
}

#[test]
fn restart_key_lookup_serves_the_attestation_pallet() {
	use pallet_custos_attestation::traits::TssServers;
	ExtBuilder::build().execute_with(|| {
		let server = Server::new(1);
		assert_eq!(<Registry as TssServers<_>>::restart_key(&server.tss), None);
		register(1, &server);
		assert_eq!(<Registry as TssServers<_>>::restart_key(&server.tss), Some(server.restart.public().0));
	});
}

/// `register` and `leave` are charged the observer's bound and refunded what it did not
/// use; a session boundary reports the rotation's weight with the observer's.
#[test]
fn observer_work_is_charged_and_refunded() {
	use crate::weights::WeightInfo as _;
	use frame::deps::frame_support::dispatch::GetDispatchInfo;
	ExtBuilder::build().execute_with(|| {
		let server = Server::new(1);
		let evidence = server.evidence(0);
		let call = crate::Call::<Test>::register { server: server.info("http://127.0.0.1:7000"), evidence: evidence.clone() };
		assert_eq!(
			call.get_dispatch_info().call_weight,
			Registry::register_weight(&evidence) + OBSERVER_WEIGHT.saturating_mul(3)
		);
		// The quote check is charged by its path and size, on top of the call's own weight.
		assert_eq!(
			Registry::register_weight(&evidence),
			<() as crate::weights::WeightInfo>::register() +
				<() as pallet_custos_attestation::weights::WeightInfo>::attest_registration_dev(
					evidence.quote.len() as u32
				)
		);
		let post = Registry::register(RuntimeOrigin::signed(operator(1)), server.info("http://127.0.0.1:7000"), evidence.clone())
			.expect("registers");
		assert_eq!(post.actual_weight, Some(Registry::register_weight(&evidence) + OBSERVER_WEIGHT));

		let boundary = DefaultSessionLength::get() * 2;
		run_to_block(boundary - 1);
		System::initialize(&boundary, &block_hash_of(boundary - 1), &Default::default());
		let used = <Registry as Hooks<u64>>::on_initialize(boundary);
		let reads = <<Test as frame_system::Config>::DbWeight as Get<frame::deps::frame_support::weights::RuntimeDbWeight>>::get().reads(1);
		assert_eq!(used, <() as crate::weights::WeightInfo>::rotate_session(1) + OBSERVER_WEIGHT + reads);

		let post = Registry::leave(RuntimeOrigin::signed(operator(1))).expect("leaves");
		assert_eq!(post.actual_weight, Some(<()>::leave() + OBSERVER_WEIGHT));
		check_invariants();
	});
}

/// With every registered validator chilled the new active set is empty, yet the rotation
/// still reads every registered validator and compares with the previous set: it is
/// charged for `max(registered, previous active)`, not for the validating count (0).
#[test]
fn a_rotation_with_every_validator_chilled_is_charged_for_the_registered_ones() {
	ExtBuilder::build().execute_with(|| {
		for i in 1..=4 {
			register(i, &Server::new(i));
		}
		run_to_block(5);
		assert_eq!(ActiveSet::<Test>::get().len(), 4);
		for i in 1..=4 {
			assert_ok!(Registry::chill(RuntimeOrigin::signed(operator(i))));
		}
		// One leaves too: 3 registered, 4 previously active.
		assert_ok!(Registry::leave(RuntimeOrigin::signed(operator(4))));
		let boundary = DefaultSessionLength::get() * 2;
		run_to_block(boundary - 1);
		System::initialize(&boundary, &block_hash_of(boundary - 1), &Default::default());
		let used = <Registry as Hooks<u64>>::on_initialize(boundary);
		assert!(ActiveSet::<Test>::get().is_empty());
		let reads = <<Test as frame_system::Config>::DbWeight as Get<frame::deps::frame_support::weights::RuntimeDbWeight>>::get().reads(1);
		let rotation = |v| <() as crate::weights::WeightInfo>::rotate_session(v);
		assert_eq!(used, rotation(4) + OBSERVER_WEIGHT + reads);
		assert!(used.all_gt(rotation(0) + OBSERVER_WEIGHT + reads));
		assert_eq!(Registry::rotation_component(3, 4), 4);
		assert_eq!(Registry::rotation_component(4, 0), 4);
		check_invariants();
	});
}

/// The mock's config passes the integrity test: the observer takes `MaxValidators`
/// validators and a session boundary fits a quarter of the block.
#[test]
fn integrity_test_accepts_the_mock_config() {
	ExtBuilder::build().execute_with(|| {
		<Registry as Hooks<u64>>::integrity_test();
	});
}

/// An observer that takes fewer validators than `MaxValidators` (a backups `MaxPool` below
/// the registry's `MaxValidators`) is refused by the integrity test.
#[test]
#[should_panic(expected = "must be at least MaxValidators")]
fn integrity_test_refuses_an_observer_smaller_than_max_validators() {
	ObserverMaxActive::set(MaxValidators::get() - 1);
	ExtBuilder::build().execute_with(|| {
		<Registry as Hooks<u64>>::integrity_test();
	});
}
