//! The memo of collateral signatures on real Intel fixtures: what an upload records, how
//! much of a quote's verification it saves, and that it vouches for nothing else.

mod common;

use common::*;
use custos_primitives::signature_memo::{blake2_256, MemoScope, RecordedMemo, SignatureDigest, QUOTE_OWN_SIGNATURES};
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

fn recorded(f: &Fixture, quote: &[u8], scope: MemoScope) -> RecordedMemo {
    verify_collateral_with_memo(quote, &scale_collateral(&f.json), f.now, scope, blake2_256)
        .expect("genuine collateral verifies")
        .1
}

/// The memo as the chain keeps it: both kinds of digests in one list.
fn record(f: &Fixture, scope: MemoScope) -> Vec<SignatureDigest> {
    let memo = recorded(f, &f.quote, scope);
    memo.bundle.into_iter().chain(memo.pck_ca).collect()
}

#[test]
fn an_upload_records_the_bundles_signatures_and_the_pck_ca_certificate() {
    let f = fixture_set();
    // TCB signing certificate, TCB info, QE identity, root CRL, PCK CRL: the bundle's own
    // signatures (the TCB signing chain and the QE identity chain are the same certificate).
    let bundle = recorded(&f, &f.quote, MemoScope::Bundle);
    assert_eq!(bundle.bundle.len(), 5, "{bundle:?}");
    assert!(bundle.pck_ca.is_empty());
    let with_ca = recorded(&f, &f.quote, MemoScope::BundleAndPckCa);
    assert_eq!(with_ca.bundle, bundle.bundle);
    assert_eq!(with_ca.pck_ca.len(), 1);
}

#[test]
fn a_quote_pays_only_for_its_own_signatures() {
    let f = fixture_set();
    let (plain, all) = verify_intel_quote_with_memo(&f.quote, &f.collateral, f.now, &STRICT, &[], None, blake2_256);
    let (bundle, anew_bundle) = verify_intel_quote_with_memo(
        &f.quote,
        &f.collateral,
        f.now,
        &STRICT,
        &record(&f, MemoScope::Bundle),
        None,
        blake2_256,
    );
    let (with_ca, anew_with_ca) = verify_intel_quote_with_memo(
        &f.quote,
        &f.collateral,
        f.now,
        &STRICT,
        &record(&f, MemoScope::BundleAndPckCa),
        Some(QUOTE_OWN_SIGNATURES),
        blake2_256,
    );
    // PCK CA certificate, PCK leaf, QE report, quote.
    assert_eq!(anew_bundle.verified_anew, 4);
    assert_eq!(anew_with_ca.verified_anew, 3);
    assert!(!anew_with_ca.budget_exhausted);
    // Without a memo every signature is verified: the bundle's five, the PCK CA certificate
    // and the quote's three.
    assert_eq!(all.verified_anew, 9);
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
    let (result, _) = verify_intel_quote_with_memo(&tampered, &f.collateral, f.now, &STRICT, &memo, Some(QUOTE_OWN_SIGNATURES), blake2_256);
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
    let (result, _) = verify_intel_quote_with_memo(&f.quote, &changed, f.now, &STRICT, &memo, Some(QUOTE_OWN_SIGNATURES), blake2_256);
    assert_eq!(result.unwrap_err(), QuoteError::IntelVerificationFailed);
}

#[test]
fn a_memo_changes_no_other_check() {
    let f = fixture_set();
    let memo = record(&f, MemoScope::BundleAndPckCa);
    // Past the bundle's window the recalled signatures do not help: the dates still count.
    let (_, next_update) = tcb_info_window(&f.json);
    let (result, _) =
        verify_intel_quote_with_memo(&f.quote, &f.collateral, next_update + 1, &STRICT, &memo, Some(QUOTE_OWN_SIGNATURES), blake2_256);
    assert_eq!(result.unwrap_err(), QuoteError::IntelVerificationFailed);
}

/// Where the quote's PCK certificate chain (PEM) starts: after the header, the TD report,
/// the signature data length, the quote signature and attestation key, the outer
/// certification data header, the QE report and its signature, and the QE authentication
/// data with the inner certification data header.
fn pck_chain_at(quote: &[u8]) -> usize {
    let auth_len_at = 48 + 584 + 4 + 64 + 64 + 6 + 384 + 64;
    let auth_len = u16::from_le_bytes([quote[auth_len_at], quote[auth_len_at + 1]]) as usize;
    auth_len_at + 2 + auth_len + 6
}

fn add_to_u32(quote: &mut [u8], at: usize, delta: i64) {
    let value = u32::from_le_bytes(quote[at..at + 4].try_into().unwrap()) as i64 + delta;
    quote[at..at + 4].copy_from_slice(&(value as u32).to_le_bytes());
}

