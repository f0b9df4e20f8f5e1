//! Tests of the attestation pallet: every call's success and every error.

use crate::{mock::*, traits::RegistrationAttestor, *};
use custos_primitives::{mock as quotes, IntelTrust, ReportDataContext, ReportDataInput};
use frame::deps::sp_core::Pair;
use frame::deps::sp_runtime::transaction_validity::{InvalidTransaction, TransactionSource};
use frame::testing_prelude::*;

mod collateral_cache;
mod td_policy;

type Evidence = QuoteEvidence<u64, H256, MaxQuoteLen, MaxCollateralLen>;

/// The `quote_hash` the pallet records for a dev quote: blake2-256 of its canonical evidence.
fn evidence_hash(quote: &[u8]) -> [u8; 32] {
	let summary = custos_primitives::verify_dev_quote(quote, &[quotes::dev_pck_public_key()]).expect("dev quote");
	blake2_256(&summary.evidence)
}

/// Inputs of a quote under construction, defaulting to a correct restart of `node`.
struct QuoteSpec {
	context: ReportDataContext,
	genesis: H256,
	public_key: [u8; 32],
	restart_key: [u8; 32],
	incarnation: u32,
	block: u64,
}

fn report_data_for(node: &Node, spec: &QuoteSpec) -> [u8; 64] {
	ReportDataInput {
		context: spec.context,
		genesis_hash: spec.genesis.into(),
		tss_account: node.account.clone().into(),
		public_key: spec.public_key,
		restart_key: spec.restart_key,
		incarnation: spec.incarnation,
		block_number: spec.block as u32,
		block_hash: block_hash_of(spec.block).into(),
	}
	.report_data()
}

fn evidence_with_quote(quote: Vec<u8>, spec: &QuoteSpec) -> Evidence {
	QuoteEvidence {
		quote: quote.try_into().expect("quote fits"),
		collateral: QuoteCollateral::Dev,
		genesis_hash: spec.genesis,
		block_number: spec.block,
		block_hash: block_hash_of(spec.block),
	}
}

fn register_spec(node: &Node) -> QuoteSpec {
	QuoteSpec {
		context: ReportDataContext::Register,
		genesis: Attestation::genesis_hash(),
		public_key: node.x25519,
		restart_key: node.restart_key(),
		incarnation: 0,
		block: System::block_number() - 1,
	}
}

fn restart_spec(node: &Node, incarnation: u32, recovery: [u8; 32]) -> QuoteSpec {
	QuoteSpec {
		context: ReportDataContext::Restart,
		genesis: Attestation::genesis_hash(),
		public_key: recovery,
		restart_key: node.restart_key(),
		incarnation,
		block: System::block_number() - 1,
	}
}

fn register(node: &Node) {
	node.register_server();
	let spec = register_spec(node);
	let evidence = evidence_with_quote(quotes::dev_quote(&report_data_for(node, &spec)), &spec);
	assert_ok!(Attestation::attest_registration(&node.account, node.x25519, node.restart_key(), &evidence));
}

fn restart_call(node: &Node, spec: &QuoteSpec, quote: Vec<u8>) -> (RestartAttestationOf<Test>, [u8; 64]) {
	let attestation = RestartAttestation {
		tss_account: node.account.clone(),
		incarnation: spec.incarnation,
		recovery_keys_root: spec.public_key,
		evidence: evidence_with_quote(quote, spec),
	};
	let signature = node.restart.sign(&Attestation::restart_signing_payload(&attestation)).0;
	(attestation, signature)
}

fn good_restart(node: &Node, incarnation: u32, recovery: [u8; 32]) -> (RestartAttestationOf<Test>, [u8; 64]) {
	let spec = restart_spec(node, incarnation, recovery);
	let quote = quotes::dev_quote(&report_data_for(node, &spec));
	restart_call(node, &spec, quote)
}

fn validate(attestation: &RestartAttestationOf<Test>, signature: [u8; 64]) -> TransactionValidity {
	#[allow(deprecated)]
	<Attestation as frame::deps::sp_runtime::traits::ValidateUnsigned>::validate_unsigned(
		TransactionSource::External,
		&Call::attest_restart { attestation: attestation.clone(), signature },
	)
}

fn custom(e: Error<Test>) -> TransactionValidityError {
	TransactionValidityError::Invalid(InvalidTransaction::Custom(e.encode()[0]))
}

