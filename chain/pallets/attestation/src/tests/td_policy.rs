//! The TD policy, the fixed TD attribute rules, certification-data types and the identity
//! of evidence (one attestation, one `quote_hash`), on both trust paths.

use super::intel_path::{collateral, fixture};
use super::*;
use custos_primitives::{
	mock::{flip_signature_s, MockTdImage, QE_REPORT_SIGNATURE_OFFSET, QUOTE_SIGNATURE_OFFSET},
	td_attributes,
};

fn quote_of(image: &MockTdImage, report_data: &[u8; 64]) -> Vec<u8> {
	quotes::build_mock_quote(image, report_data, quotes::DEV_PCK_SEED, quotes::DEV_ATTESTATION_SEED)
}

/// A correctly bound registration quote of `node` from `image`.
fn registration(node: &Node, image: &MockTdImage) -> Evidence {
	let spec = register_spec(node);
	evidence_with_quote(quote_of(image, &report_data_for(node, &spec)), &spec)
}

fn attest(node: &Node, evidence: &Evidence) -> Result<Measurement, DispatchError> {
	Attestation::attest_registration(&node.account, node.x25519, node.restart_key(), evidence)
}

#[test]
fn genesis_sets_the_td_policy() {
	ExtBuilder::default().build().execute_with(|| {
		assert_eq!(ActiveTdPolicy::<Test>::get(), dev_td_policy());
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), STORAGE_VERSION);
	});
}

#[test]
fn td_policy_json_uses_hex_strings_and_round_trips() {
	let policy = TdPolicy { rtmr3: Some(TdRegister([0xab; 48])), ..dev_td_policy() };
	let json = serde_json::to_value(&policy).unwrap();
	assert_eq!(json["attributesMask"], "0xffffffffffffffff");
	assert_eq!(json["attributesValue"], "0x0000000010000000");
	assert_eq!(json["xfam"], "0x00000000000602e7");
	assert_eq!(json["mrOwner"], format!("0x{}", "00".repeat(48)));
	assert_eq!(json["rtmr3"], format!("0x{}", "ab".repeat(48)));
	assert_eq!(serde_json::from_value::<TdPolicy>(json).unwrap(), policy);
	let default = serde_json::to_value(TdPolicy::default()).unwrap();
	assert_eq!(default["xfam"], serde_json::Value::Null);
	assert_eq!(serde_json::from_value::<TdPolicy>(default).unwrap(), TdPolicy::default());
	// Short hex is refused rather than guessed at.
	assert!(serde_json::from_str::<TdPolicy>(
		r#"{"attributesMask":"0x10","attributesValue":"0x0000000000000000","xfam":null,"mrConfigId":null,"mrOwner":null,"mrOwnerConfig":null,"rtmr3":null}"#
	)
	.is_err());
}

#[test]
fn governance_sets_the_td_policy() {
	ExtBuilder::default().build().execute_with(|| {
		let policy = TdPolicy { mr_owner: Some(TdRegister([7; 48])), ..dev_td_policy() };
		assert_noop!(
			Attestation::set_td_policy(RuntimeOrigin::signed(Node::new(1).account), policy.clone()),
			DispatchError::BadOrigin
		);
		assert_noop!(Attestation::set_td_policy(RuntimeOrigin::none(), policy.clone()), DispatchError::BadOrigin);
		assert_ok!(Attestation::set_td_policy(RuntimeOrigin::root(), policy.clone()));
		assert_eq!(ActiveTdPolicy::<Test>::get(), policy);
		System::assert_last_event(Event::TdPolicySet { policy }.into());
	});
}

#[test]
fn a_policy_no_td_can_meet_is_refused() {
	ExtBuilder::default().build().execute_with(|| {
		let unsatisfiable = [
			// A value bit outside the mask.
			TdPolicy { attributes_mask: 0, attributes_value: td_attributes::SEPT_VE_DISABLE, ..Default::default() },
			// Requires DEBUG on.
			TdPolicy {
				attributes_mask: u64::MAX,
				attributes_value: td_attributes::SEPT_VE_DISABLE | td_attributes::DEBUG,
				..Default::default()
			},
			// Requires SEPT_VE_DISABLE off.
			TdPolicy { attributes_mask: td_attributes::SEPT_VE_DISABLE, attributes_value: 0, ..Default::default() },
			// Requires MIGRATABLE on.
			TdPolicy {
				attributes_mask: td_attributes::MIGRATABLE,
				attributes_value: td_attributes::MIGRATABLE,
				..Default::default()
			},
		];
		for policy in unsatisfiable {
			assert_noop!(
				Attestation::set_td_policy(RuntimeOrigin::root(), policy.clone()),
				Error::<Test>::UnsatisfiableTdPolicy
			);
		}
		// Requiring a free bit (PKS, 30) on, or checking nothing, is fine.
		let pks = 1u64 << 30;
		assert_ok!(Attestation::set_td_policy(
			RuntimeOrigin::root(),
			TdPolicy { attributes_mask: pks, attributes_value: pks, ..Default::default() }
		));
		assert_ok!(Attestation::set_td_policy(RuntimeOrigin::root(), TdPolicy::default()));
	});
}

