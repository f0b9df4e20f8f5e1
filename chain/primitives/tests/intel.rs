//! Production path: real Intel-signed TDX quotes with their DCAP collateral.

mod common;

use common::*;
use custos_primitives::{mock, td_attributes, verify_intel_quote, IntelTrust, QuoteError};

const STRICT: IntelTrust = IntelTrust {
    accept_sw_hardening_needed: false,
    accept_configuration_needed: false,
    accept_out_of_date: false,
};

const LENIENT: IntelTrust = IntelTrust {
    accept_sw_hardening_needed: true,
    accept_configuration_needed: true,
    accept_out_of_date: true,
};

fn inside_window(collateral_json: &[u8]) -> u64 {
    let (issue, _) = tcb_info_window(collateral_json);
    issue + 86_400
}

#[test]
fn tdx_quote_verifies_inside_its_collateral_window() {
    let json = fixture("tdx_quote_collateral.json");
    let summary =
        verify_intel_quote(&fixture("tdx_quote"), &scale_collateral(&json), inside_window(&json), &STRICT)
            .expect("genuine quote verifies");
    assert_eq!(summary.td_attributes, td_attributes::SEPT_VE_DISABLE);
    assert_eq!(summary.xfam, mock::DEV_XFAM, "the dev image copies the fixture's XFAM");
    assert_ne!(summary.measurement, [0u8; 32]);
}

#[test]
fn tdx_quote_fails_after_its_collateral_expires() {
    let json = fixture("tdx_quote_collateral.json");
    let (_, next_update) = tcb_info_window(&json);
    let err = verify_intel_quote(
        &fixture("tdx_quote"),
        &scale_collateral(&json),
        next_update + 86_400,
        &LENIENT,
    )
    .unwrap_err();
    assert_eq!(err, QuoteError::IntelVerificationFailed);
}

#[test]
fn tdx_quote_fails_before_its_collateral_is_issued() {
    let json = fixture("tdx_quote_collateral.json");
    let (issue, _) = tcb_info_window(&json);
    let err =
        verify_intel_quote(&fixture("tdx_quote"), &scale_collateral(&json), issue - 86_400, &LENIENT)
            .unwrap_err();
    assert_eq!(err, QuoteError::IntelVerificationFailed);
}

#[test]
fn outdated_platform_is_refused_even_by_a_lenient_policy() {
    // This platform's TCB is below every level the TCB info lists ("No matching TCB
    // level"), which DCAP treats as a failure, not as an OutOfDate status.
    let json = fixture("tdx_quote_outdated_collateral.json");
    let quote = fixture("tdx_quote_outdated");
    let now = inside_window(&json);
    let collateral = scale_collateral(&json);
    for trust in [STRICT, LENIENT] {
        assert_eq!(
            verify_intel_quote(&quote, &collateral, now, &trust).unwrap_err(),
            QuoteError::IntelVerificationFailed
        );
    }
}

#[test]
fn tcb_statuses_are_accepted_only_as_the_policy_says() {
    assert!(STRICT.accepts("UpToDate"));
    for status in ["SWHardeningNeeded", "ConfigurationNeeded", "OutOfDate", "Revoked", "bogus"] {
        assert!(!STRICT.accepts(status), "{status}");
    }
    for status in ["SWHardeningNeeded", "ConfigurationAndSWHardeningNeeded", "OutOfDate", "OutOfDateConfigurationNeeded"] {
        assert!(LENIENT.accepts(status), "{status}");
    }
    assert!(!LENIENT.accepts("Revoked"));
}

