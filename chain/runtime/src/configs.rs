//! Every pallet's configuration. Preludes give the defaults; what differs says why.

use super::*;
use frame::deps::sp_runtime::transaction_validity::TransactionPriority;
use frame::deps::frame_support::weights::constants::WEIGHT_REF_TIME_PER_SECOND;

/// Smallest unit: 1 UNIT = 10^12 planck.
pub const UNIT: u128 = 1_000_000_000_000;
/// Milliseconds per block (Aura slot duration) unless genesis says otherwise: see
/// [`SlotDurationMs`].
pub const SLOT_DURATION_MS: u64 = 6_000;
/// Most authorities the Aura and GRANDPA sets hold (the validator set is fixed at
/// genesis for now, see `docs/chain.md`).
pub const MAX_AUTHORITIES: u32 = 32;

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
	/// 2 s of compute per 6 s block; 75% of it for normal transactions.
	pub RuntimeBlockWeights: frame_system::limits::BlockWeights =
		frame_system::limits::BlockWeights::with_sensible_defaults(
			Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
			Perbill::from_percent(75),
		);
	/// 5 MiB blocks.
	pub RuntimeBlockLength: frame_system::limits::BlockLength =
		frame_system::limits::BlockLength::builder()
			.max_length(5 * 1024 * 1024)
			.modify_max_length_for_class(DispatchClass::Normal, |max| *max = Perbill::from_percent(75) * *max)
			.build();
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type Version = Version;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	// The prelude charges nothing for storage (`()`); custos-node keeps state in ParityDB,
	// and the benchmarked weights add their reads and writes through this.
	type DbWeight = frame::deps::frame_support::weights::constants::ParityDbWeight;
	type AccountData = pallet_balances::AccountData<<Runtime as pallet_balances::Config>::Balance>;
}

parameter_types! {
	pub const ExistentialDeposit: u128 = UNIT / 100;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Runtime {
	type AccountStore = System;
	// u128 with 12 decimals instead of the test prelude's u64.
	type Balance = u128;
	type ExistentialDeposit = ExistentialDeposit;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	/// Milliseconds per block (the Aura slot duration), read from the well-known storage key
	/// `twox_128(":SlotDurationMs:")`, [`SLOT_DURATION_MS`] when that key is empty. Genesis
	/// may set it (a local network with 1 s blocks writes the key into its raw chain spec);
	/// it must never change afterwards: the slot number is `timestamp / slot duration`, so a
	/// change on a running chain would move every author's slots and `CurrentSlot` out of
	/// step. Only root could write the key (`System::set_storage`), as it could replace the
	/// runtime.
	pub storage SlotDurationMs: u64 = SLOT_DURATION_MS;
}

/// Half a slot: blocks are at least this far apart, as Aura requires.
pub struct MinimumPeriod;
impl Get<u64> for MinimumPeriod {
	fn get() -> u64 {
		SlotDurationMs::get() / 2
	}
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Runtime {
	// Blocks are at least half a slot apart, as with Aura.
	type MinimumPeriod = MinimumPeriod;
	// Aura checks that the block's timestamp falls in the slot its pre-digest claims.
	type OnTimestampSet = Aura;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = sp_consensus_aura::sr25519::AuthorityId;
	// No disabling: there is no staking or offences pallet that could disable anyone.
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	// One block per slot: each author may build only on a later slot than its parent's.
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = SlotDurationMs;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	// No nominators and no historical sessions: nothing is staked.
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	// Equivocation reports are not accepted: without `pallet_session` (historical) there is
	// no key-ownership proof, and without staking and offences nothing to slash. The
	// `GrandpaApi` equivocation calls therefore return `None` (see `apis.rs`).
	type KeyOwnerProof = frame::deps::sp_core::Void;
	type EquivocationReportSystem = ();
}

#[derive_impl(pallet_transaction_payment::config_preludes::TestDefaultConfig)]
impl pallet_transaction_payment::Config for Runtime {
	type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<Balances, ()>;
	// One planck per unit of weight/10^3 and per byte: real but cheap dev fees.
	type WeightToFee = frame::deps::frame_support::weights::IdentityFee<u128>;
	type LengthToFee = frame::deps::frame_support::weights::IdentityFee<u128>;
}

#[derive_impl(pallet_sudo::config_preludes::TestDefaultConfig)]
impl pallet_sudo::Config for Runtime {}

impl pallet_insecure_randomness_collective_flip::Config for Runtime {}

/// Governance origin of the custos pallets. Root (sudo) on the dev runtime; a production
/// runtime points this at its council or referenda.
pub type CustosGovernance = EnsureRoot<frame::deps::sp_runtime::AccountId32>;

parameter_types! {
	pub const MaxQuoteLen: u32 = 8 * 1024;
	pub const MaxCollateralLen: u32 = 64 * 1024;
	/// One bundle per FMSPC and PCK CA a fleet runs on; Intel has a few dozen FMSPCs.
	pub const MaxCachedCollateral: u32 = 64;
	pub const MaxQuoteAge: u32 = 50;
	pub const MinRestartInterval: u32 = 3;
	pub const MaxMeasurements: u32 = 32;
	pub const MaxDevPckKeys: u32 = 8;
	pub const RestartPriority: TransactionPriority = TransactionPriority::MAX / 2;
	pub const MaxValidators: u32 = 1_000;
	pub const MaxEndpointLen: u32 = 256;
	pub const ValidatorBond: u128 = 100 * UNIT;
	pub const DefaultSessionLength: u32 = 600;
}

impl pallet_custos_attestation::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type GovernanceOrigin = CustosGovernance;
	type Servers = Registry;
	type OnRestartAttested = Backups;
	type UnixTime = Timestamp;
	type MaxQuoteAge = MaxQuoteAge;
	type MinRestartInterval = MinRestartInterval;
	type MaxQuoteLen = MaxQuoteLen;
	type MaxCollateralLen = MaxCollateralLen;
	type MaxMeasurements = MaxMeasurements;
	type MaxDevPckKeys = MaxDevPckKeys;
	type MaxCachedCollateral = MaxCachedCollateral;
	type BlockTimeMs = SlotDurationMs;
	type UnsignedPriority = RestartPriority;
	type WeightInfo = pallet_custos_attestation::weights::BenchmarkedWeights<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkTime;
}

/// Benchmarks of the Intel path set the time (`UnixTime` is `Timestamp`).
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkTime;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_custos_attestation::traits::BenchmarkHelper for BenchmarkTime {
	fn set_unix_time(unix_secs: u64) {
		pallet_timestamp::Now::<Runtime>::put(unix_secs.saturating_mul(1_000));
	}
}

impl pallet_custos_registry::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type ValidatorBond = ValidatorBond;
	type Attestation = Attestation;
	type Observer = Backups;
	type GovernanceOrigin = CustosGovernance;
	type MaxValidators = MaxValidators;
	type MaxEndpointLen = MaxEndpointLen;
	type MaxQuoteLen = MaxQuoteLen;
	type MaxCollateralLen = MaxCollateralLen;
	type DefaultSessionLength = DefaultSessionLength;
	type WeightInfo = pallet_custos_registry::weights::BenchmarkedWeights<Runtime>;
}

