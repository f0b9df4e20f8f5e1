//! The memo of collateral signatures on real Intel fixtures: what an upload records, how
//! much of a quote's verification it saves, and that it vouches for nothing else.

mod common;

use common::*;
use custos_primitives::signature_memo::{blake2_256, MemoScope, SignatureDigest};
use custos_primitives::{
    verify_collateral_with_memo, verify_intel_quote_with_evaluation, verify_intel_quote_with_memo,
    IntelTrust, QuoteCollateralV3, QuoteError,
};

const STRICT: IntelTrust = IntelTrust {
    accept_sw_hardening_needed: false,
    accept_configuration_needed: false,
    accept_out_of_date: false,
};

struct Fixture {
    quote: Vec<u8>,
    json: Vec<u8>,
    collateral: QuoteCollateralV3,
    now: u64,
}

fn fixture_set() -> Fixture {
    let json = fixture("tdx_quote_collateral.json");
    let collateral = serde_json::from_slice(&json).unwrap();
    let now = tcb_info_window(&json).0 + 86_400;
    Fixture { quote: fixture("tdx_quote"), json, collateral, now }
}

fn record(f: &Fixture, scope: MemoScope) -> Vec<SignatureDigest> {
    verify_collateral_with_memo(&f.quote, &scale_collateral(&f.json), f.now, scope, blake2_256)
        .expect("genuine collateral verifies")
        .1
}

#[test]
fn an_upload_records_the_bundles_signatures_and_the_pck_ca_certificate() {
    let f = fixture_set();
    // TCB signing certificate, TCB info, QE identity, root CRL, PCK CRL: the bundle's own
    // signatures (the TCB signing chain and the QE identity chain are the same certificate).
    let bundle = record(&f, MemoScope::Bundle);
    assert_eq!(bundle.len(), 5, "{bundle:?}");
    let with_ca = record(&f, MemoScope::BundleAndPckCa);
    assert_eq!(with_ca.len(), 6);
    assert!(bundle.iter().all(|digest| with_ca.contains(digest)));
}

#[test]
fn a_quote_pays_only_for_its_own_signatures() {
    let f = fixture_set();
    let (plain, all) = verify_intel_quote_with_memo(&f.quote, &f.collateral, f.now, &STRICT, &[], blake2_256);
    let (bundle, anew_bundle) = verify_intel_quote_with_memo(
        &f.quote,
        &f.collateral,
        f.now,
        &STRICT,
        &record(&f, MemoScope::Bundle),
        blake2_256,
    );
    let (with_ca, anew_with_ca) = verify_intel_quote_with_memo(
        &f.quote,
        &f.collateral,
        f.now,
        &STRICT,
        &record(&f, MemoScope::BundleAndPckCa),
        blake2_256,
    );
    // PCK CA certificate, PCK leaf, QE report, quote.
    assert_eq!(anew_bundle, 4);
    assert_eq!(anew_with_ca, 3);
    // Without a memo every signature is verified: the bundle's five, the PCK CA certificate
    // and the quote's three.
    assert_eq!(all, 9);
    let expected = verify_intel_quote_with_evaluation(&f.quote, &f.collateral, f.now, &STRICT).unwrap();
    for result in [plain, bundle, with_ca] {
        let (summary, evaluation) = result.expect("verifies with and without a memo");
        assert_eq!(summary.report_data, expected.0.report_data);
        assert_eq!(evaluation, expected.1);
    }
}

#[test]
fn a_memo_does_not_vouch_for_a_changed_quote() {
    let f = fixture_set();
    let memo = record(&f, MemoScope::BundleAndPckCa);
    // The quote's body (its report data) changed after signing: the quote signature is not
    // in the memo, so it is verified and fails.
    let mut tampered = f.quote.clone();
    tampered[48 + 520] ^= 1;
    let (result, _) = verify_intel_quote_with_memo(&tampered, &f.collateral, f.now, &STRICT, &memo, blake2_256);
    assert_eq!(result.unwrap_err(), QuoteError::IntelVerificationFailed);
}

#[test]
fn a_memo_does_not_vouch_for_a_changed_bundle() {
    let f = fixture_set();
    let memo = record(&f, MemoScope::BundleAndPckCa);
    let mut value: serde_json::Value = serde_json::from_slice(&f.json).unwrap();
    let raised = value["tcb_info"]
        .as_str()
        .unwrap()
        .replace("\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":99");
    value["tcb_info"] = serde_json::Value::String(raised);
    let changed: QuoteCollateralV3 = serde_json::from_value(value).unwrap();
    let (result, _) = verify_intel_quote_with_memo(&f.quote, &changed, f.now, &STRICT, &memo, blake2_256);
    assert_eq!(result.unwrap_err(), QuoteError::IntelVerificationFailed);
}

#[test]
fn a_memo_changes_no_other_check() {
    let f = fixture_set();
    let memo = record(&f, MemoScope::BundleAndPckCa);
    // Past the bundle's window the recalled signatures do not help: the dates still count.
    let (_, next_update) = tcb_info_window(&f.json);
    let (result, _) =
        verify_intel_quote_with_memo(&f.quote, &f.collateral, next_update + 1, &STRICT, &memo, blake2_256);
    assert_eq!(result.unwrap_err(), QuoteError::IntelVerificationFailed);
}
