//! # custos-node
//!
//! A Substrate node for the custos runtime: Aura block production (sr25519 keys), GRANDPA
//! finality (ed25519 keys), ParityDB storage, libp2p or litep2p networking, and the
//! standard JSON-RPC (plus `system_accountNextIndex` and the transaction-payment queries).
//!
//! The runtime it executes is always the committed wasm: `--chain dev` and `--chain local`
//! are the raw chain specs under `chain/artifacts/` (embedded at build time), and any
//! other `--chain` is a chain-spec file. The node never builds the wasm itself; the
//! `custos-runtime` crate only gives it the runtime's types and API declarations.
//!
//! Layout: [`cli`] the command line, [`command`] what each subcommand does, [`service`]
//! the full node (import queue, Aura, GRANDPA, network, RPC), [`rpc`] the extra RPC
//! methods, [`chain_spec`] the chain specs known by name.

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> polkadot_sdk::sc_cli::Result<()> {
	command::run()
}
