//! RPC methods beyond the standard set `sc-service` serves (`chain_*`, `state_*`,
//! `author_*`, `system_*`, the new `chainHead_v1`/`transaction_v1` families):
//! `system_accountNextIndex` (the nonce a client signs with, counting the pool) and
//! `payment_queryInfo`/`payment_queryFeeDetails`.

use custos_runtime::interface::{AccountId, Balance, Hash, Nonce, OpaqueBlock as Block};
use jsonrpsee::RpcModule;
use polkadot_sdk::{
	pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer},
	pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo,
	sp_weights::Weight,
	sc_transaction_pool_api::TransactionPool,
	sp_api::{CallApiAt, ProvideRuntimeApi},
	sp_block_builder::BlockBuilder,
	sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata},
	substrate_frame_rpc_system::{System, SystemApiServer},
};
use std::sync::Arc;

/// What the RPC methods need.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
}

/// The extra RPC methods, merged into one module.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ CallApiAt<Block>
		+ Send
		+ Sync
		+ 'static,
	C::Api: polkadot_sdk::frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce>
		+ polkadot_sdk::pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	let mut module = RpcModule::new(());
	let FullDeps { client, pool } = deps;
	module.merge(SystemApiServer::<Hash, AccountId, Nonce>::into_rpc(
		System::<_, _, Block>::new(client.clone(), pool),
	))?;
	module.merge(
		TransactionPaymentApiServer::<Hash, RuntimeDispatchInfo<Balance, Weight>>::into_rpc(
			TransactionPayment::<_, Block>::new(client),
		),
	)?;
	Ok(module)
}
