//! # custos reference runtime
//!
//! A solo-chain runtime that wires the custos pallets to the FRAME pallets they need:
//! System, Timestamp (every block sets it), Balances, TransactionPayment, Sudo (the dev
//! governance origin), a randomness source, and custos' `Registry`, `Attestation` and
//! `Backups`.
//! It serves the Aura slot duration (6 s) so block producers and Chopsticks agree on time.
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
	spec_version: 3,
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
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame::deps::frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	#[test]
	fn migrations_bring_a_v1_attestation_pallet_to_v2_once() {
		frame::deps::sp_io::TestExternalities::default().execute_with(|| {
			StorageVersion::new(1).put::<Attestation>();
			assert!(!pallet_custos_attestation::ActiveTdPolicy::<Runtime>::exists());
			Migrations::on_runtime_upgrade();
			assert_eq!(Attestation::on_chain_storage_version(), StorageVersion::new(2));
			assert_eq!(Attestation::on_chain_storage_version(), Attestation::in_code_storage_version());
			assert!(pallet_custos_attestation::ActiveTdPolicy::<Runtime>::exists());
			assert_eq!(
				pallet_custos_attestation::ActiveTdPolicy::<Runtime>::get(),
				pallet_custos_attestation::TdPolicy::default()
			);
		});
	}
}
