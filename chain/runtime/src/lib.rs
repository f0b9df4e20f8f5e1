//! # custos reference runtime
//!
//! A solo-chain runtime that wires the custos pallets to the FRAME pallets they need:
//! System, Timestamp (every block sets it), Aura (block production in 6 s slots) and
//! GRANDPA (finality), Balances, TransactionPayment, Sudo (the dev governance origin), a
//! randomness source, and custos' `Registry`, `Attestation` and `Backups`.
//!
//! A real node runs it with Aura and GRANDPA; Chopsticks runs it too (it writes the Aura
//! slot pre-digest of each block it builds, and treats every block as final). The Aura
//! and GRANDPA authority sets are fixed at genesis (the chain-spec presets): there is no
//! `pallet_session` yet, so changing them takes a runtime upgrade or a new chain; see
//! `docs/chain.md`.
//!
//! Layout: [`configs`] holds every `impl Config`, [`genesis`] the GenesisBuilder presets,
//! and `apis` the runtime APIs.
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` and `impl_runtime_apis` expand to items without docs.
#![allow(missing_docs)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

mod apis;
pub mod configs;
pub mod genesis;

use polkadot_sdk::{
	polkadot_sdk_frame::{self as frame, runtime::prelude::*},
	*,
};

/// Runtime version. Bump `spec_version` whenever the runtime logic changes.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("custos"),
	impl_name: alloc::borrow::Cow::Borrowed("custos"),
	authoring_version: 1,
	spec_version: 11,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Transaction extensions every signed transaction carries.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// The block type.
pub type Block = frame::runtime::types_common::BlockOf<Runtime, TxExtension>;
/// The header type.
pub type Header = HeaderFor<Runtime>;
/// Storage migrations run at the next runtime upgrade; each is versioned, so it does
/// nothing on a chain that is already past it.
pub type Migrations = (
	// Attestation v1 → v2: the TD policy, set to check nothing on chains created before it
	// (governance pins fields with `set_td_policy`; see the migration's docs).
	pallet_custos_attestation::migrations::MigrateV1ToV2<
		Runtime,
		pallet_custos_attestation::migrations::KeepAccepting,
	>,
	// Attestation v2 → v3: cached collateral without a signature memo is dropped (uploaded
	// again, it gets one).
	pallet_custos_attestation::migrations::MigrateV2ToV3<Runtime>,
	// Backups v2 → v3: escrow deposits counted per committee generation, so that a
	// committee replaced after the upgrade keeps serving them.
	pallet_custos_backups::migrations::MigrateV2ToV3<Runtime>,
);

/// Executes blocks against all pallets.
pub type RuntimeExecutive = Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_construct_runtime]
mod runtime {
	/// The runtime.
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	/// Accounts, blocks, events.
	#[runtime::pallet_index(0)]
	pub type System = frame_system::Pallet<Runtime>;

	/// On-chain time, set by an inherent every block.
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp::Pallet<Runtime>;

	/// Balances of operators (fees, bonds).
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances::Pallet<Runtime>;

	/// Fees for signed transactions.
	#[runtime::pallet_index(3)]
	pub type TransactionPayment = pallet_transaction_payment::Pallet<Runtime>;

	/// Dev governance: the sudo key acts as root.
	#[runtime::pallet_index(4)]
	pub type Sudo = pallet_sudo::Pallet<Runtime>;

	/// Randomness from recent block hashes (the backups pallet draws providers from it).
	#[runtime::pallet_index(5)]
	pub type Randomness = pallet_insecure_randomness_collective_flip::Pallet<Runtime>;

	/// Block production: the Aura authorities (fixed at genesis) and the current slot.
	#[runtime::pallet_index(6)]
	pub type Aura = pallet_aura::Pallet<Runtime>;

	/// Finality: the GRANDPA authority set (fixed at genesis) and its set id.
	#[runtime::pallet_index(7)]
	pub type Grandpa = pallet_grandpa::Pallet<Runtime>;

	/// custos: validators and their TSS servers; sessions.
	#[runtime::pallet_index(10)]
	pub type Registry = pallet_custos_registry::Pallet<Runtime>;

	/// custos: trust policy, measurements, attestations, fee-free restarts.
	#[runtime::pallet_index(11)]
	pub type Attestation = pallet_custos_attestation::Pallet<Runtime>;

	/// custos: provider assignments, epochs, confirmations, release receipts.
	#[runtime::pallet_index(12)]
	pub type Backups = pallet_custos_backups::Pallet<Runtime>;
}

frame::deps::sp_runtime::impl_opaque_keys! {
	/// The keys a validator's node signs with: Aura (sr25519) for the blocks it authors,
	/// GRANDPA (ed25519) for its finality votes. `author_rotateKeys` generates both in
	/// the node's keystore and returns them SCALE-encoded in this order.
	pub struct SessionKeys {
		/// Aura block authoring key (key type `aura`).
		pub aura: Aura,
		/// GRANDPA finality key (key type `gran`).
		pub grandpa: Grandpa,
	}
}

/// Types the node and tooling need to know.
pub mod interface {
	use super::Runtime;
	use polkadot_sdk::{polkadot_sdk_frame as frame, *};

	/// The block type.
	pub type Block = super::Block;
	pub use frame::runtime::types_common::OpaqueBlock;
	/// Account id (sr25519 public key).
	pub type AccountId = <Runtime as frame_system::Config>::AccountId;
	/// Account nonce.
	pub type Nonce = <Runtime as frame_system::Config>::Nonce;
	/// Block hash.
	pub type Hash = <Runtime as frame_system::Config>::Hash;
	/// Balance.
	pub type Balance = <Runtime as pallet_balances::Config>::Balance;
	/// Block number.
	pub type BlockNumber = frame::deps::frame_system::pallet_prelude::BlockNumberFor<Runtime>;
	/// Aura authority id (sr25519).
	pub type AuraId = sp_consensus_aura::sr25519::AuthorityId;
	/// GRANDPA authority id (ed25519).
	pub type GrandpaId = sp_consensus_grandpa::AuthorityId;
	pub use super::SessionKeys;
	/// Milliseconds per Aura slot.
	pub use crate::configs::SLOT_DURATION_MS;
	/// The runtime APIs, as a node's client names them (`TFullClient<OpaqueBlock, RuntimeApi, _>`).
	#[cfg(feature = "std")]
	pub use crate::apis::RuntimeApi;
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame::deps::frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	use frame::deps::sp_runtime::{traits::Header as _, Digest, DigestItem, KeyTypeId, RuntimeAppPublic};
	use frame::deps::{codec::Encode, sp_core::H256};
	use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
	use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

	/// The externalities of the `local_testnet` preset's genesis.
	fn local_testnet() -> frame::deps::sp_io::TestExternalities {
		let patch = genesis::get_preset(&genesis::LOCAL_TESTNET_PRESET.into()).expect("preset");
		let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("json");
		genesis::tests::merge(&mut config, serde_json::from_slice(&patch).expect("json"));
		let mut ext = frame::deps::sp_io::TestExternalities::default();
		ext.execute_with(|| {
			frame::deps::frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(
				serde_json::to_vec(&config).expect("json"),
			)
			.expect("preset builds");
		});
		ext
	}

	#[test]
	fn session_keys_are_aura_then_grandpa() {
		let keys = SessionKeys {
			aura: Sr25519Keyring::Alice.public().into(),
			grandpa: Ed25519Keyring::Alice.public().into(),
		};
		assert_eq!(
			SessionKeys::decode_into_raw_public_keys(&keys.encode()),
			Some(vec![
				(keys.aura.to_raw_vec(), KeyTypeId(*b"aura")),
				(keys.grandpa.to_raw_vec(), KeyTypeId(*b"gran")),
			])
		);
		assert_eq!(SessionKeys::decode_into_raw_public_keys(&[0u8; 3]), None);
	}

	#[test]
	fn aura_slots_are_six_seconds_and_timestamps_follow_them() {
		local_testnet().execute_with(|| {
			assert_eq!(Aura::slot_duration(), 6_000);
			assert_eq!(<Runtime as pallet_timestamp::Config>::MinimumPeriod::get() * 2, Aura::slot_duration());
		});
	}

	/// A local network with faster blocks writes the slot duration into its genesis storage
	/// (the raw chain spec); Aura, the timestamp's minimum period and the `AuraApi` follow it.
	#[test]
	fn genesis_can_set_the_slot_duration_under_its_well_known_key() {
		local_testnet().execute_with(|| {
			let key = frame::deps::sp_io::hashing::twox_128(b":SlotDurationMs:");
			assert_eq!(configs::SlotDurationMs::key(), key);
			frame::deps::sp_io::storage::set(&key, &1_000u64.encode());
			assert_eq!(Aura::slot_duration(), 1_000);
			assert_eq!(<Runtime as pallet_timestamp::Config>::MinimumPeriod::get(), 500);
		});
	}

	/// What Chopsticks and an Aura node both do: a block whose pre-digest claims slot `s`
	/// and whose timestamp lies in `s` is accepted, and `CurrentSlot` follows.
	#[test]
	fn a_block_in_its_timestamps_slot_is_accepted() {
		local_testnet().execute_with(|| {
			let slot = Slot::from(1_000_003u64);
			let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
			let header = Header::new(1, H256::zero(), H256::zero(), System::parent_hash(), digest);
			RuntimeExecutive::initialize_block(&header);
			assert_eq!(pallet_aura::CurrentSlot::<Runtime>::get(), slot);
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
			// 1_000_003 % 4 = 3: Dave's slot.
			assert_eq!(
				pallet_aura::Authorities::<Runtime>::get()[3],
				Sr25519Keyring::Dave.public().into()
			);
			pallet_timestamp::Pallet::<Runtime>::set(RuntimeOrigin::none(), *slot * 6_000 + 1)
				.expect("timestamp in the slot");
		});
	}

	#[test]
	#[should_panic(expected = "Timestamp slot must match `CurrentSlot`")]
	fn a_timestamp_outside_the_claimed_slot_is_refused() {
		local_testnet().execute_with(|| {
			let slot = Slot::from(1_000_003u64);
			let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
			let header = Header::new(1, H256::zero(), H256::zero(), System::parent_hash(), digest);
			RuntimeExecutive::initialize_block(&header);
			let _ = pallet_timestamp::Pallet::<Runtime>::set(RuntimeOrigin::none(), (*slot + 1) * 6_000);
		});
	}

	#[test]
	fn grandpa_starts_with_set_zero_of_the_preset_authorities() {
		local_testnet().execute_with(|| {
			assert_eq!(Grandpa::current_set_id(), 0);
			assert_eq!(Grandpa::grandpa_authorities().len(), 4);
		});
	}

	#[test]
	fn migrations_bring_a_v1_attestation_pallet_to_v3_once() {
		frame::deps::sp_io::TestExternalities::default().execute_with(|| {
			StorageVersion::new(1).put::<Attestation>();
			assert!(!pallet_custos_attestation::ActiveTdPolicy::<Runtime>::exists());
			Migrations::on_runtime_upgrade();
			assert_eq!(Attestation::on_chain_storage_version(), StorageVersion::new(3));
			assert_eq!(Attestation::on_chain_storage_version(), Attestation::in_code_storage_version());
			assert!(pallet_custos_attestation::ActiveTdPolicy::<Runtime>::exists());
			assert_eq!(
				pallet_custos_attestation::ActiveTdPolicy::<Runtime>::get(),
				pallet_custos_attestation::TdPolicy::default()
			);
		});
	}

	/// Every custos call is charged its bound before it runs (the observers' most, a draw
	/// scanning the largest pool for every slot, the largest quote and collateral, an
	/// upload of the largest collateral); each
	/// bound must fit one normal-class extrinsic, or the call could never be included.
	#[test]
	fn worst_case_call_weights_fit_a_block() {
		use frame::deps::frame_support::dispatch::{DispatchClass, GetDispatchInfo};
		use frame::deps::sp_runtime::AccountId32;
		let max = configs::RuntimeBlockWeights::get()
			.get(DispatchClass::Normal)
			.max_extrinsic
			.expect("a normal-class limit");
		let bytes = |n: u32| vec![0u8; n as usize];
		let evidence = || pallet_custos_attestation::QuoteEvidence {
			quote: bytes(configs::MaxQuoteLen::get()).try_into().expect("fits"),
			collateral: pallet_custos_attestation::QuoteCollateral::Intel(
				bytes(configs::MaxCollateralLen::get()).try_into().expect("fits"),
			),
			genesis_hash: H256::zero(),
			block_number: 1,
			block_hash: H256::zero(),
		};
		let who = AccountId32::new([1; 32]);
		let calls = [
			RuntimeCall::Registry(pallet_custos_registry::Call::register {
				server: pallet_custos_registry::ServerInfo {
					tss_account: who.clone(),
					x25519_public_key: [0; 32],
					endpoint: bytes(configs::MaxEndpointLen::get()).try_into().expect("fits"),
					restart_key: [0; 32],
				},
				evidence: evidence(),
			}),
			RuntimeCall::Registry(pallet_custos_registry::Call::leave {}),
			RuntimeCall::Attestation(pallet_custos_attestation::Call::attest_restart {
				attestation: pallet_custos_attestation::RestartAttestation {
					tss_account: who.clone(),
					incarnation: 1,
					recovery_keys_root: [0; 32],
					evidence: evidence(),
				},
				signature: [0; 64],
			}),
			RuntimeCall::Attestation(pallet_custos_attestation::Call::upload_collateral {
				quote: bytes(configs::MaxQuoteLen::get()).try_into().expect("fits"),
				collateral: bytes(configs::MaxCollateralLen::get()).try_into().expect("fits"),
			}),
			RuntimeCall::Sudo(pallet_sudo::Call::sudo {
				call: Box::new(RuntimeCall::Backups(pallet_custos_backups::Call::force_reassign { owner: who.clone() })),
			}),
			RuntimeCall::Backups(pallet_custos_backups::Call::confirm_epoch {
				owner: who.clone(),
				epoch: 1,
				store_version: 1,
				acks: vec![
					pallet_custos_backups::Acknowledgement {
						provider: who.clone(),
						provider_incarnation: 0,
						share_commitment: [0; 32],
						signature: [0; 64],
					};
					configs::MaxProviders::get() as usize
				]
				.try_into()
				.expect("fits"),
				signature: [0; 64],
			}),
		];
		for call in calls {
			let weight = call.get_dispatch_info().total_weight();
			assert!(weight.all_lte(max), "{call:?} weighs {weight:?}, more than {max:?}");
		}
	}
}

/// The pallets the `Benchmark` API serves (feature `runtime-benchmarks`, see `apis.rs`).
/// Declared last so that a default build's code keeps its source positions.
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
