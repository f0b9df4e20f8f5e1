//! # Attestation pallet
//!
//! Decides which TDX virtual machines the chain trusts, and records, per TSS account,
//! the latest attested incarnation and the root of the per-holder keys its shares may be
//! released to ([`AttestationRecord::recovery_keys_root`]).
//!
//! Flow: a node asks its TDX module for a quote whose report data binds this chain's
//! genesis hash, its TSS account, a public key, its next incarnation and a recent block
//! ([`custos_primitives::ReportDataInput`]) → it submits the quote (registration through
//! the registry pallet, restart through [`Pallet::attest_restart`]) → this pallet verifies
//! the quote under governance's [`TrustPolicy`], [`AcceptedMeasurements`] and [`TdPolicy`]
//! → it records an [`AttestationRecord`] and emits an event.
//!
//! ## What a quote must show
//!
//! Whatever the trust path (Intel DCAP, or dev PCK keys): the fixed TD attribute rules of
//! [`custos_primitives::check_td_attributes`] (DEBUG off, SEPT_VE_DISABLE on, MIGRATABLE
//! off, no service TD, reserved bits zero) → a valid signature chain → an accepted
//! measurement (`SHA-256(MRTD ‖ RTMR0 ‖ RTMR1 ‖ RTMR2)`) → the TD policy (TD attributes
//! under a mask, and optionally XFAM, MRCONFIGID, MROWNER, MROWNERCONFIG, RTMR3; one error
//! per field) → report data binding the submitted values. Evidence is recorded by the hash
//! of its canonical form ([`custos_primitives::canonical_evidence`]: trailing bytes cut,
//! ECDSA signatures low-s), equal for every encoding of one attestation.
//!
//! ## Fee-free restart attestation
//!
//! A node that restarts has no funds it can rely on: its TSS account may hold nothing.
//! [`Pallet::attest_restart`] is therefore an *unsigned* transaction, authorised by the
//! restart key registered with the account (an sr25519 signature over the payload), and
//! validated by [`ValidateUnsigned`]. Spam is bounded because the pool runs the cheap
//! checks first and the quote last:
//!
//! 1. the account is registered, 2. the restart-key signature verifies, 3. the genesis
//! hash is ours, 4. the bound block is known and at most `MaxQuoteAge` blocks old,
//! 5. the incarnation is exactly the recorded one plus one, 6. at least
//! `MinRestartInterval` blocks passed since the last attestation of this account,
//! 7. only then the quote (signatures, trust root, measurement, report data).
//!
//! Only the holder of a restart key can get past step 2, step 5 admits one transaction per
//! (account, incarnation) (`provides` tag, so the pool de-duplicates), and step 6 limits
//! each account to one accepted attestation per interval. A quote that fails step 7 never
//! enters the pool, so it never reaches a block.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_verify;
pub mod migrations;
pub mod traits;
pub mod types;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use custos_primitives::signature_memo::MemoScope;

/// BLAKE2b-256 through the host (native speed), for signature memos.
fn sp_io_blake2_256(data: &[u8]) -> [u8; 32] {
	frame::deps::sp_io::hashing::blake2_256(data)
}
pub use types::*;
pub use weights::WeightInfo;

#[frame::pallet]
pub mod pallet {
	use super::*;
	use crate::traits::{OnRestartAttested, TssServers};
	use frame::deps::sp_runtime::AccountId32;
	use frame::prelude::*;

	/// Blocks between two looks for cached collateral about to expire.
	pub const EXPIRY_CHECK_PERIOD: u32 = 10;

	/// Storage layout version. 2: [`ActiveTdPolicy`] added; 3: every cached bundle has its
	/// [`CollateralSignatureMemos`] entry (see [`crate::migrations`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The restart attestation call, as this pallet's types instantiate it.
	pub type RestartAttestationOf<T> = RestartAttestation<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as frame_system::Config>::Hash,
		<T as Config>::MaxQuoteLen,
		<T as Config>::MaxCollateralLen,
	>;

	/// A trust policy bounded by this pallet's config.
	pub type TrustPolicyOf<T> = TrustPolicy<<T as Config>::MaxDevPckKeys>;

