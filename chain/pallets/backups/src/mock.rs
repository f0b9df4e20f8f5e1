//! Test runtime for the backups pallet: the real registry and attestation pallets around it.

use crate as pallet_custos_backups;
use custos_primitives::{mock as quotes, ReportDataContext, ReportDataInput};
use frame::deps::sp_core::{sr25519, Pair};
use frame::deps::sp_runtime::{AccountId32, BuildStorage};
use frame::testing_prelude::*;
use pallet_custos_attestation::QuoteEvidence;

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_construct_runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeViewFunction,
		RuntimeHoldReason,
		RuntimeFreezeReason
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system::Pallet<Test>;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp::Pallet<Test>;
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances::Pallet<Test>;
	#[runtime::pallet_index(3)]
	pub type Registry = pallet_custos_registry::Pallet<Test>;
	#[runtime::pallet_index(4)]
	pub type Attestation = pallet_custos_attestation::Pallet<Test>;
	#[runtime::pallet_index(5)]
	pub type Backups = pallet_custos_backups::Pallet<Test>;
}

parameter_types! {
	/// 2 s of compute per block, 75% for normal transactions, as in the runtime: the
	/// integrity test sizes the per-block reassignment budget against it.
	pub MockBlockWeights: frame_system::limits::BlockWeights =
		frame_system::limits::BlockWeights::with_sensible_defaults(
			Weight::from_parts(2 * frame::deps::frame_support::weights::constants::WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
			Perbill::from_percent(75),
		);
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type BlockWeights = MockBlockWeights;
	type AccountId = AccountId32;
	type Lookup = frame::deps::sp_runtime::traits::IdentityLookup<AccountId32>;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

parameter_types! {
	pub const MaxQuoteLen: u32 = 8 * 1024;
	pub const MaxCollateralLen: u32 = 1024;
	pub const Bond: u64 = 100;
	pub const MaxValidators: u32 = 1024;
	pub const MaxEndpointLen: u32 = 64;
	pub const SessionLength: u64 = 5;
	pub const MaxQuoteAge: u64 = 10;
	pub const MinRestartInterval: u64 = 1;
	pub const MaxMeasurements: u32 = 4;
	pub const MaxDevPckKeys: u32 = 2;
	pub const Priority: u64 = 1;
	pub const MaxProviders: u32 = 5;
	pub const MaxFills: u32 = 16;
	/// Owners reassigned per block; tests lower it to spread a session over blocks.
	pub static MaxReassignments: u32 = 64;
	/// The per-block reassignment budget: 20% of the mock's 2 s block, which holds one
	/// worst-case owner (5 slots each scanning a pool of 1,024 with the `()` weights).
	pub static ReassignmentBudget: Weight = Weight::from_parts(400_000_000_000, u64::MAX / 8);
	pub const MinCheckpointInterval: u64 = 2;
	pub const MaxEscrowMembers: u32 = 5;
	pub const MaxRecoveryKeys: u32 = 6;
	pub const MaxColdApprovals: u32 = 8;
	pub const ColdRequestLifetime: u64 = 20;
	pub const ColdRequestWindow: u64 = 15;
	/// When set, the genesis hash this pallet binds signatures to (the shared bad-share
	/// vector is made for 0x07…07); otherwise the one the attestation pallet recorded.
	pub static GenesisOverride: Option<H256> = None;
}

impl pallet_custos_attestation::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId32>;
	type Servers = Registry;
	type OnRestartAttested = Backups;
	type UnixTime = Timestamp;
	type MaxQuoteAge = MaxQuoteAge;
	type MinRestartInterval = MinRestartInterval;
	type MaxQuoteLen = MaxQuoteLen;
	type MaxCollateralLen = MaxCollateralLen;
	type MaxMeasurements = MaxMeasurements;
	type MaxDevPckKeys = MaxDevPckKeys;
	type MaxCachedCollateral = ConstU32<4>;
	type BlockTimeMs = ConstU64<6000>;
	type UnsignedPriority = Priority;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkTime;
}

/// Benchmarks set the time through `pallet_timestamp`.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkTime;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_custos_attestation::traits::BenchmarkHelper for BenchmarkTime {
	fn set_unix_time(unix_secs: u64) {
		pallet_timestamp::Now::<Test>::put(unix_secs * 1_000);
	}
}

/// The benchmarks' externalities: the test ones, with a keystore for the TSS keys the
/// benchmarks sign with.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> TestState {
	use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
	let mut ext = new_test_ext();
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext
}

