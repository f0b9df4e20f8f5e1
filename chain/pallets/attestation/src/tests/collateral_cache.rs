//! The collateral cache on the real Intel fixtures: uploads (valid, expired, forged,
//! mismatched, not newer, over the cache's bound, below governance's minimum), Intel
//! quotes that refer to the cache (cached, none cached, cache expired), the TCB
//! evaluation minimum with its grace period, removal, and expiry announcements.
//!
//! The fixture quote binds someone else's report data, so a quote that passes every
//! Intel check is refused at the last one (`ReportDataMismatch`): reaching it is the proof
//! that the collateral was accepted.

use super::intel_path::{collateral, fixture};
use super::*;
use frame::deps::sp_runtime::{AccountId32, DispatchError};

/// 2025-06-25T00:00:00Z (ms): inside the fixture collateral's window.
const INSIDE_MS: u64 = 1_750_809_600_000;
/// 2025-07-19T10:16:03Z: the fixture TCB info's `nextUpdate` (the bundle's earliest expiry
/// is no later).
const TCB_NEXT_UPDATE: u64 = 1_752_920_163;
/// The fixture's FMSPC and PCK CA.
const KEY: CollateralKey = CollateralKey { fmspc: [0xb0, 0xc0, 0x6f, 0, 0, 0], pck_ca: PckCaKind::Platform };

fn set_now_ms(ms: u64) {
	pallet_timestamp::Now::<Test>::put(ms);
}

fn uploader() -> AccountId32 {
	AccountId32::new([42; 32])
}

fn quote_arg() -> BoundedVec<u8, MaxQuoteLen> {
	fixture("tdx_quote").try_into().unwrap()
}

fn bundle(bytes: Vec<u8>) -> BoundedVec<u8, MaxCollateralLen> {
	bytes.try_into().unwrap()
}

/// The fixture collateral JSON with `field` rewritten, SCALE-encoded.
fn edited_collateral(field: &str, edit: impl FnOnce(&str) -> String) -> Vec<u8> {
	let mut value: serde_json::Value = serde_json::from_slice(&fixture("tdx_quote_collateral.json")).unwrap();
	let old = value[field].as_str().unwrap().to_string();
	value[field] = serde_json::Value::String(edit(&old));
	let edited = serde_json::to_vec(&value).unwrap();
	super::intel_path::collateral_from_json(&edited)
}

/// An Intel-enabled chain at a time inside the fixture's window, with the fixture's
/// measurement accepted, and a registered node.
fn intel_chain(test: impl FnOnce(&Node)) {
	ExtBuilder::default().intel(IntelTrust::default()).build().execute_with(|| {
		run_to_block(3);
		set_now_ms(INSIDE_MS);
		let summary = custos_primitives::verify_intel_quote(
			&fixture("tdx_quote"),
			&collateral(),
			INSIDE_MS / 1000,
			&IntelTrust::default(),
		)
		.unwrap();
		assert_ok!(Attestation::add_measurement(RuntimeOrigin::root(), summary.measurement));
		let node = Node::new(1);
		node.register_server();
		test(&node);
	});
}

fn upload(origin: RuntimeOrigin) -> DispatchResultWithPostInfo {
	Attestation::upload_collateral(origin, quote_arg(), bundle(collateral()))
}

/// A registration with the fixture quote and `collateral`.
fn register_with(node: &Node, collateral: QuoteCollateral<MaxCollateralLen>) -> Result<Measurement, DispatchError> {
	let mut evidence = evidence_with_quote(fixture("tdx_quote"), &register_spec(node));
	evidence.collateral = collateral;
	Attestation::attest_registration(&node.account, node.x25519, node.restart_key(), &evidence)
}

