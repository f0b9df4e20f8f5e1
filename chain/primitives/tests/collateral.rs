//! The checks a collateral bundle passes before the chain caches it, on real Intel
//! fixtures: what a valid upload establishes, and one refusal per check.

mod common;

use common::*;
use custos_primitives::{
    collateral_key_of_quote, verify_collateral, verify_intel_quote_with_evaluation, CollateralError,
    IntelTrust, PckCaKind, QuoteError,
};

const STRICT: IntelTrust = IntelTrust {
    accept_sw_hardening_needed: false,
    accept_configuration_needed: false,
    accept_out_of_date: false,
};

fn inside_window(collateral_json: &[u8]) -> u64 {
    tcb_info_window(collateral_json).0 + 86_400
}

#[test]
fn a_valid_bundle_yields_its_key_evaluation_number_and_window() {
    let json = fixture("tdx_quote_collateral.json");
    let facts = verify_collateral(&fixture("tdx_quote"), &scale_collateral(&json), inside_window(&json))
        .expect("genuine collateral verifies");
    assert_eq!(facts.key.fmspc, [0xb0, 0xc0, 0x6f, 0, 0, 0]);
    assert_eq!(facts.key.pck_ca, PckCaKind::Platform);
    assert_eq!(facts.tcb_evaluation_number, 17);
    let (issued, next_update) = tcb_info_window(&json);
    assert!(facts.issued_at >= issued, "latest issue date is at least the TCB info's");
    assert!(facts.expires_at <= next_update, "earliest expiry is at most the TCB info's");
    assert!(facts.expires_at > inside_window(&json));
}

#[test]
fn the_key_of_a_quote_matches_the_key_its_bundle_was_cached_under() {
    let json = fixture("tdx_quote_collateral.json");
    let quote = fixture("tdx_quote");
    let facts = verify_collateral(&quote, &scale_collateral(&json), inside_window(&json)).unwrap();
    assert_eq!(collateral_key_of_quote(&quote).unwrap(), facts.key);
}

#[test]
fn an_attestation_sees_the_evaluation_number_the_upload_cached() {
    let json = fixture("tdx_quote_collateral.json");
    let quote = fixture("tdx_quote");
    let now = inside_window(&json);
    let collateral: dcap_qvl::QuoteCollateralV3 = serde_json::from_slice(&json).unwrap();
    let (_, evaluation) = verify_intel_quote_with_evaluation(&quote, &collateral, now, &STRICT).unwrap();
    let facts = verify_collateral(&quote, &scale_collateral(&json), now).unwrap();
    assert_eq!(evaluation, facts.tcb_evaluation_number);
}

#[test]
fn the_window_is_the_bundles_own_not_the_uploaders_certificate() {
    // The QE identity is the fixture's latest document (10:32:27); the uploader's PCK leaf
    // (issued 2025-02) and its CA certificate do not enter the window.
    let json = fixture("tdx_quote_collateral.json");
    let facts = verify_collateral(&fixture("tdx_quote"), &scale_collateral(&json), inside_window(&json)).unwrap();
    assert!(facts.issued_at >= unix_secs("2025-06-19T10:32:27Z"));
    assert!(facts.issued_at < inside_window(&json));
    assert!(facts.expires_at <= unix_secs("2025-07-19T10:16:03Z"));
}

#[test]
fn trailing_bytes_are_not_part_of_the_canonical_bundle() {
    let json = fixture("tdx_quote_collateral.json");
    let mut padded = scale_collateral(&json);
    padded.extend_from_slice(&[0xAB; 100]);
    assert_eq!(custos_primitives::canonical_collateral(&padded).unwrap(), scale_collateral(&json));
}

#[test]
fn an_expired_bundle_is_refused_as_expired() {
    let json = fixture("tdx_quote_collateral.json");
    let (_, next_update) = tcb_info_window(&json);
    let err = verify_collateral(&fixture("tdx_quote"), &scale_collateral(&json), next_update + 3_600)
        .unwrap_err();
    assert_eq!(err, CollateralError::Expired);
}

#[test]
fn a_bundle_from_the_future_is_refused_as_not_yet_valid() {
    let json = fixture("tdx_quote_collateral.json");
    let (issued, _) = tcb_info_window(&json);
    let err =
        verify_collateral(&fixture("tdx_quote"), &scale_collateral(&json), issued - 1).unwrap_err();
    assert_eq!(err, CollateralError::NotYetValid);
}

