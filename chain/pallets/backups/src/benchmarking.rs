//! Benchmarks of the backups pallet (`frame-benchmarking` v2), each at its worst case.
//!
//! Calls:
//! - `confirm_epoch(a)`: `a` acknowledgements (up to `MaxProviders`) of an owner with
//!   `MaxProviders` providers, naming the last ones (every list check scans furthest).
//! - `checkpoint`, `record_release`, `accept_rollback`: one owner with `MaxProviders`
//!   confirmed holders (the releasing one last).
//! - `report_bad_share`: a real proof at the largest ciphertext the report accepts
//!   (`MaxReleaseCiphertext`, 256 bytes: `tests/bad-share-max.json`, sealed off chain by
//!   `scripts/bad-share-max-fixture.ts` to the recovery key of the companion's
//!   interoperability vector `tests/bad-share-vectors.json`), with the holder moved to the
//!   last of `MaxProviders` holders and its statement re-signed for this chain. It opens
//!   to 240 bytes and is proven `WrongLength`: every check runs, the AEAD authenticates and
//!   decrypts 256 bytes, the statement hashes 288 sealed bytes and the event carries 240.
//!   That bounds the other outcomes: `Undecryptable` stops at the tag, and
//!   `CommitmentMismatch` needs a 65-byte share (an 81-byte ciphertext), whose one extra
//!   step, the commitment's blake2 over 165 bytes, is no more than the two blake2 blocks
//!   the 175 extra sealed bytes add to the statement hash, before the 175 bytes more it
//!   decrypts and emits.
//! - `force_reassign`, `set_params`: governance, on a pool of `MaxPool` validators.
//!
//! Hooks and the work the registry and attestation pallets report through their observer
//! traits (see `assignment.rs`):
//! - `assign_new_owner` (a registration), `reassign(s)` (an owner losing `s` providers,
//!   as at a session boundary, or being topped up), on a pool of `MaxPool` where sampling
//!   finds every provider; `draw_scan(p)`, the fallback scan that a draw adds per slot
//!   sampling missed, at its worst: every sampled candidate is at the load bound and every
//!   other one of the `p` is eligible, so the scan reads each one's load, checks it against
//!   the longest `taken` and `avoid` lists and hashes it for the tie-break;
//! - `new_session(a)`: writing the pool of the new active set of `a` validators and
//!   opening the session's reassignment round; `track_departures(c)`: `c` validators that
//!   entered or left (each entered one found in `DepartedProviders` and removed, the
//!   costlier of the two); the reassignments themselves run in later blocks, each charged
//!   `reassign` and its scans (see `Pallet::continue_reassignments`);
//! - `remove_owner` (a departure, `MaxProviders` providers) and
//!   `provider_lost_memory(o)` (a restart attestation of a provider of `o` owners).
//!
//! Escrow (the cold path, see `escrow.rs`), each with a committee of `MaxEscrowMembers`
//! and, where a call keeps per-generation books, on their longer path (a committee retired
//! while deposits name it, or forgotten with the last of them):
//! - `set_escrow_committee(m)`: `m` members, every pair compared; the committee it replaces
//!   is named by a deposit, so it moves to `RetiredCommittees`;
//! - `clear_escrow_committee`: likewise retires the committee it clears;
//! - `deposit_escrow(m)`: a deposit with `m` shares (hashed for the signature), replacing
//!   the epoch's deposit of a retired committee, which it was the last to name;
//! - `request_cold_recovery(k)`: `k` confirmed holders (each with its recovery key, looked up
//!   for intactness), the deposit's committee retired, replacing an older request with
//!   `MaxEscrowMembers` releases;
//! - `approve_cold_recovery(a)`: `a` requests; `release_escrow_share`: the last member of
//!   the deposit's retired committee.
//! `confirm_epoch` and `remove_owner` run with a committee, an older deposit (of a retired
//! committee for `confirm_epoch`, which it forgets) and an open cold request with
//! `MaxEscrowMembers` releases, which a confirmation closes.
//!
//! Owners and providers that sign are keys of the benchmark keystore.

use super::*;
use alloc::vec::Vec;
use frame::benchmarking::prelude::*;
use frame::deps::{
	sp_core::{crypto::KeyTypeId, sr25519},
	sp_io,
	sp_runtime::AccountId32,
};
use pallet_custos_attestation::traits::Incarnations;
use pallet_custos_registry::traits::ActiveValidator;

