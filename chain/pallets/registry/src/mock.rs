//! Test runtime for the registry pallet, with the real attestation pallet behind it.

use crate as pallet_custos_registry;
use crate::traits::{ActiveValidator, ValidatorObserver};
use core::cell::RefCell;
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
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
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
	pub const MaxValidators: u32 = 4;
	pub const MaxEndpointLen: u32 = 64;
	pub const DefaultSessionLength: u64 = 5;
	pub const MaxQuoteAge: u64 = 10;
	pub const MinRestartInterval: u64 = 1;
	pub const MaxMeasurements: u32 = 4;
	pub const MaxDevPckKeys: u32 = 2;
	pub const Priority: u64 = 1;
	/// The test observer's largest active set (`ValidatorObserver::max_active`); a test
	/// lowers it below `MaxValidators` to see the integrity test refuse the config.
	pub static ObserverMaxActive: u32 = 4;
}

impl pallet_custos_attestation::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId32>;
	type Servers = Registry;
	type OnRestartAttested = ();
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

thread_local! {
	static SESSIONS: RefCell<Vec<(u32, Vec<AccountId32>, Vec<AccountId32>, Vec<AccountId32>)>> = RefCell::new(Vec::new());
	static REGISTRATIONS: RefCell<Vec<(bool, ActiveValidator<AccountId32>)>> = RefCell::new(Vec::new());
}

/// Records every change the pallet reports.
pub struct RecordChanges;
impl ValidatorObserver<AccountId32> for RecordChanges {
	fn on_registered(v: &ActiveValidator<AccountId32>) -> Weight {
		REGISTRATIONS.with(|r| r.borrow_mut().push((true, v.clone())));
		OBSERVER_WEIGHT
	}
	fn on_left(v: &ActiveValidator<AccountId32>) -> Weight {
		REGISTRATIONS.with(|r| r.borrow_mut().push((false, v.clone())));
		OBSERVER_WEIGHT
	}
	fn on_active_set_changed(
		session: u32,
		active: &[ActiveValidator<AccountId32>],
		entered: &[ActiveValidator<AccountId32>],
		left: &[ActiveValidator<AccountId32>],
	) -> Weight {
		let ops = |vs: &[ActiveValidator<AccountId32>]| vs.iter().map(|v| v.operator.clone()).collect();
		SESSIONS.with(|s| s.borrow_mut().push((session, ops(active), ops(entered), ops(left))));
		OBSERVER_WEIGHT
	}
	fn max_registered_weight() -> Weight {
		OBSERVER_WEIGHT.saturating_mul(3)
	}
	fn max_left_weight() -> Weight {
		OBSERVER_WEIGHT.saturating_mul(3)
	}
	fn max_active() -> u32 {
		ObserverMaxActive::get()
	}
	fn max_active_set_changed_weight() -> Weight {
		OBSERVER_WEIGHT.saturating_mul(3)
	}
}

/// What the test observer says each change cost (its bound is three times that), so tests
/// can see the registry charge and refund it.
pub const OBSERVER_WEIGHT: Weight = Weight::from_parts(1_000_000, 100);

/// Session changes reported so far: (index, active, entered, left) operators.
pub fn reported_sessions() -> Vec<(u32, Vec<AccountId32>, Vec<AccountId32>, Vec<AccountId32>)> {
	SESSIONS.with(|s| s.borrow().clone())
}

/// Registrations (true) and departures (false) reported so far.
pub fn reported_registrations() -> Vec<(bool, ActiveValidator<AccountId32>)> {
	REGISTRATIONS.with(|r| r.borrow().clone())
}

impl crate::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type ValidatorBond = Bond;
	type Attestation = Attestation;
	type Observer = RecordChanges;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId32>;
	type MaxValidators = MaxValidators;
	type MaxEndpointLen = MaxEndpointLen;
	type MaxQuoteLen = MaxQuoteLen;
	type MaxCollateralLen = MaxCollateralLen;
	type DefaultSessionLength = DefaultSessionLength;
	type WeightInfo = ();
}

/// An operator account funded at genesis, by index.
pub fn operator(i: u8) -> AccountId32 {
	AccountId32::from([i; 32])
}

/// Funds every operator 1..=9 gets at genesis; operator 9 gets too little for the bond.
pub const FUNDS: u64 = 1_000;

/// A validator's TSS server keys, from a seed.
pub struct Server {
	pub tss: AccountId32,
	pub x25519: [u8; 32],
	pub restart: sr25519::Pair,
}

impl Server {
	pub fn new(seed: u8) -> Self {
		let tss = sr25519::Pair::from_seed(&[seed; 32]);
		Self {
			tss: AccountId32::from(tss.public().0),
			x25519: [seed.wrapping_add(50); 32],
			restart: sr25519::Pair::from_seed(&[seed.wrapping_add(100); 32]),
		}
	}

	pub fn info(&self, endpoint: &str) -> crate::ServerInfoOf<Test> {
		crate::ServerInfo {
			tss_account: self.tss.clone(),
			x25519_public_key: self.x25519,
			endpoint: endpoint.as_bytes().to_vec().try_into().expect("endpoint fits"),
			restart_key: self.restart.public().0,
		}
	}

	/// Evidence for registering this server now, with a correct dev quote.
	pub fn evidence(&self, incarnation: u32) -> crate::RegistrationEvidenceOf<Test> {
		let block = System::block_number() - 1;
		let rd = ReportDataInput {
			context: ReportDataContext::Register,
			genesis_hash: Attestation::genesis_hash().into(),
			tss_account: self.tss.clone().into(),
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
}

/// Builds externalities at block 1: operators 1..=8 funded, 9 nearly broke.
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build() -> TestState {
		SESSIONS.with(|s| s.borrow_mut().clear());
		REGISTRATIONS.with(|r| r.borrow_mut().clear());
		let mut balances: Vec<(AccountId32, u64)> = (1..=8).map(|i| (operator(i), FUNDS)).collect();
		balances.push((operator(9), 50));
		let storage = RuntimeGenesisConfig {
			system: Default::default(),
			balances: pallet_balances::GenesisConfig { balances, ..Default::default() },
			registry: crate::GenesisConfig { session_length: None },
			attestation: pallet_custos_attestation::GenesisConfig {
				accepted_measurements: vec![quotes::dev_measurement()],
				intel: None,
				dev_pck_keys: vec![quotes::dev_pck_public_key().to_vec()],
				td_policy: Default::default(),
				_config: Default::default(),
			},
		}
		.build_storage()
		.expect("genesis builds");
		let mut ext = TestState::new(storage);
		ext.execute_with(|| run_to_block(2));
		ext
	}
}

/// Deterministic hash of test block `n`.
pub fn block_hash_of(n: u64) -> H256 {
	H256::repeat_byte((n % 251) as u8 + 1)
}

/// Advances to block `n`, running both pallets' `on_initialize`.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::initialize(&next, &block_hash_of(next - 1), &Default::default());
		<Attestation as Hooks<u64>>::on_initialize(next);
		<Registry as Hooks<u64>>::on_initialize(next);
	}
}