#[test]
fn a_bundle_for_another_fmspc_is_refused_as_a_mismatch() {
    // The outdated fixture's TCB info is for FMSPC 90C06F000000; tdx_quote's is B0C06F000000.
    let json = fixture("tdx_quote_outdated_collateral.json");
    let err = verify_collateral(&fixture("tdx_quote"), &scale_collateral(&json), inside_window(&json))
        .unwrap_err();
    assert_eq!(err, CollateralError::FmspcMismatch);
}

/// The collateral JSON with one field rewritten.
fn with_field(json: &[u8], field: &str, edit: impl FnOnce(&str) -> String) -> Vec<u8> {
    let mut value: serde_json::Value = serde_json::from_slice(json).unwrap();
    let old = value[field].as_str().unwrap().to_string();
    value[field] = serde_json::Value::String(edit(&old));
    serde_json::to_vec(&value).unwrap()
}

/// Flips one hex digit in the middle of a hex string.
fn flip_hex_digit(hex: &str) -> String {
    let mut chars: Vec<char> = hex.chars().collect();
    let at = chars.len() / 2;
    chars[at] = if chars[at] == '0' { '1' } else { '0' };
    chars.into_iter().collect()
}

#[test]
fn a_forged_signature_on_any_signed_document_is_refused() {
    let json = fixture("tdx_quote_collateral.json");
    let now = inside_window(&json);
    for field in ["tcb_info_signature", "qe_identity_signature"] {
        let forged = with_field(&json, field, flip_hex_digit);
        let err = verify_collateral(&fixture("tdx_quote"), &scale_collateral(&forged), now).unwrap_err();
        assert_eq!(err, CollateralError::SignatureInvalid, "{field}");
    }
}

#[test]
fn a_document_changed_after_signing_is_refused() {
    let json = fixture("tdx_quote_collateral.json");
    let now = inside_window(&json);
    // A higher evaluation number would let a stale bundle pass the chain's minimum.
    let raised = with_field(&json, "tcb_info", |t| {
        t.replace("\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":99")
    });
    assert_ne!(raised, json);
    let err = verify_collateral(&fixture("tdx_quote"), &scale_collateral(&raised), now).unwrap_err();
    assert_eq!(err, CollateralError::SignatureInvalid);
}

#[test]
fn a_bundle_that_brings_its_own_pck_chain_or_does_not_decode_is_refused() {
    let json = fixture("tdx_quote_collateral.json");
    let now = inside_window(&json);
    let mut with_chain: dcap_qvl::QuoteCollateralV3 = serde_json::from_slice(&json).unwrap();
    with_chain.pck_certificate_chain = Some("-----BEGIN CERTIFICATE-----".into());
    use codec::Encode;
    assert_eq!(
        verify_collateral(&fixture("tdx_quote"), &with_chain.encode(), now).unwrap_err(),
        CollateralError::BringsPckChain
    );
    for bytes in [vec![1, 2, 3], Vec::new()] {
        assert_eq!(
            verify_collateral(&fixture("tdx_quote"), &bytes, now).unwrap_err(),
            CollateralError::Malformed
        );
    }
    // A CRL that is not DER.
    let mut bad_crl: dcap_qvl::QuoteCollateralV3 = serde_json::from_slice(&json).unwrap();
    bad_crl.pck_crl = vec![0x30, 0x03, 1, 2, 3];
    assert_eq!(
        verify_collateral(&fixture("tdx_quote"), &bad_crl.encode(), now).unwrap_err(),
        CollateralError::Malformed
    );
}

#[test]
fn a_dev_quote_cannot_vouch_for_a_bundle() {
    let json = fixture("tdx_quote_collateral.json");
    let dev = custos_primitives::mock::dev_quote(&[7u8; 64]);
    assert_eq!(
        verify_collateral(&dev, &scale_collateral(&json), inside_window(&json)).unwrap_err(),
        CollateralError::MalformedQuote
    );
    assert_eq!(collateral_key_of_quote(&dev).unwrap_err(), QuoteError::UnsupportedCertificationData);
}