#[test]
fn a_valid_upload_is_cached_with_its_facts() {
	intel_chain(|_| {
		let info = upload(RuntimeOrigin::signed(uploader())).expect("a genuine bundle is cached");
		assert_eq!(info.pays_fee, Pays::Yes, "opening a key costs whoever takes it");
		let cached = CollateralCache::<Test>::get(KEY).expect("cached under the quote's FMSPC and CA");
		assert_eq!(cached.facts.key, KEY);
		assert_eq!(cached.facts.tcb_evaluation_number, 17);
		assert!(cached.facts.expires_at <= TCB_NEXT_UPDATE && cached.facts.expires_at > INSIDE_MS / 1000);
		assert_eq!(cached.cached_at, 3);
		assert!(!cached.expiry_announced);
		assert_eq!(CollateralBundles::<Test>::get(KEY).map(|b| b.into_inner()), Some(collateral()));
		// The bundle's five signatures and Intel's root over the quote's PCK CA certificate.
		let memo = CollateralSignatureMemos::<Test>::get(KEY).expect("memoized");
		assert_eq!((memo.bundle.len(), memo.pck_ca.len()), (5, 1));
		assert_eq!(CollateralCache::<Test>::count(), 1);
		System::assert_last_event(
			Event::CollateralCached {
				key: KEY,
				tcb_evaluation_number: 17,
				expires_at: cached.facts.expires_at,
				uploader: Some(uploader()),
			}
			.into(),
		);
	});
}

#[test]
fn governance_uploads_without_an_account() {
	intel_chain(|_| {
		assert_ok!(upload(RuntimeOrigin::root()));
		assert!(matches!(
			System::events().last().map(|r| r.event.clone()),
			Some(RuntimeEvent::Attestation(Event::CollateralCached { uploader: None, .. }))
		));
	});
}

