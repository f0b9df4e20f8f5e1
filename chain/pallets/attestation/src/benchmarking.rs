//! Benchmarks of the attestation pallet (`frame-benchmarking` v2), each at its worst case.
//!
//! - `attest_restart` on both trust paths, by quote length `q` and (Intel) collateral
//!   length `c`, up to `MaxQuoteLen` and `MaxCollateralLen` (trailing bytes are allowed and
//!   hashed, decoded or copied, so they cost). The trust policy is as full as the config
//!   allows with the quote's key and measurement last, and the TD policy pins every field,
//!   so every check runs.
//!   - dev: a mock quote bound to the benchmark's account and block; recorded.
//!   - Intel: the genuine quote and collateral of `benchmark-fixtures/`, verified at a
//!     time inside the collateral's window. Its report data binds someone else's values,
//!     so the call runs every check and is refused at the last one (report data); the
//!     record a valid quote would write is added by [`Pallet::restart_weight`].
//! - The same two paths of a registration's quote check (charged by the registry's
//!   `register` through `RegistrationAttestor::registration_weight`).
//! - The Intel path with cached collateral (quote only, by `q`), for restarts and
//!   registrations; the upload that verifies and caches a bundle (replacing an older one,
//!   by `q` and `c`); the expiry check over `n` cached bundles, all due.
//! - The governance calls, with full lists.
//!
//! Signatures come from the benchmark keystore (`sr25519_generate`), as in every
//! benchmark run by `benchmark pallet` and by the test suite (`mock::new_bench_ext`).

use super::*;
use crate::traits::{BenchmarkHelper as _, RegistrationAttestor, TssServers};
use alloc::vec::Vec;
use custos_primitives::{mock as quotes, ReportDataContext, ReportDataInput};
use frame::benchmarking::prelude::*;
use frame::deps::{sp_core::crypto::KeyTypeId, sp_io};

/// Key type of the benchmark keystore's restart keys.
const KEY_TYPE: KeyTypeId = KeyTypeId(*b"cubm");

/// A genuine Intel TDX quote (see `benchmark-fixtures/README.md`).
pub const INTEL_QUOTE: &[u8] = include_bytes!("../benchmark-fixtures/tdx_quote");
/// Its DCAP collateral, SCALE-encoded.
pub const INTEL_COLLATERAL: &[u8] = include_bytes!("../benchmark-fixtures/tdx_quote_collateral.scale");
/// Length of [`INTEL_QUOTE`]: the smallest `q` of the Intel benchmarks.
pub const INTEL_QUOTE_LEN: u32 = 5_006;
/// Length of [`INTEL_COLLATERAL`]: the smallest `c` of the Intel benchmarks.
pub const INTEL_COLLATERAL_LEN: u32 = 12_185;
/// 2025-06-25T00:00:00Z, inside the collateral's validity window.
pub const INTEL_NOW_SECS: u64 = 1_750_809_600;
/// Length of a mock (dev) quote: the smallest `q` of the dev benchmarks.
pub const DEV_QUOTE_LEN: u32 = 1_322;

/// The block the benchmarks run in.
const NOW: u32 = 100;

/// Sets the current block to [`NOW`] with a known parent, and the genesis hash; returns the
/// parent (the block quotes bind) and its hash. Keeps a later block if already there.
pub(crate) fn recent_block<T: Config>() -> (BlockNumberFor<T>, T::Hash) {
	let mut now = frame_system::Pallet::<T>::block_number();
	if now < NOW.into() {
		now = NOW.into();
		frame_system::Pallet::<T>::set_block_number(now);
	}
	let parent = now.saturating_sub(One::one());
	let hash = H256::repeat_byte(0x42);
	frame_system::BlockHash::<T>::insert(parent, hash);
	if GenesisHash::<T>::get().is_none() {
		GenesisHash::<T>::put(H256::repeat_byte(0x11));
	}
	(parent, hash)
}

/// `n` distinct filler values for full lists, none equal to a real key or measurement.
fn fillers<const N: usize>(n: u32) -> Vec<[u8; N]> {
	(0..n)
		.map(|i| {
			let mut v = [0xf0u8; N];
			v[..4].copy_from_slice(&i.to_le_bytes());
			v
		})
		.collect()
}