/// Key type of the benchmark keystore's TSS keys.
const KEY_TYPE: KeyTypeId = KeyTypeId(*b"cubk");

/// The companion's bad-share vector (see `tests/bad_share.rs`).
const VECTOR: &str = include_str!("tests/bad-share-vectors.json");

/// The largest release a report carries (`MaxReleaseCiphertext` bytes), sealed off chain by
/// `scripts/bad-share-max-fixture.ts` to the vector holder's recovery key with the vector's
/// aad: the chain cannot seal (HPKE needs randomness it does not have), so the fixture is
/// committed. It opens to 240 bytes.
const LARGEST_RELEASE: &str = include_str!("tests/bad-share-max.json");

/// A TSS account whose sr25519 key is in the keystore (`seed`: a SURI such as `//Name`).
fn keyed_account(seed: Option<&str>) -> AccountId32 {
	AccountId32::from(sp_io::crypto::sr25519_generate(KEY_TYPE, seed.map(|s| s.as_bytes().to_vec())).0)
}

/// `signer`'s signature over blake2-256 of `payload`, as the pallet checks it.
fn sign(signer: &AccountId32, payload: &[u8]) -> [u8; 64] {
	let public = sr25519::Public::from_raw(signer.clone().into());
	sp_io::crypto::sr25519_sign(KEY_TYPE, &public, &blake2_256(payload)).expect("the key is in the keystore").0
}

/// Validator `i` of the pool: operator and TSS account derived from `i`.
fn validator<T: Config>(i: u32) -> ValidatorOf<T> {
	ActiveValidator { operator: account("operator", i, 0), tss_account: account("validator", i, 0) }
}

/// Makes the pool validators `0..size`.
fn set_pool<T: Config>(size: u32) -> Vec<ValidatorOf<T>> {
	let pool: Vec<_> = (0..size).map(validator::<T>).collect();
	Pool::<T>::put(BoundedVec::truncate_from(pool.clone()));
	pool
}

/// `n = MaxProviders` (every draw fills as many slots as it can), with `max_load`.
fn set_backup_params<T: Config>(max_load: u32) {
	let n = T::MaxProviders::get();
	Params::<T>::put(BackupParams { n, t: n.min(2), max_load });
}

/// An owner whose epoch 2 names `providers` (indexed), confirmed with them when
/// `confirmed` (epoch 1 confirmed otherwise, so epoch 2 is open), at store version 10.
fn insert_owner<T: Config>(owner: &T::AccountId, providers: &[T::AccountId], confirmed: bool) {
	let providers: BoundedVec<T::AccountId, T::MaxProviders> = BoundedVec::truncate_from(providers.to_vec());
	for provider in providers.iter() {
		ProviderOwners::<T>::insert(provider, owner, ());
		ProviderLoad::<T>::mutate(provider, |l| *l = l.saturating_add(1));
	}
	OwnerOperators::<T>::insert(owner, account::<T::AccountId>("owner-operator", 0, 0));
	Assignments::<T>::insert(
		owner,
		BackupState {
			epoch: 2,
			providers: providers.clone(),
			threshold: 1,
			confirmed_epoch: if confirmed { 2 } else { 1 },
			confirmed_providers: providers,
			confirmed_threshold: 1,
			confirmed_store_version: 10,
			epoch_opened_at: Zero::zero(),
			confirmed_at: Zero::zero(),
			under_provisioned: false,
		},
	);
}

/// `MaxProviders` providers whose keys are in the keystore.
fn keyed_providers<T: Config>() -> Vec<AccountId32> {
	(0..T::MaxProviders::get()).map(|_| keyed_account(None)).collect()
}

/// Moves to block 100, so rate limits measured from block 0 have passed.
fn advance<T: Config>() {
	frame_system::Pallet::<T>::set_block_number(100u32.into());
}

/// A committee of `m` members whose keys are in the keystore, set as the current one.
fn set_committee<T: Config>(m: u32) -> Vec<AccountId32> {
	let accounts: Vec<AccountId32> = (0..m).map(|_| keyed_account(None)).collect();
	let members: Vec<EscrowMember<AccountId32>> = accounts
		.iter()
		.enumerate()
		.map(|(i, account)| EscrowMember { account: account.clone(), sealing_key: [i as u8 + 1; 32] })
		.collect();
	Committee::<T>::put(EscrowCommittee { generation: 1, threshold: m.min(2), members: BoundedVec::truncate_from(members) });
	EscrowGeneration::<T>::put(1);
	accounts
}