#[test]
fn refused_uploads_change_nothing_and_name_the_check() {
	intel_chain(|_| {
		let signed = || RuntimeOrigin::signed(uploader());
		// Past its nextUpdate.
		set_now_ms((TCB_NEXT_UPDATE + 3_600) * 1000);
		assert_noop!(upload(signed()), Error::<Test>::CollateralExpired);
		// Before its issue date.
		set_now_ms(1_750_000_000_000);
		assert_noop!(upload(signed()), Error::<Test>::CollateralNotYetValid);
		set_now_ms(INSIDE_MS);
		// A forged signature over the TCB info, or a TCB info changed after signing.
		let forged = edited_collateral("tcb_info_signature", |hex| {
			let mut chars: Vec<char> = hex.chars().collect();
			let at = chars.len() / 2;
			chars[at] = if chars[at] == '0' { '1' } else { '0' };
			chars.into_iter().collect()
		});
		assert_noop!(
			Attestation::upload_collateral(signed(), quote_arg(), bundle(forged)),
			Error::<Test>::CollateralSignatureInvalid
		);
		let raised = edited_collateral("tcb_info", |t| {
			t.replace("\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":99")
		});
		assert_noop!(
			Attestation::upload_collateral(signed(), quote_arg(), bundle(raised)),
			Error::<Test>::CollateralSignatureInvalid
		);
		// Garbage, and a quote that is not an Intel quote.
		assert_noop!(
			Attestation::upload_collateral(signed(), quote_arg(), bundle(vec![1, 2, 3])),
			Error::<Test>::MalformedCollateral
		);
		assert_noop!(
			Attestation::upload_collateral(
				signed(),
				quotes::dev_quote(&[0; 64]).try_into().unwrap(),
				bundle(collateral())
			),
			Error::<Test>::MalformedQuote
		);
		// Unsigned, and the Intel path off.
		assert_noop!(upload(RuntimeOrigin::none()), DispatchError::BadOrigin);
		Trust::<Test>::mutate(|t| t.intel = None);
		assert_noop!(upload(signed()), Error::<Test>::IntelPathDisabled);
		assert_eq!(CollateralCache::<Test>::count(), 0);
	});
}

#[test]
fn a_bundle_for_another_fmspc_is_a_mismatch() {
	ExtBuilder::default().intel(IntelTrust::default()).build().execute_with(|| {
		run_to_block(3);
		// 2026-02-19: inside the window of the outdated fixture's collateral (FMSPC
		// 90C06F000000), offered with tdx_quote (FMSPC B0C06F000000).
		set_now_ms(1_771_500_000_000);
		let other = super::intel_path::collateral_from_json(&fixture("tdx_quote_outdated_collateral.json"));
		assert_noop!(
			Attestation::upload_collateral(RuntimeOrigin::signed(uploader()), quote_arg(), bundle(other)),
			Error::<Test>::CollateralFmspcMismatch
		);
	});
}

#[test]
fn only_a_newer_bundle_replaces_the_cached_one_and_is_refunded() {
	intel_chain(|_| {
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		// The same bundle again: not newer (and it pays its fee: the call fails).
		assert_noop!(upload(RuntimeOrigin::signed(uploader())), Error::<Test>::CollateralNotNewer);
		// A cached bundle of a later evaluation: the genuine one is older.
		CollateralCache::<Test>::mutate(KEY, |c| c.as_mut().unwrap().facts.tcb_evaluation_number = 18);
		assert_noop!(upload(RuntimeOrigin::root()), Error::<Test>::CollateralNotNewer);
		// Same evaluation, cached bundle expiring later (a complete newer download): the
		// genuine one, however recently one of its parts was issued, may not push it out.
		CollateralCache::<Test>::mutate(KEY, |c| {
			let facts = &mut c.as_mut().unwrap().facts;
			facts.tcb_evaluation_number = 17;
			facts.expires_at += 1;
			facts.issued_at -= 86_400;
		});
		assert_noop!(upload(RuntimeOrigin::signed(uploader())), Error::<Test>::CollateralNotNewer);
		// Same evaluation, cached bundle expiring earlier: the genuine one replaces it, and a
		// replacement costs its uploader nothing.
		CollateralCache::<Test>::mutate(KEY, |c| c.as_mut().unwrap().facts.expires_at -= 2);
		let info = upload(RuntimeOrigin::signed(uploader())).expect("newer replaces");
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(CollateralCache::<Test>::count(), 1, "replaced, not added");
	});
}

#[test]
fn the_cache_stores_the_bundle_without_trailing_bytes() {
	intel_chain(|_| {
		let mut padded = collateral();
		padded.extend_from_slice(&[0xAB; 64]);
		assert_ok!(Attestation::upload_collateral(RuntimeOrigin::signed(uploader()), quote_arg(), bundle(padded)));
		assert_eq!(CollateralBundles::<Test>::get(KEY).map(|b| b.into_inner()), Some(collateral()));
	});
}

#[test]
fn collateral_that_brings_its_own_pck_chain_is_refused_on_every_path() {
	intel_chain(|node| {
		let mut with_chain = super::intel_path::collateral_from_json(&fixture("tdx_quote_collateral.json"));
		// The trailing `Option<String>` of the SCALE encoding: Some(pem).
		with_chain.pop();
		with_chain.push(1);
		with_chain.extend(codec::Encode::encode(&"-----BEGIN CERTIFICATE-----".to_string()));
		assert_noop!(
			Attestation::upload_collateral(RuntimeOrigin::signed(uploader()), quote_arg(), bundle(with_chain.clone())),
			Error::<Test>::UnsupportedCertificationData
		);
		assert_noop!(
			register_with(node, QuoteCollateral::Intel(bundle(with_chain))),
			Error::<Test>::UnsupportedCertificationData
		);
	});
}

#[test]
fn a_full_cache_takes_no_new_key_but_still_renews() {
	intel_chain(|_| {
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		let cached = CollateralCache::<Test>::get(KEY).unwrap();
		// MaxCachedCollateral is 4 in the mock: fill it with three other FMSPCs.
		for i in 1..4u8 {
			let key = CollateralKey { fmspc: [i; 6], pck_ca: PckCaKind::Processor };
			let mut other = cached.clone();
			other.facts.key = key;
			CollateralCache::<Test>::insert(key, other);
		}
		// Renewal of a cached key is allowed when full...
		CollateralCache::<Test>::mutate(KEY, |c| c.as_mut().unwrap().facts.expires_at -= 1);
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		// ...a new key is not.
		assert_ok!(Attestation::remove_collateral(RuntimeOrigin::root(), KEY));
		CollateralCache::<Test>::insert(
			CollateralKey { fmspc: [9; 6], pck_ca: PckCaKind::Platform },
			cached.clone(),
		);
		assert_noop!(upload(RuntimeOrigin::signed(uploader())), Error::<Test>::CollateralCacheFull);
	});
}

#[test]
fn quotes_that_refer_to_the_cache_use_it_only_while_it_is_valid() {
	intel_chain(|node| {
		// Nothing cached yet.
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::CollateralNotCached);
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		// Every Intel check passes with the cached bundle; the report data binds someone else.
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::ReportDataMismatch);
		// The Intel path switched off applies to cached collateral too.
		Trust::<Test>::mutate(|t| t.intel = None);
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::IntelPathDisabled);
		Trust::<Test>::mutate(|t| t.intel = Some(IntelTrust::default()));
		// Past the bundle's earliest expiry.
		let expires_at = CollateralCache::<Test>::get(KEY).unwrap().facts.expires_at;
		set_now_ms(expires_at * 1000);
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::CachedCollateralExpired);
		// A dev quote has no cache key.
		set_now_ms(INSIDE_MS);
		let mut evidence = evidence_with_quote(quotes::dev_quote(&[0; 64]), &register_spec(node));
		evidence.collateral = QuoteCollateral::IntelCached;
		assert_noop!(
			Attestation::attest_registration(&node.account, node.x25519, node.restart_key(), &evidence),
			Error::<Test>::UnsupportedCertificationData
		);
	});
}

