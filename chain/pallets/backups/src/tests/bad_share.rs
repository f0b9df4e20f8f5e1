//! `report_bad_share` against the interoperability vector the TypeScript companion made
//! (`bad-share-vectors.json`: its HPKE seal, release statement and commitment), every
//! refusal once, and the pool's view of each.

use crate::{mock::*, *};
use frame::deps::sp_core::{sr25519, Pair};
use frame::deps::sp_runtime::transaction_validity::{InvalidTransaction, TransactionSource};
use frame::deps::sp_runtime::AccountId32;
use frame::testing_prelude::*;
use pallet_custos_attestation::{AttestationRecord, Attestations};
use serde_json::Value;

const VECTOR: &str = include_str!("bad-share-vectors.json");

fn bytes(v: &Value) -> Vec<u8> {
	hex::decode(v.as_str().expect("hex string").trim_start_matches("0x")).expect("hex")
}

fn b32(v: &Value) -> [u8; 32] {
	bytes(v).try_into().expect("32 bytes")
}

/// The vector, decoded.
struct Vector {
	json: Value,
	genesis: [u8; 32],
	owner: AccountId32,
	provider: AccountId32,
	epoch: u32,
	incarnation: u32,
	index: usize,
	keys: Vec<[u8; 32]>,
	revealed: [u8; 32],
	other: [u8; 32],
	root: [u8; 32],
	commitment: [u8; 32],
}

fn vector() -> Vector {
	let json: Value = serde_json::from_str(VECTOR).expect("vector parses");
	Vector {
		genesis: b32(&json["genesis"]),
		owner: AccountId32::from(b32(&json["owner"])),
		provider: AccountId32::from(b32(&json["provider"])),
		epoch: json["epoch"].as_u64().unwrap() as u32,
		incarnation: json["incarnation"].as_u64().unwrap() as u32,
		index: json["holderIndex"].as_u64().unwrap() as usize,
		keys: json["recoveryPublicKeys"].as_array().unwrap().iter().map(b32).collect(),
		revealed: b32(&json["revealedPrivateKey"]),
		other: b32(&json["otherPrivateKey"]),
		root: b32(&json["recoveryKeysRoot"]),
		commitment: b32(&json["commitment"]),
		json,
	}
}

impl Vector {
	/// The report of case `name` (good, garbage, short), as the owner would submit it.
	fn report(&self, name: &str) -> BadShareReportOf<Test> {
		let case = &self.json["cases"][name];
		BadShareReport {
			owner: self.owner.clone(),
			provider: self.provider.clone(),
			incarnation: self.incarnation,
			epoch: self.epoch,
			recovery_keys: self.keys.clone().try_into().unwrap(),
			revealed_key: self.revealed,
			enc: b32(&case["enc"]),
			ciphertext: bytes(&case["ciphertext"]).try_into().unwrap(),
			signature: bytes(&case["signature"]).try_into().unwrap(),
		}
	}

	fn plaintext(&self, name: &str) -> Vec<u8> {
		bytes(&self.json["cases"][name]["plaintext"])
	}

	/// The provider's key (`//VectorProvider`, as the TypeScript keyring derives it).
	fn provider_pair(&self) -> sr25519::Pair {
		sr25519::Pair::from_string("//VectorProvider", None).expect("dev seed")
	}

	/// `report` with `enc`/`ciphertext` replaced and re-signed by the provider.
	fn resigned(&self, mut report: BadShareReportOf<Test>, enc: [u8; 32], ciphertext: Vec<u8>) -> BadShareReportOf<Test> {
		report.enc = enc;
		report.ciphertext = ciphertext.try_into().unwrap();
		let statement = release_statement_payload(
			&self.genesis,
			&self.provider.clone().into(),
			&self.owner.clone().into(),
			report.incarnation,
			&self.keys[self.index],
			report.epoch,
			&self.commitment,
			&sealed_hash(&report.enc, &report.ciphertext),
		);
		report.signature = self.provider_pair().sign(&blake2_256(&statement)).0;
		report
	}
}