/// Every accepted measurement slot taken, `last` in the last one.
fn full_measurements<T: Config>(last: Measurement) {
	let mut list = fillers::<32>(T::MaxMeasurements::get().saturating_sub(1));
	list.push(last);
	AcceptedMeasurements::<T>::put(BoundedVec::truncate_from(list));
}

/// The TD policy pinning every field to `summary`'s values: every check runs and passes.
fn pinned_td_policy(summary: &custos_primitives::TdQuoteSummary) -> TdPolicy {
	TdPolicy {
		attributes_mask: u64::MAX,
		attributes_value: summary.td_attributes,
		xfam: Some(summary.xfam),
		mr_config_id: Some(TdRegister(summary.mr_config_id)),
		mr_owner: Some(TdRegister(summary.mr_owner)),
		mr_owner_config: Some(TdRegister(summary.mr_owner_config)),
		rtmr3: Some(TdRegister(summary.rtmr3)),
	}
}

/// A trust policy with both paths on and every dev key slot taken, the dev key last.
fn full_trust<T: Config>() -> TrustPolicyOf<T> {
	let mut keys = fillers::<64>(T::MaxDevPckKeys::get().saturating_sub(1));
	keys.push(quotes::dev_pck_public_key());
	TrustPolicy { intel: Some(IntelTrust::default()), dev_pck_keys: BoundedVec::truncate_from(keys) }
}

/// Accepts dev quotes of the mock image at the worst case: full lists with the dev key and
/// measurement last, every TD field pinned.
pub(crate) fn accept_dev_quotes<T: Config>() {
	Trust::<T>::put(full_trust::<T>());
	full_measurements::<T>(quotes::dev_measurement());
	let summary = custos_primitives::verify_dev_quote(&quotes::dev_quote(&[0; 64]), &[quotes::dev_pck_public_key()])
		.expect("a mock quote verifies");
	ActiveTdPolicy::<T>::put(pinned_td_policy(&summary));
}

/// Accepts the Intel fixture (but for its report data) at the worst case, at a time inside
/// its collateral's window.
fn accept_intel_fixture<T: Config>() {
	T::BenchmarkHelper::set_unix_time(INTEL_NOW_SECS);
	Trust::<T>::put(full_trust::<T>());
	let summary =
		custos_primitives::verify_intel_quote(INTEL_QUOTE, INTEL_COLLATERAL, INTEL_NOW_SECS, &IntelTrust::default())
			.expect("the fixture verifies inside its collateral window");
	full_measurements::<T>(summary.measurement);
	ActiveTdPolicy::<T>::put(pinned_td_policy(&summary));
}

/// Caches the Intel fixture's collateral as an upload at [`INTEL_NOW_SECS`] would, and
/// returns its facts. Its signature memo is what an upload records
/// ([`MemoScope::BundleAndPckCa`]): a cached-path quote verifies its own three signatures,
/// the most the pallet lets it (`PckCaNotCached` beyond).
fn cache_intel_fixture<T: Config>() -> CollateralFacts {
	let (facts, memo) = custos_primitives::verify_collateral_with_memo(
		INTEL_QUOTE,
		INTEL_COLLATERAL,
		INTEL_NOW_SECS,
		MemoScope::BundleAndPckCa,
		sp_io::hashing::blake2_256,
	)
	.expect("the fixture verifies inside its collateral window");
	CollateralSignatureMemos::<T>::insert(facts.key, SignatureMemo::from_recorded(memo, None));
	CollateralCache::<T>::insert(
		facts.key,
		CachedCollateral { facts, cached_at: Zero::zero(), expiry_announced: false },
	);
	CollateralBundles::<T>::insert(facts.key, BoundedVec::truncate_from(INTEL_COLLATERAL.to_vec()));
	facts
}

/// `bytes` padded with zeros to `len`.
fn padded<S: Get<u32>>(bytes: &[u8], len: u32) -> BoundedVec<u8, S> {
	let mut v = bytes.to_vec();
	v.resize((len as usize).max(bytes.len()), 0);
	BoundedVec::truncate_from(v)
}

