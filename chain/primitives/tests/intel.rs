//! Production path: real Intel-signed TDX quotes with their DCAP collateral.

mod common;

use common::*;
use custos_primitives::{verify_intel_quote, IntelTrust, QuoteError};

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
    assert!(!summary.debug);
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