/// Externalities in which the vector's owner confirmed epoch 3 with the vector's provider
/// as holder 1 (of three) and restarted to incarnation 2 with the vector's root; the
/// pallet binds signatures to the vector's genesis hash.
fn with_vector(test: impl FnOnce(&Vector)) {
	new_test_ext().execute_with(|| {
		let v = vector();
		GenesisOverride::set(Some(H256(v.genesis)));
		let holders: Vec<AccountId32> =
			vec![AccountId32::from([201; 32]), v.provider.clone(), AccountId32::from([203; 32])];
		let providers: BoundedVec<AccountId32, MaxProviders> = holders.try_into().unwrap();
		Assignments::<Test>::insert(
			&v.owner,
			BackupState {
				epoch: v.epoch,
				providers: providers.clone(),
				threshold: 2,
				confirmed_epoch: v.epoch,
				confirmed_providers: providers,
				confirmed_threshold: 2,
				confirmed_store_version: 1,
				epoch_opened_at: 1,
				confirmed_at: 1,
				under_provisioned: false,
			},
		);
		let commitments: BoundedVec<[u8; 32], MaxProviders> =
			vec![[11; 32], v.commitment, [13; 32]].try_into().unwrap();
		ConfirmedCommitments::<Test>::insert(&v.owner, commitments);
		Attestations::<Test>::insert(
			&v.owner,
			AttestationRecord {
				incarnation: v.incarnation,
				recovery_keys_root: v.root,
				attested_at: 1,
				measurement: custos_primitives::mock::dev_measurement(),
			},
		);
		test(&v);
	});
}

fn validate(report: &BadShareReportOf<Test>) -> TransactionValidity {
	#[allow(deprecated)]
	<Backups as frame::deps::sp_runtime::traits::ValidateUnsigned>::validate_unsigned(
		TransactionSource::External,
		&Call::report_bad_share { report: report.clone() },
	)
}

fn custom(e: Error<Test>) -> TransactionValidityError {
	TransactionValidityError::Invalid(InvalidTransaction::Custom(e.encode()[0]))
}

/// Refused alike by the pool (with the error's index) and by the block (changing nothing).
fn refused(report: BadShareReportOf<Test>, e: Error<Test>) {
	assert_eq!(validate(&report), Err(custom(e.clone())));
	assert_noop!(Backups::report_bad_share(RuntimeOrigin::none(), report), e);
}

#[test]
fn vector_agrees_with_the_chain_functions() {
	let v = vector();
	assert_eq!(custos_primitives::recovery_keys_root(&v.keys), v.root);
	assert_eq!(custos_primitives::x25519_public_of(v.revealed), v.keys[v.index]);
	assert_ne!(custos_primitives::x25519_public_of(v.other), v.keys[v.index]);
	assert_eq!(
		share_commitment(&v.genesis, &v.owner.clone().into(), v.epoch, &v.provider.clone().into(), &v.plaintext("good")),
		v.commitment
	);
	assert_eq!(AccountId32::from(v.provider_pair().public().0), v.provider);
	// Every case opens, with the chain's HPKE, to the plaintext the TypeScript side sealed.
	let aad = release_aad(&v.owner.clone().into(), v.incarnation, v.epoch, &v.provider.clone().into());
	for name in ["good", "garbage", "short"] {
		let r = v.report(name);
		let opened =
			custos_primitives::open_release(&v.revealed, &r.enc, &r.ciphertext, tags::SHARE_RELEASE_INFO, &aad);
		assert_eq!(opened, Ok(v.plaintext(name)), "case {name}");
	}
}

#[test]
fn errors_and_event_are_appended_after_the_existing_ones() {
	let index = |e: Error<Test>| e.encode()[0];
	assert_eq!(index(Error::StaleAcknowledgement), 16);
	assert_eq!(index(Error::ReportEpochNotConfirmed), 17);
	assert_eq!(index(Error::ReportedProviderNotHolder), 18);
	assert_eq!(index(Error::ReportIncarnationNotCurrent), 19);
	assert_eq!(index(Error::RecoveryKeysMismatch), 20);
	assert_eq!(index(Error::RevealedKeyMismatch), 21);
	assert_eq!(index(Error::BadReleaseSignature), 22);
	assert_eq!(index(Error::BadShareAlreadyReported), 23);
	assert_eq!(index(Error::ShareMatchesCommitment), 24);
	// The event is appended too: the existing events keep their indices.
	let event = Event::<Test>::BadShareProven {
		owner: AccountId32::from([1; 32]),
		provider: AccountId32::from([2; 32]),
		incarnation: 1,
		epoch: 1,
		commitment: [0; 32],
		kind: BadShareKind::Undecryptable,
		released: BoundedVec::new(),
	};
	assert_eq!(event.encode()[0], 10);
	assert_eq!(Event::<Test>::ParamsChanged { params: BackupParams::default() }.encode()[0], 9);
}