/// A registered TSS account whose restart key is in the keystore, at incarnation 0
/// (attested long enough ago), and its restart key.
fn restarting_account<T: Config>() -> (T::AccountId, [u8; 32]) {
	let restart_key = sp_io::crypto::sr25519_generate(KEY_TYPE, None).0;
	let account: T::AccountId = account("tss", 0, 0);
	T::Servers::register_for_benchmark(&account, restart_key);
	Attestations::<T>::insert(
		&account,
		AttestationRecord {
			incarnation: 0,
			recovery_keys_root: [0; 32],
			attested_at: Zero::zero(),
			measurement: Default::default(),
		},
	);
	(account, restart_key)
}

/// A restart attestation of `account` to incarnation 1 with `quote` and `collateral`,
/// bound to the recent block, and its restart-key signature.
fn restart_call<T: Config>(
	account: &T::AccountId,
	restart_key: [u8; 32],
	quote: BoundedVec<u8, T::MaxQuoteLen>,
	collateral: QuoteCollateral<T::MaxCollateralLen>,
) -> (RestartAttestationOf<T>, [u8; 64]) {
	let (block_number, block_hash) = recent_block::<T>();
	let attestation = RestartAttestation {
		tss_account: account.clone(),
		incarnation: 1,
		recovery_keys_root: [9; 32],
		evidence: QuoteEvidence {
			quote,
			collateral,
			genesis_hash: Pallet::<T>::genesis_hash(),
			block_number,
			block_hash,
		},
	};
	let public = frame::deps::sp_core::sr25519::Public::from_raw(restart_key);
	let signature = sp_io::crypto::sr25519_sign(KEY_TYPE, &public, &Pallet::<T>::restart_signing_payload(&attestation))
		.expect("the key is in the keystore")
		.0;
	(attestation, signature)
}

/// The report data a valid restart quote for `attestation` binds.
fn restart_report_data<T: Config>(attestation: &RestartAttestationOf<T>, restart_key: [u8; 32]) -> [u8; 64] {
	let evidence = &attestation.evidence;
	ReportDataInput {
		context: ReportDataContext::Restart,
		genesis_hash: evidence.genesis_hash.into(),
		tss_account: attestation.tss_account.clone().into(),
		public_key: attestation.recovery_keys_root,
		restart_key,
		incarnation: attestation.incarnation,
		block_number: evidence.block_number.saturated_into::<u32>(),
		block_hash: evidence.block_hash.into(),
	}
	.report_data()
}

