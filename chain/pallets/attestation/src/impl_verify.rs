//! The checks behind registration and restart attestations, cheapest first.

use frame::deps::{sp_core::sr25519, sp_io};
use frame::prelude::*;
use frame::traits::UnixTime;

use custos_primitives::{
	collateral_key_of_quote, decode_collateral,
	signature_memo::{RecordedMemo, SignatureDigest, QUOTE_OWN_SIGNATURES},
	verify_dev_quote, verify_intel_quote_with_memo, CollateralError, CollateralFacts, CollateralKey, QuoteCollateralV3, QuoteError, ReportDataContext, ReportDataInput,
	TdQuoteSummary,
};

use crate::{
	pallet::*,
	traits::{Incarnations, OnRestartAttested, RegistrationAttestor, TssServers},
	types::*,
	weights::WeightInfo,
};

impl<T: Config> Pallet<T> {
	/// The pool's error for a failed check: `Custom(index of the Error variant)`, so clients
	/// can name it from metadata.
	pub(crate) fn invalid(e: Error<T>) -> InvalidTransaction {
		let index = e.encode().first().copied().unwrap_or(u8::MAX);
		InvalidTransaction::Custom(index)
	}

	/// The message a restart key signs for `attestation`.
	pub fn restart_signing_payload(attestation: &RestartAttestationOf<T>) -> [u8; 54] {
		let mut out = [0u8; 54];
		out[..22].copy_from_slice(RESTART_SIGNATURE_TAG);
		out[22..].copy_from_slice(&blake2_256(&attestation.encode()));
		out
	}