#[test]
fn garbage_is_proven_a_commitment_mismatch_without_fees() {
	with_vector(|v| {
		System::set_block_number(9);
		let report = v.report("garbage");
		let valid = validate(&report).expect("the pool accepts a proof");
		assert_eq!(valid.provides, vec![("CustosBadShare", &v.owner, v.incarnation, &v.provider).encode()]);
		assert_eq!(valid.priority, Priority::get());
		assert_eq!(valid.longevity, BAD_SHARE_REPORT_LONGEVITY);
		assert!(valid.requires.is_empty());
		let info = Backups::report_bad_share(RuntimeOrigin::none(), report).expect("proven");
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(
			BadShareReports::<Test>::get((&v.owner, v.incarnation, &v.provider)),
			Some(BadShareRecord { epoch: v.epoch, kind: BadShareKind::CommitmentMismatch, reported_at: 9 })
		);
		System::assert_last_event(
			Event::BadShareProven {
				owner: v.owner.clone(),
				provider: v.provider.clone(),
				incarnation: v.incarnation,
				epoch: v.epoch,
				commitment: v.commitment,
				kind: BadShareKind::CommitmentMismatch,
				released: v.plaintext("garbage").try_into().unwrap(),
			}
			.into(),
		);
		// Once per (owner, incarnation, provider), in the pool and in the block.
		refused(v.report("garbage"), Error::BadShareAlreadyReported);
		refused(v.report("short"), Error::BadShareAlreadyReported);
	});
}

#[test]
fn a_short_release_is_proven_wrong_length() {
	with_vector(|v| {
		assert_ok!(validate(&v.report("short")));
		assert_ok!(Backups::report_bad_share(RuntimeOrigin::none(), v.report("short")));
		assert_eq!(
			BadShareReports::<Test>::get((&v.owner, v.incarnation, &v.provider)).map(|r| r.kind),
			Some(BadShareKind::WrongLength)
		);
		System::assert_last_event(
			Event::BadShareProven {
				owner: v.owner.clone(),
				provider: v.provider.clone(),
				incarnation: v.incarnation,
				epoch: v.epoch,
				commitment: v.commitment,
				kind: BadShareKind::WrongLength,
				released: v.plaintext("short").try_into().unwrap(),
			}
			.into(),
		);
	});
}

/// The benchmark's release (`bad-share-max.json`, made by scripts/bad-share-max-fixture.ts
/// with the companion's HPKE code): `MaxReleaseCiphertext` bytes, genuinely sealed to the
/// vector holder's key, so the chain authenticates and decrypts the longest ciphertext it
/// accepts and proves it `WrongLength` (240 bytes).
#[test]
fn the_largest_release_opens_and_is_proven_wrong_length() {
	let fixture: Value = serde_json::from_str(include_str!("bad-share-max.json")).expect("fixture parses");
	let ciphertext = bytes(&fixture["ciphertext"]);
	assert_eq!(ciphertext.len() as u32, <MaxReleaseCiphertext as Get<u32>>::get());
	with_vector(|v| {
		assert_eq!(AccountId32::from(b32(&fixture["owner"])), v.owner);
		assert_eq!(AccountId32::from(b32(&fixture["provider"])), v.provider);
		let report = v.resigned(v.report("garbage"), b32(&fixture["enc"]), ciphertext.clone());
		assert_ok!(validate(&report));
		assert_ok!(Backups::report_bad_share(RuntimeOrigin::none(), report));
		let plaintext = bytes(&fixture["plaintext"]);
		assert_eq!(plaintext.len(), ciphertext.len() - 16);
		System::assert_last_event(
			Event::BadShareProven {
				owner: v.owner.clone(),
				provider: v.provider.clone(),
				incarnation: v.incarnation,
				epoch: v.epoch,
				commitment: v.commitment,
				kind: BadShareKind::WrongLength,
				released: plaintext.try_into().unwrap(),
			}
			.into(),
		);
	});
}

#[test]
fn a_signed_release_that_does_not_open_is_proven_undecryptable() {
	with_vector(|v| {
		// Signed garbage: a ciphertext of the right size that no key opens.
		let report = v.resigned(v.report("good"), [0x42; 32], vec![0x13; 81]);
		assert_ok!(validate(&report));
		assert_ok!(Backups::report_bad_share(RuntimeOrigin::none(), report));
		assert_eq!(
			BadShareReports::<Test>::get((&v.owner, v.incarnation, &v.provider)).map(|r| r.kind),
			Some(BadShareKind::Undecryptable)
		);
		System::assert_last_event(
			Event::BadShareProven {
				owner: v.owner.clone(),
				provider: v.provider.clone(),
				incarnation: v.incarnation,
				epoch: v.epoch,
				commitment: v.commitment,
				kind: BadShareKind::Undecryptable,
				released: BoundedVec::new(),
			}
			.into(),
		);
	});
}