parameter_types! {
	pub const MaxProviders: u32 = 16;
	pub const MaxFillsPerSession: u32 = 64;
	/// Owners reassigned or topped up per block after a session boundary; the rest of the
	/// session's work waits for the next blocks (a mass chill of 1,000 owners: ~16 blocks).
	pub const MaxReassignmentsPerBlock: u32 = 64;
	/// 22.5% of the block's 2 s for that work: it holds one owner's worst case (16 slots each
	/// scanning a pool of 1,000: 0.41 s with the weights generated 2026-12-03 under load,
	/// 0.36 s with the idle 2026-12-02 ones) and stays under the quarter of the block that
	/// normal transactions leave (both checked by `integrity_test`).
	pub const ReassignmentWeightPerBlock: Weight =
		Weight::from_parts(9 * WEIGHT_REF_TIME_PER_SECOND / 20, u64::MAX / 4);
	pub const MinCheckpointInterval: u32 = 2;
	/// Escrow committee members (issue 13's cold path): enough for a committee per
	/// continent or per organisation, small enough that a deposit stays under 3 KB.
	pub const MaxEscrowMembers: u32 = 16;
	/// Recovery keys a cold request reveals: one per holder and the escrow key.
	pub const MaxRecoveryKeys: u32 = MaxProviders::get() + 1;
	/// Cold requests one governance approval names: a mass outage of 64 owners per call.
	pub const MaxColdApprovals: u32 = 64;
	/// A cold request can be approved and served for 7 days of 6 s blocks.
	pub const ColdRequestLifetime: u32 = 7 * 24 * 600;
	/// A cold request must follow its restart attestation within an hour of 6 s blocks
	/// (the companion asks as soon as the attestation is final).
	pub const ColdRequestWindow: u32 = 600;
	pub const BackupsPriority: TransactionPriority = TransactionPriority::MAX / 4;
}

/// The genesis hash every custos signature is bound to (recorded by the attestation pallet).
pub struct CustosGenesisHash;
impl Get<frame::deps::sp_core::H256> for CustosGenesisHash {
	fn get() -> frame::deps::sp_core::H256 {
		Attestation::genesis_hash()
	}
}

impl pallet_custos_backups::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type GovernanceOrigin = CustosGovernance;
	// Dev-grade randomness from recent block hashes; a production runtime uses BABE's VRF
	// output or a similar unbiasable source.
	type Randomness = Randomness;
	type Incarnations = Attestation;
	type GenesisHash = CustosGenesisHash;
	type MaxProviders = MaxProviders;
	type MaxPool = MaxValidators;
	type MaxFillsPerSession = MaxFillsPerSession;
	type MaxReassignmentsPerBlock = MaxReassignmentsPerBlock;
	type ReassignmentWeightPerBlock = ReassignmentWeightPerBlock;
	type MinCheckpointInterval = MinCheckpointInterval;
	type MaxEscrowMembers = MaxEscrowMembers;
	type MaxRecoveryKeys = MaxRecoveryKeys;
	type MaxColdApprovals = MaxColdApprovals;
	type ColdRequestLifetime = ColdRequestLifetime;
	type ColdRequestWindow = ColdRequestWindow;
	type UnsignedPriority = BackupsPriority;
	type WeightInfo = pallet_custos_backups::weights::BenchmarkedWeights<Runtime>;
}