	/// The genesis hash quotes must bind: recorded in block 1, or block 0's hash before.
	pub fn genesis_hash() -> T::Hash {
		GenesisHash::<T>::get()
			.unwrap_or_else(|| frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()))
	}

	/// Checks that `block_number`/`block_hash` name a block of this chain at most
	/// `MaxQuoteAge` old, and that `genesis_hash` is ours.
	fn check_freshness(
		genesis_hash: &T::Hash,
		block_number: BlockNumberFor<T>,
		block_hash: &T::Hash,
	) -> Result<(), Error<T>> {
		ensure!(*genesis_hash == Self::genesis_hash(), Error::<T>::WrongGenesis);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(block_number < now, Error::<T>::UnknownBlock);
		ensure!(now.saturating_sub(block_number) <= T::MaxQuoteAge::get(), Error::<T>::StaleBlock);
		ensure!(
			frame_system::Pallet::<T>::block_hash(block_number) == *block_hash,
			Error::<T>::UnknownBlock
		);
		Ok(())
	}

	/// Steps 1–6 of a restart attestation (see crate docs): everything but the quote.
	/// Returns the current record and the restart key.
	pub(crate) fn check_restart_cheap(
		attestation: &RestartAttestationOf<T>,
		signature: &[u8; 64],
	) -> Result<(AttestationRecord<BlockNumberFor<T>>, [u8; 32]), Error<T>> {
		let restart_key =
			T::Servers::restart_key(&attestation.tss_account).ok_or(Error::<T>::NotRegistered)?;
		let payload = Self::restart_signing_payload(attestation);
		ensure!(
			sp_io::crypto::sr25519_verify(
				&sr25519::Signature::from_raw(*signature),
				&payload,
				&sr25519::Public::from_raw(restart_key),
			),
			Error::<T>::BadRestartSignature
		);
		let evidence = &attestation.evidence;
		Self::check_freshness(&evidence.genesis_hash, evidence.block_number, &evidence.block_hash)?;
		let record = Attestations::<T>::get(&attestation.tss_account).ok_or(Error::<T>::NotRegistered)?;
		ensure!(attestation.incarnation > record.incarnation, Error::<T>::ReplayedAttestation);
		ensure!(
			Some(attestation.incarnation) == record.incarnation.checked_add(1),
			Error::<T>::IncarnationGap
		);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			now.saturating_sub(record.attested_at) >= T::MinRestartInterval::get(),
			Error::<T>::RateLimited
		);
		Ok((record, restart_key))
	}

	/// Step 7 of a restart attestation: the quote. Returns the measurement and the hash of
	/// the quote's canonical evidence.
	pub(crate) fn check_restart_quote(
		attestation: &RestartAttestationOf<T>,
		restart_key: &[u8; 32],
	) -> Result<VerifiedQuote, Error<T>> {
		let evidence = &attestation.evidence;
		let expected = ReportDataInput {
			context: ReportDataContext::Restart,
			genesis_hash: evidence.genesis_hash.into(),
			tss_account: attestation.tss_account.clone().into(),
			public_key: attestation.recovery_keys_root,
			restart_key: *restart_key,
			incarnation: attestation.incarnation,
			block_number: evidence.block_number.saturated_into::<u32>(),
			block_hash: evidence.block_hash.into(),
		};
		Self::verify_quote(evidence, &expected)
	}

	/// Verifies `evidence.quote` under the trust policy (fixed TD attribute rules included),
	/// then its measurement, the TD policy and the report data, in that order.
	pub(crate) fn verify_quote<Q: Get<u32>, C: Get<u32>>(
		evidence: &QuoteEvidence<BlockNumberFor<T>, T::Hash, Q, C>,
		expected: &ReportDataInput,
	) -> Result<VerifiedQuote, Error<T>> {
		let policy = Trust::<T>::get();
		let (summary, tcb): (TdQuoteSummary, Option<TcbLevel>) = match &evidence.collateral {
			QuoteCollateral::Dev => {
				ensure!(!policy.dev_pck_keys.is_empty(), Error::<T>::DevPathDisabled);
				(verify_dev_quote(&evidence.quote, &policy.dev_pck_keys).map_err(Self::quote_error)?, None)
			},
			QuoteCollateral::Intel(bytes) => {
				let intel = policy.intel.ok_or(Error::<T>::IntelPathDisabled)?;
				let collateral = decode_collateral(bytes).map_err(Self::collateral_error)?;
				let (summary, tcb_evaluation_number) = Self::verify_intel(&evidence.quote, &collateral, &intel, None)?;
				// The quote verified against this collateral, so it parses and names its platform.
				let key = collateral_key_of_quote(&evidence.quote).map_err(Self::quote_error)?;
				(summary, Some(TcbLevel { collateral: key, tcb_evaluation_number }))
			},
			QuoteCollateral::IntelCached => {
				let intel = policy.intel.ok_or(Error::<T>::IntelPathDisabled)?;
				let key = collateral_key_of_quote(&evidence.quote).map_err(Self::quote_error)?;
				let cached = CollateralCache::<T>::get(key).ok_or(Error::<T>::CollateralNotCached)?;
				ensure!(
					T::UnixTime::now().as_secs() < cached.facts.expires_at,
					Error::<T>::CachedCollateralExpired
				);
				let bytes = CollateralBundles::<T>::get(key).ok_or(Error::<T>::CollateralNotCached)?;
				let memo = CollateralSignatureMemos::<T>::get(key).ok_or(Error::<T>::CollateralNotCached)?;
				// Verified when it was cached; a bundle that stops decoding is a bug, not input.
				let collateral = decode_collateral(&bytes).map_err(|_| Error::<T>::MalformedCollateral)?;
				let (summary, tcb_evaluation_number) =
					Self::verify_intel(&evidence.quote, &collateral, &intel, Some(&memo.digests()))?;
				(summary, Some(TcbLevel { collateral: key, tcb_evaluation_number }))
			},
		};
		ensure!(
			AcceptedMeasurements::<T>::get().contains(&summary.measurement),
			Error::<T>::MeasurementNotAccepted
		);
		ActiveTdPolicy::<T>::get().check(&summary).map_err(Self::policy_error)?;
		ensure!(summary.report_data == expected.report_data(), Error::<T>::ReportDataMismatch);
		Ok(VerifiedQuote { measurement: summary.measurement, quote_hash: blake2_256(&summary.evidence), tcb })
	}

	/// The Intel path with `collateral` at the chain's time: the quote under the trust
	/// policy's TCB statuses, then the collateral's TCB evaluation number under the
	/// collateral policy. With a `memo` (cached collateral), the signatures it lists (the
	/// cached bundle's, verified on upload) are not recomputed, and at most
	/// [`QUOTE_OWN_SIGNATURES`] others are checked, valid or not: a quote that would need more
	/// is refused unchecked (`PckCaNotCached`), so the cached path never costs more than it
	/// is charged. Every other check runs. Returns the quote's summary and the collateral's
	/// TCB evaluation number.
	fn verify_intel(
		quote: &[u8],
		collateral: &QuoteCollateralV3,
		intel: &IntelTrust,
		memo: Option<&[SignatureDigest]>,
	) -> Result<(TdQuoteSummary, u32), Error<T>> {
		let now_secs = T::UnixTime::now().as_secs();
		// The cached path checks at most the quote's own signatures: a quote that would need
		// more is refused unchecked, so it never costs more than its benchmark.
		let budget = memo.map(|_| QUOTE_OWN_SIGNATURES);
		let (verified, outcome) = verify_intel_quote_with_memo(
			quote,
			collateral,
			now_secs,
			intel,
			memo.unwrap_or_default(),
			budget,
			sp_io::hashing::blake2_256,
		);
		ensure!(!outcome.budget_exhausted, Error::<T>::PckCaNotCached);
		let (summary, evaluation) = verified.map_err(Self::quote_error)?;
		ensure!(CollateralRules::<T>::get().accepts(evaluation, now_secs), Error::<T>::TcbEvaluationTooOld);
		Ok((summary, evaluation))
	}

	/// An upload of the bundle cached under `facts.key`, not newer: adds the PCK CA
	/// certificate signature `recorded` brings (Intel's root over the uploading quote's CA
	/// certificate) when `canonical` is the cached bundle, the memo lacks it and has room;
	/// `CollateralNotNewer` otherwise. Only a CA certificate signature Intel's root made can
	/// be added, so the memo cannot be filled with anything else. Refunded when it adds one.
	pub(crate) fn extend_signature_memo(
		facts: CollateralFacts,
		canonical: &[u8],
		recorded: RecordedMemo,
		uploader: Option<T::AccountId>,
	) -> DispatchResultWithPostInfo {
		let same_bundle = CollateralBundles::<T>::get(facts.key).is_some_and(|cached| cached[..] == canonical[..]);
		ensure!(same_bundle, Error::<T>::CollateralNotNewer);
		let mut memo = CollateralSignatureMemos::<T>::get(facts.key).unwrap_or_default();
		let mut added = false;
		for digest in recorded.pck_ca {
			if !memo.pck_ca.contains(&digest) && memo.pck_ca.try_push(digest).is_ok() {
				added = true;
			}
		}
		ensure!(added, Error::<T>::CollateralNotNewer);
		CollateralSignatureMemos::<T>::insert(facts.key, memo);
		let cached = CollateralCache::<T>::get(facts.key).ok_or(Error::<T>::CollateralNotFound)?;
		Self::deposit_event(Event::CollateralCached {
			key: facts.key,
			tcb_evaluation_number: cached.facts.tcb_evaluation_number,
			expires_at: cached.facts.expires_at,
			uploader,
		});
		Ok(Pays::No.into())
	}

	/// Removes everything cached under `key`: its facts, its bundle and its signature memo.
	pub(crate) fn forget_collateral(key: CollateralKey) {
		CollateralCache::<T>::remove(key);
		CollateralBundles::<T>::remove(key);
		CollateralSignatureMemos::<T>::remove(key);
	}

	/// The pallet error for a refused collateral upload.
	pub(crate) fn collateral_error(e: CollateralError) -> Error<T> {
		match e {
			CollateralError::Malformed => Error::<T>::MalformedCollateral,
			CollateralError::BringsPckChain => Error::<T>::UnsupportedCertificationData,
			CollateralError::MalformedQuote => Error::<T>::MalformedQuote,
			CollateralError::Expired => Error::<T>::CollateralExpired,
			CollateralError::NotYetValid => Error::<T>::CollateralNotYetValid,
			CollateralError::FmspcMismatch => Error::<T>::CollateralFmspcMismatch,
			CollateralError::SignatureInvalid => Error::<T>::CollateralSignatureInvalid,
		}
	}

	/// Emits `CollateralExpiring` once for each cached bundle that expires within the
	/// policy's warning period. Reads every entry of [`CollateralCache`] (at most
	/// `MaxCachedCollateral`, a few dozen bytes each), not the bundles. Returns its weight.
	pub(crate) fn announce_expiring_collateral() -> Weight {
		let policy = CollateralRules::<T>::get();
		if policy.expiry_warning_blocks == 0 {
			return T::DbWeight::get().reads(1);
		}
		let warning_secs = u64::from(policy.expiry_warning_blocks).saturating_mul(T::BlockTimeMs::get()) / 1000;
		let horizon = T::UnixTime::now().as_secs().saturating_add(warning_secs);
		let mut seen = 0u32;
		let due: alloc::vec::Vec<_> = CollateralCache::<T>::iter()
			.inspect(|_| seen += 1)
			.filter(|(_, cached)| !cached.expiry_announced && cached.facts.expires_at <= horizon)
			.collect();
		for (key, mut cached) in due {
			cached.expiry_announced = true;
			CollateralCache::<T>::insert(key, cached.clone());
			Self::deposit_event(Event::CollateralExpiring { key, expires_at: cached.facts.expires_at });
		}
		T::WeightInfo::announce_expiring_collateral(seen)
	}

	fn policy_error(v: TdPolicyViolation) -> Error<T> {
		match v {
			TdPolicyViolation::Attributes => Error::<T>::TdAttributesNotAllowed,
			TdPolicyViolation::Xfam => Error::<T>::XfamMismatch,
			TdPolicyViolation::MrConfigId => Error::<T>::MrConfigIdMismatch,
			TdPolicyViolation::MrOwner => Error::<T>::MrOwnerMismatch,
			TdPolicyViolation::MrOwnerConfig => Error::<T>::MrOwnerConfigMismatch,
			TdPolicyViolation::Rtmr3 => Error::<T>::Rtmr3Mismatch,
		}
	}

	fn quote_error(e: QuoteError) -> Error<T> {
		match e {
			QuoteError::Malformed |
			QuoteError::UnsupportedVersion |
			QuoteError::NotTdx |
			QuoteError::UnsupportedAttestationKey => Error::<T>::MalformedQuote,
			QuoteError::UnsupportedCertificationData => Error::<T>::UnsupportedCertificationData,
			QuoteError::MalformedCollateral => Error::<T>::MalformedCollateral,
			QuoteError::UnknownPckKey => Error::<T>::UnknownPckKey,
			QuoteError::BadQeReportSignature |
			QuoteError::QeReportDataMismatch |
			QuoteError::BadQuoteSignature |
			QuoteError::IntelVerificationFailed => Error::<T>::QuoteSignatureInvalid,
			QuoteError::TcbStatusNotAccepted => Error::<T>::TcbStatusNotAccepted,
			QuoteError::DebugTd => Error::<T>::DebugTd,
			QuoteError::ReservedTdAttributes => Error::<T>::ReservedTdAttributes,
			QuoteError::SeptVeNotDisabled => Error::<T>::SeptVeNotDisabled,
			QuoteError::MigratableTd => Error::<T>::MigratableTd,
			QuoteError::ServiceTdBound => Error::<T>::ServiceTdBound,
		}
	}

	/// The weight of [`Pallet::attest_restart`] for `attestation`'s evidence, without what
	/// `OnRestartAttested` adds: the dev path as benchmarked (recorded), or the Intel path
	/// as benchmarked (verified to its last check with a genuine quote that binds none of
	/// our values, so refused there) plus the record a valid quote writes.
	pub fn restart_weight(attestation: &RestartAttestationOf<T>) -> Weight {
		let evidence = &attestation.evidence;
		let quote_len = evidence.quote.len() as u32;
		match evidence.collateral.weight_key() {
			CollateralUse::Dev => T::WeightInfo::attest_restart_dev(quote_len),
			CollateralUse::InCall(collateral_len) => T::WeightInfo::attest_restart_intel(quote_len, collateral_len)
				.saturating_add(T::DbWeight::get().writes(1)),
			CollateralUse::Cached => T::WeightInfo::attest_restart_intel_cached(quote_len)
				.saturating_add(T::DbWeight::get().writes(1)),
		}
	}

	/// Writes the new record, tells the observer, emits `RestartAttested`. Returns the
	/// weight the observer used.
	pub(crate) fn record_restart(attestation: &RestartAttestationOf<T>, verified: VerifiedQuote) -> Weight {
		let VerifiedQuote { measurement, quote_hash, tcb } = verified;
		let now = frame_system::Pallet::<T>::block_number();
		Attestations::<T>::insert(
			&attestation.tss_account,
			AttestationRecord {
				incarnation: attestation.incarnation,
				recovery_keys_root: attestation.recovery_keys_root,
				attested_at: now,
				measurement,
			},
		);
		let used = T::OnRestartAttested::on_restart_attested(&attestation.tss_account, attestation.incarnation);
		Self::deposit_event(Event::RestartAttested {
			tss_account: attestation.tss_account.clone(),
			incarnation: attestation.incarnation,
			recovery_keys_root: attestation.recovery_keys_root,
			measurement,
			quoted_block: attestation.evidence.block_number,
			quote_hash,
			tcb,
		});
		used
	}
}

