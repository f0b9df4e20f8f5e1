//! Test runtime for the attestation pallet.

use crate as pallet_custos_attestation;
use crate::traits::{OnRestartAttested, TssServers};
use core::cell::RefCell;
use custos_primitives::mock as quotes;
use frame::deps::sp_core::{sr25519, Pair};
use frame::deps::sp_runtime::{AccountId32, BuildStorage};
use frame::testing_prelude::*;
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_construct_runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(RuntimeCall, RuntimeEvent, RuntimeError, RuntimeOrigin, RuntimeTask, RuntimeViewFunction)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system::Pallet<Test>;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp::Pallet<Test>;
	#[runtime::pallet_index(2)]
	pub type Attestation = pallet_custos_attestation::Pallet<Test>;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId32;
	type Lookup = frame::deps::sp_runtime::traits::IdentityLookup<AccountId32>;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

thread_local! {
	static SERVERS: RefCell<BTreeMap<AccountId32, [u8; 32]>> = RefCell::new(BTreeMap::new());
	static RESTARTS: RefCell<Vec<(AccountId32, u32)>> = RefCell::new(Vec::new());
}

/// Registered TSS servers of the test: account → restart key.
pub struct TestServers;
impl TssServers<AccountId32> for TestServers {
	fn restart_key(tss_account: &AccountId32) -> Option<[u8; 32]> {
		SERVERS.with(|s| s.borrow().get(tss_account).copied())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmark(tss_account: &AccountId32, restart_key: [u8; 32]) {
		SERVERS.with(|s| s.borrow_mut().insert(tss_account.clone(), restart_key));
	}
}

/// Records every restart the pallet reports.
pub struct RecordRestarts;
impl OnRestartAttested<AccountId32> for RecordRestarts {
	fn on_restart_attested(tss_account: &AccountId32, incarnation: u32) -> Weight {
		RESTARTS.with(|r| r.borrow_mut().push((tss_account.clone(), incarnation)));
		Weight::zero()
	}

	fn max_weight() -> Weight {
		Weight::zero()
	}
}

/// Restarts reported to `OnRestartAttested` so far.
pub fn reported_restarts() -> Vec<(AccountId32, u32)> {
	RESTARTS.with(|r| r.borrow().clone())
}

parameter_types! {
	pub const MaxQuoteAge: u64 = 10;
	pub const MinRestartInterval: u64 = 3;
	pub const MaxQuoteLen: u32 = 8 * 1024;
	pub const MaxCollateralLen: u32 = 64 * 1024;
	pub const MaxMeasurements: u32 = 3;
	pub const MaxDevPckKeys: u32 = 2;
	pub const Priority: u64 = 1 << 20;
}

impl crate::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId32>;
	type Servers = TestServers;
	type OnRestartAttested = RecordRestarts;
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
impl crate::traits::BenchmarkHelper for BenchmarkTime {
	fn set_unix_time(unix_secs: u64) {
		pallet_timestamp::Now::<Test>::put(unix_secs * 1_000);
	}
}

/// The benchmarks' externalities: the default builder's, with a keystore for the restart
/// keys the benchmarks sign with.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> TestState {
	use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
	let mut ext = ExtBuilder::default().build();
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext
}

/// A TSS server of the tests: account keypair, restart keypair, x25519 key.
pub struct Node {
	pub account: AccountId32,
	pub restart: sr25519::Pair,
	pub x25519: [u8; 32],
}

impl Node {
	/// A node derived from `seed`; registered with the test servers when `register`.
	pub fn new(seed: u8) -> Self {
		let account_pair = sr25519::Pair::from_seed(&[seed; 32]);
		let restart = sr25519::Pair::from_seed(&[seed.wrapping_add(100); 32]);
		Self { account: AccountId32::from(account_pair.public().0), restart, x25519: [seed; 32] }
	}

	/// Adds the node to the registered servers.
	pub fn register_server(&self) {
		SERVERS.with(|s| s.borrow_mut().insert(self.account.clone(), self.restart.public().0));
	}

	/// Its restart key, raw.
	pub fn restart_key(&self) -> [u8; 32] {
		self.restart.public().0
	}
}

/// The TD policy of the dev preset: the dev image's attributes exactly, its XFAM, and
/// all-zero MRCONFIGID, MROWNER and MROWNERCONFIG; RTMR3 not checked.
pub fn dev_td_policy() -> crate::TdPolicy {
	let zero = Some(crate::TdRegister([0; 48]));
	crate::TdPolicy {
		attributes_mask: u64::MAX,
		attributes_value: quotes::DEV_TD_ATTRIBUTES,
		xfam: Some(quotes::DEV_XFAM),
		mr_config_id: zero,
		mr_owner: zero,
		mr_owner_config: zero,
		rtmr3: None,
	}
}

/// Builds test externalities with the dev trust policy, the dev measurement and the dev
/// TD policy.
pub struct ExtBuilder {
	intel: Option<custos_primitives::IntelTrust>,
	dev_keys: Vec<Vec<u8>>,
	td_policy: crate::TdPolicy,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { intel: None, dev_keys: vec![quotes::dev_pck_public_key().to_vec()], td_policy: dev_td_policy() }
	}
}

impl ExtBuilder {
	/// Enables the Intel path with `trust`.
	pub fn intel(mut self, trust: custos_primitives::IntelTrust) -> Self {
		self.intel = Some(trust);
		self
	}

	/// Starts with `policy` as the TD policy.
	pub fn td_policy(mut self, policy: crate::TdPolicy) -> Self {
		self.td_policy = policy;
		self
	}

	/// Builds the externalities at block 1 with genesis recorded.
	pub fn build(self) -> TestState {
		SERVERS.with(|s| s.borrow_mut().clear());
		RESTARTS.with(|r| r.borrow_mut().clear());
		let storage = RuntimeGenesisConfig {
			system: Default::default(),
			attestation: crate::GenesisConfig {
				accepted_measurements: vec![quotes::dev_measurement()],
				intel: self.intel,
				dev_pck_keys: self.dev_keys,
				td_policy: self.td_policy,
				_config: Default::default(),
			},
		}
		.build_storage()
		.expect("genesis builds");
		let mut ext = TestState::new(storage);
		ext.execute_with(|| run_to_block(1));
		ext
	}
}

/// Deterministic hash of test block `n`.
pub fn block_hash_of(n: u64) -> H256 {
	H256::repeat_byte((n % 251) as u8 + 1)
}

/// Advances to block `n`, recording each parent's hash and running `on_initialize`.
pub fn run_to_block(n: u64) {
	while System::block_number() < n || (System::block_number() == 0 && n == 0) {
		let next = System::block_number() + 1;
		System::initialize(&next, &block_hash_of(next - 1), &Default::default());
		<Attestation as Hooks<u64>>::on_initialize(next);
		if next == n {
			break;
		}
	}
}
