//! Dev path: mock quotes signed by an allow-listed PCK key.

use custos_primitives::{
    mock::{self, MockTdImage},
    verify_dev_quote, QuoteError,
};

fn allowed() -> Vec<[u8; 64]> {
    vec![mock::dev_pck_public_key()]
}

fn report_data() -> [u8; 64] {
    let mut rd = [0u8; 64];
    for (i, b) in rd.iter_mut().enumerate() {
        *b = i as u8;
    }
    rd
}

#[test]
fn dev_quote_verifies_and_reports_measurement_and_report_data() {
    let quote = mock::dev_quote(&report_data());
    let summary = verify_dev_quote(&quote, &allowed()).expect("dev quote verifies");
    assert_eq!(summary.report_data, report_data());
    assert_eq!(summary.measurement, mock::dev_measurement());
    assert!(!summary.debug);
}

#[test]
fn quote_signed_by_unlisted_pck_key_is_refused() {
    let quote = mock::build_mock_quote(
        &MockTdImage::dev(),
        &report_data(),
        b"some other pck",
        mock::DEV_ATTESTATION_SEED,
    );
    assert_eq!(verify_dev_quote(&quote, &allowed()).unwrap_err(), QuoteError::UnknownPckKey);
    assert_eq!(verify_dev_quote(&mock::dev_quote(&report_data()), &[]).unwrap_err(), QuoteError::UnknownPckKey);
}

#[test]
fn debug_td_is_refused() {
    let mut image = MockTdImage::dev();
    image.td_attributes[0] = 0x01;
    let quote =
        mock::build_mock_quote(&image, &report_data(), mock::DEV_PCK_SEED, mock::DEV_ATTESTATION_SEED);
    assert_eq!(verify_dev_quote(&quote, &allowed()).unwrap_err(), QuoteError::DebugTd);
}

#[test]
fn tampering_with_each_region_is_rejected_with_its_own_error() {
    let genuine = mock::dev_quote(&report_data());
    let sig_data = 48 + 584 + 4;
    let qe_report = sig_data + 128 + 6;
    let pck_key = genuine.len() - 10;
    let cases: [(&str, usize, QuoteError); 7] = [
        ("header version", 0, QuoteError::Malformed),
        ("header QE SVN", 8, QuoteError::BadQuoteSignature),
        ("body MRTD", 48 + 136, QuoteError::BadQuoteSignature),
        ("report data", 48 + 520, QuoteError::BadQuoteSignature),
        ("quote signature", sig_data + 5, QuoteError::BadQuoteSignature),
        ("QE report", qe_report + 10, QuoteError::BadQeReportSignature),
        ("PCK key in certification data", pck_key, QuoteError::UnknownPckKey),
    ];
    for (region, offset, expected) in cases {
        let mut quote = genuine.clone();
        quote[offset] ^= 0x01;
        assert_eq!(verify_dev_quote(&quote, &allowed()).unwrap_err(), expected, "{region}");
    }
}

#[test]
fn attestation_key_swapped_is_caught_by_qe_binding() {
    let mut quote = mock::dev_quote(&report_data());
    let key_offset = 48 + 584 + 4 + 64;
    quote[key_offset + 3] ^= 0x01;
    let err = verify_dev_quote(&quote, &allowed()).unwrap_err();
    assert!(matches!(err, QuoteError::QeReportDataMismatch | QuoteError::Malformed), "{err:?}");
}

#[test]
fn truncated_or_empty_bytes_are_malformed() {
    let quote = mock::dev_quote(&report_data());
    assert_eq!(verify_dev_quote(&[], &allowed()).unwrap_err(), QuoteError::Malformed);
    assert_eq!(verify_dev_quote(&quote[..600], &allowed()).unwrap_err(), QuoteError::Malformed);
    assert_eq!(verify_dev_quote(&quote[..quote.len() - 1], &allowed()).unwrap_err(), QuoteError::Malformed);
}