#[test]
fn the_good_release_of_the_vector_is_refused_and_nothing_is_stored() {
	with_vector(|v| {
		refused(v.report("good"), Error::ShareMatchesCommitment);
		assert_eq!(BadShareReports::<Test>::iter().count(), 0);
		// The same good share sealed afresh by someone else, but under a flipped bit, is
		// no longer the provider's signed release.
		let mut report = v.report("good");
		let mut flipped = report.ciphertext.to_vec();
		flipped[0] ^= 1;
		report.ciphertext = flipped.try_into().unwrap();
		refused(report, Error::BadReleaseSignature);
	});
}

#[test]
fn a_report_for_another_epoch_or_owner_is_refused() {
	with_vector(|v| {
		let mut report = v.report("garbage");
		report.epoch = v.epoch - 1;
		refused(report, Error::ReportEpochNotConfirmed);
		let mut report = v.report("garbage");
		report.owner = AccountId32::from([77; 32]);
		refused(report, Error::ReportEpochNotConfirmed);
		// An owner that has not confirmed any epoch yet.
		Assignments::<Test>::mutate(&v.owner, |s| {
			let s = s.as_mut().unwrap();
			s.confirmed_epoch = 0;
		});
		let mut report = v.report("garbage");
		report.epoch = 0;
		refused(report, Error::ReportEpochNotConfirmed);
	});
}

#[test]
fn a_report_against_a_non_holder_is_refused() {
	with_vector(|v| {
		let mut report = v.report("garbage");
		report.provider = AccountId32::from([202; 32]);
		refused(report, Error::ReportedProviderNotHolder);
		// A holder without a recorded commitment (confirmed before commitments existed).
		ConfirmedCommitments::<Test>::insert(&v.owner, BoundedVec::truncate_from(vec![[11u8; 32]]));
		refused(v.report("garbage"), Error::ReportedProviderNotHolder);
	});
}

#[test]
fn a_report_for_a_stale_incarnation_is_refused() {
	with_vector(|v| {
		let mut report = v.report("garbage");
		report.incarnation = v.incarnation - 1;
		refused(report, Error::ReportIncarnationNotCurrent);
		// The owner restarted again since.
		Attestations::<Test>::mutate(&v.owner, |r| r.as_mut().unwrap().incarnation += 1);
		refused(v.report("garbage"), Error::ReportIncarnationNotCurrent);
		// Incarnation 0 (registration) is never one shares are released to.
		Attestations::<Test>::mutate(&v.owner, |r| r.as_mut().unwrap().incarnation = 0);
		let mut report = v.report("garbage");
		report.incarnation = 0;
		refused(report, Error::ReportIncarnationNotCurrent);
	});
}

#[test]
fn recovery_keys_other_than_the_attested_ones_are_refused() {
	with_vector(|v| {
		let mut report = v.report("garbage");
		report.recovery_keys = vec![v.keys[2], v.keys[1], v.keys[0]].try_into().unwrap();
		refused(report, Error::RecoveryKeysMismatch);
		let mut report = v.report("garbage");
		report.recovery_keys = v.keys[..2].to_vec().try_into().unwrap();
		refused(report, Error::RecoveryKeysMismatch);
		// The right keys, but the owner has four holders now.
		Assignments::<Test>::mutate(&v.owner, |s| {
			s.as_mut().unwrap().confirmed_providers.try_push(AccountId32::from([204; 32])).unwrap();
		});
		refused(v.report("garbage"), Error::RecoveryKeysMismatch);
	});
}

#[test]
fn another_holders_private_key_is_refused() {
	with_vector(|v| {
		let mut report = v.report("garbage");
		report.revealed_key = v.other;
		refused(report, Error::RevealedKeyMismatch);
	});
}

#[test]
fn a_release_the_provider_did_not_sign_is_refused() {
	with_vector(|v| {
		let mut report = v.report("garbage");
		report.signature[0] ^= 1;
		refused(report, Error::BadReleaseSignature);
		// A signature of another case does not cover this one.
		let mut report = v.report("garbage");
		report.signature = v.report("short").signature;
		refused(report, Error::BadReleaseSignature);
		// Nor does it hold under another genesis hash.
		GenesisOverride::set(Some(H256::repeat_byte(8)));
		refused(v.report("garbage"), Error::BadReleaseSignature);
	});
}