/// Invariant after every test: each record's incarnation is the number of restarts
/// reported for its account (registration starts at 0).
fn check_invariants() {
	for (account, record) in Attestations::<Test>::iter() {
		let restarts = reported_restarts().iter().filter(|(a, _)| *a == account).count() as u32;
		assert_eq!(record.incarnation, restarts, "incarnation of {account:?}");
	}
}

#[test]
fn genesis_hash_is_recorded_in_block_one() {
	ExtBuilder::default().build().execute_with(|| {
		assert_eq!(GenesisHash::<Test>::get(), Some(block_hash_of(0)));
		run_to_block(5);
		assert_eq!(Attestation::genesis_hash(), block_hash_of(0));
	});
}

#[test]
fn registration_records_incarnation_zero_and_emits_attested() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		register(&node);
		let record = Attestations::<Test>::get(&node.account).expect("recorded");
		assert_eq!(record.incarnation, 0);
		assert_eq!(record.recovery_keys_root, node.x25519);
		assert_eq!(
			<Attestation as crate::traits::Incarnations<_>>::recovery_keys_root(&node.account),
			Some((0, node.x25519))
		);
		assert_eq!(record.measurement, quotes::dev_measurement());
		System::assert_last_event(
			Event::Attested {
				tss_account: node.account.clone(),
				incarnation: 0,
				measurement: quotes::dev_measurement(),
				recovery_public_key: node.x25519,
				tcb: None,
			}
			.into(),
		);
		check_invariants();
	});
}

#[test]
fn registration_quote_for_another_key_is_refused() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		let mut spec = register_spec(&node);
		let quote = quotes::dev_quote(&report_data_for(&node, &spec));
		spec.public_key = [9; 32];
		let evidence = evidence_with_quote(quote, &spec);
		assert_noop!(
			Attestation::attest_registration(&node.account, [9; 32], node.restart_key(), &evidence),
			Error::<Test>::ReportDataMismatch
		);
	});
}

#[test]
fn restart_attestation_records_next_incarnation_without_fees() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		register(&node);
		run_to_block(7);
		let (attestation, signature) = good_restart(&node, 1, [42; 32]);
		assert_ok!(validate(&attestation, signature));
		let info = Attestation::attest_restart(RuntimeOrigin::none(), attestation.clone(), signature)
			.expect("dispatch succeeds");
		assert_eq!(info.pays_fee, Pays::No);
		let record = Attestations::<Test>::get(&node.account).unwrap();
		assert_eq!((record.incarnation, record.recovery_keys_root, record.attested_at), (1, [42; 32], 7));
		assert_eq!(
			<Attestation as crate::traits::Incarnations<_>>::recovery_keys_root(&node.account),
			Some((1, [42; 32]))
		);
		assert_eq!(reported_restarts(), vec![(node.account.clone(), 1)]);
		System::assert_last_event(
			Event::RestartAttested {
				tss_account: node.account.clone(),
				incarnation: 1,
				recovery_keys_root: [42; 32],
				measurement: quotes::dev_measurement(),
				quoted_block: 6,
				quote_hash: evidence_hash(&attestation.evidence.quote),
				tcb: None,
			}
			.into(),
		);
		check_invariants();
	});
}

#[test]
fn pool_deduplicates_by_account_and_incarnation() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		register(&node);
		let other = Node::new(2);
		register(&other);
		run_to_block(7);
		let (a1, s1) = good_restart(&node, 1, [42; 32]);
		let (a2, s2) = good_restart(&node, 1, [43; 32]);
		let v1 = validate(&a1, s1).unwrap();
		let v2 = validate(&a2, s2).unwrap();
		assert_eq!(v1.provides, v2.provides, "same (account, incarnation) → same tag");
		assert!(v1.longevity >= 1 && v1.longevity <= MaxQuoteAge::get());
		let (a3, s3) = good_restart(&other, 1, [42; 32]);
		assert_ne!(validate(&a3, s3).unwrap().provides, v1.provides);
	});
}

#[test]
fn replayed_attestation_is_refused() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		register(&node);
		run_to_block(7);
		let (attestation, signature) = good_restart(&node, 1, [42; 32]);
		assert_ok!(Attestation::attest_restart(RuntimeOrigin::none(), attestation.clone(), signature));
		run_to_block(12);
		assert_eq!(validate(&attestation, signature), Err(custom(Error::<Test>::ReplayedAttestation)));
		assert_noop!(
			Attestation::attest_restart(RuntimeOrigin::none(), attestation, signature),
			Error::<Test>::ReplayedAttestation
		);
		check_invariants();
	});
}