/// What a verified quote leaves for the record.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct VerifiedQuote {
	/// The TD's measurement.
	pub measurement: Measurement,
	/// blake2-256 of the quote's canonical evidence.
	pub quote_hash: [u8; 32],
	/// The TCB level it was verified under (`None`: the dev path).
	pub tcb: Option<TcbLevel>,
}

impl<T: Config> RegistrationAttestor<T::AccountId, BlockNumberFor<T>, T::Hash> for Pallet<T> {
	fn attest_registration<Q: Get<u32>, C: Get<u32>>(
		tss_account: &T::AccountId,
		x25519_public_key: [u8; 32],
		restart_key: [u8; 32],
		evidence: &QuoteEvidence<BlockNumberFor<T>, T::Hash, Q, C>,
	) -> Result<Measurement, DispatchError> {
		Self::check_freshness(&evidence.genesis_hash, evidence.block_number, &evidence.block_hash)?;
		// An account that registers again continues its incarnation count, so that no
		// earlier quote or share release can be replayed against it.
		let incarnation = match Attestations::<T>::get(tss_account) {
			Some(record) => record.incarnation.checked_add(1).ok_or(Error::<T>::AlreadyAttested)?,
			None => 0,
		};
		let expected = ReportDataInput {
			context: ReportDataContext::Register,
			genesis_hash: evidence.genesis_hash.into(),
			tss_account: tss_account.clone().into(),
			public_key: x25519_public_key,
			restart_key,
			incarnation,
			block_number: evidence.block_number.saturated_into::<u32>(),
			block_hash: evidence.block_hash.into(),
		};
		let VerifiedQuote { measurement, tcb, .. } = Self::verify_quote(evidence, &expected)?;
		Attestations::<T>::insert(
			tss_account,
			AttestationRecord {
				incarnation,
				recovery_keys_root: x25519_public_key,
				attested_at: frame_system::Pallet::<T>::block_number(),
				measurement,
			},
		);
		Self::deposit_event(Event::Attested {
			tss_account: tss_account.clone(),
			incarnation,
			measurement,
			recovery_public_key: x25519_public_key,
			tcb,
		});
		Ok(measurement)
	}

