//! Helpers shared by the primitives' integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The folder of real Intel TDX fixtures (`../shared/fixtures/tdx` beside the repository),
/// or `CUSTOS_TDX_FIXTURES` when set.
pub fn fixtures_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("CUSTOS_TDX_FIXTURES") {
        return PathBuf::from(dir);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/tdx")
}

/// Reads a fixture file.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = fixtures_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading fixture {}: {e}", path.display()))
}

/// Reads a hex fixture (optional 0x prefix, surrounding whitespace ignored).
pub fn hex_fixture(name: &str) -> Vec<u8> {
    let text = String::from_utf8(fixture(name)).expect("hex fixture is text");
    let text = text.trim().trim_start_matches("0x");
    hex::decode(text).expect("hex fixture decodes")
}

/// UNIX seconds of an RFC 3339 `YYYY-MM-DDTHH:MM:SSZ` timestamp.
pub fn unix_secs(ts: &str) -> u64 {
    custos_primitives::parse_intel_timestamp(ts).expect("an Intel timestamp")
}

/// The `issueDate` and `nextUpdate` (UNIX seconds) of a collateral's TCB info.
pub fn tcb_info_window(collateral_json: &[u8]) -> (u64, u64) {
    let outer: serde_json::Value = serde_json::from_slice(collateral_json).expect("collateral json");
    let tcb_info: serde_json::Value =
        serde_json::from_str(outer["tcb_info"].as_str().expect("tcb_info string")).expect("tcb json");
    (
        unix_secs(tcb_info["issueDate"].as_str().expect("issueDate")),
        unix_secs(tcb_info["nextUpdate"].as_str().expect("nextUpdate")),
    )
}

/// SCALE-encodes a collateral JSON file the way the chain takes it.
pub fn scale_collateral(collateral_json: &[u8]) -> Vec<u8> {
    use codec::Encode;
    let collateral: dcap_qvl::QuoteCollateralV3 =
        serde_json::from_slice(collateral_json).expect("collateral decodes");
    collateral.encode()
}
