//! # Backups pallet
//!
//! The chain, not the nodes, decides who holds shares of whose key.
//!
//! Flow: a TSS node registers (registry) → this pallet assigns it `n` providers drawn from
//! the active set with chain randomness, least loaded first, never itself, never its own
//! operator, distinct operators, at most `max_load` owners per provider → the owner splits
//! a fresh KEK t-of-n and sends each provider its share off chain → it calls
//! [`Pallet::confirm_epoch`] with the providers' signed acknowledgements and its store
//! version → that epoch is *confirmed*: its holders are the ones that count for recovery.
//!
//! Changes are two-phase. When a provider leaves the active set, when governance forces a
//! reassignment, or when a provider's own restart attestation shows it lost its memory, the
//! owner gets a new *current* epoch; the previous *confirmed* epoch stays valid (its
//! holders keep serving) until the owner confirms the new one.
//!
//! ## No funds needed
//!
//! Confirmations, checkpoints and release receipts are sent by TSS accounts, which may
//! hold nothing. Like the restart attestation, they are unsigned transactions authorised
//! by an sr25519 signature of the TSS key over a domain-tagged payload that includes the
//! genesis hash. Spam is bounded: only registered owners/providers can sign; each call must
//! advance state (an epoch is confirmed once, store versions only increase, one receipt per
//! provider, owner and incarnation), the pool keeps one transaction per such step
//! (`provides` tags), and checkpoints are rate-limited per owner.
//!
//! ## Proving a bad share release
//!
//! A restarted owner's quote binds the root of one recovery key per holder of its confirmed
//! epoch ([`custos_primitives::recovery_keys_root`]); each holder seals what it holds
//! (share ‖ blinding) to its own key with HPKE and signs a release statement naming the
//! sealed bytes and its commitment. If what it released does not open to the commitment the
//! chain recorded at confirmation, the owner calls [`Pallet::report_bad_share`] (unsigned,
//! fee-free) with that holder's signed release and the private key of that holder's
//! recovery key only; the chain opens the release itself and records the proof in
//! [`BadShareReports`]. A report that opens to the committed share is refused, so a record
//! there is proof, not an accusation.
//!
//! ## Cost
//!
//! Assignment work is proportional to the number of changes: a departing provider costs
//! one reverse-index scan of its owners (≤ `max_load`), and each replacement draws
//! `SAMPLES` random candidates (power-of-k-choices on load) with a full scan only when
//! sampling finds no eligible candidate (small networks). A session boundary only records
//! what changed; the reassignments and top-ups run in the following blocks, at most
//! `MaxReassignmentsPerBlock` owners and `ReassignmentWeightPerBlock` per block, each owner
//! started only if its worst case still fits (see `assignment.rs`), so a mass departure
//! is spread over blocks instead of overrunning one. See docs/backups.md and docs/chain.md.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

mod assignment;
mod authorised;
pub mod escrow;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
pub mod types;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use escrow::{
	ColdApprovalSkip, ColdRequest, EscrowCommittee, EscrowDeposit, EscrowMember, EscrowRelease, SealedEscrowShare,
	SEALED_ESCROW_SHARE_BYTES,
};
pub use types::*;
pub use weights::WeightInfo;