#[test]
fn each_policy_field_has_its_own_error() {
	let pinned_rtmr3 = TdPolicy { rtmr3: Some(TdRegister(MockTdImage::dev().rtmr[3])), ..dev_td_policy() };
	ExtBuilder::default().td_policy(pinned_rtmr3).build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		node.register_server();
		let dev = MockTdImage::dev;
		let cases: [(&str, MockTdImage, Error<Test>); 6] = [
			// PKS (bit 30): allowed by the fixed rules, not by the dev policy's exact match.
			(
				"attributes",
				MockTdImage { td_attributes: (quotes::DEV_TD_ATTRIBUTES | 1 << 30).to_le_bytes(), ..dev() },
				Error::<Test>::TdAttributesNotAllowed,
			),
			("XFAM", MockTdImage { xfam: 0x3u64.to_le_bytes(), ..dev() }, Error::<Test>::XfamMismatch),
			("MRCONFIGID", MockTdImage { mr_config_id: [1; 48], ..dev() }, Error::<Test>::MrConfigIdMismatch),
			("MROWNER", MockTdImage { mr_owner: [2; 48], ..dev() }, Error::<Test>::MrOwnerMismatch),
			("MROWNERCONFIG", MockTdImage { mr_owner_config: [3; 48], ..dev() }, Error::<Test>::MrOwnerConfigMismatch),
			(
				"RTMR3",
				MockTdImage { rtmr: [dev().rtmr[0], dev().rtmr[1], dev().rtmr[2], [0x99; 48]], ..dev() },
				Error::<Test>::Rtmr3Mismatch,
			),
		];
		for (field, image, error) in cases {
			// The measurement does not cover the field: only the policy tells them apart.
			assert_eq!(custos_primitives::mock::dev_measurement(), {
				let summary = custos_primitives::verify_dev_quote(
					&registration(&node, &image).quote,
					&[quotes::dev_pck_public_key()],
				)
				.expect(field);
				summary.measurement
			});
			assert_noop!(attest(&node, &registration(&node, &image)), error);
		}
		// A policy that checks nothing lets the same image in.
		assert_ok!(Attestation::set_td_policy(RuntimeOrigin::root(), TdPolicy::default()));
		assert_ok!(attest(&node, &registration(&node, &MockTdImage { mr_owner: [2; 48], ..dev() })));
		check_invariants();
	});
}

#[test]
fn attributes_are_checked_under_the_mask_only() {
	let pks = 1u64 << 30;
	let sept_only = TdPolicy {
		attributes_mask: td_attributes::SEPT_VE_DISABLE | pks,
		attributes_value: td_attributes::SEPT_VE_DISABLE,
		..Default::default()
	};
	ExtBuilder::default().td_policy(sept_only).build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		node.register_server();
		// LASS (bit 27) is outside the mask: any value passes; PKS is inside and must be 0.
		let lass = MockTdImage { td_attributes: (quotes::DEV_TD_ATTRIBUTES | 1 << 27).to_le_bytes(), ..MockTdImage::dev() };
		let with_pks = MockTdImage { td_attributes: (quotes::DEV_TD_ATTRIBUTES | pks).to_le_bytes(), ..MockTdImage::dev() };
		assert_noop!(attest(&node, &registration(&node, &with_pks)), Error::<Test>::TdAttributesNotAllowed);
		assert_ok!(attest(&node, &registration(&node, &lass)));
	});
}

#[test]
fn the_policy_applies_to_restart_attestations() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		register(&node);
		assert_ok!(Attestation::set_td_policy(
			RuntimeOrigin::root(),
			TdPolicy { mr_owner: Some(TdRegister([7; 48])), ..dev_td_policy() }
		));
		run_to_block(7);
		let (a, s) = good_restart(&node, 1, [42; 32]);
		assert_eq!(validate(&a, s), Err(custom(Error::<Test>::MrOwnerMismatch)));
		// Reached a block anyway (the policy changed after it entered the pool): rejected.
		assert_ok!(Attestation::attest_restart(RuntimeOrigin::none(), a, s));
		assert_eq!(Attestations::<Test>::get(&node.account).unwrap().incarnation, 0);
		System::assert_last_event(
			Event::AttestationRejected {
				tss_account: node.account.clone(),
				incarnation: 1,
				reason: Error::<Test>::MrOwnerMismatch,
			}
			.into(),
		);
		// A quote from an image with that owner passes.
		let spec = restart_spec(&node, 1, [42; 32]);
		let image = MockTdImage { mr_owner: [7; 48], ..MockTdImage::dev() };
		let (a, s) = restart_call(&node, &spec, quote_of(&image, &report_data_for(&node, &spec)));
		assert_ok!(validate(&a, s));
		assert_ok!(Attestation::attest_restart(RuntimeOrigin::none(), a, s));
		assert_eq!(Attestations::<Test>::get(&node.account).unwrap().incarnation, 1);
		check_invariants();
	});
}

