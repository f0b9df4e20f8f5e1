//! Dev path: mock quotes signed by an allow-listed PCK key.

use custos_primitives::{
    mock::{self, MockTdImage, QE_REPORT_SIGNATURE_OFFSET, QUOTE_SIGNATURE_OFFSET},
    td_attributes, verify_dev_quote, QuoteError,
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
    assert_eq!(summary.td_attributes, mock::DEV_TD_ATTRIBUTES);
    assert_eq!(summary.xfam, mock::DEV_XFAM);
    assert_eq!(summary.mr_config_id, [0; 48]);
    assert_eq!(summary.mr_owner, [0; 48]);
    assert_eq!(summary.mr_owner_config, [0; 48]);
    assert_eq!(summary.rtmr3, MockTdImage::dev().rtmr[3]);
}

fn quote_with_attributes(attributes: u64) -> Vec<u8> {
    let mut image = MockTdImage::dev();
    image.td_attributes = attributes.to_le_bytes();
    mock::build_mock_quote(&image, &report_data(), mock::DEV_PCK_SEED, mock::DEV_ATTESTATION_SEED)
}

#[test]
fn every_td_attribute_rule_is_applied() {
    use td_attributes::*;
    let dev = mock::DEV_TD_ATTRIBUTES;
    let cases = [
        ("SEPT_VE_DISABLE off", dev & !SEPT_VE_DISABLE, QuoteError::SeptVeNotDisabled),
        ("MIGRATABLE", dev | MIGRATABLE, QuoteError::MigratableTd),
        ("reserved bit 40", dev | 1 << 40, QuoteError::ReservedTdAttributes),
        ("SERVTD_EXT", dev | SERVTD_EXT, QuoteError::ServiceTdBound),
        ("profiling bit 5", dev | 1 << 5, QuoteError::DebugTd),
    ];
    for (name, attributes, expected) in cases {
        assert_eq!(verify_dev_quote(&quote_with_attributes(attributes), &allowed()).unwrap_err(), expected, "{name}");
    }
    // Bits the rules leave free (here PKS, bit 30) pass.
    assert!(verify_dev_quote(&quote_with_attributes(dev | 1 << 30), &allowed()).is_ok());
}

#[test]
fn attribute_rules_run_before_signatures() {
    // Cheapest first: a debug TD's quote is refused as such even with a broken signature.
    let mut quote = quote_with_attributes(mock::DEV_TD_ATTRIBUTES | td_attributes::DEBUG);
    quote[QUOTE_SIGNATURE_OFFSET + 5] ^= 1;
    assert_eq!(verify_dev_quote(&quote, &allowed()).unwrap_err(), QuoteError::DebugTd);
}

#[test]
fn bytes_after_the_declared_length_are_cut_and_change_nothing() {
    let quote = mock::dev_quote(&report_data());
    let reference = verify_dev_quote(&quote, &allowed()).unwrap();
    let mut padded = quote.clone();
    padded.extend_from_slice(&[0xaa; 70]);
    assert_eq!(verify_dev_quote(&padded, &allowed()).unwrap(), reference);

    // Slack inside the signature data (after the certification data, covered by a longer
    // declared length) is cut too.
    let mut slack = quote.clone();
    let len_at = 48 + 584;
    let len = u32::from_le_bytes(slack[len_at..len_at + 4].try_into().unwrap());
    slack[len_at..len_at + 4].copy_from_slice(&(len + 3).to_le_bytes());
    slack.extend_from_slice(&[1, 2, 3]);
    assert_eq!(verify_dev_quote(&slack, &allowed()).unwrap(), reference);
}

#[test]
fn both_forms_of_each_signature_verify_and_give_one_evidence() {
    let quote = mock::dev_quote(&report_data());
    let reference = verify_dev_quote(&quote, &allowed()).unwrap();
    for offset in [QUOTE_SIGNATURE_OFFSET, QE_REPORT_SIGNATURE_OFFSET] {
        let flipped = mock::flip_signature_s(&quote, offset);
        assert_ne!(flipped, quote);
        let summary = verify_dev_quote(&flipped, &allowed()).expect("n − s verifies too");
        assert_eq!(summary.evidence, reference.evidence, "signature at {offset}");
    }
    // The evidence holds the low-s form.
    let s_at = 48 + 584 + 32;
    let low = custos_primitives::low_s(&quote[QUOTE_SIGNATURE_OFFSET..QUOTE_SIGNATURE_OFFSET + 64].try_into().unwrap()).unwrap();
    assert_eq!(&reference.evidence[s_at + 64..s_at + 96], &low[32..]);
}

#[test]
fn evidence_differs_between_attestations() {
    let a = verify_dev_quote(&mock::dev_quote(&report_data()), &allowed()).unwrap();
    let mut other = report_data();
    other[0] ^= 1;
    let b = verify_dev_quote(&mock::dev_quote(&other), &allowed()).unwrap();
    assert_ne!(a.evidence, b.evidence);
}

#[test]
fn certification_data_types_are_checked() {
    let quote = mock::dev_quote(&report_data());
    // Outer type (QE report certification data) other than 6.
    let mut outer = quote.clone();
    let outer_at = QUOTE_SIGNATURE_OFFSET + 128;
    outer[outer_at..outer_at + 2].copy_from_slice(&5u16.to_le_bytes());
    assert_eq!(verify_dev_quote(&outer, &allowed()).unwrap_err(), QuoteError::UnsupportedCertificationData);
    // Inner type other than the dev PCK key.
    let mut inner = quote.clone();
    let inner_at = quote.len() - 64 - 6;
    inner[inner_at..inner_at + 2].copy_from_slice(&5u16.to_le_bytes());
    assert_eq!(verify_dev_quote(&inner, &allowed()).unwrap_err(), QuoteError::UnsupportedCertificationData);
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
    let quote = quote_with_attributes(mock::DEV_TD_ATTRIBUTES | td_attributes::DEBUG);
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