/// Retires the committee in force (generation 1, named by deposits put before) as a
/// replacement would, and puts the same members in force as generation 2: deposits of
/// generation 1 are then served from [`RetiredCommittees`].
fn retire_generation_1<T: Config>() -> Result<(), BenchmarkError> {
	let old = Committee::<T>::take().ok_or(BenchmarkError::Stop("no committee to retire"))?;
	Pallet::<T>::retire_committee(old.clone());
	if !RetiredCommittees::<T>::contains_key(1) {
		return Err(BenchmarkError::Stop("no deposit names generation 1"));
	}
	Committee::<T>::put(EscrowCommittee { generation: 2, ..old });
	EscrowGeneration::<T>::put(2);
	Ok(())
}

/// A deposit of generation 1 (`m` shares).
fn escrow_deposit<T: Config>(m: u32) -> EscrowDepositOf<T> {
	escrow_deposit_of::<T>(1, m)
}

/// A deposit of `generation` (`m` shares).
fn escrow_deposit_of<T: Config>(generation: u32, m: u32) -> EscrowDepositOf<T> {
	EscrowDeposit {
		generation,
		sequence: 0,
		sealed: BoundedVec::truncate_from((0..m).map(|i| [i as u8; SEALED_ESCROW_SHARE_BYTES]).collect()),
		commitments: BoundedVec::truncate_from((0..m).map(|i| [i as u8; 32]).collect()),
	}
}

/// An open cold request of `owner` for `incarnation` on epoch 1 (approved when
/// `approved`).
fn open_cold_request<T: Config>(owner: &AccountId32, incarnation: u32, approved: bool) {
	ColdRequests::<T>::insert(
		owner,
		ColdRequest {
			incarnation,
			epoch: 1,
			escrow_key: [9; 32],
			requested_at: frame_system::Pallet::<T>::block_number(),
			approved_at: approved.then(frame_system::Pallet::<T>::block_number),
		},
	);
}

/// Releases to `owner`'s `incarnation` from every member.
fn fill_releases<T: Config>(owner: &AccountId32, incarnation: u32) {
	for i in 0..T::MaxEscrowMembers::get() {
		EscrowReleases::<T>::insert(
			(owner, incarnation, i),
			EscrowRelease { sealed: [1; SEALED_ESCROW_SHARE_BYTES], at: Zero::zero() },
		);
	}
}

fn hex_field(json: &serde_json::Value, key: &str) -> Vec<u8> {
	hex::decode(json[key].as_str().unwrap_or_default().trim_start_matches("0x")).unwrap_or_default()
}