#[test]
fn each_cheap_check_has_its_own_error() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		register(&node);
		run_to_block(20);

		// Unregistered account.
		let stranger = Node::new(9);
		let (a, s) = good_restart(&stranger, 1, [1; 32]);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::NotRegistered)));

		// Wrong restart-key signature.
		let (a, mut s) = good_restart(&node, 1, [1; 32]);
		s[0] ^= 1;
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::BadRestartSignature)));
		let signed_by_account = Node::new(1);
		let (a, _) = good_restart(&node, 1, [1; 32]);
		let foreign = sr25519_sign_with(&Node::new(5), &a);
		assert_eq!(validate(&a, foreign), Err(custom(Error::<Test>::BadRestartSignature)));
		let _ = signed_by_account;

		// Wrong genesis.
		let mut spec = restart_spec(&node, 1, [1; 32]);
		spec.genesis = H256::repeat_byte(0xee);
		let (a, s) = restart_call(&node, &spec, quotes::dev_quote(&report_data_for(&node, &spec)));
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::WrongGenesis)));

		// Stale block (older than MaxQuoteAge = 10).
		let mut spec = restart_spec(&node, 1, [1; 32]);
		spec.block = 5;
		let (a, s) = restart_call(&node, &spec, quotes::dev_quote(&report_data_for(&node, &spec)));
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::StaleBlock)));

		// Future block, and a block whose hash is not ours.
		let mut spec = restart_spec(&node, 1, [1; 32]);
		spec.block = 20;
		let (a, s) = restart_call(&node, &spec, quotes::dev_quote(&report_data_for(&node, &spec)));
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::UnknownBlock)));
		let (mut a, _) = good_restart(&node, 1, [1; 32]);
		a.evidence.block_hash = H256::repeat_byte(0xab);
		let s = sr25519_sign_with(&node, &a);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::UnknownBlock)));

		// Incarnation gap.
		let (a, s) = good_restart(&node, 2, [1; 32]);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::IncarnationGap)));
		check_invariants();
	});
}

fn sr25519_sign_with(node: &Node, attestation: &RestartAttestationOf<Test>) -> [u8; 64] {
	node.restart.sign(&Attestation::restart_signing_payload(attestation)).0
}

#[test]
fn restarts_are_rate_limited_per_account() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		register(&node);
		run_to_block(5);
		let (a, s) = good_restart(&node, 1, [1; 32]);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::RateLimited)));
		run_to_block(6);
		let (a, s) = good_restart(&node, 1, [1; 32]);
		assert_ok!(validate(&a, s));
		assert_ok!(Attestation::attest_restart(RuntimeOrigin::none(), a, s));
		run_to_block(7);
		let (a, s) = good_restart(&node, 2, [2; 32]);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::RateLimited)));
		check_invariants();
	});
}

#[test]
fn quote_checks_have_their_own_errors_and_bad_quotes_never_enter_the_pool() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		register(&node);
		run_to_block(10);

		// Report data binds another recovery key.
		let spec = restart_spec(&node, 1, [1; 32]);
		let other = restart_spec(&node, 1, [2; 32]);
		let (a, s) = restart_call(&node, &spec, quotes::dev_quote(&report_data_for(&node, &other)));
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::ReportDataMismatch)));

		// Unknown PCK key.
		let rd = report_data_for(&node, &spec);
		let quote = quotes::build_mock_quote(&quotes::MockTdImage::dev(), &rd, b"rogue pck", quotes::DEV_ATTESTATION_SEED);
		let (a, s) = restart_call(&node, &spec, quote);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::UnknownPckKey)));

		// Wrong measurement.
		let mut image = quotes::MockTdImage::dev();
		image.rtmr[1][0] ^= 1;
		let quote = quotes::build_mock_quote(&image, &rd, quotes::DEV_PCK_SEED, quotes::DEV_ATTESTATION_SEED);
		let (a, s) = restart_call(&node, &spec, quote);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::MeasurementNotAccepted)));

		// Debug TD.
		let mut image = quotes::MockTdImage::dev();
		image.td_attributes[0] = 1;
		let quote = quotes::build_mock_quote(&image, &rd, quotes::DEV_PCK_SEED, quotes::DEV_ATTESTATION_SEED);
		let (a, s) = restart_call(&node, &spec, quote);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::DebugTd)));

		// Tampered signature, garbage bytes.
		let mut quote = quotes::dev_quote(&rd);
		quote[48 + 584 + 4 + 1] ^= 1;
		let (a, s) = restart_call(&node, &spec, quote);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::QuoteSignatureInvalid)));
		let (a, s) = restart_call(&node, &spec, vec![0u8; 100]);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::MalformedQuote)));

		// Collateral present but the Intel path is off.
		let (mut a, _) = good_restart(&node, 1, [1; 32]);
		a.evidence.collateral = QuoteCollateral::Intel(vec![0u8; 10].try_into().unwrap());
		let s = sr25519_sign_with(&node, &a);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::IntelPathDisabled)));

		// A bad quote that reached a block anyway is recorded as rejected, nothing else.
		let (a, s) = restart_call(&node, &spec, quotes::dev_quote(&report_data_for(&node, &other)));
		assert_ok!(Attestation::attest_restart(RuntimeOrigin::none(), a, s));
		assert_eq!(Attestations::<Test>::get(&node.account).unwrap().incarnation, 0);
		System::assert_last_event(
			Event::AttestationRejected {
				tss_account: node.account.clone(),
				incarnation: 1,
				reason: Error::<Test>::ReportDataMismatch,
			}
			.into(),
		);
		check_invariants();
	});
}