	fn registration_weight(quote_len: u32, collateral: CollateralUse) -> Weight {
		// The Intel paths are benchmarked with a genuine quote refused at its last check:
		// add the record.
		match collateral {
			CollateralUse::Dev => T::WeightInfo::attest_registration_dev(quote_len),
			CollateralUse::InCall(collateral_len) => T::WeightInfo::attest_registration_intel(quote_len, collateral_len)
				.saturating_add(T::DbWeight::get().writes(1)),
			CollateralUse::Cached => T::WeightInfo::attest_registration_intel_cached(quote_len)
				.saturating_add(T::DbWeight::get().writes(1)),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_evidence<Q: Get<u32>, C: Get<u32>>(
		tss_account: &T::AccountId,
		x25519_public_key: [u8; 32],
		restart_key: [u8; 32],
	) -> QuoteEvidence<BlockNumberFor<T>, T::Hash, Q, C> {
		crate::benchmarking::accept_dev_quotes::<T>();
		let (block_number, block_hash) = crate::benchmarking::recent_block::<T>();
		let incarnation = Attestations::<T>::get(tss_account).map_or(0, |r| r.incarnation.saturating_add(1));
		let report_data = ReportDataInput {
			context: ReportDataContext::Register,
			genesis_hash: Self::genesis_hash().into(),
			tss_account: tss_account.clone().into(),
			public_key: x25519_public_key,
			restart_key,
			incarnation,
			block_number: block_number.saturated_into::<u32>(),
			block_hash: block_hash.into(),
		}
		.report_data();
		QuoteEvidence {
			quote: BoundedVec::truncate_from(custos_primitives::mock::dev_quote(&report_data)),
			collateral: QuoteCollateral::Dev,
			genesis_hash: Self::genesis_hash(),
			block_number,
			block_hash,
		}
	}
}

impl<T: Config> Incarnations<T::AccountId> for Pallet<T> {
	fn incarnation(tss_account: &T::AccountId) -> Option<u32> {
		Attestations::<T>::get(tss_account).map(|record| record.incarnation)
	}

	fn recovery_keys_root(tss_account: &T::AccountId) -> Option<(u32, [u8; 32])> {
		Attestations::<T>::get(tss_account).map(|record| (record.incarnation, record.recovery_keys_root))
	}

	fn attested_at(tss_account: &T::AccountId) -> Option<u64> {
		Attestations::<T>::get(tss_account).map(|record| record.attested_at.saturated_into::<u64>())
	}

	fn restart_key(tss_account: &T::AccountId) -> Option<[u8; 32]> {
		T::Servers::restart_key(tss_account)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_for_benchmark(tss_account: &T::AccountId, incarnation: u32, recovery_keys_root: [u8; 32]) {
		Attestations::<T>::insert(
			tss_account,
			AttestationRecord {
				incarnation,
				recovery_keys_root,
				attested_at: Zero::zero(),
				measurement: Default::default(),
			},
		);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_restart_key_for_benchmark(tss_account: &T::AccountId, restart_key: [u8; 32]) {
		T::Servers::register_for_benchmark(tss_account, restart_key);
	}
}

/// Lets other pallets read the latest attestation.
impl<T: Config> Pallet<T> {
	/// The latest attestation of `tss_account`, if any.
	pub fn attestation_of(tss_account: &T::AccountId) -> Option<AttestationRecord<BlockNumberFor<T>>> {
		Attestations::<T>::get(tss_account)
	}
}

