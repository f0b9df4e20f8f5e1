//! Chain specs the node knows by name: the committed raw specs of the runtime's presets.
//!
//! They are raw (storage already built, `:code` = the committed wasm), so the node runs
//! exactly the runtime Chopsticks and the tests run, and the genesis hash is the one the
//! companions bind their signatures to.

use polkadot_sdk::sc_service;

/// A chain spec without extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// `chain/artifacts/chain-spec-development.raw.json`: one authority, Alice.
const DEVELOPMENT: &[u8] = include_bytes!("../../artifacts/chain-spec-development.raw.json");
/// `chain/artifacts/chain-spec-local_testnet.raw.json`: Alice, Bob, Charlie and Dave.
const LOCAL_TESTNET: &[u8] = include_bytes!("../../artifacts/chain-spec-local_testnet.raw.json");

/// The spec named `id`: `dev`/`development`, `local`/`local_testnet`, or a file path.
pub fn load(id: &str) -> Result<ChainSpec, String> {
	match id {
		"dev" | "development" => ChainSpec::from_json_bytes(DEVELOPMENT),
		"" | "local" | "local_testnet" => ChainSpec::from_json_bytes(LOCAL_TESTNET),
		path => ChainSpec::from_json_file(std::path::PathBuf::from(path)),
	}
}