#[test]
fn dev_path_disabled_without_dev_keys() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		node.register_server();
		let spec = register_spec(&node);
		let evidence = evidence_with_quote(quotes::dev_quote(&report_data_for(&node, &spec)), &spec);
		assert_ok!(Attestation::set_trust_policy(RuntimeOrigin::root(), TrustPolicy::default()));
		assert_noop!(
			Attestation::attest_registration(&node.account, node.x25519, node.restart_key(), &evidence),
			Error::<Test>::DevPathDisabled
		);
	});
}

#[test]
fn only_a_signed_free_origin_is_refused() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		register(&node);
		run_to_block(7);
		let (a, s) = good_restart(&node, 1, [1; 32]);
		assert_noop!(
			Attestation::attest_restart(RuntimeOrigin::signed(node.account.clone()), a, s),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn governance_manages_measurements() {
	ExtBuilder::default().build().execute_with(|| {
		let m = [7u8; 32];
		assert_noop!(Attestation::add_measurement(RuntimeOrigin::signed(Node::new(1).account), m), DispatchError::BadOrigin);
		assert_ok!(Attestation::add_measurement(RuntimeOrigin::root(), m));
		System::assert_last_event(Event::MeasurementAdded { measurement: m }.into());
		assert_noop!(Attestation::add_measurement(RuntimeOrigin::root(), m), Error::<Test>::MeasurementAlreadyAccepted);
		assert_ok!(Attestation::add_measurement(RuntimeOrigin::root(), [8u8; 32]));
		assert_noop!(Attestation::add_measurement(RuntimeOrigin::root(), [9u8; 32]), Error::<Test>::TooManyMeasurements);
		assert_ok!(Attestation::remove_measurement(RuntimeOrigin::root(), m));
		System::assert_last_event(Event::MeasurementRemoved { measurement: m }.into());
		assert_noop!(Attestation::remove_measurement(RuntimeOrigin::root(), m), Error::<Test>::MeasurementNotFound);
		assert_noop!(Attestation::remove_measurement(RuntimeOrigin::signed(Node::new(1).account), [8u8; 32]), DispatchError::BadOrigin);
	});
}

#[test]
fn withdrawn_measurement_refuses_new_quotes() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		register(&node);
		assert_ok!(Attestation::remove_measurement(RuntimeOrigin::root(), quotes::dev_measurement()));
		run_to_block(7);
		let (a, s) = good_restart(&node, 1, [1; 32]);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::MeasurementNotAccepted)));
	});
}