#[frame::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame::deps::sp_runtime::AccountId32;
	use frame::prelude::*;
	use pallet_custos_attestation::traits::Incarnations;
	use pallet_custos_registry::traits::ActiveValidator;

	/// 2: adds [`ConfirmedCommitments`]. A new map needs no migration: owners confirmed
	/// before it simply have no entry (an empty list) until their next confirmation. The
	/// escrow maps (`Committee` … `EscrowReleases`, [`ConfirmedIncarnations`]) are new
	/// and start empty, so they need no migration either.
	///
	/// 3: adds [`RetiredCommittees`] and [`EscrowDepositCount`]; [`crate::migrations`]
	/// counts the deposits a v2 chain already has.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// [`BackupState`] bounded by this pallet's config.
	pub type BackupStateOf<T> = BackupState<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxProviders,
	>;
	/// Acknowledgements of one confirmation.
	pub type AcksOf<T> =
		BoundedVec<Acknowledgement<<T as frame_system::Config>::AccountId>, <T as Config>::MaxProviders>;
	/// The escrow committee bounded by this pallet's config.
	pub type EscrowCommitteeOf<T> =
		EscrowCommittee<<T as frame_system::Config>::AccountId, <T as Config>::MaxEscrowMembers>;
	/// An escrow deposit bounded by this pallet's config.
	pub type EscrowDepositOf<T> = EscrowDeposit<<T as Config>::MaxEscrowMembers>;
	/// An owner's recovery public keys as a cold request reveals them: one per confirmed
	/// holder, then the escrow recovery key.
	pub type RecoveryKeysOf<T> = BoundedVec<[u8; 32], <T as Config>::MaxRecoveryKeys>;
	/// Cold requests one approval names: (owner, incarnation).
	pub type ColdApprovalsOf<T> =
		BoundedVec<(<T as frame_system::Config>::AccountId, u32), <T as Config>::MaxColdApprovals>;
	/// A bad-share report bounded by this pallet's config.
	pub type BadShareReportOf<T> =
		BadShareReport<<T as frame_system::Config>::AccountId, <T as Config>::MaxRecoveryKeys>;
	/// Blocks a bad-share report stays in the pool: it stays valid while the owner's
	/// incarnation is current, and the owner can resubmit it.
	pub const BAD_SHARE_REPORT_LONGEVITY: u64 = 64;
	/// An active validator (operator and TSS account).
	pub type ValidatorOf<T> = ActiveValidator<<T as frame_system::Config>::AccountId>;

	/// Configuration of the backups pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<AccountId = AccountId32, Hash = H256> {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;
		/// Who may set parameters and force reassignments.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Source of the draws.
		type Randomness: frame::traits::Randomness<Self::Hash, BlockNumberFor<Self>>;
		/// Recorded incarnations (the attestation pallet).
		type Incarnations: Incarnations<Self::AccountId>;
		/// This chain's genesis hash (domain of every signature).
		type GenesisHash: Get<Self::Hash>;
		/// Largest `n`.
		#[pallet::constant]
		type MaxProviders: Get<u32>;
		/// Largest active set the pallet draws from.
		#[pallet::constant]
		type MaxPool: Get<u32>;
		/// Most under-provisioned owners topped up per session.
		#[pallet::constant]
		type MaxFillsPerSession: Get<u32>;
		/// Most owners reassigned or topped up in one block; a session's remaining work
		/// waits for the next blocks (see [`ReassignmentRound`]).
		#[pallet::constant]
		type MaxReassignmentsPerBlock: Get<u32>;
		/// Most weight the session's reassignment work may use in one block. An owner is
		/// started only if its worst case (every slot falling back to a scan of `MaxPool`)
		/// still fits. `integrity_test` requires it to hold one worst-case owner with
		/// `n = MaxProviders` and to be at most a quarter of the block.
		#[pallet::constant]
		type ReassignmentWeightPerBlock: Get<Weight>;
		/// Minimum blocks between two checkpoints of one owner.
		#[pallet::constant]
		type MinCheckpointInterval: Get<BlockNumberFor<Self>>;
		/// Most escrow committee members.
		#[pallet::constant]
		type MaxEscrowMembers: Get<u32>;
		/// Most recovery keys a cold request reveals: `MaxProviders` + 1 (the escrow key).
		#[pallet::constant]
		type MaxRecoveryKeys: Get<u32>;
		/// Most cold requests one approval names.
		#[pallet::constant]
		type MaxColdApprovals: Get<u32>;
		/// Blocks after a cold request within which it can be approved and released to.
		#[pallet::constant]
		type ColdRequestLifetime: Get<BlockNumberFor<Self>>;
		/// Blocks after its restart attestation within which an owner may request cold
		/// recovery.
		#[pallet::constant]
		type ColdRequestWindow: Get<BlockNumberFor<Self>>;
		/// Pool priority of this pallet's unsigned calls.
		#[pallet::constant]
		type UnsignedPriority: Get<TransactionPriority>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Governance parameters.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, BackupParams, ValueQuery>;

	/// Backup state per owner (TSS account).
	#[pallet::storage]
	pub type Assignments<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BackupStateOf<T>>;

	/// Per owner, the share commitment each holder of the confirmed epoch acknowledged, in
	/// the order of `BackupState::confirmed_providers`.
	#[pallet::storage]
	pub type ConfirmedCommitments<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BoundedVec<[u8; 32], T::MaxProviders>, ValueQuery>;

	/// Operator of each owner (from its registration).
	#[pallet::storage]
	pub type OwnerOperators<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId>;

	/// Reverse index: (provider, owner) for every provider of an owner's current epoch.
	#[pallet::storage]
	pub type ProviderOwners<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Blake2_128Concat, T::AccountId, ()>;

	/// Number of owners whose current epoch names the provider.
	#[pallet::storage]
	pub type ProviderLoad<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The validators providers are drawn from: the current active set.
	#[pallet::storage]
	pub type Pool<T: Config> = StorageValue<_, BoundedVec<ValidatorOf<T>, T::MaxPool>, ValueQuery>;

	/// Owners with fewer than `n` providers, topped up at session boundaries.
	#[pallet::storage]
	pub type UnderProvisioned<T: Config> = CountedStorageMap<_, Blake2_128Concat, T::AccountId, ()>;

	/// Providers that left the active set while some owners' current epochs still name
	/// them: those owners wait for their reassignment in the open [`Round`]. Never holds a
	/// member of the current active set.
	#[pallet::storage]
	pub type DepartedProviders<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ()>;

	/// The reassignment work of the last session boundary, while any is left (see
	/// [`ReassignmentRound`] and [`Pallet::continue_reassignments`]).
	#[pallet::storage]
	pub type Round<T: Config> = StorageValue<_, ReassignmentRound<T::AccountId, BlockNumberFor<T>>>;

	/// Block of each owner's last checkpoint.
	#[pallet::storage]
	pub type LastCheckpoint<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BlockNumberFor<T>>;

	/// Release receipts: (owner, incarnation, provider) → block.
	#[pallet::storage]
	pub type ReleaseReceipts<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, u32>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		BlockNumberFor<T>,
	>;

	/// Per owner, the incarnation each holder of the confirmed epoch acknowledged with, in
	/// the order of `BackupState::confirmed_providers`: a holder whose recorded incarnation
	/// moved on has lost its share ([`Pallet::intact_holders`]).
	#[pallet::storage]
	pub type ConfirmedIncarnations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BoundedVec<u32, T::MaxProviders>, ValueQuery>;

	/// Block of each owner's last escrow deposit (deposits are rate-limited like
	/// checkpoints).
	#[pallet::storage]
	pub type LastEscrowDeposit<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BlockNumberFor<T>>;

	/// The escrow committee, if the network has one (see [`crate::escrow`]).
	#[pallet::storage]
	pub type Committee<T: Config> = StorageValue<_, EscrowCommitteeOf<T>>;

	/// Generation of the last committee set (never reused, also after a clear).
	#[pallet::storage]
	pub type EscrowGeneration<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Committees governance replaced or cleared whose deposits are still on chain:
	/// generation → committee. A deposit is served by the members of its own generation, so
	/// an owner that was down when the committee changed can still recover; the entry goes
	/// with the last deposit naming it ([`EscrowDepositCount`]).
	#[pallet::storage]
	pub type RetiredCommittees<T: Config> = StorageMap<_, Twox64Concat, u32, EscrowCommitteeOf<T>>;

	/// How many deposits on chain name each generation (current or retired); a retired
	/// committee is removed when its count reaches zero.
	#[pallet::storage]
	pub type EscrowDepositCount<T: Config> = StorageMap<_, Twox64Concat, u32, u32, ValueQuery>;

	/// Escrow deposits: (owner, epoch) → the epoch's KEK split for the committee. Kept for
	/// the confirmed epoch and the open one.
	#[pallet::storage]
	pub type EscrowDeposits<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, u32, EscrowDepositOf<T>>;

	/// Each owner's open cold recovery request (at most one: a newer incarnation's replaces
	/// it; a confirmation of a newer epoch closes it).
	#[pallet::storage]
	pub type ColdRequests<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ColdRequest<BlockNumberFor<T>>>;

	/// Escrow releases: (owner, incarnation, member index) → the member's sealed share.
	#[pallet::storage]
	pub type EscrowReleases<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, u32>,
			NMapKey<Twox64Concat, u32>,
		),
		EscrowRelease<BlockNumberFor<T>>,
	>;

	/// Proven bad share releases: (owner, owner's incarnation, provider) → what the chain
	/// established (see [`Pallet::report_bad_share`]). One per provider and incarnation.
	#[pallet::storage]
	pub type BadShareReports<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, u32>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		BadShareRecord<BlockNumberFor<T>>,
	>;

	/// Events of the backups pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A newly registered owner got its first providers.
		ProvidersAssigned {
			/// The owner.
			owner: T::AccountId,
			/// Its epoch (1).
			epoch: u32,
			/// The providers.
			providers: Vec<T::AccountId>,
			/// Threshold.
			threshold: u32,
		},
		/// An owner's provider set changed; a new epoch opened.
		Reassigned {
			/// The owner.
			owner: T::AccountId,
			/// The new current epoch.
			epoch: u32,
			/// Providers that joined.
			added: Vec<T::AccountId>,
			/// Providers that left.
			removed: Vec<T::AccountId>,
			/// Whether governance forced it.
			forced: bool,
		},
		/// Not enough eligible providers: the owner has fewer than `n`.
		UnderProvisioned {
			/// The owner.
			owner: T::AccountId,
			/// Providers it has.
			have: u32,
			/// Providers it should have.
			need: u32,
		},
		/// A provider's restart attestation shows it lost its memory: these owners must
		/// reshare (each got a new epoch with the same providers).
		ReshareNeeded {
			/// The provider that restarted.
			provider: T::AccountId,
			/// Owners it held shares for.
			owners: Vec<T::AccountId>,
		},
		/// An owner confirmed an epoch: `holders` acknowledged their shares.
		EpochConfirmed {
			/// The owner.
			owner: T::AccountId,
			/// The confirmed epoch.
			epoch: u32,
			/// Providers that acknowledged (they hold the shares that count).
			holders: Vec<T::AccountId>,
			/// Each holder's share commitment, aligned with `holders`.
			commitments: Vec<[u8; 32]>,
			/// Threshold.
			threshold: u32,
			/// Store version anchored with it.
			store_version: u64,
		},
		/// An owner anchored a store version without changing its epoch.
		CheckpointAnchored {
			/// The owner.
			owner: T::AccountId,
			/// The version.
			store_version: u64,
		},
		/// A provider released its share to an owner's incarnation.
		ReleaseRecorded {
			/// The provider.
			provider: T::AccountId,
			/// The owner.
			owner: T::AccountId,
			/// The owner's incarnation it released to.
			incarnation: u32,
		},
		/// An owner's operator explicitly accepted recovering from a store older than the
		/// anchored version (`custos start --accept-rollback`): secrets written after
		/// `accepted_version` are gone. The anchored version is lowered to it.
		RollbackAccepted {
			/// The owner.
			owner: T::AccountId,
			/// Its incarnation that recovered from the older store.
			incarnation: u32,
			/// The version the chain had anchored.
			anchored_version: u64,
			/// The older version the operator accepted.
			accepted_version: u64,
		},
		/// An owner unregistered; its assignments are gone.
		OwnerRemoved {
			/// The owner.
			owner: T::AccountId,
		},
		/// Governance changed the parameters (existing owners keep theirs until their next
		/// change).
		ParamsChanged {
			/// New parameters.
			params: BackupParams,
		},
		/// The chain proved that `provider`, a holder of `owner`'s confirmed `epoch`, released
		/// to `owner`'s `incarnation` a sealed share, signed by itself, that is not the share
		/// it committed to (`commitment`).
		BadShareProven {
			/// The owner.
			owner: T::AccountId,
			/// The holder that released the bad share.
			provider: T::AccountId,
			/// The owner's incarnation it released to.
			incarnation: u32,
			/// The confirmed epoch the share belongs to.
			epoch: u32,
			/// The commitment the chain recorded for that holder and epoch.
			commitment: [u8; 32],
			/// How the release is bad.
			kind: BadShareKind,
			/// What the release opened to (the bad holder's own bytes, never another
			/// holder's); empty when it did not open.
			released: BoundedVec<u8, MaxReleaseCiphertext>,
		},
		/// Governance set the escrow committee. Deposits of earlier generations are still
		/// served by their own members until their owners deposit again (live companions
		/// rotate on this event).
		EscrowCommitteeSet {
			/// Its generation.
			generation: u32,
			/// The members' signing accounts, in share order.
			members: Vec<T::AccountId>,
			/// Shares needed to recover.
			threshold: u32,
		},
		/// Governance removed the escrow committee: no deposit is needed any more; deposits
		/// already made are still served by their members until their owners confirm again.
		EscrowCommitteeCleared {
			/// The generation removed.
			generation: u32,
		},
		/// An owner escrowed the KEK of `epoch` with the committee of `generation`.
		EscrowDeposited {
			/// The owner.
			owner: T::AccountId,
			/// The epoch.
			epoch: u32,
			/// The committee generation.
			generation: u32,
			/// Commitment to each member's share, in member order.
			commitments: Vec<[u8; 32]>,
		},
		/// An owner whose confirmed epoch has fewer than `t` intact holders asked for cold
		/// recovery.
		ColdRecoveryRequested {
			/// The owner.
			owner: T::AccountId,
			/// Its incarnation (restart attestation) the request is for.
			incarnation: u32,
			/// The confirmed epoch whose escrow it opens.
			epoch: u32,
			/// The key members seal their releases to.
			escrow_key: [u8; 32],
			/// Holders of the confirmed epoch that still held their share.
			intact_holders: u32,
		},
		/// Governance approved a cold recovery request.
		ColdRecoveryApproved {
			/// The owner.
			owner: T::AccountId,
			/// The incarnation approved.
			incarnation: u32,
		},
		/// An entry of governance's approval was not approved (the rest of it was).
		ColdApprovalSkipped {
			/// The owner named.
			owner: T::AccountId,
			/// The incarnation named.
			incarnation: u32,
			/// Why.
			reason: ColdApprovalSkip,
		},
		/// An escrow member released its share to an owner's incarnation.
		EscrowShareReleased {
			/// The owner.
			owner: T::AccountId,
			/// The owner's incarnation.
			incarnation: u32,
			/// The member's index (its share).
			member_index: u32,
			/// The member's account.
			member: T::AccountId,
		},
		/// An owner recovered through the cold path confirmed a newer epoch: its request
		/// and the releases are gone.
		ColdRecoveryClosed {
			/// The owner.
			owner: T::AccountId,
			/// The incarnation the request was for.
			incarnation: u32,
			/// The epoch confirmed.
			epoch: u32,
		},
	}

	/// Errors of the backups pallet. Pool rejections carry the variant's index as
	/// `InvalidTransaction::Custom`.
	#[pallet::error]
	#[derive(Clone, PartialEq, Eq)]
	pub enum Error<T> {
		/// No backup state for this owner (not registered).
		UnknownOwner,
		/// The signature of the owner or provider does not verify.
		BadSignature,
		/// That epoch is already confirmed.
		EpochAlreadyConfirmed,
		/// That epoch is neither the open one nor the next rotation.
		WrongEpoch,
		/// Fewer valid acknowledgements than the threshold.
		NotEnoughAcknowledgements,
		/// An acknowledgement names a provider not assigned in that epoch.
		UnexpectedAcknowledgement,
		/// Two acknowledgements name the same provider.
		DuplicateAcknowledgement,
		/// An acknowledgement's signature does not verify.
		BadAcknowledgement,
		/// Store versions never go down.
		StoreVersionDecreased,
		/// A checkpoint must raise the store version.
		StoreVersionNotIncreased,
		/// The owner checkpointed less than `MinCheckpointInterval` blocks ago.
		RateLimited,
		/// The provider is not a holder of the owner's confirmed epoch.
		NotAConfirmedHolder,
		/// The incarnation is not the owner's recorded one.
		StaleIncarnation,
		/// This provider already recorded a release for that incarnation.
		DuplicateReceipt,
		/// Parameters break a rule: 1 ≤ n ≤ MaxProviders, t ≤ n, t ≥ 2 when n ≥ 2,
		/// n ≤ active set − 1, max_load ≥ 1.
		InvalidParams,
		/// A rollback must name a version below the anchored one.
		NotARollback,
		/// The acknowledgement was made by an earlier incarnation of the provider, which has
		/// since lost its memory (or names an incarnation the provider has not reached).
		StaleAcknowledgement,
		/// Bad-share report: the owner has no confirmed epoch, or the report names another
		/// epoch than its confirmed one.
		ReportEpochNotConfirmed,
		/// Bad-share report: the provider is not a holder of the owner's confirmed epoch with
		/// a recorded commitment.
		ReportedProviderNotHolder,
		/// Bad-share report: the incarnation is not the owner's current one, or is 0 (no
		/// share is released before a restart).
		ReportIncarnationNotCurrent,
		/// Bad-share report: the recovery keys are not one per confirmed holder, or their
		/// root is not the one the owner's restart attestation recorded.
		RecoveryKeysMismatch,
		/// Bad-share report: the revealed private key is not the one of the provider's
		/// recovery key.
		RevealedKeyMismatch,
		/// Bad-share report: the provider's signature over the release statement does not
		/// verify.
		BadReleaseSignature,
		/// Bad-share report: this provider's release to this incarnation is already proven
		/// bad.
		BadShareAlreadyReported,
		/// Bad-share report: the release opens to exactly the committed share; nothing is
		/// wrong with it (a false report).
		ShareMatchesCommitment,
		/// The network has no escrow committee.
		NoEscrowCommittee,
		/// A committee needs 2 ≤ threshold ≤ members, distinct accounts and distinct,
		/// non-zero sealing keys.
		InvalidEscrowCommittee,
		/// The deposit is for another committee generation than the current one.
		WrongEscrowGeneration,
		/// The deposit does not have one sealed share and one commitment per member.
		WrongEscrowShareCount,
		/// A committee exists and the epoch has no escrow deposit of it: deposit first.
		EscrowDepositMissing,
		/// The owner's confirmed epoch has no escrow deposit whose committee is still kept.
		NoEscrowDeposit,
		/// At least `t` holders of the confirmed epoch still hold their share: recover from
		/// them.
		HoldersIntact,
		/// A cold request for this or a newer incarnation exists.
		ColdRequestExists,
		/// No cold request of the owner for that incarnation.
		ColdRequestNotFound,
		/// The cold request is older than `ColdRequestLifetime`.
		ColdRequestExpired,
		/// Governance has not approved the cold request.
		ColdRequestNotApproved,
		/// The cold request is approved already.
		ColdRequestAlreadyApproved,
		/// No committee member at that index.
		NotAnEscrowMember,
		/// This member already released its share to that incarnation.
		EscrowShareAlreadyReleased,
		/// The restart attestation is older than `ColdRequestWindow` blocks: attest again.
		AttestationTooOld,
		/// A deposit for that epoch with this or a higher sequence exists (a replay).
		StaleEscrowDeposit,
		/// An escrow member's sealing key is an X25519 point of small order: no share could
		/// ever be sealed to it, so no owner could confirm an epoch.
		LowOrderSealingKey,
	}

	/// Genesis: the parameters.
	#[pallet::genesis_config]
	#[derive(frame::prelude::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Parameters; `None` keeps the defaults (n = 3, t = 2, max_load = 16).
		pub params: Option<BackupParams>,
		#[serde(skip)]
		/// Unused marker.
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(params) = self.params {
				assert!(
					Pallet::<T>::params_are_valid(&params, None),
					"genesis: invalid backup parameters"
				);
				Params::<T>::put(params);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Carries on the open round's reassignments, within `MaxReassignmentsPerBlock`
		/// owners and `ReassignmentWeightPerBlock`; returns the weight used.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::continue_reassignments(now)
		}

		/// Checks the bounds the weights rely on: positive `MaxProviders` and
		/// `MaxReassignmentsPerBlock`; `ReassignmentWeightPerBlock` holds one owner's worst
		/// case with `n = MaxProviders` (so the work always progresses) and is at most a
		/// quarter of the block (so the capped worst case fits beside normal transactions).
		fn integrity_test() {
			assert!(T::MaxProviders::get() >= 1, "MaxProviders must be positive");
			assert!(
				T::MaxRecoveryKeys::get() > T::MaxProviders::get(),
				"MaxRecoveryKeys must leave room for the escrow key beside MaxProviders holder keys"
			);
			assert!(T::MaxReassignmentsPerBlock::get() >= 1, "MaxReassignmentsPerBlock must be positive");
			let budget = T::ReassignmentWeightPerBlock::get();
			let first = T::DbWeight::get()
				.reads_writes(2, 1)
				.saturating_add(Self::max_reassignment_step_weight(T::MaxProviders::get()));
			assert!(
				first.all_lte(budget),
				"ReassignmentWeightPerBlock ({budget:?}) must hold one worst-case owner ({first:?})"
			);
			let max_block = T::BlockWeights::get().max_block;
			let quarter = Weight::from_parts(max_block.ref_time() / 4, max_block.proof_size() / 4);
			assert!(
				Self::max_continuation_weight().all_lte(quarter),
				"ReassignmentWeightPerBlock ({budget:?}) must be at most a quarter of the block ({quarter:?})"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Confirms an owner's epoch with its providers' acknowledgements and its store
		/// version.
		///
		/// Origin: none (unsigned, fee-free), authorised by `signature`: the owner's TSS key
		/// over `(tags::CONFIRM, genesis, owner, epoch, store_version, blake2_256(acks))`.
		/// `epoch` is either the open epoch, or, when nothing is pending, the next one (a
		/// KEK rotation to the same providers). Needs at least `threshold` valid
		/// acknowledgements, each from a distinct provider of that epoch, naming that
		/// provider's recorded incarnation and signed by it over [`ack_payload`]. Writes the
		/// confirmed epoch, holders (the acknowledging providers) and store version in
		/// [`Assignments`], and the holders' share commitments in [`ConfirmedCommitments`].
		/// Emits `EpochConfirmed` with holders and their commitments.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::confirm_epoch(acks.len() as u32).saturating_add(Pallet::<T>::escrow_bookkeeping_weight(3)))]
		pub fn confirm_epoch(
			origin: OriginFor<T>,
			owner: T::AccountId,
			epoch: u32,
			store_version: u64,
			acks: AcksOf<T>,
			signature: [u8; 64],
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			let confirmation = Self::check_confirm(&owner, epoch, store_version, &acks, &signature)?;
			Self::apply_confirm(owner, epoch, store_version, confirmation);
			Ok(Pays::No.into())
		}

		/// Anchors a new store version without changing the epoch (the companion's
		/// checkpoint API).
		///
		/// Origin: none (unsigned, fee-free), authorised by the owner's TSS key over
		/// `(tags::CHECKPOINT, genesis, owner, store_version)`. The version must exceed the
		/// anchored one; at most one checkpoint per `MinCheckpointInterval` blocks.
		/// Writes [`Assignments`] and [`LastCheckpoint`]. Emits `CheckpointAnchored`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::checkpoint())]
		pub fn checkpoint(
			origin: OriginFor<T>,
			owner: T::AccountId,
			store_version: u64,
			signature: [u8; 64],
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			Self::check_checkpoint(&owner, store_version, &signature)?;
			Assignments::<T>::mutate(&owner, |state| {
				if let Some(state) = state {
					state.confirmed_store_version = store_version;
				}
			});
			LastCheckpoint::<T>::insert(&owner, frame_system::Pallet::<T>::block_number());
			Self::deposit_event(Event::CheckpointAnchored { owner, store_version });
			Ok(Pays::No.into())
		}

		/// Records that `provider` released its share to `owner`'s `incarnation`.
		///
		/// Origin: none (unsigned, fee-free), authorised by the provider's TSS key over
		/// `(tags::RELEASE, genesis, provider, owner, incarnation)`. The provider must hold
		/// a share of the owner's confirmed epoch and `incarnation` must be the owner's
		/// recorded one; one receipt per (provider, owner, incarnation). Writes
		/// [`ReleaseReceipts`]. Emits `ReleaseRecorded`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::record_release())]
		pub fn record_release(
			origin: OriginFor<T>,
			provider: T::AccountId,
			owner: T::AccountId,
			incarnation: u32,
			signature: [u8; 64],
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			Self::check_release(&provider, &owner, incarnation, &signature)?;
			ReleaseReceipts::<T>::insert(
				(&owner, incarnation, &provider),
				frame_system::Pallet::<T>::block_number(),
			);
			Self::deposit_event(Event::ReleaseRecorded { provider, owner, incarnation });
			Ok(Pays::No.into())
		}

		/// Replaces an owner's providers with a fresh draw (avoiding the current ones where
		/// possible) and opens a new epoch.
		///
		/// Origin: `GovernanceOrigin`. Writes [`Assignments`], [`ProviderOwners`],
		/// [`ProviderLoad`]. Emits `Reassigned { forced: true }` (and `UnderProvisioned` if
		/// short).
		///
		/// Weight: charged as if every slot of both its draws fell back to a scan of the
		/// largest pool; the scans that did not happen are refunded.
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::max_reassign_all_weight())]
		pub fn force_reassign(origin: OriginFor<T>, owner: T::AccountId) -> DispatchResultWithPostInfo {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(Assignments::<T>::contains_key(&owner), Error::<T>::UnknownOwner);
			Ok(Some(Self::reassign_all(&owner)).into())
		}

		/// Sets `n`, `t` and the load bound. Existing owners keep their sets until their next
		/// change.
		///
		/// Origin: `GovernanceOrigin`. Checks the rules of [`Error::InvalidParams`] against
		/// the current active set. Writes [`Params`]. Emits `ParamsChanged`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: BackupParams) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(
				Self::params_are_valid(&params, Some(Pool::<T>::decode_len().unwrap_or(0) as u32)),
				Error::<T>::InvalidParams
			);
			Params::<T>::put(params);
			Self::deposit_event(Event::ParamsChanged { params });
			Ok(())
		}

		/// Records that the owner's operator accepts recovering from an older store: lowers
		/// the anchored store version to `store_version` so that the recovered store can be
		/// backed up again. The companion submits it only when its operator names that exact
		/// version (`custos start --accept-rollback <version>`).
		///
		/// Origin: none (unsigned, fee-free), authorised by the owner's TSS key over
		/// `(tags::ROLLBACK, genesis, owner, incarnation, store_version)`. `incarnation` must
		/// be the owner's current one (only the instance that just attested can roll back)
		/// and `store_version` must be below the anchored version (so a replay, which finds
		/// them equal, is refused). Writes [`Assignments`]. Emits `RollbackAccepted`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::accept_rollback())]
		pub fn accept_rollback(
			origin: OriginFor<T>,
			owner: T::AccountId,
			incarnation: u32,
			store_version: u64,
			signature: [u8; 64],
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			let anchored_version = Self::check_rollback(&owner, incarnation, store_version, &signature)?;
			Assignments::<T>::mutate(&owner, |state| {
				if let Some(state) = state {
					state.confirmed_store_version = store_version;
				}
			});
			Self::deposit_event(Event::RollbackAccepted {
				owner,
				incarnation,
				anchored_version,
				accepted_version: store_version,
			});
			Ok(Pays::No.into())
		}

		/// Proves on chain that a holder of `report.owner`'s confirmed epoch released a bad
		/// share to the owner's current incarnation.
		///
		/// Origin: none (unsigned, fee-free: the owner may hold nothing), authorised by the
		/// evidence itself: the provider's own signature over its release statement. Checks,
		/// cheapest first, each with its own error: the report's epoch is the owner's
		/// confirmed one (`ReportEpochNotConfirmed`); the provider is its holder `i` with a
		/// recorded commitment (`ReportedProviderNotHolder`); not yet proven for (owner,
		/// incarnation, provider) (`BadShareAlreadyReported`); the incarnation is the owner's
		/// current one, ≥ 1 (`ReportIncarnationNotCurrent`); `recovery_keys` are one per
		/// holder and hash to the root the restart attestation recorded
		/// (`RecoveryKeysMismatch`); the provider signed [`release_statement_payload`] for
		/// exactly this sealed release, key, epoch and commitment (`BadReleaseSignature`);
		/// `revealed_key` is the private key of `recovery_keys[i]` (`RevealedKeyMismatch`,
		/// the first check that runs X25519 in wasm). Then the chain opens the
		/// release (HPKE base mode, X25519/HKDF-SHA256/ChaCha20-Poly1305, info
		/// `tags::SHARE_RELEASE_INFO`, aad [`release_aad`]) and accepts the report only if
		/// it does not open (`Undecryptable`), opens to other than 65 bytes
		/// (`WrongLength`), or opens to 65 bytes whose [`share_commitment`] is not the
		/// recorded one (`CommitmentMismatch`); a release that matches its commitment is
		/// refused (`ShareMatchesCommitment`).
		///
		/// Writes [`BadShareReports`]. Emits `BadShareProven`. The pool runs the same checks
		/// and keeps one report per (owner, incarnation, provider).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::report_bad_share())]
		pub fn report_bad_share(origin: OriginFor<T>, report: BadShareReportOf<T>) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			let proof = Self::check_bad_share(&report)?;
			BadShareReports::<T>::insert(
				(&report.owner, report.incarnation, &report.provider),
				BadShareRecord {
					epoch: report.epoch,
					kind: proof.kind,
					reported_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			Self::deposit_event(Event::BadShareProven {
				owner: report.owner,
				provider: report.provider,
				incarnation: report.incarnation,
				epoch: report.epoch,
				commitment: proof.commitment,
				kind: proof.kind,
				released: proof.released,
			});
			Ok(Pays::No.into())
		}

		/// Sets the escrow committee (see [`crate::escrow`]): `members` in share order and
		/// the `threshold` of shares that recover a KEK.
		///
		/// Origin: `GovernanceOrigin`. Refuses fewer than two members, a threshold outside
		/// 2..=members (one share would be the KEK itself), or repeated accounts or sealing
		/// keys (`InvalidEscrowCommittee`), and a sealing key of small order, all-zero
		/// included (`LowOrderSealingKey`). Writes [`Committee`] with the next generation;
		/// the previous committee moves to [`RetiredCommittees`] while deposits name it.
		/// Emits `EscrowCommitteeSet`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_escrow_committee(members.len() as u32).saturating_add(Pallet::<T>::escrow_bookkeeping_weight(1)))]
		pub fn set_escrow_committee(
			origin: OriginFor<T>,
			members: BoundedVec<EscrowMember<T::AccountId>, T::MaxEscrowMembers>,
			threshold: u32,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let committee = Self::check_committee(&members, threshold)?;
			if let Some(previous) = Committee::<T>::take() {
				Self::retire_committee(previous);
			}
			EscrowGeneration::<T>::put(committee.generation);
			Self::deposit_event(Event::EscrowCommitteeSet {
				generation: committee.generation,
				members: committee.members.iter().map(|m| m.account.clone()).collect(),
				threshold,
			});
			Committee::<T>::put(committee);
			Ok(())
		}

		/// Removes the escrow committee: new confirmations need no deposit, and no new
		/// deposit is taken.
		///
		/// Origin: `GovernanceOrigin`. Refuses when there is none (`NoEscrowCommittee`). The
		/// committee moves to [`RetiredCommittees`] while deposits name it, so owners that are
		/// down can still take the cold path with the deposits they made. Emits
		/// `EscrowCommitteeCleared`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::clear_escrow_committee().saturating_add(Pallet::<T>::escrow_bookkeeping_weight(1)))]
		pub fn clear_escrow_committee(origin: OriginFor<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let committee = Committee::<T>::take().ok_or(Error::<T>::NoEscrowCommittee)?;
			Self::deposit_event(Event::EscrowCommitteeCleared { generation: committee.generation });
			Self::retire_committee(committee);
			Ok(())
		}

		/// Escrows the KEK of `owner`'s `epoch` with the committee.
		///
		/// Origin: none (unsigned, fee-free), authorised by the owner's TSS key over
		/// `(tags::ESCROW_DEPOSIT, genesis, owner, epoch, blake2_256(deposit))`. `epoch` is the
		/// open, unconfirmed epoch, or the next one when nothing is pending (a rotation); a
		/// deposit for it replaces an earlier one (the owner redid the epoch with a new KEK).
		/// The deposit names the current generation and has one sealed share and one
		/// commitment per member; at most one deposit per `MinCheckpointInterval` blocks
		/// (`RateLimited`). Writes [`EscrowDeposits`] and [`LastEscrowDeposit`]. Emits
		/// `EscrowDeposited`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::deposit_escrow(deposit.sealed.len() as u32).saturating_add(Pallet::<T>::escrow_bookkeeping_weight(2)))]
		pub fn deposit_escrow(
			origin: OriginFor<T>,
			owner: T::AccountId,
			epoch: u32,
			deposit: EscrowDepositOf<T>,
			signature: [u8; 64],
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			Self::check_escrow_deposit(&owner, epoch, &deposit, &signature)?;
			Self::deposit_event(Event::EscrowDeposited {
				owner: owner.clone(),
				epoch,
				generation: deposit.generation,
				commitments: deposit.commitments.to_vec(),
			});
			Self::drop_superseded_deposits(&owner, epoch);
			Self::put_deposit(&owner, epoch, deposit);
			LastEscrowDeposit::<T>::insert(&owner, frame_system::Pallet::<T>::block_number());
			Ok(Pays::No.into())
		}

		/// Asks the escrow committee for `owner`'s KEK after a restart that no `t` holders
		/// can serve.
		///
		/// Origin: none (unsigned, fee-free), authorised by the owner's restart key over
		/// `(tags::COLD_REQUEST, genesis, owner, incarnation, blake2_256(recovery_keys),
		/// escrow_key)`. `incarnation` is the owner's recorded one (≥ 1), attested at most
		/// `ColdRequestWindow` blocks ago; `recovery_keys` are one per holder of its confirmed
		/// epoch, and the root of those followed by `escrow_key_entry(escrow_key)` is the one
		/// its restart quote bound. The confirmed epoch has a deposit whose committee the
		/// chain still keeps (current or retired) and fewer than its threshold of intact
		/// holders ([`Self::intact_holders`]: each is a registry lookup and an attestation
		/// read, charged per recovery key on top of the benchmark).
		/// Refuses a request for an incarnation not newer than the open one. Writes
		/// [`ColdRequests`]. Emits `ColdRecoveryRequested`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::request_cold_recovery(recovery_keys.len() as u32)
			.saturating_add(T::DbWeight::get().reads(3 * recovery_keys.len() as u64 + 1))
			.saturating_add(Pallet::<T>::escrow_bookkeeping_weight(1)))]
		pub fn request_cold_recovery(
			origin: OriginFor<T>,
			owner: T::AccountId,
			incarnation: u32,
			recovery_keys: RecoveryKeysOf<T>,
			escrow_key: [u8; 32],
			signature: [u8; 64],
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			let (request, intact_holders) =
				Self::check_cold_request(&owner, incarnation, &recovery_keys, &escrow_key, &signature)?;
			if let Some(old) = ColdRequests::<T>::get(&owner) {
				let _ = EscrowReleases::<T>::clear_prefix((&owner, old.incarnation), T::MaxEscrowMembers::get(), None);
			}
			Self::deposit_event(Event::ColdRecoveryRequested {
				owner: owner.clone(),
				incarnation,
				epoch: request.epoch,
				escrow_key: request.escrow_key,
				intact_holders,
			});
			ColdRequests::<T>::insert(&owner, request);
			Ok(Pays::No.into())
		}

		/// Approves cold recovery requests: each names an owner and the incarnation of its
		/// open request, which must be its latest incarnation, not yet approved and within
		/// `ColdRequestLifetime`.
		///
		/// An entry that is not (no such request, a newer restart since, expired, approved
		/// already or named twice) is skipped with `ColdApprovalSkipped` and its reason, and
		/// the others are approved: an owner that restarts again while governance votes must
		/// not hold back everyone else after a mass outage (it makes a new request).
		///
		/// Origin: `GovernanceOrigin`. Writes [`ColdRequests`]. Emits `ColdRecoveryApproved`
		/// or `ColdApprovalSkipped` for each entry, in order.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::approve_cold_recovery(requests.len() as u32))]
		pub fn approve_cold_recovery(origin: OriginFor<T>, requests: ColdApprovalsOf<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let now = frame_system::Pallet::<T>::block_number();
			for (owner, incarnation) in requests {
				let approvable = Self::current_cold_request(&owner, incarnation).and_then(|request| {
					ensure!(request.approved_at.is_none(), Error::<T>::ColdRequestAlreadyApproved);
					Ok(request)
				});
				match approvable {
					Ok(mut request) => {
						request.approved_at = Some(now);
						ColdRequests::<T>::insert(&owner, request);
						Self::deposit_event(Event::ColdRecoveryApproved { owner, incarnation });
					},
					Err(error) => {
						let reason = ColdApprovalSkip::from_error(&error);
						Self::deposit_event(Event::ColdApprovalSkipped { owner, incarnation, reason });
					},
				}
			}
			Ok(())
		}

		/// Records escrow member `member_index`'s share released to `owner`'s `incarnation`,
		/// sealed to the request's escrow key.
		///
		/// Origin: none (unsigned, fee-free), authorised by the member's key over
		/// `(tags::ESCROW_RELEASE, genesis, owner, incarnation, member_index,
		/// blake2_256(sealed))`. The owner's request for `incarnation` must be approved,
		/// within its lifetime and for its latest incarnation; `member_index` indexes the
		/// committee of the deposit's generation (current or retired), whose member signs;
		/// one release per member and incarnation. The chain cannot open the
		/// share: the owner checks it against the deposit's commitment. Writes
		/// [`EscrowReleases`]. Emits `EscrowShareReleased`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::release_escrow_share().saturating_add(Pallet::<T>::escrow_bookkeeping_weight(1)))]
		pub fn release_escrow_share(
			origin: OriginFor<T>,
			owner: T::AccountId,
			incarnation: u32,
			member_index: u32,
			sealed: SealedEscrowShare,
			signature: [u8; 64],
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			let member = Self::check_escrow_release(&owner, incarnation, member_index, &sealed, &signature)?;
			EscrowReleases::<T>::insert(
				(&owner, incarnation, member_index),
				EscrowRelease { sealed, at: frame_system::Pallet::<T>::block_number() },
			);
			Self::deposit_event(Event::EscrowShareReleased { owner, incarnation, member_index, member });
			Ok(Pays::No.into())
		}
	}

	#[pallet::validate_unsigned]
	#[allow(deprecated)]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			let tag = match call {
				Call::confirm_epoch { owner, epoch, store_version, acks, signature } => {
					Self::check_confirm(owner, *epoch, *store_version, acks, signature)
						.map_err(Self::invalid)?;
					(b"confirm", owner, *epoch as u64, None::<&T::AccountId>).encode()
				},
				Call::checkpoint { owner, store_version, signature } => {
					Self::check_checkpoint(owner, *store_version, signature).map_err(Self::invalid)?;
					(b"checkpt", owner, *store_version, None::<&T::AccountId>).encode()
				},
				Call::record_release { provider, owner, incarnation, signature } => {
					Self::check_release(provider, owner, *incarnation, signature)
						.map_err(Self::invalid)?;
					(b"release", owner, *incarnation as u64, Some(provider)).encode()
				},
				Call::accept_rollback { owner, incarnation, store_version, signature } => {
					Self::check_rollback(owner, *incarnation, *store_version, signature)
						.map_err(Self::invalid)?;
					(b"rollbck", owner, *incarnation as u64, None::<&T::AccountId>).encode()
				},
				Call::deposit_escrow { owner, epoch, deposit, signature } => {
					Self::check_escrow_deposit(owner, *epoch, deposit, signature).map_err(Self::invalid)?;
					(b"escrow!", owner, *epoch as u64, None::<&T::AccountId>).encode()
				},
				Call::request_cold_recovery { owner, incarnation, recovery_keys, escrow_key, signature } => {
					Self::check_cold_request(owner, *incarnation, recovery_keys, escrow_key, signature)
						.map_err(Self::invalid)?;
					(b"coldreq", owner, *incarnation as u64, None::<&T::AccountId>).encode()
				},
				Call::release_escrow_share { owner, incarnation, member_index, sealed, signature } => {
					let member = Self::check_escrow_release(owner, *incarnation, *member_index, sealed, signature)
						.map_err(Self::invalid)?;
					(b"escrelz", owner, *incarnation as u64, Some(member)).encode()
				},
				Call::report_bad_share { report } => {
					Self::check_bad_share(report).map_err(Self::invalid)?;
					return ValidTransaction::with_tag_prefix("CustosBadShare")
						.priority(T::UnsignedPriority::get())
						.and_provides((&report.owner, report.incarnation, &report.provider))
						.longevity(BAD_SHARE_REPORT_LONGEVITY)
						.propagate(true)
						.build();
				},
				_ => return InvalidTransaction::Call.into(),
			};
			ValidTransaction::with_tag_prefix("CustosBackups")
				.priority(T::UnsignedPriority::get())
				.and_provides(tag)
				.longevity(32)
				.propagate(true)
				.build()
		}
	}
}