#[test]
fn hex_fixtures_are_tdx_v4_quotes_that_need_their_own_collateral() {
    // These two carry no collateral of their own; they must parse as TDX v4 quotes, and
    // verifying them against another platform's collateral must fail cleanly.
    let json = fixture("tdx_quote_collateral.json");
    let collateral = scale_collateral(&json);
    for name in ["tdx-quote.hex", "quote-from-tappd.hex"] {
        let quote = hex_fixture(name);
        assert_eq!(u16::from_le_bytes([quote[0], quote[1]]), 4, "{name} is v4");
        assert_eq!(u32::from_le_bytes([quote[4], quote[5], quote[6], quote[7]]), 0x81, "{name} is TDX");
        match verify_intel_quote(&quote, &collateral, inside_window(&json), &LENIENT) {
            Ok(_) => {}
            Err(e) => assert!(
                matches!(e, QuoteError::IntelVerificationFailed | QuoteError::TcbStatusNotAccepted),
                "{name}: {e:?}"
            ),
        }
    }
}

#[test]
fn garbage_collateral_is_malformed() {
    let json = fixture("tdx_quote_collateral.json");
    let err = verify_intel_quote(&fixture("tdx_quote"), &[1, 2, 3], inside_window(&json), &LENIENT)
        .unwrap_err();
    assert_eq!(err, QuoteError::MalformedCollateral);
}

/// Byte offsets of each region of a TDX v4 quote.
const HEADER: usize = 10; // QE SVN
const BODY: usize = 48 + 136; // inside MRTD
const REPORT_DATA: usize = 48 + 520 + 5;
const SIGNATURE: usize = 48 + 584 + 4 + 10; // ECDSA quote signature
const CERTIFICATION: usize = 48 + 584 + 4 + 128 + 6 + 100; // inside the QE report

/// Offset of the PEM PCK certificate chain inside a v4 quote's certification data.
fn pck_chain_offset(quote: &[u8]) -> usize {
    let qe_cert = 48 + 584 + 4 + 128 + 6;
    let auth_len_at = qe_cert + 384 + 64;
    let auth_len = u16::from_le_bytes([quote[auth_len_at], quote[auth_len_at + 1]]) as usize;
    auth_len_at + 2 + auth_len + 6
}

#[test]
fn tampering_with_any_region_is_rejected() {
    let json = fixture("tdx_quote_collateral.json");
    let collateral = scale_collateral(&json);
    let now = inside_window(&json);
    let genuine = fixture("tdx_quote");
    for (region, offset) in [
        ("header", HEADER),
        ("body", BODY),
        ("report data", REPORT_DATA),
        ("signature", SIGNATURE),
        ("certification data", CERTIFICATION),
        ("PCK certificate", pck_chain_offset(&genuine) + 120),
    ] {
        let mut quote = genuine.clone();
        quote[offset] ^= 0x01;
        let result = verify_intel_quote(&quote, &collateral, now, &LENIENT);
        assert!(result.is_err(), "tampered {region} at {offset} was accepted");
    }
}

/// Declared length of a v4 quote: header, TD report, u32 length, signature data.
fn declared_len(quote: &[u8]) -> usize {
    48 + 584 + 4 + u32::from_le_bytes(quote[632..636].try_into().unwrap()) as usize
}

#[test]
fn fixture_carries_trailing_bytes_that_are_cut_and_change_nothing() {
    let json = fixture("tdx_quote_collateral.json");
    let collateral = scale_collateral(&json);
    let now = inside_window(&json);
    let genuine = fixture("tdx_quote");
    // The fixture is padded: 5,006 bytes, 4,936 declared.
    assert_eq!((genuine.len(), declared_len(&genuine)), (5006, 4936));
    let reference = verify_intel_quote(&genuine, &collateral, now, &STRICT).unwrap();
    let cut = &genuine[..declared_len(&genuine)];
    assert_eq!(verify_intel_quote(cut, &collateral, now, &STRICT).unwrap(), reference);
    let mut more = genuine.clone();
    more.extend_from_slice(b"anything at all");
    assert_eq!(verify_intel_quote(&more, &collateral, now, &STRICT).unwrap(), reference);
}