impl pallet_custos_registry::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type ValidatorBond = Bond;
	type Attestation = Attestation;
	type Observer = Backups;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId32>;
	type MaxValidators = MaxValidators;
	type MaxEndpointLen = MaxEndpointLen;
	type MaxQuoteLen = MaxQuoteLen;
	type MaxCollateralLen = MaxCollateralLen;
	type DefaultSessionLength = SessionLength;
	type WeightInfo = ();
}

/// Deterministic randomness for tests: blake2 of the subject and the block number.
pub struct TestRandomness;
impl frame::traits::Randomness<H256, u64> for TestRandomness {
	fn random(subject: &[u8]) -> (H256, u64) {
		let n = System::block_number();
		(H256(blake2_256(&(subject, n).encode())), n)
	}
}

/// The chain's genesis hash, as the attestation pallet records it.
pub struct TestGenesis;
impl Get<H256> for TestGenesis {
	fn get() -> H256 {
		GenesisOverride::get().unwrap_or_else(Attestation::genesis_hash)
	}
}

impl crate::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId32>;
	type Randomness = TestRandomness;
	type Incarnations = Attestation;
	type GenesisHash = TestGenesis;
	type MaxProviders = MaxProviders;
	type MaxPool = MaxValidators;
	type MaxFillsPerSession = MaxFills;
	type MaxReassignmentsPerBlock = MaxReassignments;
	type ReassignmentWeightPerBlock = ReassignmentBudget;
	type MinCheckpointInterval = MinCheckpointInterval;
	type MaxEscrowMembers = MaxEscrowMembers;
	type MaxRecoveryKeys = MaxRecoveryKeys;
	type MaxColdApprovals = MaxColdApprovals;
	type ColdRequestLifetime = ColdRequestLifetime;
	type ColdRequestWindow = ColdRequestWindow;
	type UnsignedPriority = Priority;
	type WeightInfo = ();
}

/// A validator of the tests: operator account and TSS server keys.
#[derive(Clone)]
pub struct Node {
	pub operator: AccountId32,
	pub tss: sr25519::Pair,
	pub restart: sr25519::Pair,
	pub x25519: [u8; 32],
}

impl Node {
	/// Node `i` (1..=60): operator `[i; 32]`, TSS and restart keys from seeds.
	pub fn new(i: u8) -> Self {
		Self {
			operator: AccountId32::from([i; 32]),
			tss: sr25519::Pair::from_seed(&[i.wrapping_add(64); 32]),
			restart: sr25519::Pair::from_seed(&[i.wrapping_add(128); 32]),
			x25519: [i; 32],
		}
	}

	/// Its TSS account.
	pub fn account(&self) -> AccountId32 {
		AccountId32::from(self.tss.public().0)
	}

	/// Signs `payload` (blake2-256 of it) with the TSS key.
	pub fn sign(&self, payload: &[u8]) -> [u8; 64] {
		self.tss.sign(&blake2_256(payload)).0
	}

	fn evidence(&self) -> pallet_custos_registry::RegistrationEvidenceOf<Test> {
		let block = System::block_number() - 1;
		let incarnation =
			pallet_custos_attestation::Attestations::<Test>::get(self.account()).map_or(0, |r| r.incarnation + 1);
		let rd = ReportDataInput {
			context: ReportDataContext::Register,
			genesis_hash: Attestation::genesis_hash().into(),
			tss_account: self.tss.public().0,
			public_key: self.x25519,
			restart_key: self.restart.public().0,
			incarnation,
			block_number: block as u32,
			block_hash: block_hash_of(block).into(),
		}
		.report_data();
		QuoteEvidence {
			quote: quotes::dev_quote(&rd).try_into().expect("quote fits"),
			collateral: pallet_custos_attestation::QuoteCollateral::Dev,
			genesis_hash: Attestation::genesis_hash(),
			block_number: block,
			block_hash: block_hash_of(block),
		}
	}

	/// Registers through the registry (real quote verification).
	pub fn register(&self) {
		let info = pallet_custos_registry::ServerInfo {
			tss_account: self.account(),
			x25519_public_key: self.x25519,
			endpoint: b"http://127.0.0.1:1".to_vec().try_into().unwrap(),
			restart_key: self.restart.public().0,
		};
		assert_ok!(Registry::register(RuntimeOrigin::signed(self.operator.clone()), info, self.evidence()));
	}

