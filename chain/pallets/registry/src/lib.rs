//! # Registry pallet
//!
//! Who the validators are and where their TSS servers live.
//!
//! Flow: an operator (its funded stash account) calls [`Pallet::register`] with its TSS
//! server's [`ServerInfo`] and a Register-context TDX quote → the attestation pallet
//! verifies the quote (through [`Config::Attestation`]) → the operator's bond is held and
//! the server recorded → at the next session boundary the validator enters the active set.
//! [`Pallet::chill`] and [`Pallet::resume`] take it out of / back into the next active set;
//! [`Pallet::leave`] unregisters it and releases the bond. Every `SessionLength` blocks
//! the active set is recomputed; [`Config::Observer`] is told about registrations,
//! departures and what each rotation changed.
//!
//! Operators and TSS accounts are distinct: the operator pays and bonds, the TSS account
//! (which may hold nothing) speaks for the server.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod traits;
pub mod types;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

#[frame::pallet]
pub mod pallet {
	use super::*;
	use crate::traits::{ActiveValidator, ValidatorObserver};
	use alloc::vec::Vec;
	use frame::prelude::*;
	use frame::traits::fungible::{Inspect, MutateHold};
	use frame::traits::tokens::Precision;
	use pallet_custos_attestation::{traits::RegistrationAttestor, QuoteEvidence};

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Balance type of the bond currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// [`ServerInfo`] bounded by this pallet's config.
	pub type ServerInfoOf<T> = ServerInfo<<T as frame_system::Config>::AccountId, <T as Config>::MaxEndpointLen>;
	/// [`ValidatorInfo`] bounded by this pallet's config.
	pub type ValidatorInfoOf<T> = ValidatorInfo<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		<T as Config>::MaxEndpointLen,
	>;
	/// The quote evidence a registration carries.
	pub type RegistrationEvidenceOf<T> = QuoteEvidence<
		BlockNumberFor<T>,
		<T as frame_system::Config>::Hash,
		<T as Config>::MaxQuoteLen,
		<T as Config>::MaxCollateralLen,
	>;

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The operator's bond while its validator is registered.
		ValidatorBond,
	}

	/// Configuration of the registry pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;
		/// Currency the bond is held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// Bond held from an operator while registered.
		#[pallet::constant]
		type ValidatorBond: Get<BalanceOf<Self>>;
		/// Verifies registration quotes (the attestation pallet).
		type Attestation: RegistrationAttestor<Self::AccountId, BlockNumberFor<Self>, Self::Hash>;
		/// Told about registrations, departures and session rotations (the backups pallet).
		type Observer: ValidatorObserver<Self::AccountId>;
		/// Who may change the session length.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Most registered validators.
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// Longest endpoint URL, in bytes.
		#[pallet::constant]
		type MaxEndpointLen: Get<u32>;
		/// Largest registration quote, in bytes.
		#[pallet::constant]
		type MaxQuoteLen: Get<u32>;
		/// Largest registration collateral, in bytes.
		#[pallet::constant]
		type MaxCollateralLen: Get<u32>;
		/// Session length when genesis sets none.
		#[pallet::constant]
		type DefaultSessionLength: Get<BlockNumberFor<Self>>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Registered validators by operator account.
	#[pallet::storage]
	pub type Validators<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, ValidatorInfoOf<T>>;

	/// Operator of each registered TSS account.
	#[pallet::storage]
	pub type TssOperators<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId>;

	/// The current session's active set, sorted by operator.
	#[pallet::storage]
	pub type ActiveSet<T: Config> =
		StorageValue<_, BoundedVec<ActiveValidator<T::AccountId>, T::MaxValidators>, ValueQuery>;

	/// Index of the current session.
	#[pallet::storage]
	pub type CurrentSession<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Blocks per session.
	#[pallet::storage]
	pub type SessionLength<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultSessionLength>;

	/// Events of the registry pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A validator registered; it joins the active set at the next session.
		ValidatorRegistered {
			/// Operator (stash) account.
			operator: T::AccountId,
			/// Its TSS account.
			tss_account: T::AccountId,
			/// Its TSS server's x25519 key.
			x25519_public_key: [u8; 32],
			/// Its companion's endpoint.
			endpoint: BoundedVec<u8, T::MaxEndpointLen>,
			/// Its restart key.
			restart_key: [u8; 32],
			/// Bond held.
			bond: BalanceOf<T>,
		},
		/// A validator asked to leave the active set at the next session.
		ValidatorChilled {
			/// Operator account.
			operator: T::AccountId,
		},
		/// A chilled validator asked to rejoin the active set at the next session.
		ValidatorResumed {
			/// Operator account.
			operator: T::AccountId,
		},
		/// A validator unregistered; its bond was released.
		ValidatorLeft {
			/// Operator account.
			operator: T::AccountId,
			/// Its former TSS account.
			tss_account: T::AccountId,
		},
		/// Governance unregistered a validator that would not come back; its bond was
		/// released.
		ValidatorRemoved {
			/// Operator account.
			operator: T::AccountId,
			/// Its former TSS account.
			tss_account: T::AccountId,
		},
		/// A new session started.
		NewSession {
			/// Session index.
			index: u32,
			/// Size of the active set.
			active: u32,
			/// Operators that joined the active set.
			entered: Vec<T::AccountId>,
			/// Operators that left it.
			left: Vec<T::AccountId>,
		},
		/// Governance changed the session length.
		SessionLengthChanged {
			/// New length in blocks.
			blocks: BlockNumberFor<T>,
		},
	}

	/// Errors of the registry pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The operator already has a registered validator.
		AlreadyRegistered,
		/// The TSS account is already registered by some operator.
		TssAccountInUse,
		/// The TSS account must differ from the operator account.
		OperatorIsTssAccount,
		/// The endpoint is empty, not ASCII, or not an http(s) URL.
		InvalidEndpoint,
		/// `MaxValidators` are already registered.
		TooManyValidators,
		/// The operator has no registered validator.
		NotRegistered,
		/// The validator is already chilled.
		AlreadyChilled,
		/// The validator is not chilled.
		NotChilled,
		/// The operator cannot cover the bond.
		InsufficientBond,
		/// Session length must be at least one block.
		ZeroSessionLength,
	}

	/// Genesis: the session length.
	#[pallet::genesis_config]
	#[derive(frame::prelude::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Blocks per session; `None` keeps `DefaultSessionLength`.
		pub session_length: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(blocks) = self.session_length {
				assert!(!blocks.is_zero(), "genesis: session length must be positive");
				SessionLength::<T>::put(blocks);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let length = SessionLength::<T>::get();
			if length.is_zero() || !(n % length).is_zero() {
				return T::DbWeight::get().reads(1);
			}
			Self::rotate_session().saturating_add(T::DbWeight::get().reads(1))
		}

		/// Checks, besides positive bounds, that the observer takes every possible active set
		/// whole (`MaxValidators ≤ Observer::max_active()`: the backups pallet's pool and the
		/// bounds it declares, such as a restart's `MaxPool` owners, rely on it) and that a
		/// session boundary's hook (the rotation over `MaxValidators` registered validators
		/// and the observer's most) fits a quarter of the block.
		fn integrity_test() {
			assert!(T::MaxValidators::get() > 0, "MaxValidators must be positive");
			assert!(!T::DefaultSessionLength::get().is_zero(), "DefaultSessionLength must be positive");
			assert!(
				T::MaxValidators::get() <= T::Observer::max_active(),
				"the observer's largest active set (the backups pallet's MaxPool) must be at least MaxValidators"
			);
			let session = T::WeightInfo::rotate_session(T::MaxValidators::get())
				.saturating_add(T::Observer::max_active_set_changed_weight())
				.saturating_add(T::DbWeight::get().reads(1));
			let max_block = T::BlockWeights::get().max_block;
			let quarter = Weight::from_parts(max_block.ref_time() / 4, max_block.proof_size() / 4);
			assert!(
				session.all_lte(quarter),
				"a session boundary's worst case ({session:?}) must fit a quarter of the block ({quarter:?})"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the caller's validator with its TSS server and a Register-context quote.
		///
		/// Origin: Signed by the operator (stash), which pays the fee and the bond.
		/// Checks, in order: not registered yet, TSS account distinct and unused, endpoint
		/// valid, room under `MaxValidators`, bond can be held, quote verifies (attestation
		/// pallet; records the TSS account's attestation). Writes [`Validators`] and
		/// [`TssOperators`]; holds `ValidatorBond`. Emits `ValidatorRegistered` (and the
		/// attestation pallet's `Attested`). The validator joins the active set at the
		/// next session.
		///
		/// Weight: the benchmarked call (dev-path quote), the quote check of this evidence's
		/// path and size (so a dev-path check is counted twice, a small over-charge on a rare
		/// call), and the most the `Observer` may use; what the `Observer` did not use is
		/// refunded.
		#[pallet::call_index(0)]
		#[pallet::weight(
			Pallet::<T>::register_weight(evidence).saturating_add(T::Observer::max_registered_weight())
		)]
		pub fn register(
			origin: OriginFor<T>,
			server: ServerInfoOf<T>,
			evidence: RegistrationEvidenceOf<T>,
		) -> DispatchResultWithPostInfo {
			let operator = ensure_signed(origin)?;
			ensure!(!Validators::<T>::contains_key(&operator), Error::<T>::AlreadyRegistered);
			ensure!(server.tss_account != operator, Error::<T>::OperatorIsTssAccount);
			ensure!(!TssOperators::<T>::contains_key(&server.tss_account), Error::<T>::TssAccountInUse);
			ensure!(Self::endpoint_is_valid(&server.endpoint), Error::<T>::InvalidEndpoint);
			ensure!(Validators::<T>::count() < T::MaxValidators::get(), Error::<T>::TooManyValidators);
			let bond = T::ValidatorBond::get();
			T::Currency::hold(&HoldReason::ValidatorBond.into(), &operator, bond)
				.map_err(|_| Error::<T>::InsufficientBond)?;
			T::Attestation::attest_registration(
				&server.tss_account,
				server.x25519_public_key,
				server.restart_key,
				&evidence,
			)?;
			TssOperators::<T>::insert(&server.tss_account, &operator);
			Validators::<T>::insert(
				&operator,
				ValidatorInfo {
					server: server.clone(),
					status: ValidatorStatus::Validating,
					bond,
					registered_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			let observed = T::Observer::on_registered(&ActiveValidator {
				operator: operator.clone(),
				tss_account: server.tss_account.clone(),
			});
			Self::deposit_event(Event::ValidatorRegistered {
				operator,
				tss_account: server.tss_account,
				x25519_public_key: server.x25519_public_key,
				endpoint: server.endpoint,
				restart_key: server.restart_key,
				bond,
			});
			Ok(Some(Self::register_weight(&evidence).saturating_add(observed)).into())
		}

		/// Takes the caller's validator out of the active set from the next session on.
		///
		/// Origin: Signed by the operator. Sets its status to `Chilled` in [`Validators`].
		/// Emits `ValidatorChilled`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::chill())]
		pub fn chill(origin: OriginFor<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Validators::<T>::try_mutate(&operator, |info| {
				let info = info.as_mut().ok_or(Error::<T>::NotRegistered)?;
				ensure!(info.status == ValidatorStatus::Validating, Error::<T>::AlreadyChilled);
				info.status = ValidatorStatus::Chilled;
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::ValidatorChilled { operator });
			Ok(())
		}

		/// Puts a chilled validator back into the active set from the next session on.
		///
		/// Origin: Signed by the operator. Sets its status to `Validating` in
		/// [`Validators`]. Emits `ValidatorResumed`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::resume())]
		pub fn resume(origin: OriginFor<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Validators::<T>::try_mutate(&operator, |info| {
				let info = info.as_mut().ok_or(Error::<T>::NotRegistered)?;
				ensure!(info.status == ValidatorStatus::Chilled, Error::<T>::NotChilled);
				info.status = ValidatorStatus::Validating;
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::ValidatorResumed { operator });
			Ok(())
		}

		/// Unregisters the caller's validator and releases its bond. It drops out of the
		/// active set at the next session; its TSS account's attestation record is kept, so
		/// a later registration of the same account continues its incarnation count.
		///
		/// Origin: Signed by the operator. Removes it from [`Validators`] and
		/// [`TssOperators`]; releases the bond. Emits `ValidatorLeft`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::leave().saturating_add(T::Observer::max_left_weight()))]
		pub fn leave(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let operator = ensure_signed(origin)?;
			let tss_account = Self::unregister(&operator)?;
			let observed = T::Observer::on_left(&ActiveValidator { operator: operator.clone(), tss_account: tss_account.clone() });
			Self::deposit_event(Event::ValidatorLeft { operator, tss_account });
			Ok(Some(T::WeightInfo::leave().saturating_add(observed)).into())
		}

		/// Unregisters a validator that will not come back (its machine is gone, its operator
		/// unreachable), exactly as if it had left: its bond is released, it drops out of the
		/// active set at the next session, and the backup pallet frees its slots, so its
		/// companion no longer counts as a holder of anyone's share (an owner whose holders
		/// never return can then take the cold path).
		///
		/// Origin: `GovernanceOrigin`. Removes it from [`Validators`] and [`TssOperators`];
		/// releases the bond. Errors: `NotRegistered`. Emits `ValidatorRemoved`. Weighed as
		/// `leave`, which does the same work.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::leave().saturating_add(T::Observer::max_left_weight()))]
		pub fn remove_validator(origin: OriginFor<T>, operator: T::AccountId) -> DispatchResultWithPostInfo {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let tss_account = Self::unregister(&operator)?;
			let observed = T::Observer::on_left(&ActiveValidator { operator: operator.clone(), tss_account: tss_account.clone() });
			Self::deposit_event(Event::ValidatorRemoved { operator, tss_account });
			Ok(Some(T::WeightInfo::leave().saturating_add(observed)).into())
		}

		/// Changes the session length.
		///
		/// Origin: `GovernanceOrigin`. Writes [`SessionLength`]. Emits
		/// `SessionLengthChanged`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_session_length())]
		pub fn set_session_length(origin: OriginFor<T>, blocks: BlockNumberFor<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!blocks.is_zero(), Error::<T>::ZeroSessionLength);
			SessionLength::<T>::put(blocks);
			Self::deposit_event(Event::SessionLengthChanged { blocks });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Removes `operator`'s validator and its TSS account's entry and releases its bond;
		/// returns the TSS account. Writes nothing when it is not registered.
		fn unregister(operator: &T::AccountId) -> Result<T::AccountId, DispatchError> {
			let info = Validators::<T>::get(operator).ok_or(Error::<T>::NotRegistered)?;
			T::Currency::release(&HoldReason::ValidatorBond.into(), operator, info.bond, Precision::BestEffort)?;
			Validators::<T>::remove(operator);
			TssOperators::<T>::remove(&info.server.tss_account);
			Ok(info.server.tss_account)
		}

		/// `http://` or `https://` followed by at least one printable ASCII character, no
		/// spaces.
		pub fn endpoint_is_valid(endpoint: &[u8]) -> bool {
			let rest = endpoint
				.strip_prefix(b"https://")
				.or_else(|| endpoint.strip_prefix(b"http://"));
			match rest {
				Some(rest) => !rest.is_empty() && rest.iter().all(|b| b.is_ascii_graphic()),
				None => false,
			}
		}

		/// [`Pallet::register`]'s weight for `evidence`, without the `Observer`'s.
		pub fn register_weight(evidence: &RegistrationEvidenceOf<T>) -> Weight {
			T::WeightInfo::register().saturating_add(T::Attestation::registration_weight(
				evidence.quote.len() as u32,
				evidence.collateral.weight_key(),
			))
		}

		/// Recomputes the active set from the validating validators, bumps the session
		/// index, tells the `Observer` and emits `NewSession`. Returns its weight: the
		/// benchmarked rotation charged for `max(registered, previous active)` validators
		/// (it reads every registered validator, chilled ones included, and compares with
		/// every member of the previous set), plus what the `Observer` used.
		pub(crate) fn rotate_session() -> Weight {
			let mut registered: u32 = 0;
			let mut next: Vec<ActiveValidator<T::AccountId>> = Validators::<T>::iter()
				.inspect(|_| registered.saturating_inc())
				.filter(|(_, info)| info.status == ValidatorStatus::Validating)
				.map(|(operator, info)| ActiveValidator { operator, tss_account: info.server.tss_account })
				.collect();
			next.sort();
			next.truncate(T::MaxValidators::get() as usize);
			let previous = ActiveSet::<T>::get();
			let charged = Self::rotation_component(registered, previous.len() as u32);
			let entered: Vec<_> =
				next.iter().filter(|v| previous.binary_search(v).is_err()).cloned().collect();
			let left: Vec<_> =
				previous.iter().filter(|v| next.binary_search(v).is_err()).cloned().collect();
			let index = CurrentSession::<T>::get().saturating_add(1);
			CurrentSession::<T>::put(index);
			let bounded: BoundedVec<_, T::MaxValidators> = next.try_into().unwrap_or_default();
			let observed = T::Observer::on_active_set_changed(index, &bounded, &entered, &left);
			Self::deposit_event(Event::NewSession {
				index,
				active: bounded.len() as u32,
				entered: entered.into_iter().map(|v| v.operator).collect(),
				left: left.into_iter().map(|v| v.operator).collect(),
			});
			ActiveSet::<T>::put(bounded);
			T::WeightInfo::rotate_session(charged).saturating_add(observed)
		}

		/// The `v` a rotation is charged for: the larger of the registered validators it
		/// reads and the previous active set it compares with. The benchmark measures `v`
		/// registered validators, all validating and entering, while `v` others leave, the
		/// worst case for both counts.
		pub fn rotation_component(registered: u32, previous_active: u32) -> u32 {
			registered.max(previous_active)
		}

		/// The server of a TSS account's validator, if registered.
		pub fn server_of_tss(tss_account: &T::AccountId) -> Option<ServerInfoOf<T>> {
			let operator = TssOperators::<T>::get(tss_account)?;
			Validators::<T>::get(operator).map(|info| info.server)
		}
	}

	impl<T: Config> pallet_custos_attestation::traits::TssServers<T::AccountId> for Pallet<T> {
		fn restart_key(tss_account: &T::AccountId) -> Option<[u8; 32]> {
			Self::server_of_tss(tss_account).map(|server| server.restart_key)
		}

		#[cfg(feature = "runtime-benchmarks")]
		fn register_for_benchmark(tss_account: &T::AccountId, restart_key: [u8; 32]) {
			crate::benchmarking::insert_validator::<T>(
				frame::benchmarking::prelude::account("operator", 0, 0),
				tss_account.clone(),
				restart_key,
			);
		}
	}
}