fn assert_last_event<T: Config>(event: Event<T>) {
	let event: <T as Config>::RuntimeEvent = event.into();
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Dev path, recorded: a mock quote of `q` bytes (trailing zeros past its own length).
	#[benchmark]
	fn attest_restart_dev(q: Linear<DEV_QUOTE_LEN, { T::MaxQuoteLen::get() }>) -> Result<(), BenchmarkError> {
		accept_dev_quotes::<T>();
		let (account, restart_key) = restarting_account::<T>();
		// The report data does not depend on the quote, so sign once it is in place.
		let (unsigned, _) = restart_call::<T>(&account, restart_key, BoundedVec::new(), QuoteCollateral::Dev);
		let quote = padded(&quotes::dev_quote(&restart_report_data::<T>(&unsigned, restart_key)), q);
		let (attestation, signature) = restart_call::<T>(&account, restart_key, quote, QuoteCollateral::Dev);

		#[extrinsic_call]
		attest_restart(RawOrigin::None, attestation, signature);

		assert_eq!(Attestations::<T>::get(&account).map(|r| r.incarnation), Some(1));
		Ok(())
	}

	/// Intel path: the genuine quote padded to `q` bytes, its collateral to `c`; every check
	/// runs, the last (report data) refuses it.
	#[benchmark]
	fn attest_restart_intel(
		q: Linear<INTEL_QUOTE_LEN, { T::MaxQuoteLen::get() }>,
		c: Linear<INTEL_COLLATERAL_LEN, { T::MaxCollateralLen::get() }>,
	) -> Result<(), BenchmarkError> {
		accept_intel_fixture::<T>();
		let (account, restart_key) = restarting_account::<T>();
		let (attestation, signature) = restart_call::<T>(
			&account,
			restart_key,
			padded(INTEL_QUOTE, q),
			QuoteCollateral::Intel(padded(INTEL_COLLATERAL, c)),
		);

		#[extrinsic_call]
		attest_restart(RawOrigin::None, attestation, signature);

		assert_last_event::<T>(Event::AttestationRejected {
			tss_account: account,
			incarnation: 1,
			reason: Error::<T>::ReportDataMismatch,
		});
		Ok(())
	}

	/// A registration's dev-path quote check and record.
	#[benchmark]
	fn attest_registration_dev(q: Linear<DEV_QUOTE_LEN, { T::MaxQuoteLen::get() }>) -> Result<(), BenchmarkError> {
		let account: T::AccountId = account("tss", 0, 0);
		let mut evidence = <Pallet<T> as RegistrationAttestor<_, _, _>>::benchmark_evidence::<
			T::MaxQuoteLen,
			T::MaxCollateralLen,
		>(&account, [5; 32], [6; 32]);
		evidence.quote = padded(&evidence.quote, q);

		#[block]
		{
			Pallet::<T>::attest_registration(&account, [5; 32], [6; 32], &evidence)?;
		}

		assert_eq!(Attestations::<T>::get(&account).map(|r| r.incarnation), Some(0));
		Ok(())
	}

	/// A registration's Intel-path quote check, refused at its last check.
	#[benchmark]
	fn attest_registration_intel(
		q: Linear<INTEL_QUOTE_LEN, { T::MaxQuoteLen::get() }>,
		c: Linear<INTEL_COLLATERAL_LEN, { T::MaxCollateralLen::get() }>,
	) -> Result<(), BenchmarkError> {
		accept_intel_fixture::<T>();
		let (block_number, block_hash) = recent_block::<T>();
		let account: T::AccountId = account("tss", 0, 0);
		let evidence: QuoteEvidence<_, _, T::MaxQuoteLen, T::MaxCollateralLen> = QuoteEvidence {
			quote: padded(INTEL_QUOTE, q),
			collateral: QuoteCollateral::Intel(padded(INTEL_COLLATERAL, c)),
			genesis_hash: Pallet::<T>::genesis_hash(),
			block_number,
			block_hash,
		};
		let result;

		#[block]
		{
			result = Pallet::<T>::attest_registration(&account, [5; 32], [6; 32], &evidence);
		}

		assert_eq!(result, Err(Error::<T>::ReportDataMismatch.into()));
		Ok(())
	}

	/// Appends to a list one short of full (the duplicate check reads every entry).
	#[benchmark]
	fn add_measurement() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let list = fillers::<32>(T::MaxMeasurements::get().saturating_sub(1));
		AcceptedMeasurements::<T>::put(BoundedVec::truncate_from(list));
		let measurement = [7u8; 32];

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, measurement);

		assert!(AcceptedMeasurements::<T>::get().contains(&measurement));
		Ok(())
	}

	/// Removes the last entry of a full list.
	#[benchmark]
	fn remove_measurement() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let measurement = [7u8; 32];
		full_measurements::<T>(measurement);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, measurement);

		assert!(!AcceptedMeasurements::<T>::get().contains(&measurement));
		Ok(())
	}

	/// Writes the largest trust policy (every dev key slot taken).
	#[benchmark]
	fn set_trust_policy() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let policy = full_trust::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, policy.clone());

		assert_eq!(Trust::<T>::get(), policy);
		Ok(())
	}

	/// Writes a TD policy that pins every field.
	#[benchmark]
	fn set_td_policy() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let summary = custos_primitives::verify_dev_quote(&quotes::dev_quote(&[0; 64]), &[quotes::dev_pck_public_key()])
			.map_err(|_| BenchmarkError::Stop("a mock quote verifies"))?;
		let policy = pinned_td_policy(&summary);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, policy.clone());

		assert_eq!(ActiveTdPolicy::<T>::get(), policy);
		Ok(())
	}

	/// Intel path with cached collateral: the genuine quote padded to `q` bytes refers to
	/// the fixture's bundle in the cache; every check runs, the last (report data) refuses
	/// it.
	#[benchmark]
	fn attest_restart_intel_cached(q: Linear<INTEL_QUOTE_LEN, { T::MaxQuoteLen::get() }>) -> Result<(), BenchmarkError> {
		accept_intel_fixture::<T>();
		cache_intel_fixture::<T>();
		let (account, restart_key) = restarting_account::<T>();
		let (attestation, signature) =
			restart_call::<T>(&account, restart_key, padded(INTEL_QUOTE, q), QuoteCollateral::IntelCached);

		#[extrinsic_call]
		attest_restart(RawOrigin::None, attestation, signature);

		assert_last_event::<T>(Event::AttestationRejected {
			tss_account: account,
			incarnation: 1,
			reason: Error::<T>::ReportDataMismatch,
		});
		Ok(())
	}

	/// A registration's Intel-path quote check with cached collateral, refused at its last
	/// check.
	#[benchmark]
	fn attest_registration_intel_cached(
		q: Linear<INTEL_QUOTE_LEN, { T::MaxQuoteLen::get() }>,
	) -> Result<(), BenchmarkError> {
		accept_intel_fixture::<T>();
		cache_intel_fixture::<T>();
		let (block_number, block_hash) = recent_block::<T>();
		let account: T::AccountId = account("tss", 0, 0);
		let evidence: QuoteEvidence<_, _, T::MaxQuoteLen, T::MaxCollateralLen> = QuoteEvidence {
			quote: padded(INTEL_QUOTE, q),
			collateral: QuoteCollateral::IntelCached,
			genesis_hash: Pallet::<T>::genesis_hash(),
			block_number,
			block_hash,
		};
		let result;

		#[block]
		{
			result = Pallet::<T>::attest_registration(&account, [5; 32], [6; 32], &evidence);
		}

		assert_eq!(result, Err(Error::<T>::ReportDataMismatch.into()));
		Ok(())
	}

	/// A signed upload that replaces an older bundle of the same key: the genuine quote
	/// padded to `q` bytes, its collateral to `c`, verified in full.
	#[benchmark]
	fn upload_collateral(
		q: Linear<INTEL_QUOTE_LEN, { T::MaxQuoteLen::get() }>,
		c: Linear<INTEL_COLLATERAL_LEN, { T::MaxCollateralLen::get() }>,
	) -> Result<(), BenchmarkError> {
		accept_intel_fixture::<T>();
		let facts = cache_intel_fixture::<T>();
		CollateralCache::<T>::mutate(facts.key, |cached| {
			if let Some(cached) = cached {
				cached.facts.expires_at = cached.facts.expires_at.saturating_sub(1);
			}
		});
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), padded(INTEL_QUOTE, q), padded(INTEL_COLLATERAL, c));

		assert_eq!(CollateralCache::<T>::get(facts.key).map(|cached| cached.facts), Some(facts));
		Ok(())
	}

	/// Governance removes a cached bundle.
	#[benchmark]
	fn remove_collateral() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		T::BenchmarkHelper::set_unix_time(INTEL_NOW_SECS);
		let facts = cache_intel_fixture::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, facts.key);

		assert!(CollateralCache::<T>::get(facts.key).is_none());
		Ok(())
	}

	/// Governance sets the collateral policy.
	#[benchmark]
	fn set_collateral_policy() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		T::BenchmarkHelper::set_unix_time(INTEL_NOW_SECS);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 18, 86_400, 14_400);

		assert_eq!(CollateralRules::<T>::get().min_tcb_evaluation_number, 18);
		Ok(())
	}

	/// The expiry check of `n` cached bundles, every one of them due (read, rewritten,
	/// announced).
	#[benchmark]
	fn announce_expiring_collateral(n: Linear<0, { T::MaxCachedCollateral::get() }>) -> Result<(), BenchmarkError> {
		T::BenchmarkHelper::set_unix_time(INTEL_NOW_SECS);
		let facts = custos_primitives::verify_collateral(INTEL_QUOTE, INTEL_COLLATERAL, INTEL_NOW_SECS)
			.map_err(|_| BenchmarkError::Stop("the fixture verifies"))?;
		for i in 0..n {
			let mut key = facts.key;
			key.fmspc[..4].copy_from_slice(&i.to_le_bytes());
			let mut due = facts;
			due.key = key;
			CollateralCache::<T>::insert(key, CachedCollateral { facts: due, cached_at: Zero::zero(), expiry_announced: false });
		}
		CollateralRules::<T>::put(CollateralPolicy { expiry_warning_blocks: u32::MAX, ..Default::default() });

		#[block]
		{
			Pallet::<T>::announce_expiring_collateral();
		}

		assert_eq!(CollateralCache::<T>::iter_values().filter(|cached| cached.expiry_announced).count(), n as usize);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