	/// The operator unregisters this node's validator.
	pub fn leave(&self) {
		assert_ok!(Registry::leave(RuntimeOrigin::signed(self.operator.clone())));
	}

	/// Governance unregisters this node's validator (it will not come back).
	pub fn removed_by_governance(&self) {
		assert_ok!(Registry::remove_validator(RuntimeOrigin::root(), self.operator.clone()));
	}

	/// Restart attestation through the attestation pallet (real checks).
	pub fn restart(&self) {
		let record = pallet_custos_attestation::Attestations::<Test>::get(self.account()).expect("attested");
		self.restart_with_root([record.incarnation as u8 + 1; 32]);
	}

	/// Restart attestation whose quote binds `recovery` as its recovery keys root.
	pub fn restart_with_root(&self, recovery: [u8; 32]) {
		let record = pallet_custos_attestation::Attestations::<Test>::get(self.account()).expect("attested");
		let block = System::block_number() - 1;
		let rd = ReportDataInput {
			context: ReportDataContext::Restart,
			genesis_hash: Attestation::genesis_hash().into(),
			tss_account: self.tss.public().0,
			public_key: recovery,
			restart_key: self.restart.public().0,
			incarnation: record.incarnation + 1,
			block_number: block as u32,
			block_hash: block_hash_of(block).into(),
		}
		.report_data();
		let attestation = pallet_custos_attestation::RestartAttestation {
			tss_account: self.account(),
			incarnation: record.incarnation + 1,
			recovery_keys_root: recovery,
			evidence: QuoteEvidence {
				quote: quotes::dev_quote(&rd).try_into().unwrap(),
				collateral: pallet_custos_attestation::QuoteCollateral::Dev,
				genesis_hash: Attestation::genesis_hash(),
				block_number: block,
				block_hash: block_hash_of(block),
			},
		};
		let signature = self.restart.sign(&Attestation::restart_signing_payload(&attestation)).0;
		assert_ok!(Attestation::attest_restart(RuntimeOrigin::none(), attestation, signature));
	}
}

/// Builds externalities at block 2, 60 funded operators, dev trust, params n=3 t=2.
pub fn new_test_ext() -> TestState {
	let balances: Vec<(AccountId32, u64)> = (1..=60u8).map(|i| (AccountId32::from([i; 32]), 1_000)).collect();
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig { balances, ..Default::default() },
		registry: pallet_custos_registry::GenesisConfig { session_length: None },
		attestation: pallet_custos_attestation::GenesisConfig {
			accepted_measurements: vec![quotes::dev_measurement()],
			intel: None,
			dev_pck_keys: vec![quotes::dev_pck_public_key().to_vec()],
			td_policy: Default::default(),
			_config: Default::default(),
		},
		backups: crate::GenesisConfig {
			params: Some(crate::BackupParams { n: 3, t: 2, max_load: 4 }),
			_config: Default::default(),
		},
	}
	.build_storage()
	.expect("genesis builds");
	let mut ext = TestState::new(storage);
	ext.execute_with(|| run_to_block(2));
	ext
}

/// Deterministic hash of test block `n`.
pub fn block_hash_of(n: u64) -> H256 {
	H256::repeat_byte((n % 251) as u8 + 1)
}

/// Advances to block `n`, running the pallets' `on_initialize` in the runtime's order.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::initialize(&next, &block_hash_of(next - 1), &Default::default());
		<Attestation as Hooks<u64>>::on_initialize(next);
		<Registry as Hooks<u64>>::on_initialize(next);
		<Backups as Hooks<u64>>::on_initialize(next);
	}
}

/// Advances past the next session boundary (a multiple of `SessionLength`) to the block
/// after it, where the session's reassignments start (and, within the caps, end).
pub fn next_session() {
	let n = System::block_number();
	run_to_block((n / SessionLength::get() + 1) * SessionLength::get() + 1);
}

/// Runs only this pallet's hook, block after block, until the open reassignment round is
/// done; returns the weight each block used. For tests that drive the observer directly.
pub fn finish_round() -> Vec<Weight> {
	let mut used = Vec::new();
	while crate::Round::<Test>::exists() {
		assert!(used.len() < 10_000, "the round ends");
		let next = System::block_number() + 1;
		System::set_block_number(next);
		used.push(<Backups as Hooks<u64>>::on_initialize(next));
	}
	used
}