#[test]
fn fixed_attribute_rules_hold_whatever_the_policy() {
	// A policy that checks nothing: the rules still refuse.
	ExtBuilder::default().td_policy(TdPolicy::default()).build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		node.register_server();
		let dev = quotes::DEV_TD_ATTRIBUTES;
		for (attributes, error) in [
			(dev | td_attributes::DEBUG, Error::<Test>::DebugTd),
			(dev & !td_attributes::SEPT_VE_DISABLE, Error::<Test>::SeptVeNotDisabled),
			(dev | td_attributes::MIGRATABLE, Error::<Test>::MigratableTd),
			(dev | 1 << 40, Error::<Test>::ReservedTdAttributes),
			(dev | td_attributes::SERVTD_EXT, Error::<Test>::ServiceTdBound),
		] {
			let image = MockTdImage { td_attributes: attributes.to_le_bytes(), ..MockTdImage::dev() };
			assert_noop!(attest(&node, &registration(&node, &image)), error);
		}
	});
}

#[test]
fn outer_certification_data_type_is_checked_on_the_dev_path() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		node.register_server();
		let mut evidence = registration(&node, &MockTdImage::dev());
		let at = QUOTE_SIGNATURE_OFFSET + 128;
		let mut quote = evidence.quote.to_vec();
		quote[at..at + 2].copy_from_slice(&5u16.to_le_bytes());
		evidence.quote = quote.try_into().unwrap();
		assert_noop!(attest(&node, &evidence), Error::<Test>::UnsupportedCertificationData);
	});
}

#[test]
fn one_attestation_has_one_quote_hash_however_it_is_encoded() {
	ExtBuilder::default().build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		register(&node);
		run_to_block(7);
		let spec = restart_spec(&node, 1, [42; 32]);
		let original = quotes::dev_quote(&report_data_for(&node, &spec));
		// Relayed with both signatures in their other form and padding appended.
		let mut relayed = flip_signature_s(&flip_signature_s(&original, QUOTE_SIGNATURE_OFFSET), QE_REPORT_SIGNATURE_OFFSET);
		relayed.extend_from_slice(&[0u8; 70]);
		assert_ne!(relayed, original);
		let (a, s) = restart_call(&node, &spec, relayed.clone());
		assert_ok!(validate(&a, s));
		assert_ok!(Attestation::attest_restart(RuntimeOrigin::none(), a, s));
		let quote_hash = System::events()
			.into_iter()
			.find_map(|r| match r.event {
				RuntimeEvent::Attestation(Event::RestartAttested { quote_hash, .. }) => Some(quote_hash),
				_ => None,
			})
			.expect("restart attested");
		assert_eq!(quote_hash, evidence_hash(&original));
		assert_ne!(quote_hash, blake2_256(&relayed));
		check_invariants();
	});
}