/// The DER certificates of the quote's PCK chain, leaf first.
fn pck_chain(quote: &[u8]) -> Vec<Vec<u8>> {
    let at = pck_chain_at(quote);
    let len = u32::from_le_bytes(quote[at - 4..at].try_into().unwrap()) as usize;
    pem::parse_many(&quote[at..at + len]).unwrap().into_iter().map(|p| p.into_contents()).collect()
}

/// The quote with its PCK chain replaced by `certificates` (PEM), every length that
/// encloses the chain adjusted. The chain is not signed, so the quote stays genuine.
fn with_pck_chain(quote: &[u8], certificates: &[Vec<u8>]) -> Vec<u8> {
    let at = pck_chain_at(quote);
    let old = u32::from_le_bytes(quote[at - 4..at].try_into().unwrap()) as usize;
    let pems: Vec<pem::Pem> =
        certificates.iter().map(|der| pem::Pem::new("CERTIFICATE", der.clone())).collect();
    let chain = pem::encode_many(&pems).into_bytes();
    let delta = chain.len() as i64 - old as i64;
    let mut out = quote[..at].to_vec();
    out.extend_from_slice(&chain);
    out.extend_from_slice(&quote[at + old..]);
    add_to_u32(&mut out, at - 4, delta); // inner certification data
    add_to_u32(&mut out, 48 + 584 + 4 + 64 + 64 + 2, delta); // outer certification data
    add_to_u32(&mut out, 48 + 584, delta); // signature data
    out
}

#[test]
fn the_helpers_rebuild_the_genuine_quote() {
    let f = fixture_set();
    let chain = pck_chain(&f.quote);
    assert_eq!(chain.len(), 3, "leaf, PCK CA, root");
    let rebuilt = with_pck_chain(&f.quote, &chain);
    let (result, outcome) = verify_intel_quote_with_memo(
        &rebuilt,
        &f.collateral,
        f.now,
        &STRICT,
        &record(&f, MemoScope::BundleAndPckCa),
        Some(QUOTE_OWN_SIGNATURES),
        blake2_256,
    );
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(outcome.verified_anew, 3);
}

#[test]
fn failing_candidates_count_against_the_budget() {
    let f = fixture_set();
    let memo = record(&f, MemoScope::BundleAndPckCa);
    let chain = pck_chain(&f.quote);
    // Two copies of the PCK CA certificate with a broken signature before the genuine one:
    // each is a candidate issuer whose check fails at the curve.
    let broken = |flip: u8| {
        let mut ca = chain[1].clone();
        let last = ca.len() - 1;
        ca[last] ^= flip;
        ca
    };
    let padded =
        with_pck_chain(&f.quote, &[chain[0].clone(), broken(1), broken(2), chain[1].clone(), chain[2].clone()]);
    // Unbounded, the quote verifies, at the cost of every broken candidate (webpki tries
    // each path through them: nine signatures here instead of three).
    let (result, outcome) = verify_intel_quote_with_memo(&padded, &f.collateral, f.now, &STRICT, &memo, None, blake2_256);
    assert!(result.is_ok(), "{result:?}");
    assert!(outcome.verified_anew >= 5, "{outcome:?}");
    // With the cached path's budget it is refused after three, without the rest.
    let (result, outcome) = verify_intel_quote_with_memo(
        &padded,
        &f.collateral,
        f.now,
        &STRICT,
        &memo,
        Some(QUOTE_OWN_SIGNATURES),
        blake2_256,
    );
    assert!(result.is_err());
    assert!(outcome.budget_exhausted);
    assert_eq!(outcome.verified_anew, QUOTE_OWN_SIGNATURES);
}

#[test]
fn an_upload_records_nothing_but_the_exact_collateral_messages() {
    let f = fixture_set();
    let genuine = recorded(&f, &f.quote, MemoScope::BundleAndPckCa);
    // A junk block after the chain holding the quote's own signed messages (its header and
    // body, its QE report): their signatures verify during the upload but are not
    // collateral, so they are not kept.
    let chain = pck_chain(&f.quote);
    let mut junk = f.quote[..48 + 584].to_vec();
    junk.extend_from_slice(&f.quote[48 + 584 + 4 + 64 + 64 + 6..][..384]);
    let stuffed = with_pck_chain(&f.quote, &[chain[0].clone(), chain[1].clone(), chain[2].clone(), junk]);
    assert_eq!(recorded(&f, &stuffed, MemoScope::BundleAndPckCa), genuine);
    let memo: Vec<SignatureDigest> = genuine.bundle.iter().chain(&genuine.pck_ca).copied().collect();
    let (result, outcome) =
        verify_intel_quote_with_memo(&stuffed, &f.collateral, f.now, &STRICT, &memo, Some(QUOTE_OWN_SIGNATURES), blake2_256);
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(outcome.verified_anew, QUOTE_OWN_SIGNATURES, "the quote still pays for its own three");
}