#[test]
fn both_forms_of_each_signature_give_one_evidence() {
    let json = fixture("tdx_quote_collateral.json");
    let collateral = scale_collateral(&json);
    let now = inside_window(&json);
    let genuine = fixture("tdx_quote");
    let reference = verify_intel_quote(&genuine, &collateral, now, &STRICT).unwrap();
    for offset in [mock::QUOTE_SIGNATURE_OFFSET, mock::QE_REPORT_SIGNATURE_OFFSET] {
        let flipped = mock::flip_signature_s(&genuine, offset);
        let summary = verify_intel_quote(&flipped, &collateral, now, &STRICT).expect("n − s verifies");
        assert_eq!(summary.evidence, reference.evidence, "signature at {offset}");
    }
}

#[test]
fn outer_and_inner_certification_data_types_are_checked() {
    let json = fixture("tdx_quote_collateral.json");
    let collateral = scale_collateral(&json);
    let now = inside_window(&json);
    let genuine = fixture("tdx_quote");
    let outer_at = mock::QUOTE_SIGNATURE_OFFSET + 128;
    assert_eq!(u16::from_le_bytes([genuine[outer_at], genuine[outer_at + 1]]), 6);
    // dcap-qvl reads the QE report certification data whatever its declared type; the
    // chain refuses any type but 6. Outside the signed region, so only this check sees it.
    for wrong in [0u16, 5, 7] {
        let mut quote = genuine.clone();
        quote[outer_at..outer_at + 2].copy_from_slice(&wrong.to_le_bytes());
        assert_eq!(
            verify_intel_quote(&quote, &collateral, now, &LENIENT).unwrap_err(),
            QuoteError::UnsupportedCertificationData,
            "outer type {wrong}"
        );
    }
    // Inner type other than 5 (PCK certificate chain).
    let inner_at = pck_chain_offset(&genuine) - 6;
    assert_eq!(u16::from_le_bytes([genuine[inner_at], genuine[inner_at + 1]]), 5);
    let mut quote = genuine.clone();
    quote[inner_at..inner_at + 2].copy_from_slice(&3u16.to_le_bytes());
    assert_eq!(
        verify_intel_quote(&quote, &collateral, now, &LENIENT).unwrap_err(),
        QuoteError::UnsupportedCertificationData
    );
    // Collateral that brings its own PCK chain (the quote's would go unchecked).
    use codec::{Decode, Encode};
    let mut with_chain = dcap_qvl::QuoteCollateralV3::decode(&mut &collateral[..]).unwrap();
    with_chain.pck_certificate_chain = Some(String::from_utf8_lossy(&genuine[pck_chain_offset(&genuine)..declared_len(&genuine)]).into_owned());
    assert_eq!(
        verify_intel_quote(&genuine, &with_chain.encode(), now, &LENIENT).unwrap_err(),
        QuoteError::UnsupportedCertificationData
    );
}

#[test]
fn attribute_rules_apply_on_the_intel_path_with_their_own_errors() {
    let json = fixture("tdx_quote_collateral.json");
    let collateral = scale_collateral(&json);
    let now = inside_window(&json);
    let genuine = fixture("tdx_quote");
    let at = 48 + 120;
    let attributes = u64::from_le_bytes(genuine[at..at + 8].try_into().unwrap());
    for (change, expected) in [
        (attributes | td_attributes::DEBUG, QuoteError::DebugTd),
        (attributes & !td_attributes::SEPT_VE_DISABLE, QuoteError::SeptVeNotDisabled),
        (attributes | td_attributes::MIGRATABLE, QuoteError::MigratableTd),
        (attributes | 1 << 33, QuoteError::ReservedTdAttributes),
    ] {
        let mut quote = genuine.clone();
        quote[at..at + 8].copy_from_slice(&change.to_le_bytes());
        assert_eq!(verify_intel_quote(&quote, &collateral, now, &LENIENT).unwrap_err(), expected);
    }
    // A bit the rules leave free still breaks the quote signature.
    let mut quote = genuine.clone();
    quote[at..at + 8].copy_from_slice(&(attributes | 1 << 30).to_le_bytes());
    assert_eq!(
        verify_intel_quote(&quote, &collateral, now, &LENIENT).unwrap_err(),
        QuoteError::IntelVerificationFailed
    );
}