#[test]
fn governance_sets_trust_policy() {
	ExtBuilder::default().build().execute_with(|| {
		let policy = TrustPolicy { intel: Some(IntelTrust::default()), dev_pck_keys: Default::default() };
		assert_noop!(
			Attestation::set_trust_policy(RuntimeOrigin::signed(Node::new(1).account), policy.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(Attestation::set_trust_policy(RuntimeOrigin::root(), policy.clone()));
		assert_eq!(Trust::<Test>::get(), policy);
		System::assert_last_event(Event::TrustPolicyChanged { intel_enabled: true, dev_pck_keys: 0 }.into());
	});
}

mod intel_path {
	use super::*;
	use std::path::PathBuf;

	pub(super) fn fixture(name: &str) -> Vec<u8> {
		let dir = std::env::var("CUSTOS_TDX_FIXTURES").map(PathBuf::from).unwrap_or_else(|_| {
			PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/fixtures/tdx")
		});
		std::fs::read(dir.join(name)).expect("fixture")
	}

	pub(super) fn collateral() -> Vec<u8> {
		collateral_from_json(&fixture("tdx_quote_collateral.json"))
	}

	/// A collateral JSON file (dcap-qvl's shape) SCALE-encoded as the chain takes it.
	pub(super) fn collateral_from_json(json: &[u8]) -> Vec<u8> {
		let c: dcap_qvl_json::Collateral = serde_json::from_slice(json).unwrap();
		c.into_scale()
	}

	/// Decodes the fixture JSON without depending on dcap-qvl's std features here.
	mod dcap_qvl_json {
		use codec::Encode;
		#[derive(serde::Deserialize)]
		pub struct Collateral {
			pck_crl_issuer_chain: String,
			root_ca_crl: String,
			pck_crl: String,
			tcb_info_issuer_chain: String,
			tcb_info: String,
			tcb_info_signature: String,
			qe_identity_issuer_chain: String,
			qe_identity: String,
			qe_identity_signature: String,
		}
		impl Collateral {
			/// SCALE encoding of `dcap_qvl::QuoteCollateralV3` (field order, byte fields as
			/// `Vec<u8>`, trailing `Option<String>` = None).
			pub fn into_scale(self) -> Vec<u8> {
				let h = |s: &str| hex::decode(s).expect("hex field");
				(
					self.pck_crl_issuer_chain,
					h(&self.root_ca_crl),
					h(&self.pck_crl),
					self.tcb_info_issuer_chain,
					self.tcb_info,
					h(&self.tcb_info_signature),
					self.qe_identity_issuer_chain,
					self.qe_identity,
					h(&self.qe_identity_signature),
					Option::<String>::None,
				)
					.encode()
			}
		}
	}

	/// The benchmarks embed the fixture (`benchmark-fixtures/`): the same quote, and the
	/// collateral JSON re-encoded as SCALE.
	#[test]
	fn benchmark_fixture_is_the_shared_fixture() {
		let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benchmark-fixtures");
		let quote = std::fs::read(dir.join("tdx_quote")).expect("quote");
		let scale = std::fs::read(dir.join("tdx_quote_collateral.scale")).expect("collateral");
		assert_eq!(quote, fixture("tdx_quote"));
		assert_eq!(scale, collateral());
		assert_eq!(quote.len(), 5_006);
		assert_eq!(scale.len(), 12_185);
		assert_eq!(quotes::dev_quote(&[0; 64]).len(), 1_322);
	}

	#[test]
	fn genuine_intel_quote_passes_signatures_but_binds_nothing_of_ours() {
		ExtBuilder::default().intel(IntelTrust::default()).build().execute_with(|| {
			run_to_block(3);
			let node = Node::new(1);
			node.register_server();
			// 2025-06-25: inside the fixture's collateral window.
			pallet_timestamp::Now::<Test>::put(1_750_809_600_000);
			let spec = register_spec(&node);
			let mut evidence = evidence_with_quote(fixture("tdx_quote"), &spec);
			evidence.collateral = QuoteCollateral::Intel(collateral().try_into().unwrap());
			// The fixture's measurement is not accepted yet.
			assert_noop!(
				Attestation::attest_registration(&node.account, node.x25519, node.restart_key(), &evidence),
				Error::<Test>::MeasurementNotAccepted
			);
			let summary = custos_primitives::verify_intel_quote(&fixture("tdx_quote"), &collateral(), 1_750_809_600, &IntelTrust::default()).unwrap();
			assert_ok!(Attestation::add_measurement(RuntimeOrigin::root(), summary.measurement));
			// Verified all the way to the report data, which binds someone else's values.
			assert_noop!(
				Attestation::attest_registration(&node.account, node.x25519, node.restart_key(), &evidence),
				Error::<Test>::ReportDataMismatch
			);
			// After the collateral expired, the signatures no longer count.
			pallet_timestamp::Now::<Test>::put(1_790_000_000_000);
			assert_noop!(
				Attestation::attest_registration(&node.account, node.x25519, node.restart_key(), &evidence),
				Error::<Test>::QuoteSignatureInvalid
			);
		});
	}
}