#[test]
fn intel_path_applies_the_policy_checks_the_certification_data_type_and_cuts_trailing_bytes() {
	ExtBuilder::default().intel(IntelTrust::default()).build().execute_with(|| {
		run_to_block(3);
		let node = Node::new(1);
		node.register_server();
		// 2025-06-25: inside the fixture's collateral window.
		pallet_timestamp::Now::<Test>::put(1_750_809_600_000);
		let genuine = fixture("tdx_quote");
		let summary =
			custos_primitives::verify_intel_quote(&genuine, &collateral(), 1_750_809_600, &IntelTrust::default()).unwrap();
		assert_ok!(Attestation::add_measurement(RuntimeOrigin::root(), summary.measurement));
		let evidence_of = |quote: Vec<u8>| {
			let mut evidence = evidence_with_quote(quote, &register_spec(&node));
			evidence.collateral = QuoteCollateral::Intel(collateral().try_into().unwrap());
			evidence
		};
		// A policy pinning the fixture's fields exactly lets it through to the report data
		// (which binds someone else's values).
		let exact = TdPolicy {
			attributes_mask: u64::MAX,
			attributes_value: summary.td_attributes,
			xfam: Some(summary.xfam),
			mr_config_id: Some(TdRegister(summary.mr_config_id)),
			mr_owner: Some(TdRegister(summary.mr_owner)),
			mr_owner_config: Some(TdRegister(summary.mr_owner_config)),
			rtmr3: Some(TdRegister(summary.rtmr3)),
		};
		assert_ok!(Attestation::set_td_policy(RuntimeOrigin::root(), exact.clone()));
		assert_noop!(attest(&node, &evidence_of(genuine.clone())), Error::<Test>::ReportDataMismatch);
		// The fixture is padded (70 bytes after its declared length); cut or padded more,
		// it verifies the same.
		assert_noop!(attest(&node, &evidence_of(genuine[..4936].to_vec())), Error::<Test>::ReportDataMismatch);
		let mut more = genuine.clone();
		more.extend_from_slice(b"trailing");
		assert_noop!(attest(&node, &evidence_of(more)), Error::<Test>::ReportDataMismatch);
		// Each pinned field is checked on this path too.
		let mut other = summary.rtmr3;
		other[0] ^= 1;
		assert_ok!(Attestation::set_td_policy(
			RuntimeOrigin::root(),
			TdPolicy { rtmr3: Some(TdRegister(other)), ..exact.clone() }
		));
		assert_noop!(attest(&node, &evidence_of(genuine.clone())), Error::<Test>::Rtmr3Mismatch);
		assert_ok!(Attestation::set_td_policy(RuntimeOrigin::root(), TdPolicy { xfam: Some(0x3), ..exact.clone() }));
		assert_noop!(attest(&node, &evidence_of(genuine.clone())), Error::<Test>::XfamMismatch);
		assert_ok!(Attestation::set_td_policy(RuntimeOrigin::root(), exact));
		// Outer certification data of a type other than 6 (dcap-qvl alone would not notice).
		let at = QUOTE_SIGNATURE_OFFSET + 128;
		let mut wrong_type = genuine.clone();
		wrong_type[at..at + 2].copy_from_slice(&7u16.to_le_bytes());
		assert_noop!(attest(&node, &evidence_of(wrong_type)), Error::<Test>::UnsupportedCertificationData);
		// A TD attribute rule broken on the Intel path: its own error, before the signatures.
		let mut debug = genuine.clone();
		debug[48 + 120] |= 1;
		assert_noop!(attest(&node, &evidence_of(debug)), Error::<Test>::DebugTd);
	});
}

mod migration {
	use super::*;
	use crate::migrations::{KeepAccepting, MigrateV1ToV2};
	use frame::deps::frame_support::traits::{OnRuntimeUpgrade, StorageVersion};

	/// A chain created at v1: no TD policy stored, storage version 1.
	fn v1_chain() -> TestState {
		let mut ext = ExtBuilder::default().build();
		ext.execute_with(|| {
			ActiveTdPolicy::<Test>::kill();
			StorageVersion::new(1).put::<Pallet<Test>>();
		});
		ext
	}

	#[test]
	fn v1_chain_gets_the_policy_and_version_2() {
		v1_chain().execute_with(|| {
			assert!(!ActiveTdPolicy::<Test>::exists());
			MigrateV1ToV2::<Test, KeepAccepting>::on_runtime_upgrade();
			assert!(ActiveTdPolicy::<Test>::exists());
			assert_eq!(ActiveTdPolicy::<Test>::get(), TdPolicy::default());
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(2));

			// What v1 accepted (the dev image, whatever its owner fields) is still accepted.
			run_to_block(3);
			let node = Node::new(1);
			node.register_server();
			assert_ok!(attest(&node, &registration(&node, &MockTdImage { mr_owner: [5; 48], ..MockTdImage::dev() })));
		});
	}

	parameter_types! {
		pub DevPolicy: TdPolicy = dev_td_policy();
	}

	#[test]
	fn the_runtime_chooses_the_policy_and_the_migration_runs_once() {
		v1_chain().execute_with(|| {
			MigrateV1ToV2::<Test, DevPolicy>::on_runtime_upgrade();
			assert_eq!(ActiveTdPolicy::<Test>::get(), dev_td_policy());
			// At v2 it does nothing: governance's later choice stays.
			let chosen = TdPolicy { mr_owner: Some(TdRegister([9; 48])), ..dev_td_policy() };
			assert_ok!(Attestation::set_td_policy(RuntimeOrigin::root(), chosen.clone()));
			MigrateV1ToV2::<Test, KeepAccepting>::on_runtime_upgrade();
			assert_eq!(ActiveTdPolicy::<Test>::get(), chosen);
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(2));
		});
	}

	#[test]
	fn a_chain_created_at_v2_is_left_alone() {
		ExtBuilder::default().build().execute_with(|| {
			MigrateV1ToV2::<Test, KeepAccepting>::on_runtime_upgrade();
			assert_eq!(ActiveTdPolicy::<Test>::get(), dev_td_policy());
		});
	}
}