	/// Configuration of the attestation pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<AccountId = AccountId32, Hash = H256> {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;
		/// Who may change measurements and the trust policy.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Registered TSS servers (the registry pallet).
		type Servers: TssServers<Self::AccountId>;
		/// Told about every recorded restart (the backups pallet).
		type OnRestartAttested: OnRestartAttested<Self::AccountId>;
		/// Wall-clock time for the Intel path (collateral validity windows).
		type UnixTime: frame::traits::UnixTime;
		/// A quote must bind a block at most this many blocks old.
		#[pallet::constant]
		type MaxQuoteAge: Get<BlockNumberFor<Self>>;
		/// Minimum blocks between two accepted restart attestations of one account.
		#[pallet::constant]
		type MinRestartInterval: Get<BlockNumberFor<Self>>;
		/// Largest quote accepted, in bytes.
		#[pallet::constant]
		type MaxQuoteLen: Get<u32>;
		/// Largest SCALE-encoded collateral accepted, in bytes.
		#[pallet::constant]
		type MaxCollateralLen: Get<u32>;
		/// Most accepted measurements at once.
		#[pallet::constant]
		type MaxMeasurements: Get<u32>;
		/// Most allow-listed dev PCK keys.
		#[pallet::constant]
		type MaxDevPckKeys: Get<u32>;
		/// Most collateral bundles cached at once (one per FMSPC and PCK CA in the fleet).
		#[pallet::constant]
		type MaxCachedCollateral: Get<u32>;
		/// The chain's block time in milliseconds, to turn the policy's expiry warning
		/// (in blocks) into wall-clock time.
		type BlockTimeMs: Get<u64>;
		/// Pool priority of restart attestations.
		#[pallet::constant]
		type UnsignedPriority: Get<TransactionPriority>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Sets up what the benchmarks need from the rest of the runtime.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::traits::BenchmarkHelper;
	}

	/// Measurements (see [`Measurement`]) of TD images governance accepts.
	#[pallet::storage]
	pub type AcceptedMeasurements<T: Config> =
		StorageValue<_, BoundedVec<Measurement, T::MaxMeasurements>, ValueQuery>;

	/// Which roots may vouch for a quote.
	#[pallet::storage]
	pub type Trust<T: Config> = StorageValue<_, TrustPolicyOf<T>, ValueQuery>;

	/// Which TD report fields, besides the measurement, quotes must match (see [`TdPolicy`]).
	#[pallet::storage]
	pub type ActiveTdPolicy<T: Config> = StorageValue<_, TdPolicy, ValueQuery>;

	/// Latest confirmed attestation per TSS account.
	#[pallet::storage]
	pub type Attestations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AttestationRecord<BlockNumberFor<T>>>;

	/// A collateral bundle per FMSPC and PCK CA, verified once against Intel's root when it
	/// was uploaded; Intel path quotes may refer to it instead of carrying collateral.
	#[pallet::storage]
	pub type CollateralCache<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, CollateralKey, CachedCollateral<BlockNumberFor<T>>>;

	/// The SCALE-encoded `dcap_qvl::QuoteCollateralV3` of each bundle in
	/// [`CollateralCache`], as uploaded (kept apart so that expiry checks read little).
	#[pallet::storage]
	pub type CollateralBundles<T: Config> =
		StorageMap<_, Blake2_128Concat, CollateralKey, BoundedVec<u8, T::MaxCollateralLen>>;

	/// The digests of the signatures each cached bundle carries (and of Intel's root over the
	/// uploading quote's PCK CA certificate), verified on upload: a cached-path quote pays
	/// only for the signatures that are new with it (see `custos_primitives::signature_memo`).
	/// Written and removed with [`CollateralCache`]; a bundle without one is not used.
	#[pallet::storage]
	pub type CollateralSignatureMemos<T: Config> =
		StorageMap<_, Blake2_128Concat, CollateralKey, SignatureMemo>;

	/// Governance's rules for Intel collateral (see [`CollateralPolicy`]).
	#[pallet::storage]
	pub type CollateralRules<T: Config> = StorageValue<_, CollateralPolicy, ValueQuery>;

	/// Hash of block 0, recorded in block 1 (system keeps block hashes only for a while).
	#[pallet::storage]
	pub type GenesisHash<T: Config> = StorageValue<_, T::Hash>;

	/// Events of the attestation pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A registration quote was accepted; the account starts at `incarnation`.
		Attested {
			/// The TSS account.
			tss_account: T::AccountId,
			/// Its incarnation (0 at first registration).
			incarnation: u32,
			/// Measurement of its TD.
			measurement: Measurement,
			/// Its registered x25519 key (recorded as the record's `recovery_keys_root` at
			/// incarnation 0; no share is released to it: releases need incarnation ≥ 1).
			recovery_public_key: [u8; 32],
			/// The TCB level the quote was verified under (`None`: the dev path).
			tcb: Option<TcbLevel>,
		},
		/// A restart attestation was accepted.
		RestartAttested {
			/// The TSS account.
			tss_account: T::AccountId,
			/// Its new incarnation.
			incarnation: u32,
			/// Root ([`custos_primitives::recovery_keys_root`]) of the ephemeral per-holder
			/// keys shares may now be released to (each holder to its own key).
			recovery_keys_root: [u8; 32],
			/// Measurement of its TD.
			measurement: Measurement,
			/// The block the quote was bound to.
			quoted_block: BlockNumberFor<T>,
			/// blake2-256 of the quote's canonical evidence
			/// ([`custos_primitives::canonical_evidence`]: header, TD report, attestation key,
			/// QE report and authentication data, both signatures in low-s form; no trailing
			/// bytes, no certificate chain), so one attestation has one hash however it was
			/// encoded.
			quote_hash: [u8; 32],
			/// The TCB level the quote was verified under (`None`: the dev path).
			tcb: Option<TcbLevel>,
		},
		/// A restart attestation that passed the pool failed verification in the block
		/// (the trust policy or measurements changed in between). Nothing was recorded.
		AttestationRejected {
			/// The TSS account.
			tss_account: T::AccountId,
			/// The incarnation it claimed.
			incarnation: u32,
			/// Why.
			reason: Error<T>,
		},
		/// Governance accepted a measurement.
		MeasurementAdded {
			/// The measurement.
			measurement: Measurement,
		},
		/// Governance withdrew a measurement.
		MeasurementRemoved {
			/// The measurement.
			measurement: Measurement,
		},
		/// Governance replaced the trust policy.
		TrustPolicyChanged {
			/// Whether the Intel path is enabled.
			intel_enabled: bool,
			/// How many dev PCK keys are allow-listed.
			dev_pck_keys: u32,
		},
		/// Governance replaced the TD policy.
		TdPolicySet {
			/// The new policy.
			policy: TdPolicy,
		},
		/// A collateral bundle was verified and cached for the platforms of `key`,
		/// replacing an older one if there was one.
		CollateralCached {
			/// The FMSPC and PCK CA it serves.
			key: CollateralKey,
			/// Its TCB evaluation data number.
			tcb_evaluation_number: u32,
			/// UNIX seconds: when its first part expires.
			expires_at: u64,
			/// Who uploaded it (`None`: governance).
			uploader: Option<T::AccountId>,
		},
		/// A cached bundle was removed (governance, or anyone once it expired).
		CollateralRemoved {
			/// The FMSPC and PCK CA it served.
			key: CollateralKey,
		},
		/// A cached bundle expires within the policy's warning period: upload a newer one,
		/// or quotes of these platforms must carry their collateral.
		CollateralExpiring {
			/// The FMSPC and PCK CA it serves.
			key: CollateralKey,
			/// UNIX seconds: when it expires.
			expires_at: u64,
		},
		/// Governance replaced the collateral policy.
		CollateralPolicySet {
			/// The new policy.
			policy: CollateralPolicy,
		},
	}

	/// Errors of the attestation pallet. Pool rejections of [`Pallet::attest_restart`] carry
	/// the variant's index as `InvalidTransaction::Custom`.
	#[pallet::error]
	#[derive(Clone, PartialEq, Eq)]
	pub enum Error<T> {
		/// The account is not a registered TSS account.
		NotRegistered,
		/// The restart-key signature does not verify.
		BadRestartSignature,
		/// The quote binds another chain's genesis hash.
		WrongGenesis,
		/// The bound block is in the future or not a block of this chain.
		UnknownBlock,
		/// The bound block is older than `MaxQuoteAge`.
		StaleBlock,
		/// The incarnation was already attested (a replay).
		ReplayedAttestation,
		/// The incarnation skips ahead of the recorded one plus one.
		IncarnationGap,
		/// The account attested less than `MinRestartInterval` blocks ago.
		RateLimited,
		/// The quote has collateral but the Intel path is disabled.
		IntelPathDisabled,
		/// The quote has no collateral but no dev PCK key is allow-listed.
		DevPathDisabled,
		/// The quote bytes do not parse as a TDX v4 quote.
		MalformedQuote,
		/// The collateral does not decode.
		MalformedCollateral,
		/// The quote's signatures or certification chain do not verify.
		QuoteSignatureInvalid,
		/// The quote's PCK key is not allow-listed.
		UnknownPckKey,
		/// The platform's TCB status is not accepted by the trust policy.
		TcbStatusNotAccepted,
		/// A TD-under-debug attribute is set: DEBUG (bit 0) or another of bits 1–7
		/// (profiling, reserved).
		DebugTd,
		/// The TD's measurement is not accepted.
		MeasurementNotAccepted,
		/// The quote's report data does not bind the submitted values.
		ReportDataMismatch,
		/// The account already has an attestation and may not register a fresh one.
		AlreadyAttested,
		/// The measurement is already accepted.
		MeasurementAlreadyAccepted,
		/// The measurement is not in the accepted list.
		MeasurementNotFound,
		/// `MaxMeasurements` measurements are already accepted.
		TooManyMeasurements,
		/// The TD attributes do not match the TD policy: `attributes & attributes_mask` differs
		/// from `attributes_value`.
		TdAttributesNotAllowed,
		/// The TD's XFAM differs from the one the TD policy requires.
		XfamMismatch,
		/// The TD's MRCONFIGID differs from the one the TD policy requires.
		MrConfigIdMismatch,
		/// The TD's MROWNER differs from the one the TD policy requires.
		MrOwnerMismatch,
		/// The TD's MROWNERCONFIG differs from the one the TD policy requires.
		MrOwnerConfigMismatch,
		/// The TD's RTMR3 differs from the one the TD policy requires.
		Rtmr3Mismatch,
		/// A reserved TD attribute bit is set (bits 8–15, 23–26, 32–61).
		ReservedTdAttributes,
		/// The TD attribute SEPT_VE_DISABLE (bit 28) is off.
		SeptVeNotDisabled,
		/// The TD attribute MIGRATABLE (bit 29) is on.
		MigratableTd,
		/// A service TD is bound to the TD (SERVTD_EXT, bit 17, or a TD 1.5 MRSERVICETD).
		ServiceTdBound,
		/// The quote's certification data is not of the type its trust path expects (outer
		/// type 6; inner type 5 on the Intel path, 0x0C05 on the dev path), or the collateral
		/// brings a PCK certificate chain of its own.
		UnsupportedCertificationData,
		/// The TD policy can never be met: a value bit outside the mask, or required
		/// attribute bits that break the fixed attribute rules.
		UnsatisfiableTdPolicy,
		/// The quote refers to cached collateral, but none is cached for its FMSPC and PCK CA.
		CollateralNotCached,
		/// The cached collateral for the quote's platform has expired.
		CachedCollateralExpired,
		/// The collateral's TCB evaluation data number is below governance's minimum (and
		/// not the previous one within its grace period).
		TcbEvaluationTooOld,
		/// The uploaded collateral's TCB info or QE identity is past its `nextUpdate`.
		CollateralExpired,
		/// The uploaded collateral's TCB info or QE identity is issued in the future.
		CollateralNotYetValid,
		/// The uploaded collateral's TCB info is for another FMSPC than the quote's platform.
		CollateralFmspcMismatch,
		/// Intel's signatures, issuer chains or CRLs in the uploaded collateral do not
		/// verify, or the quote that came with it does not verify with it.
		CollateralSignatureInvalid,
		/// The cache already holds a bundle for this FMSPC and PCK CA that is as new or newer
		/// (higher TCB evaluation number, or the same and expiring no earlier).
		CollateralNotNewer,
		/// `MaxCachedCollateral` bundles are cached already.
		CollateralCacheFull,
		/// No bundle is cached for this FMSPC and PCK CA.
		CollateralNotFound,
		/// Only governance may remove a bundle that has not expired.
		CollateralStillValid,
		/// The quote's PCK CA certificate is not one the cached bundle was uploaded with, so
		/// verifying it with the cache would cost more than a cached-path attestation is
		/// charged. Upload the bundle again with a quote under this certificate (it is added
		/// to the bundle's memo), or carry the collateral in the call.
		PckCaNotCached,
	}

	/// Genesis: the trust policy, the accepted measurements and the TD policy.
	#[pallet::genesis_config]
	#[derive(frame::prelude::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Accepted measurements.
		pub accepted_measurements: alloc::vec::Vec<Measurement>,
		/// Intel path policy; `None` disables the Intel path.
		pub intel: Option<IntelTrust>,
		/// Allow-listed dev PCK keys, each 64 bytes (x ‖ y).
		pub dev_pck_keys: alloc::vec::Vec<alloc::vec::Vec<u8>>,
		/// The TD policy (default: no TD report field checked beyond the fixed attribute
		/// rules). Must be satisfiable.
		pub td_policy: TdPolicy,
		#[serde(skip)]
		/// Unused marker.
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let measurements: BoundedVec<_, T::MaxMeasurements> = self
				.accepted_measurements
				.clone()
				.try_into()
				.expect("genesis: more measurements than MaxMeasurements");
			AcceptedMeasurements::<T>::put(measurements);
			let keys: alloc::vec::Vec<DevPckKey> = self
				.dev_pck_keys
				.iter()
				.map(|k| k.as_slice().try_into().expect("genesis: dev PCK key must be 64 bytes"))
				.collect();
			Trust::<T>::put(TrustPolicy {
				intel: self.intel,
				dev_pck_keys: keys.try_into().expect("genesis: more dev PCK keys than MaxDevPckKeys"),
			});
			assert!(self.td_policy.is_satisfiable(), "genesis: the TD policy can never be met");
			ActiveTdPolicy::<T>::put(self.td_policy.clone());
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			if n == One::one() {
				GenesisHash::<T>::put(frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()));
				return T::DbWeight::get().reads_writes(1, 1);
			}
			if (n % EXPIRY_CHECK_PERIOD.into()).is_zero() {
				return Self::announce_expiring_collateral();
			}
			Weight::zero()
		}

		fn integrity_test() {
			assert!(T::MaxQuoteAge::get() > Zero::zero(), "MaxQuoteAge must be positive");
			assert!(T::MaxQuoteLen::get() >= 1024, "MaxQuoteLen must fit a TDX quote");
			assert!(T::MaxCachedCollateral::get() > 0, "MaxCachedCollateral must be positive");
			assert!(T::BlockTimeMs::get() > 0, "BlockTimeMs must be positive");
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Records that a TSS account restarted in a genuine, accepted TD.
		///
		/// Origin: none (unsigned; authorised by `signature`, an sr25519 signature of the
		/// account's registered restart key over [`RESTART_SIGNATURE_TAG`] and the
		/// blake2-256 of the SCALE-encoded `attestation`). No fee: the account may hold
		/// nothing. The pool runs every check (see the crate docs); the block re-runs the
		/// cheap ones before and the quote check inside this call.
		///
		/// Writes [`Attestations`] (incarnation + 1, recovery keys root, block, measurement),
		/// tells `OnRestartAttested`. Emits `RestartAttested`, or `AttestationRejected`
		/// (nothing recorded) if the quote stopped verifying after it entered the pool.
		///
		/// Weight: the benchmarked path of the evidence (dev, or Intel with its collateral,
		/// by quote and collateral length) plus the most `OnRestartAttested` may use; what
		/// it did not use is refunded.
		#[pallet::call_index(0)]
		#[pallet::weight(
			Pallet::<T>::restart_weight(attestation).saturating_add(T::OnRestartAttested::max_weight())
		)]
		pub fn attest_restart(
			origin: OriginFor<T>,
			attestation: RestartAttestationOf<T>,
			signature: [u8; 64],
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			let prior = Self::check_restart_cheap(&attestation, &signature)?;
			let mut used = Self::restart_weight(&attestation);
			match Self::check_restart_quote(&attestation, &prior.1) {
				Ok(verified) => used.saturating_accrue(Self::record_restart(&attestation, verified)),
				Err(reason) => Self::deposit_event(Event::AttestationRejected {
					tss_account: attestation.tss_account.clone(),
					incarnation: attestation.incarnation,
					reason,
				}),
			}
			Ok(PostDispatchInfo { actual_weight: Some(used), pays_fee: Pays::No })
		}

		/// Accepts a TD measurement.
		///
		/// Origin: `GovernanceOrigin`. Appends to [`AcceptedMeasurements`]. Emits
		/// `MeasurementAdded`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_measurement())]
		pub fn add_measurement(origin: OriginFor<T>, measurement: Measurement) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			AcceptedMeasurements::<T>::try_mutate(|list| {
				ensure!(!list.contains(&measurement), Error::<T>::MeasurementAlreadyAccepted);
				list.try_push(measurement).map_err(|_| Error::<T>::TooManyMeasurements)
			})?;
			Self::deposit_event(Event::MeasurementAdded { measurement });
			Ok(())
		}

		/// Withdraws a TD measurement. Validators already attested under it keep their
		/// record; new quotes with it are refused (the indexer flags active validators on a
		/// withdrawn measurement).
		///
		/// Origin: `GovernanceOrigin`. Removes from [`AcceptedMeasurements`]. Emits
		/// `MeasurementRemoved`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_measurement())]
		pub fn remove_measurement(origin: OriginFor<T>, measurement: Measurement) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			AcceptedMeasurements::<T>::try_mutate(|list| {
				let at = list.iter().position(|m| *m == measurement).ok_or(Error::<T>::MeasurementNotFound)?;
				list.remove(at);
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::MeasurementRemoved { measurement });
			Ok(())
		}

		/// Replaces the trust policy (Intel path settings and dev PCK allow-list).
		///
		/// Origin: `GovernanceOrigin`. Overwrites [`Trust`]. Emits `TrustPolicyChanged`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_trust_policy())]
		pub fn set_trust_policy(origin: OriginFor<T>, policy: TrustPolicyOf<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let event = Event::TrustPolicyChanged {
				intel_enabled: policy.intel.is_some(),
				dev_pck_keys: policy.dev_pck_keys.len() as u32,
			};
			Trust::<T>::put(policy);
			Self::deposit_event(event);
			Ok(())
		}

		/// Replaces the TD policy: which TD report fields besides the measurement quotes must
		/// match. Applies to quotes checked from now on; recorded attestations stay.
		///
		/// Origin: `GovernanceOrigin`. Refuses a policy no TD can meet
		/// (`UnsatisfiableTdPolicy`). Overwrites [`ActiveTdPolicy`]. Emits `TdPolicySet`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_td_policy())]
		pub fn set_td_policy(origin: OriginFor<T>, policy: TdPolicy) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(policy.is_satisfiable(), Error::<T>::UnsatisfiableTdPolicy);
			ActiveTdPolicy::<T>::put(policy.clone());
			Self::deposit_event(Event::TdPolicySet { policy });
			Ok(())
		}

		/// Verifies a collateral bundle once against Intel's SGX root CA and caches it for
		/// the platforms it serves (its FMSPC and PCK CA), so that their quotes may refer to
		/// it ([`QuoteCollateral::IntelCached`]) instead of carrying it.
		///
		/// Origin: signed by anyone, or `GovernanceOrigin`. `quote` is a genuine quote of a
		/// platform the bundle serves (any TCB status, any report data): it names the FMSPC
		/// and PCK CA and proves the bundle verifies a real platform; the cached facts come
		/// from the bundle alone. A signed upload that replaces the cached bundle of its key
		/// is refunded; one that opens a new key pays its fee (a key costs whoever takes
		/// it), as does every refused upload.
		///
		/// Refuses: Intel path disabled; a bundle that does not decode, has expired (any of
		/// TCB info, QE identity and the two CRLs), is not yet valid, is for another FMSPC,
		/// or whose signatures do not verify; one below the policy's TCB evaluation minimum;
		/// one not newer than the cached one (a higher evaluation number, or the same and a
		/// later expiry: a bundle mixing a newer part with older ones expires no later than
		/// its oldest part, so it cannot push a complete newer bundle out); a new key when
		/// the cache is full. Writes [`CollateralCache`], the bundle's canonical encoding
		/// (no trailing bytes) to [`CollateralBundles`] and the digests of its verified
		/// signatures to [`CollateralSignatureMemos`]. Emits `CollateralCached`.
		///
		/// The cached bundle itself, uploaded with a quote under a PCK CA certificate its
		/// memo lacks, adds that certificate's signature to the memo (refunded, event
		/// `CollateralCached` with the unchanged facts); a bundle that is neither newer nor
		/// adds anything is `CollateralNotNewer`.
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::upload_collateral(quote.len() as u32, collateral.len() as u32)
				// A new key also reads and writes the cache's counter.
				.saturating_add(T::DbWeight::get().reads_writes(1, 1))
		)]
		pub fn upload_collateral(
			origin: OriginFor<T>,
			quote: BoundedVec<u8, T::MaxQuoteLen>,
			collateral: BoundedVec<u8, T::MaxCollateralLen>,
		) -> DispatchResultWithPostInfo {
			let uploader = match T::GovernanceOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			ensure!(Trust::<T>::get().intel.is_some(), Error::<T>::IntelPathDisabled);
			let now = <T::UnixTime as frame::traits::UnixTime>::now().as_secs();
			let (facts, recorded) = custos_primitives::verify_collateral_with_memo(
				&quote,
				&collateral,
				now,
				MemoScope::BundleAndPckCa,
				sp_io_blake2_256,
			)
			.map_err(Self::collateral_error)?;
			ensure!(
				CollateralRules::<T>::get().accepts(facts.tcb_evaluation_number, now),
				Error::<T>::TcbEvaluationTooOld
			);
			let canonical = custos_primitives::canonical_collateral(&collateral).map_err(Self::collateral_error)?;
			let previous_memo = CollateralSignatureMemos::<T>::get(facts.key);
			let replaces = match CollateralCache::<T>::get(facts.key) {
				Some(cached) => {
					let newer = (facts.tcb_evaluation_number, facts.expires_at) >
						(cached.facts.tcb_evaluation_number, cached.facts.expires_at);
					if !newer {
						// The same bundle with a quote under a PCK CA certificate its memo
						// lacks: the memo grows (bounded), nothing else changes.
						return Self::extend_signature_memo(facts, &canonical, recorded, uploader);
					}
					true
				},
				None => {
					ensure!(
						CollateralCache::<T>::count() < T::MaxCachedCollateral::get(),
						Error::<T>::CollateralCacheFull
					);
					false
				},
			};
			let memo = SignatureMemo::from_recorded(recorded, previous_memo.as_ref());
			CollateralCache::<T>::insert(
				facts.key,
				CachedCollateral {
					facts,
					cached_at: frame_system::Pallet::<T>::block_number(),
					expiry_announced: false,
				},
			);
			CollateralBundles::<T>::insert(facts.key, BoundedVec::<u8, T::MaxCollateralLen>::truncate_from(canonical));
			CollateralSignatureMemos::<T>::insert(facts.key, memo);
			Self::deposit_event(Event::CollateralCached {
				key: facts.key,
				tcb_evaluation_number: facts.tcb_evaluation_number,
				expires_at: facts.expires_at,
				uploader: uploader.clone(),
			});
			let pays = if uploader.is_some() && !replaces { Pays::Yes } else { Pays::No };
			Ok(pays.into())
		}

		/// Removes the cached bundle of `key`.
		///
		/// Origin: `GovernanceOrigin` at any time; anyone signed once the bundle has expired
		/// (then the fee is refunded). Refuses an unknown key (`CollateralNotFound`) and a
		/// signed removal of a valid bundle (`CollateralStillValid`). Emits
		/// `CollateralRemoved`.
		#[pallet::call_index(6)]
		#[pallet::weight(
			// A signed removal also reads the time.
			T::WeightInfo::remove_collateral().saturating_add(T::DbWeight::get().reads(1))
		)]
		pub fn remove_collateral(origin: OriginFor<T>, key: CollateralKey) -> DispatchResultWithPostInfo {
			let by_governance = match T::GovernanceOrigin::try_origin(origin) {
				Ok(_) => true,
				Err(origin) => {
					ensure_signed(origin)?;
					false
				},
			};
			let cached = CollateralCache::<T>::get(key).ok_or(Error::<T>::CollateralNotFound)?;
			ensure!(
				by_governance || <T::UnixTime as frame::traits::UnixTime>::now().as_secs() >= cached.facts.expires_at,
				Error::<T>::CollateralStillValid
			);
			Self::forget_collateral(key);
			Self::deposit_event(Event::CollateralRemoved { key });
			Ok(Pays::No.into())
		}

		/// Sets the collateral policy: Intel path quotes need collateral of TCB evaluation
		/// number `min_tcb_evaluation_number` or higher, or one below it for `grace_secs`
		/// from now (so that Intel moving its baseline does not lock honest validators out
		/// before their collateral is renewed; `grace_secs` 0 with an unchanged minimum keeps
		/// the running grace period); cached bundles are announced `expiry_warning_blocks`
		/// blocks before they expire.
		///
		/// Origin: `GovernanceOrigin`. Overwrites [`CollateralRules`]. Applies to quotes and
		/// uploads checked from now on; recorded attestations stay. Emits
		/// `CollateralPolicySet`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_collateral_policy())]
		pub fn set_collateral_policy(
			origin: OriginFor<T>,
			min_tcb_evaluation_number: u32,
			grace_secs: u64,
			expiry_warning_blocks: u32,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let current = CollateralRules::<T>::get();
			let previous_accepted_until = match grace_secs {
				// Same minimum, no new grace: a running grace period goes on.
				0 if min_tcb_evaluation_number == current.min_tcb_evaluation_number => current.previous_accepted_until,
				0 => 0,
				grace => <T::UnixTime as frame::traits::UnixTime>::now().as_secs().saturating_add(grace),
			};
			let policy =
				CollateralPolicy { min_tcb_evaluation_number, previous_accepted_until, expiry_warning_blocks };
			CollateralRules::<T>::put(policy);
			// Bundles already announced under a shorter warning are not announced again.
			Self::deposit_event(Event::CollateralPolicySet { policy });
			Ok(())
		}
	}

	#[pallet::validate_unsigned]
	#[allow(deprecated)]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			let Call::attest_restart { attestation, signature } = call else {
				return InvalidTransaction::Call.into();
			};
			let (_, restart_key) =
				Self::check_restart_cheap(attestation, signature).map_err(Self::invalid)?;
			Self::check_restart_quote(attestation, &restart_key).map_err(Self::invalid)?;
			let now = frame_system::Pallet::<T>::block_number();
			let age = now.saturating_sub(attestation.evidence.block_number);
			let longevity = T::MaxQuoteAge::get().saturating_sub(age).saturated_into::<u64>().max(1);
			ValidTransaction::with_tag_prefix("CustosRestartAttestation")
				.priority(T::UnsignedPriority::get())
				.and_provides((attestation.tss_account.clone(), attestation.incarnation))
				.longevity(longevity)
				.propagate(true)
				.build()
		}

		fn pre_dispatch(call: &Self::Call) -> Result<(), TransactionValidityError> {
			let Call::attest_restart { attestation, signature } = call else {
				return Err(InvalidTransaction::Call.into());
			};
			Self::check_restart_cheap(attestation, signature).map(|_| ()).map_err(|e| Self::invalid(e).into())
		}
	}
}