#[test]
fn the_cached_path_needs_the_bundles_memo_and_the_memo_vouches_for_nothing_else() {
	intel_chain(|node| {
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		let memo = CollateralSignatureMemos::<Test>::take(KEY).unwrap();
		// A bundle without its memo is not used (the migration drops such bundles).
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::CollateralNotCached);
		// The memo of the genuine bundle does not make a bundle changed after signing pass:
		// the changed TCB info's signature is not in it, is verified, and fails.
		CollateralSignatureMemos::<Test>::insert(KEY, memo.clone());
		let raised = edited_collateral("tcb_info", |t| {
			t.replace("\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":99")
		});
		CollateralBundles::<Test>::insert(KEY, bundle(raised));
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::QuoteSignatureInvalid);
		// Nor a tampered quote: its own signatures are never in a memo.
		CollateralBundles::<Test>::insert(KEY, bundle(collateral()));
		let mut tampered = fixture("tdx_quote");
		tampered[48 + 100] ^= 1;
		let mut evidence = evidence_with_quote(tampered, &register_spec(node));
		evidence.collateral = QuoteCollateral::IntelCached;
		assert_noop!(
			Attestation::attest_registration(&node.account, node.x25519, node.restart_key(), &evidence),
			Error::<Test>::QuoteSignatureInvalid
		);
		// With its own memo the genuine bundle passes every Intel check.
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::ReportDataMismatch);
	});
}

#[test]
fn a_quote_under_a_pck_ca_certificate_the_memo_lacks_is_refused_until_it_is_uploaded() {
	use custos_primitives::signature_memo::{blake2_256, MemoScope};
	intel_chain(|node| {
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		// The memo as an upload under another PCK CA certificate would have left it: the
		// bundle's own signatures only. The fixture quote then needs four signatures
		// verified anew, one more than the cached path is charged for.
		let (_, bundle_only) = custos_primitives::verify_collateral_with_memo(
			&fixture("tdx_quote"),
			&collateral(),
			INSIDE_MS / 1000,
			MemoScope::Bundle,
			blake2_256,
		)
		.unwrap();
		assert_eq!((bundle_only.bundle.len(), bundle_only.pck_ca.len()), (5, 0));
		CollateralSignatureMemos::<Test>::insert(KEY, SignatureMemo::from_recorded(bundle_only, None));
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::PckCaNotCached);
		// With the collateral in the call the same quote is verified in full.
		assert_noop!(
			register_with(node, QuoteCollateral::Intel(bundle(collateral()))),
			Error::<Test>::ReportDataMismatch
		);
		// The same bundle uploaded with a quote under this certificate adds it to the memo,
		// refunded, facts unchanged.
		let before = CollateralCache::<Test>::get(KEY).unwrap();
		let info = upload(RuntimeOrigin::signed(uploader())).expect("the memo grows");
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(CollateralSignatureMemos::<Test>::get(KEY).map(|memo| memo.pck_ca.len()), Some(1));
		assert_eq!(CollateralCache::<Test>::get(KEY), Some(before));
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::ReportDataMismatch);
		// Nothing left to add: not newer.
		assert_noop!(upload(RuntimeOrigin::signed(uploader())), Error::<Test>::CollateralNotNewer);
	});
}

#[test]
fn the_v3_migration_drops_bundles_cached_without_a_memo_once() {
	use frame::deps::frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	intel_chain(|node| {
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		// A bundle as a version 2 chain left it: cached, no memo.
		let other = CollateralKey { pck_ca: PckCaKind::Processor, ..KEY };
		let copy_without_memo = |key| {
			CollateralCache::<Test>::insert(key, CollateralCache::<Test>::get(KEY).unwrap());
			CollateralBundles::<Test>::insert(key, CollateralBundles::<Test>::get(KEY).unwrap());
		};
		copy_without_memo(other);
		StorageVersion::new(2).put::<Attestation>();
		System::reset_events();
		crate::migrations::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Attestation::on_chain_storage_version(), StorageVersion::new(3));
		assert!(CollateralCache::<Test>::get(other).is_none() && CollateralBundles::<Test>::get(other).is_none());
		assert_eq!(
			System::events().into_iter().map(|r| r.event).collect::<Vec<_>>(),
			vec![RuntimeEvent::Attestation(Event::CollateralRemoved { key: other })]
		);
		// The memoized bundle stays and serves quotes.
		assert_eq!(CollateralCache::<Test>::count(), 1);
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::ReportDataMismatch);
		// At version 3 the migration does nothing.
		copy_without_memo(other);
		crate::migrations::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert!(CollateralCache::<Test>::get(other).is_some());
	});
}