fn hex32(json: &serde_json::Value, key: &str) -> [u8; 32] {
	hex_field(json, key).try_into().unwrap_or_default()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn confirm_epoch(a: Linear<1, { T::MaxProviders::get() }>) -> Result<(), BenchmarkError> {
		let owner = keyed_account(None);
		let providers = keyed_providers::<T>();
		insert_owner::<T>(&owner, &providers, false);
		let genesis = T::GenesisHash::get();
		let first = providers.len().saturating_sub(a as usize);
		let acks: Vec<_> = providers[first..]
			.iter()
			.map(|provider| {
				T::Incarnations::set_for_benchmark(provider, 1, [0; 32]);
				let commitment = [7u8; 32];
				let payload = ack_payload(&genesis, &owner, 2, 1, &commitment);
				Acknowledgement {
					provider: provider.clone(),
					provider_incarnation: 1,
					share_commitment: commitment,
					signature: sign(provider, &payload),
				}
			})
			.collect();
		let acks: AcksOf<T> = BoundedVec::truncate_from(acks);
		let signature = sign(&owner, &Pallet::<T>::confirm_payload(&owner, 2, 11, &acks));
		set_committee::<T>(T::MaxEscrowMembers::get());
		// The confirmed epoch's deposit names a retired committee, which goes with it.
		Pallet::<T>::put_deposit(&owner, 1, escrow_deposit::<T>(T::MaxEscrowMembers::get()));
		retire_generation_1::<T>()?;
		Pallet::<T>::put_deposit(&owner, 2, escrow_deposit_of::<T>(2, T::MaxEscrowMembers::get()));
		open_cold_request::<T>(&owner, 1, true);
		fill_releases::<T>(&owner, 1);

		#[extrinsic_call]
		_(RawOrigin::None, owner.clone(), 2, 11, acks, signature);

		assert_eq!(Assignments::<T>::get(&owner).map(|s| s.confirmed_epoch), Some(2));
		assert!(ColdRequests::<T>::get(&owner).is_none() && EscrowDeposits::<T>::get(&owner, 1).is_none());
		assert!(!RetiredCommittees::<T>::contains_key(1));
		Ok(())
	}

	#[benchmark]
	fn checkpoint() -> Result<(), BenchmarkError> {
		advance::<T>();
		let owner = keyed_account(None);
		insert_owner::<T>(&owner, &keyed_providers::<T>(), true);
		LastCheckpoint::<T>::insert(&owner, BlockNumberFor::<T>::zero());
		let signature = sign(&owner, &Pallet::<T>::checkpoint_payload(&owner, 11));

		#[extrinsic_call]
		_(RawOrigin::None, owner.clone(), 11, signature);

		assert_eq!(Assignments::<T>::get(&owner).map(|s| s.confirmed_store_version), Some(11));
		Ok(())
	}

	#[benchmark]
	fn record_release() -> Result<(), BenchmarkError> {
		let owner = keyed_account(None);
		let providers = keyed_providers::<T>();
		insert_owner::<T>(&owner, &providers, true);
		T::Incarnations::set_for_benchmark(&owner, 3, [0; 32]);
		let provider = providers.last().cloned().ok_or(BenchmarkError::Stop("MaxProviders is 0"))?;
		let signature = sign(&provider, &Pallet::<T>::release_payload(&provider, &owner, 3));

		#[extrinsic_call]
		_(RawOrigin::None, provider.clone(), owner.clone(), 3, signature);

		assert!(ReleaseReceipts::<T>::contains_key((&owner, 3, &provider)));
		Ok(())
	}

	#[benchmark]
	fn accept_rollback() -> Result<(), BenchmarkError> {
		let owner = keyed_account(None);
		insert_owner::<T>(&owner, &keyed_providers::<T>(), true);
		T::Incarnations::set_for_benchmark(&owner, 3, [0; 32]);
		let signature = sign(&owner, &Pallet::<T>::rollback_payload(&owner, 3, 5));

		#[extrinsic_call]
		_(RawOrigin::None, owner.clone(), 3, 5, signature);

		assert_eq!(Assignments::<T>::get(&owner).map(|s| s.confirmed_store_version), Some(5));
		Ok(())
	}

	/// Replaces all `MaxProviders` providers of an owner from a pool of `MaxPool`.
	#[benchmark]
	fn force_reassign() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let pool = set_pool::<T>(T::MaxPool::get());
		set_backup_params::<T>(T::MaxPool::get());
		let owner = pool.first().map(|v| v.tss_account.clone()).ok_or(BenchmarkError::Stop("empty pool"))?;
		let providers: Vec<_> =
			pool.iter().skip(1).take(T::MaxProviders::get() as usize).map(|v| v.tss_account.clone()).collect();
		insert_owner::<T>(&owner, &providers, true);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, owner.clone());

		assert_eq!(Assignments::<T>::get(&owner).map(|s| s.epoch), Some(3));
		Ok(())
	}

	#[benchmark]
	fn set_params() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		set_pool::<T>(T::MaxProviders::get().saturating_add(1));
		let n = T::MaxProviders::get();
		let params = BackupParams { n, t: n.min(2), max_load: 16 };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);

		assert_eq!(Params::<T>::get(), params);
		Ok(())
	}

	/// The largest release (256 bytes, opening to 240), proven bad, its holder the last of
	/// `MaxProviders`.
	#[benchmark]
	fn report_bad_share() -> Result<(), BenchmarkError> {
		let json: serde_json::Value =
			serde_json::from_str(VECTOR).map_err(|_| BenchmarkError::Stop("the vector parses"))?;
		let case: serde_json::Value = serde_json::from_str(LARGEST_RELEASE)
			.map_err(|_| BenchmarkError::Stop("the largest release parses"))?;
		let case = &case;
		let owner = AccountId32::from(hex32(&json, "owner"));
		let provider = keyed_account(Some("//VectorProvider"));
		if provider != AccountId32::from(hex32(&json, "provider")) {
			return Err(BenchmarkError::Stop("//VectorProvider is the vector's provider"));
		}
		let epoch = json["epoch"].as_u64().unwrap_or_default() as u32;
		let incarnation = json["incarnation"].as_u64().unwrap_or_default() as u32;
		let index = json["holderIndex"].as_u64().unwrap_or_default() as usize;
		let keys: Vec<[u8; 32]> = json["recoveryPublicKeys"]
			.as_array()
			.map(|keys| keys.iter().map(|k| hex::decode(k.as_str().unwrap_or_default().trim_start_matches("0x")).unwrap_or_default().try_into().unwrap_or_default()).collect())
			.unwrap_or_default();
		let recovery_key = *keys.get(index).ok_or(BenchmarkError::Stop("the vector's holder key"))?;
		let commitment = hex32(&json, "commitment");
		// `MaxProviders` holders, the vector's holder last, each with its own key.
		let max = T::MaxProviders::get() as usize;
		let mut holders: Vec<AccountId32> = (1..max).map(|i| account("holder", i as u32, 0)).collect();
		holders.push(provider.clone());
		let mut recovery_keys: Vec<[u8; 32]> = (1..max).map(|i| [i as u8; 32]).collect();
		recovery_keys.push(recovery_key);
		let mut commitments: Vec<[u8; 32]> = (1..max).map(|i| [i as u8; 32]).collect();
		commitments.push(commitment);
		insert_owner::<T>(&owner, &holders, true);
		Assignments::<T>::mutate(&owner, |s| {
			if let Some(s) = s {
				s.epoch = epoch;
				s.confirmed_epoch = epoch;
			}
		});
		ConfirmedCommitments::<T>::insert(&owner, BoundedVec::truncate_from(commitments));
		T::Incarnations::set_for_benchmark(&owner, incarnation, custos_primitives::recovery_keys_root(&recovery_keys));
		let enc = hex32(case, "enc");
		let ciphertext = hex_field(case, "ciphertext");
		if ciphertext.len() as u32 != <MaxReleaseCiphertext as Get<u32>>::get() {
			return Err(BenchmarkError::Stop("the largest release is MaxReleaseCiphertext bytes"));
		}
		let statement = release_statement_payload(
			&T::GenesisHash::get().into(),
			&provider.clone().into(),
			&owner.clone().into(),
			incarnation,
			&recovery_key,
			epoch,
			&commitment,
			&sealed_hash(&enc, &ciphertext),
		);
		let report = BadShareReport {
			owner: owner.clone(),
			provider: provider.clone(),
			incarnation,
			epoch,
			recovery_keys: BoundedVec::truncate_from(recovery_keys),
			revealed_key: hex32(&json, "revealedPrivateKey"),
			enc,
			ciphertext: BoundedVec::truncate_from(ciphertext),
			signature: sign(&provider, &statement),
		};

		#[extrinsic_call]
		_(RawOrigin::None, report);

		assert_eq!(
			BadShareReports::<T>::get((&owner, incarnation, &provider)).map(|r| r.kind),
			Some(BadShareKind::WrongLength)
		);
		Ok(())
	}

	/// A registration: `MaxProviders` providers sampled from a pool of `MaxPool`.
	#[benchmark]
	fn assign_new_owner() -> Result<(), BenchmarkError> {
		set_pool::<T>(T::MaxPool::get());
		set_backup_params::<T>(T::MaxPool::get());
		let owner: ValidatorOf<T> = ActiveValidator { operator: account("new-operator", 0, 0), tss_account: account("new", 0, 0) };

		#[block]
		{
			Pallet::<T>::assign_new_owner(&owner);
		}

		let assigned = Assignments::<T>::get(&owner.tss_account).map(|s| s.providers.len() as u32);
		assert_eq!(assigned, Some(T::MaxProviders::get().min(T::MaxPool::get())));
		Ok(())
	}

	/// A departure: an owner with `MaxProviders` providers, confirmed commitments, a
	/// checkpoint and an under-provisioned mark.
	#[benchmark]
	fn remove_owner() -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		let providers: Vec<T::AccountId> = (0..T::MaxProviders::get()).map(|i| account("provider", i, 0)).collect();
		insert_owner::<T>(&owner, &providers, true);
		let commitments: Vec<[u8; 32]> = providers.iter().map(|_| [7; 32]).collect();
		ConfirmedCommitments::<T>::insert(&owner, BoundedVec::truncate_from(commitments));
		LastCheckpoint::<T>::insert(&owner, BlockNumberFor::<T>::zero());
		UnderProvisioned::<T>::insert(&owner, ());
		let owner32: AccountId32 = owner.clone();
		ConfirmedIncarnations::<T>::insert(&owner, BoundedVec::truncate_from(providers.iter().map(|_| 1).collect::<Vec<_>>()));
		Pallet::<T>::put_deposit(&owner, 1, escrow_deposit::<T>(T::MaxEscrowMembers::get()));
		Pallet::<T>::put_deposit(&owner, 2, escrow_deposit::<T>(T::MaxEscrowMembers::get()));
		open_cold_request::<T>(&owner32, 1, true);
		fill_releases::<T>(&owner32, 1);

		#[block]
		{
			Pallet::<T>::remove_owner(&owner);
		}

		assert!(!Assignments::<T>::contains_key(&owner));
		Ok(())
	}

	/// A restart attestation of a provider of `o` owners: each gets a new epoch.
	#[benchmark]
	fn provider_lost_memory(o: Linear<0, { T::MaxPool::get() }>) -> Result<(), BenchmarkError> {
		let provider: T::AccountId = account("provider", 0, 0);
		for i in 0..o {
			insert_owner::<T>(&account("owner", i, 0), core::slice::from_ref(&provider), true);
		}

		#[block]
		{
			Pallet::<T>::provider_lost_memory(&provider);
		}

		assert_eq!(ProviderLoad::<T>::get(&provider), o);
		Ok(())
	}

	/// A session boundary: the new active set of `a` becomes the pool.
	#[benchmark]
	fn new_session(a: Linear<0, { T::MaxPool::get() }>) -> Result<(), BenchmarkError> {
		let active: Vec<ValidatorOf<T>> = (0..a).map(validator::<T>).collect();

		#[block]
		{
			Pallet::<T>::on_new_session(1, &active, &[], &[]);
		}

		assert!(Round::<T>::exists());

		assert_eq!(Pool::<T>::decode_len().unwrap_or(0) as u32, a);
		Ok(())
	}

	/// An owner of `MaxProviders` providers from a pool of `MaxPool` loses `s` of them; `s`
	/// replacements are sampled.
	#[benchmark]
	fn reassign(s: Linear<0, { T::MaxProviders::get() }>) -> Result<(), BenchmarkError> {
		let pool = set_pool::<T>(T::MaxPool::get());
		set_backup_params::<T>(T::MaxPool::get());
		let owner = pool.first().map(|v| v.tss_account.clone()).ok_or(BenchmarkError::Stop("empty pool"))?;
		let providers: Vec<_> =
			pool.iter().skip(1).take(T::MaxProviders::get() as usize).map(|v| v.tss_account.clone()).collect();
		insert_owner::<T>(&owner, &providers, true);
		let removed: Vec<_> = providers.iter().take(s as usize).cloned().collect();

		#[block]
		{
			Pallet::<T>::reassign(&owner, &removed, &[], false, crate::assignment::DrawSeed::Chain);
		}

		let epoch = Assignments::<T>::get(&owner).map(|state| state.epoch);
		assert_eq!(epoch, Some(if s == 0 { 2 } else { 3 }));
		Ok(())
	}

	/// One slot of a draw from a pool of `p` validators where sampling misses and the
	/// scan examines every candidate: the (at most `SAMPLES`) sampled validators are at the
	/// load bound, every other one is eligible (loaded below the bound, so its load is read,
	/// compared and its tie-break hashed), and the draw carries the longest lists to check
	/// each candidate against (`MaxProviders - 1` taken, `MaxProviders` to avoid; none in
	/// the pool). With `p <= SAMPLES` every validator may be sampled and none is eligible.
	#[benchmark]
	fn draw_scan(p: Linear<1, { T::MaxPool::get() }>) -> Result<(), BenchmarkError> {
		use crate::assignment::{DrawSeed, SAMPLES};
		let pool = set_pool::<T>(p);
		let max_load = 2;
		set_backup_params::<T>(max_load);
		let owner: T::AccountId = account("owner", 0, 0);
		// A round's fixed seed (as for a session's reassignments), so the setup knows which
		// validators the draw will sample whatever block the measurement runs in.
		let round_seed = [7u8; 32];
		let seed = Pallet::<T>::draw_seed(DrawSeed::Round(&round_seed), &owner, 1);
		let sampled: Vec<usize> = (0..SAMPLES).map(|k| Pallet::<T>::sample_index(&seed, 0, k, pool.len())).collect();
		for (i, v) in pool.iter().enumerate() {
			ProviderLoad::<T>::insert(&v.tss_account, if sampled.contains(&i) { max_load } else { 1 });
		}
		let max = T::MaxProviders::get();
		let taken: Vec<T::AccountId> = (1..max).map(|i| account("taken", i, 0)).collect();
		let avoid: Vec<T::AccountId> = (0..max).map(|i| account("avoid", i, 0)).collect();
		let chosen;

		#[block]
		{
			chosen = Pallet::<T>::draw(&owner, 1, DrawSeed::Round(&round_seed), &taken, &avoid, 1);
		}

		// The scan ran (one fallback) and, when any was eligible, picked one that was not
		// sampled; with more validators than samples some always are.
		assert_eq!(chosen.1, T::WeightInfo::draw_scan(p));
		assert!(p <= SAMPLES || !chosen.0.is_empty(), "the scan found the eligible candidates");
		if let Some(picked) = chosen.0.first() {
			let index = pool.iter().position(|v| &v.tss_account == picked);
			assert!(index.is_some_and(|i| !sampled.contains(&i)));
		} else {
			assert!((0..pool.len()).all(|i| sampled.contains(&i)));
		}
		Ok(())
	}

	/// A session in which `c` validators entered the active set, each waiting in
	/// `DepartedProviders` (so it is looked up and removed: costlier than a departure's
	/// insert).
	#[benchmark]
	fn track_departures(c: Linear<0, { T::MaxPool::get().saturating_mul(2) }>) -> Result<(), BenchmarkError> {
		let entered: Vec<ValidatorOf<T>> = (0..c).map(validator::<T>).collect();
		for v in &entered {
			DepartedProviders::<T>::insert(&v.tss_account, ());
		}

		#[block]
		{
			Pallet::<T>::track_departures(&entered, &[]);
		}

		assert_eq!(DepartedProviders::<T>::iter_keys().count(), 0);
		Ok(())
	}

	#[benchmark]
	fn set_escrow_committee(m: Linear<2, { T::MaxEscrowMembers::get() }>) -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let members: Vec<EscrowMember<AccountId32>> = (0..m)
			.map(|i| EscrowMember { account: account("member", i, 0), sealing_key: [i as u8 + 1; 32] })
			.collect();
		let members = BoundedVec::truncate_from(members);
		// The committee it replaces is named by a deposit: it moves to RetiredCommittees.
		set_committee::<T>(T::MaxEscrowMembers::get());
		Pallet::<T>::put_deposit(&account("owner", 0, 0), 1, escrow_deposit::<T>(T::MaxEscrowMembers::get()));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, members, m);

		assert_eq!(Committee::<T>::get().map(|c| c.members.len() as u32), Some(m));
		assert!(RetiredCommittees::<T>::contains_key(1));
		Ok(())
	}

	#[benchmark]
	fn clear_escrow_committee() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		set_committee::<T>(T::MaxEscrowMembers::get());
		Pallet::<T>::put_deposit(&account("owner", 0, 0), 1, escrow_deposit::<T>(T::MaxEscrowMembers::get()));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);

		assert!(Committee::<T>::get().is_none() && RetiredCommittees::<T>::contains_key(1));
		Ok(())
	}

	#[benchmark]
	fn deposit_escrow(m: Linear<1, { T::MaxEscrowMembers::get() }>) -> Result<(), BenchmarkError> {
		let owner = keyed_account(None);
		insert_owner::<T>(&owner, &keyed_providers::<T>(), false);
		set_committee::<T>(m);
		// An earlier deposit, long enough ago: the rate limit reads it.
		advance::<T>();
		LastEscrowDeposit::<T>::insert(&owner, BlockNumberFor::<T>::zero());
		// It replaces an earlier deposit of the same epoch (sequence read and compared), the
		// last to name a retired committee, which goes with it.
		Pallet::<T>::put_deposit(&owner, 2, escrow_deposit::<T>(m));
		retire_generation_1::<T>()?;
		let mut deposit = escrow_deposit_of::<T>(2, m);
		deposit.sequence = 1;
		let signature = sign(&owner, &Pallet::<T>::escrow_deposit_payload(&owner, 2, &deposit));

		#[extrinsic_call]
		_(RawOrigin::None, owner.clone(), 2, deposit, signature);

		assert!(EscrowDeposits::<T>::get(&owner, 2).is_some_and(|d| d.generation == 2));
		assert!(!RetiredCommittees::<T>::contains_key(1));
		Ok(())
	}

	#[benchmark]
	fn request_cold_recovery(k: Linear<1, { T::MaxProviders::get() }>) -> Result<(), BenchmarkError> {
		let owner = keyed_account(None);
		let restart_key = keyed_account(None);
		let holders: Vec<AccountId32> = (0..k).map(|i| account("holder", i, 0)).collect();
		insert_owner::<T>(&owner, &holders, true);
		ConfirmedIncarnations::<T>::insert(&owner, BoundedVec::truncate_from(holders.iter().map(|_| 0).collect::<Vec<_>>()));
		for holder in &holders {
			// Each restarted since it acknowledged: none intact.
			T::Incarnations::set_for_benchmark(holder, 1, [0; 32]);
		}
		set_committee::<T>(T::MaxEscrowMembers::get());
		Pallet::<T>::put_deposit(&owner, 2, escrow_deposit::<T>(T::MaxEscrowMembers::get()));
		// The deposit's committee is looked up among the retired ones.
		retire_generation_1::<T>()?;
		let keys: RecoveryKeysOf<T> = BoundedVec::truncate_from((0..k).map(|i| [i as u8 + 1; 32]).collect());
		let escrow_key = [99u8; 32];
		let mut entries = keys.to_vec();
		entries.push(crate::escrow::escrow_key_entry(&escrow_key));
		T::Incarnations::set_restart_key_for_benchmark(&owner, restart_key.clone().into());
		T::Incarnations::set_for_benchmark(&owner, 2, custos_primitives::recovery_keys_root(&entries));
		open_cold_request::<T>(&owner, 1, true);
		fill_releases::<T>(&owner, 1);
		let signature = sign(&restart_key, &Pallet::<T>::cold_request_payload(&owner, 2, &keys, &escrow_key));

		#[extrinsic_call]
		_(RawOrigin::None, owner.clone(), 2, keys, escrow_key, signature);

		assert_eq!(ColdRequests::<T>::get(&owner).map(|r| r.incarnation), Some(2));
		Ok(())
	}

	#[benchmark]
	fn approve_cold_recovery(a: Linear<1, { T::MaxColdApprovals::get() }>) -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let owners: Vec<AccountId32> = (0..a).map(|i| account("owner", i, 0)).collect();
		for owner in &owners {
			T::Incarnations::set_for_benchmark(owner, 1, [0; 32]);
			open_cold_request::<T>(owner, 1, false);
		}
		let requests: ColdApprovalsOf<T> = BoundedVec::truncate_from(owners.iter().map(|o| (o.clone(), 1)).collect());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, requests);

		assert!(owners.iter().all(|o| ColdRequests::<T>::get(o).is_some_and(|r| r.approved_at.is_some())));
		Ok(())
	}

	#[benchmark]
	fn release_escrow_share() -> Result<(), BenchmarkError> {
		let owner: AccountId32 = account("owner", 0, 0);
		let members = set_committee::<T>(T::MaxEscrowMembers::get());
		let index = T::MaxEscrowMembers::get().saturating_sub(1);
		let member = members.last().cloned().ok_or(BenchmarkError::Stop("MaxEscrowMembers is 0"))?;
		T::Incarnations::set_for_benchmark(&owner, 1, [0; 32]);
		open_cold_request::<T>(&owner, 1, true);
		Pallet::<T>::put_deposit(&owner, 1, escrow_deposit::<T>(T::MaxEscrowMembers::get()));
		// The deposit's committee is looked up among the retired ones.
		retire_generation_1::<T>()?;
		let sealed = [3u8; SEALED_ESCROW_SHARE_BYTES];
		let signature = sign(&member, &Pallet::<T>::escrow_release_payload(&owner, 1, index, &sealed));

		#[extrinsic_call]
		_(RawOrigin::None, owner.clone(), 1, index, sealed, signature);

		assert!(EscrowReleases::<T>::contains_key((&owner, 1, index)));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
