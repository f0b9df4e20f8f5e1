//! Shared test vectors: the TypeScript companion checks the same files
//! (`test/vectors.test.ts`). Run with `CUSTOS_WRITE_VECTORS=1` to regenerate them.

use custos_primitives::{mock, ReportDataContext, ReportDataInput};
use serde_json::{json, Value};
use std::path::PathBuf;

fn vectors_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-vectors/tdx.json")
}

fn filled(seed: u8) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = seed.wrapping_mul(31).wrapping_add(i as u8);
    }
    out
}

fn cases() -> Vec<ReportDataInput> {
    vec![
        ReportDataInput {
            context: ReportDataContext::Register,
            genesis_hash: filled(1),
            tss_account: filled(2),
            public_key: filled(3),
            restart_key: filled(4),
            incarnation: 0,
            block_number: 7,
            block_hash: filled(5),
        },
        ReportDataInput {
            context: ReportDataContext::Restart,
            genesis_hash: filled(1),
            tss_account: filled(2),
            public_key: filled(6),
            restart_key: filled(4),
            incarnation: 3,
            block_number: 4_000_000_000,
            block_hash: filled(7),
        },
    ]
}

fn to_json(input: &ReportDataInput) -> Value {
    let rd = input.report_data();
    json!({
        "context": match input.context { ReportDataContext::Register => "register", ReportDataContext::Restart => "restart" },
        "genesisHash": hex::encode(input.genesis_hash),
        "tssAccount": hex::encode(input.tss_account),
        "publicKey": hex::encode(input.public_key),
        "restartKey": hex::encode(input.restart_key),
        "incarnation": input.incarnation,
        "blockNumber": input.block_number,
        "blockHash": hex::encode(input.block_hash),
        "reportData": hex::encode(rd),
        "mockQuote": hex::encode(mock::dev_quote(&rd)),
    })
}

fn generated() -> Value {
    json!({
        "description": "custos TDX vectors: report-data binding and mock quotes (Rust primitives and TypeScript must agree)",
        "devPckSeed": String::from_utf8_lossy(mock::DEV_PCK_SEED),
        "devAttestationSeed": String::from_utf8_lossy(mock::DEV_ATTESTATION_SEED),
        "devPckPublicKey": hex::encode(mock::dev_pck_public_key()),
        "devMeasurement": hex::encode(mock::dev_measurement()),
        "cases": cases().iter().map(to_json).collect::<Vec<_>>(),
    })
}

#[test]
fn vectors_match_committed_file() {
    let expected = generated();
    if std::env::var("CUSTOS_WRITE_VECTORS").is_ok() {
        std::fs::create_dir_all(vectors_path().parent().unwrap()).unwrap();
        std::fs::write(vectors_path(), serde_json::to_string_pretty(&expected).unwrap() + "\n").unwrap();
    }
    let committed: Value =
        serde_json::from_slice(&std::fs::read(vectors_path()).expect("vectors file")).unwrap();
    assert_eq!(committed, expected);
}

#[test]
fn every_field_changes_the_report_data() {
    let base = cases()[0].clone();
    let reference = base.report_data();
    let mut variants = vec![];
    let mut v = base.clone(); v.context = ReportDataContext::Restart; variants.push(v);
    let mut v = base.clone(); v.genesis_hash[0] ^= 1; variants.push(v);
    let mut v = base.clone(); v.tss_account[31] ^= 1; variants.push(v);
    let mut v = base.clone(); v.public_key[5] ^= 1; variants.push(v);
    let mut v = base.clone(); v.restart_key[9] ^= 1; variants.push(v);
    let mut v = base.clone(); v.incarnation += 1; variants.push(v);
    let mut v = base.clone(); v.block_number += 1; variants.push(v);
    let mut v = base.clone(); v.block_hash[0] ^= 1; variants.push(v);
    for v in variants {
        assert_ne!(v.report_data(), reference, "{v:?}");
    }
}