#[test]
fn a_restart_attestation_refers_to_the_cache_in_the_pool_too() {
	intel_chain(|node| {
		Attestations::<Test>::insert(
			&node.account,
			AttestationRecord {
				incarnation: 0,
				recovery_keys_root: node.x25519,
				attested_at: 0,
				measurement: Default::default(),
			},
		);
		run_to_block(10);
		let spec = restart_spec(node, 1, [1; 32]);
		let mut attestation = RestartAttestation {
			tss_account: node.account.clone(),
			incarnation: 1,
			recovery_keys_root: [1; 32],
			evidence: evidence_with_quote(fixture("tdx_quote"), &spec),
		};
		attestation.evidence.collateral = QuoteCollateral::IntelCached;
		let signature = node.restart.sign(&Attestation::restart_signing_payload(&attestation)).0;
		assert_eq!(validate(&attestation, signature), Err(custom(Error::<Test>::CollateralNotCached)));
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		assert_eq!(validate(&attestation, signature), Err(custom(Error::<Test>::ReportDataMismatch)));
		// The call carries the quote only: its weight is the cached path's.
		let cached_path: Weight =
			<<Test as crate::Config>::WeightInfo as WeightInfo>::attest_restart_intel_cached(
				attestation.evidence.quote.len() as u32,
			);
		let record: Weight = <<Test as frame_system::Config>::DbWeight as Get<frame::deps::frame_support::weights::RuntimeDbWeight>>::get().writes(1);
		assert_eq!(Attestation::restart_weight(&attestation), cached_path.saturating_add(record));
	});
}

#[test]
fn the_tcb_evaluation_minimum_has_a_grace_period_for_the_previous_number() {
	intel_chain(|node| {
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		let in_call = || QuoteCollateral::Intel(bundle(collateral()));
		// Intel moved its baseline to 18; the fixture is 17. A day of grace.
		assert_ok!(Attestation::set_collateral_policy(RuntimeOrigin::root(), 18, 86_400, 0));
		System::assert_last_event(
			Event::CollateralPolicySet {
				policy: CollateralPolicy {
					min_tcb_evaluation_number: 18,
					previous_accepted_until: INSIDE_MS / 1000 + 86_400,
					expiry_warning_blocks: 0,
				},
			}
			.into(),
		);
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::ReportDataMismatch);
		assert_noop!(register_with(node, in_call()), Error::<Test>::ReportDataMismatch);
		// Grace over: cached and in-call collateral of 17 are both refused.
		set_now_ms(INSIDE_MS + 86_401_000);
		assert_noop!(register_with(node, QuoteCollateral::IntelCached), Error::<Test>::TcbEvaluationTooOld);
		assert_noop!(register_with(node, in_call()), Error::<Test>::TcbEvaluationTooOld);
		// An upload of 17 is refused as well (it could serve nobody).
		assert_ok!(Attestation::remove_collateral(RuntimeOrigin::root(), KEY));
		assert_noop!(upload(RuntimeOrigin::signed(uploader())), Error::<Test>::TcbEvaluationTooOld);
		// Changing only the warning period keeps a running grace period.
		assert_ok!(Attestation::set_collateral_policy(RuntimeOrigin::root(), 18, 86_400, 0));
		let until = CollateralRules::<Test>::get().previous_accepted_until;
		assert_ok!(Attestation::set_collateral_policy(RuntimeOrigin::root(), 18, 0, 14_400));
		assert_eq!(CollateralRules::<Test>::get().previous_accepted_until, until);
		// Two numbers ahead: no grace applies even within the period.
		assert_ok!(Attestation::set_collateral_policy(RuntimeOrigin::root(), 19, 86_400, 0));
		assert_noop!(register_with(node, in_call()), Error::<Test>::TcbEvaluationTooOld);
		// Only governance sets the policy.
		assert_noop!(
			Attestation::set_collateral_policy(RuntimeOrigin::signed(uploader()), 0, 0, 0),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn anyone_removes_an_expired_bundle_governance_any() {
	intel_chain(|_| {
		assert_noop!(
			Attestation::remove_collateral(RuntimeOrigin::signed(uploader()), KEY),
			Error::<Test>::CollateralNotFound
		);
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		assert_noop!(
			Attestation::remove_collateral(RuntimeOrigin::signed(uploader()), KEY),
			Error::<Test>::CollateralStillValid
		);
		let expires_at = CollateralCache::<Test>::get(KEY).unwrap().facts.expires_at;
		set_now_ms(expires_at * 1000);
		let info = Attestation::remove_collateral(RuntimeOrigin::signed(uploader()), KEY).unwrap();
		assert_eq!(info.pays_fee, Pays::No);
		assert!(CollateralCache::<Test>::get(KEY).is_none() && CollateralBundles::<Test>::get(KEY).is_none());
		assert!(CollateralSignatureMemos::<Test>::get(KEY).is_none());
		System::assert_last_event(Event::CollateralRemoved { key: KEY }.into());
		set_now_ms(INSIDE_MS);
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		assert_ok!(Attestation::remove_collateral(RuntimeOrigin::root(), KEY));
		assert_eq!(CollateralCache::<Test>::count(), 0);
	});
}

fn expiring_events() -> Vec<(CollateralKey, u64)> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Attestation(Event::CollateralExpiring { key, expires_at }) => Some((key, expires_at)),
			_ => None,
		})
		.collect()
}

#[test]
fn a_bundle_about_to_expire_is_announced_once() {
	intel_chain(|_| {
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		let expires_at = CollateralCache::<Test>::get(KEY).unwrap().facts.expires_at;
		// Warn a day ahead (14,400 blocks of 6 s); two days before expiry: quiet.
		assert_ok!(Attestation::set_collateral_policy(RuntimeOrigin::root(), 0, 0, 14_400));
		set_now_ms((expires_at - 2 * 86_400) * 1000);
		run_to_block(20);
		assert!(expiring_events().is_empty());
		// Twelve hours before: announced at the next check, and only once.
		set_now_ms((expires_at - 43_200) * 1000);
		run_to_block(29);
		assert!(expiring_events().is_empty(), "checked every EXPIRY_CHECK_PERIOD blocks");
		run_to_block(30);
		assert_eq!(expiring_events(), vec![(KEY, expires_at)]);
		assert!(CollateralCache::<Test>::get(KEY).unwrap().expiry_announced);
		run_to_block(50);
		assert_eq!(expiring_events().len(), 1);
		// A renewed bundle is announced again when its turn comes.
		CollateralCache::<Test>::mutate(KEY, |c| c.as_mut().unwrap().expiry_announced = false);
		run_to_block(60);
		assert_eq!(expiring_events().len(), 2);
	});
}

#[test]
fn no_warning_period_announces_nothing() {
	intel_chain(|_| {
		assert_ok!(upload(RuntimeOrigin::signed(uploader())));
		let expires_at = CollateralCache::<Test>::get(KEY).unwrap().facts.expires_at;
		set_now_ms((expires_at - 60) * 1000);
		run_to_block(40);
		assert!(expiring_events().is_empty());
	});
}

#[test]
fn a_newer_bundle_keeps_the_pck_ca_signatures_of_the_old_one() {
	use custos_primitives::signature_memo::RecordedMemo;
	let old = SignatureMemo::from_recorded(RecordedMemo { bundle: vec![[1; 32]], pck_ca: vec![[2; 32], [3; 32]] }, None);
	let newer = SignatureMemo::from_recorded(RecordedMemo { bundle: vec![[4; 32]], pck_ca: vec![[3; 32]] }, Some(&old));
	assert_eq!(newer.bundle.to_vec(), vec![[4; 32]], "the old bundle's own signatures are gone");
	assert_eq!(newer.pck_ca.to_vec(), vec![[3; 32], [2; 32]], "newest first, no repeats");
	let full = SignatureMemo::from_recorded(RecordedMemo { bundle: vec![], pck_ca: (0..12).map(|i| [i; 32]).collect() }, None);
	assert_eq!(full.pck_ca.len(), 8, "bounded");
}
