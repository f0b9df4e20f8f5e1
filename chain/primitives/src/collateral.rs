//! Intel DCAP collateral as the chain caches it: which platforms a collateral bundle
//! serves ([`CollateralKey`]), what its verification established ([`CollateralFacts`]),
//! and the checks an upload passes before it is cached ([`verify_collateral`]).
//!
//! A bundle is the SCALE-encoded `dcap_qvl::QuoteCollateralV3` the Intel path already
//! takes: TCB info for one FMSPC, QE identity, the PCK CRL of one PCK CA, the root CA
//! CRL, each with its issuer chain and Intel's signature. It serves every quote whose
//! PCK certificate names that FMSPC and that CA, so the chain keeps one bundle per
//! [`CollateralKey`].

use alloc::string::{String, ToString};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use dcap_qvl::{config::PckCa, policy::QuotePolicy, QuoteCollateralV3};
use scale_info::TypeInfo;
use serde::Deserialize;

use crate::signature_memo::{
    record_collateral_signatures, verify_with_memo, Blake2_256, MemoConfig, MemoOutcome,
    MemoScope, RecordedMemo, SignatureDigest,
};
use crate::quote::{check_td_report, parse_td_quote, summarize, TdQuoteSummary};
use crate::verify::{IntelTrust, QuoteError, PCK_CERT_CHAIN_CERT_TYPE};

/// Which Intel PCK certificate authority issued a platform's PCK certificate. The PCK
/// CRL in a bundle is that CA's, so bundles are kept per CA as well as per FMSPC.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Debug,
    Encode,
    Decode,
    DecodeWithMemTracking,
    TypeInfo,
    MaxEncodedLen,
)]
pub enum PckCaKind {
    /// Intel SGX PCK Processor CA (single-package platforms).
    Processor,
    /// Intel SGX PCK Platform CA (multi-package platforms).
    Platform,
}

/// The platforms a collateral bundle serves: one FMSPC (family, model, stepping,
/// platform type and customisation) under one PCK CA.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Debug,
    Encode,
    Decode,
    DecodeWithMemTracking,
    TypeInfo,
    MaxEncodedLen,
)]
pub struct CollateralKey {
    /// The FMSPC of the PCK certificates the bundle's TCB info covers.
    pub fmspc: [u8; 6],
    /// The CA whose PCK CRL the bundle carries.
    pub pck_ca: PckCaKind,
}

/// What verifying a quote with a collateral bundle established about the bundle.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Encode,
    Decode,
    DecodeWithMemTracking,
    TypeInfo,
    MaxEncodedLen,
)]
pub struct CollateralFacts {
    /// The platforms the bundle serves (from the verified PCK certificate).
    pub key: CollateralKey,
    /// Intel's TCB evaluation data number: the lower of TCB info's and QE identity's.
    /// Intel raises it when it moves its TCB baseline.
    pub tcb_evaluation_number: u32,
    /// UNIX seconds: the latest issue date of the bundle's dated parts (TCB info and QE
    /// identity `issueDate`, the two CRLs' `thisUpdate`). From the bundle alone: the quote
    /// that came with it does not move it.
    pub issued_at: u64,
    /// UNIX seconds: the earliest expiry of the bundle's dated parts (their `nextUpdate`).
    /// The bundle verifies nothing after it.
    pub expires_at: u64,
}

/// Why a collateral bundle was refused before it was cached. Each variant names one check.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Encode,
    Decode,
    DecodeWithMemTracking,
    TypeInfo,
    MaxEncodedLen,
)]
pub enum CollateralError {
    /// The bundle does not decode, or its TCB info, QE identity or CRLs are not what Intel
    /// publishes (dates, FMSPC).
    Malformed,
    /// The bundle brings a PCK certificate chain of its own (the Intel path verifies the
    /// chain the quote carries).
    BringsPckChain,
    /// The quote that comes with it does not parse as an Intel-path TDX quote.
    MalformedQuote,
    /// The TCB info or QE identity is past its `nextUpdate`.
    Expired,
    /// The TCB info or QE identity is issued in the future.
    NotYetValid,
    /// The TCB info is for another FMSPC than the quote's PCK certificate.
    FmspcMismatch,
    /// Intel's signatures, issuer chains, CRLs or certificate validity did not verify, or
    /// the quote's platform is revoked.
    SignatureInvalid,
}

/// The dated fields of Intel's TCB info and QE identity JSON documents.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DatedDocument {
    issue_date: String,
    next_update: String,
    #[serde(default)]
    fmspc: Option<String>,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = if year >= 0 { year } else { year - 399 } / 400;
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// UNIX seconds of an RFC 3339 UTC timestamp as Intel writes them
/// (`YYYY-MM-DDTHH:MM:SSZ`, optional fractional seconds); `None` for anything else.
pub fn parse_intel_timestamp(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || bytes[4] != b'-' || bytes[7] != b'-' || bytes[10] != b'T' {
        return None;
    }
    if bytes[13] != b':' || bytes[16] != b':' || *bytes.last()? != b'Z' {
        return None;
    }
    let fraction = &bytes[19..bytes.len() - 1];
    if !(fraction.is_empty()
        || (fraction.len() > 1
            && fraction[0] == b'.'
            && fraction[1..].iter().all(u8::is_ascii_digit)))
    {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<i64> {
        let digits = &bytes[from..to];
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        core::str::from_utf8(digits).ok()?.parse().ok()
    };
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let secs = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    u64::try_from(secs).ok()
}

/// The issue date and next update (UNIX seconds) of a TCB info or QE identity document,
/// and its FMSPC when it has one.
fn document_window(json: &str) -> Result<(u64, u64, Option<String>), CollateralError> {
    let doc: DatedDocument = serde_json::from_str(json).map_err(|_| CollateralError::Malformed)?;
    let issued = parse_intel_timestamp(&doc.issue_date).ok_or(CollateralError::Malformed)?;
    let next = parse_intel_timestamp(&doc.next_update).ok_or(CollateralError::Malformed)?;
    Ok((issued, next, doc.fmspc))
}

/// The `thisUpdate` and `nextUpdate` (UNIX seconds) of a DER CRL.
fn crl_window(der: &[u8]) -> Result<(u64, u64), CollateralError> {
    use x509_cert::der::Decode as _;
    let crl = x509_cert::crl::CertificateList::<x509_cert::certificate::Rfc5280>::from_der(der)
        .map_err(|_| CollateralError::Malformed)?;
    let tbs = &crl.tbs_cert_list;
    let next = tbs.next_update.ok_or(CollateralError::Malformed)?;
    Ok((
        tbs.this_update.to_unix_duration().as_secs(),
        next.to_unix_duration().as_secs(),
    ))
}

/// The bundle's own validity window: the latest issue date and the earliest next update
/// of its TCB info, QE identity, PCK CRL and root CA CRL, and the TCB info's FMSPC.
struct BundleWindow {
    issued_at: u64,
    expires_at: u64,
    fmspc: Option<String>,
}

fn bundle_window(collateral: &QuoteCollateralV3) -> Result<BundleWindow, CollateralError> {
    let (tcb_issued, tcb_next, fmspc) = document_window(&collateral.tcb_info)?;
    let (qe_issued, qe_next, _) = document_window(&collateral.qe_identity)?;
    let (pck_crl_issued, pck_crl_next) = crl_window(&collateral.pck_crl)?;
    let (root_crl_issued, root_crl_next) = crl_window(&collateral.root_ca_crl)?;
    Ok(BundleWindow {
        issued_at: tcb_issued.max(qe_issued).max(pck_crl_issued).max(root_crl_issued),
        expires_at: tcb_next.min(qe_next).min(pck_crl_next).min(root_crl_next),
        fmspc,
    })
}

/// Decodes a SCALE-encoded bundle; refuses one that brings a PCK chain of its own (the
/// Intel path verifies the chain the quote carries).
pub fn decode_collateral(bytes: &[u8]) -> Result<QuoteCollateralV3, CollateralError> {
    let collateral =
        QuoteCollateralV3::decode(&mut &bytes[..]).map_err(|_| CollateralError::Malformed)?;
    if collateral.pck_certificate_chain.is_some() {
        return Err(CollateralError::BringsPckChain);
    }
    Ok(collateral)
}

/// The [`CollateralKey`] of the bundle that serves `raw`, read from the quote's (not yet
/// verified) PCK leaf certificate. Only a lookup key: verification decides.
pub fn collateral_key_of_quote(raw: &[u8]) -> Result<CollateralKey, QuoteError> {
    let parsed = parse_td_quote(raw)?;
    if parsed.auth()?.qe_report_data.certification_data.cert_type != PCK_CERT_CHAIN_CERT_TYPE {
        return Err(QuoteError::UnsupportedCertificationData);
    }
    let fmspc = dcap_qvl::intel::quote_fmspc(&parsed.quote)
        .map_err(|_| QuoteError::UnsupportedCertificationData)?;
    let pck_ca = match dcap_qvl::intel::quote_ca(&parsed.quote)
        .map_err(|_| QuoteError::UnsupportedCertificationData)?
    {
        PckCa::Processor => PckCaKind::Processor,
        PckCa::Platform => PckCaKind::Platform,
    };
    Ok(CollateralKey { fmspc, pck_ca })
}

/// Verifies `raw` with `collateral` at `now_secs` and returns the quote's summary, its
/// TCB status and the collateral's TCB evaluation data number (the lower of TCB info's
/// and QE identity's).
///
/// Guarantees on `Ok`: everything [`crate::verify_intel_quote`] guarantees except the TCB
/// status policy (the status is returned, not judged).
fn verify_intel_quote_and_collateral(
    raw: &[u8],
    collateral: &QuoteCollateralV3,
    now_secs: u64,
) -> Result<(TdQuoteSummary, String, u32), QuoteError> {
    let parsed = parse_td_quote(raw)?;
    if parsed.auth()?.qe_report_data.certification_data.cert_type != PCK_CERT_CHAIN_CERT_TYPE {
        return Err(QuoteError::UnsupportedCertificationData);
    }
    check_td_report(&parsed.quote.report)?;
    if collateral.pck_certificate_chain.is_some() {
        return Err(QuoteError::UnsupportedCertificationData);
    }
    let claims = dcap_qvl::verify::QuoteVerifier::new_prod()
        .with_config::<MemoConfig>()
        .verify_with_policy(
            &parsed.bytes,
            collateral.clone(),
            now_secs,
            &QuotePolicy::claims_only(now_secs),
        )
        .map_err(|_| QuoteError::IntelVerificationFailed)?;
    Ok((
        summarize(&parsed)?,
        claims.tcb.status.to_string(),
        claims.tcb.eval_data_number,
    ))
}

/// Verifies a quote on the Intel path and judges its TCB status under `trust`: the one
/// check both Intel paths (collateral in the call, collateral from the cache) share.
/// Returns the quote's summary and the collateral's TCB evaluation data number.
pub fn verify_intel_quote_with_evaluation(
    raw: &[u8],
    collateral: &QuoteCollateralV3,
    now_secs: u64,
    trust: &IntelTrust,
) -> Result<(TdQuoteSummary, u32), QuoteError> {
    let (summary, status, evaluation) = verify_intel_quote_and_collateral(raw, collateral, now_secs)?;
    if !trust.accepts(&status) {
        return Err(QuoteError::TcbStatusNotAccepted);
    }
    Ok((summary, evaluation))
}

/// [`verify_intel_quote_with_evaluation`] with the collateral's signatures listed in `memo`
/// (recorded by [`verify_collateral_with_memo`] when the bundle was cached) accepted without
/// recomputing them, and at most `budget` other signatures checked (valid or not; `None`:
/// no bound). Every other check runs as without a memo. Also returns what the memo did:
/// when [`MemoOutcome::budget_exhausted`], the result is an error that says nothing about
/// the quote. `hash` is BLAKE2b-256 (see [`crate::signature_memo::Blake2_256`]).
pub fn verify_intel_quote_with_memo(
    raw: &[u8],
    collateral: &QuoteCollateralV3,
    now_secs: u64,
    trust: &IntelTrust,
    memo: &[SignatureDigest],
    budget: Option<u32>,
    hash: Blake2_256,
) -> (Result<(TdQuoteSummary, u32), QuoteError>, MemoOutcome) {
    verify_with_memo(memo, budget, hash, || {
        verify_intel_quote_with_evaluation(raw, collateral, now_secs, trust)
    })
}

/// [`verify_collateral`], also returning the digests of the bundle's signatures (and, in
/// [`MemoScope::BundleAndPckCa`], of Intel's root over `quote`'s PCK CA certificate) that
/// verified, for [`verify_intel_quote_with_memo`]. `hash` is BLAKE2b-256.
pub fn verify_collateral_with_memo(
    quote: &[u8],
    collateral_bytes: &[u8],
    now_secs: u64,
    scope: MemoScope,
    hash: Blake2_256,
) -> Result<(CollateralFacts, RecordedMemo), CollateralError> {
    let collateral = decode_collateral(collateral_bytes)?;
    let parsed = parse_td_quote(quote).map_err(|_| CollateralError::MalformedQuote)?;
    let quote_chain = dcap_qvl::intel::extract_cert_chain(&parsed.quote)
        .map_err(|_| CollateralError::MalformedQuote)?;
    let (facts, memo) = record_collateral_signatures(&collateral, &quote_chain, scope, hash, || {
        verify_collateral(quote, collateral_bytes, now_secs)
    });
    Ok((facts?, memo))
}

/// Checks a collateral bundle for the cache: it decodes, its TCB info, QE identity and
/// both CRLs are inside their validity window at `now_secs`, its TCB info is for the FMSPC
/// of `quote`
/// (a genuine quote of a platform the bundle serves, which the uploader brings), and
/// `quote` verifies with it against Intel's root CA, whatever its TCB status.
///
/// Guarantees on `Ok`: every signature, issuer chain and CRL in the bundle verified once
/// against Intel's SGX root CA at `now_secs`; the facts describe the bundle.
pub fn verify_collateral(
    quote: &[u8],
    collateral_bytes: &[u8],
    now_secs: u64,
) -> Result<CollateralFacts, CollateralError> {
    let collateral = decode_collateral(collateral_bytes)?;
    let window = bundle_window(&collateral)?;
    if now_secs >= window.expires_at {
        return Err(CollateralError::Expired);
    }
    if now_secs < window.issued_at {
        return Err(CollateralError::NotYetValid);
    }
    let key = collateral_key_of_quote(quote).map_err(|_| CollateralError::MalformedQuote)?;
    let fmspc = window.fmspc.ok_or(CollateralError::Malformed)?;
    let mut decoded = [0u8; 6];
    hex_to_bytes(&fmspc, &mut decoded).ok_or(CollateralError::Malformed)?;
    if decoded != key.fmspc {
        return Err(CollateralError::FmspcMismatch);
    }
    let (_, _, tcb_evaluation_number) = verify_intel_quote_and_collateral(quote, &collateral, now_secs)
        .map_err(|e| match e {
            QuoteError::IntelVerificationFailed => CollateralError::SignatureInvalid,
            _ => CollateralError::MalformedQuote,
        })?;
    Ok(CollateralFacts {
        key,
        tcb_evaluation_number,
        issued_at: window.issued_at,
        expires_at: window.expires_at,
    })
}

/// The canonical SCALE encoding of a bundle that [`decode_collateral`] accepts: what the
/// chain stores, without any bytes after the bundle.
pub fn canonical_collateral(collateral_bytes: &[u8]) -> Result<alloc::vec::Vec<u8>, CollateralError> {
    Ok(decode_collateral(collateral_bytes)?.encode())
}

/// Decodes hex text (either case) into exactly `out.len()` bytes.
fn hex_to_bytes(text: &str, out: &mut [u8]) -> Option<()> {
    let bytes = text.as_bytes();
    if bytes.len() != out.len() * 2 {
        return None;
    }
    let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    for (i, pair) in bytes.chunks(2).enumerate() {
        out[i] = nibble(pair[0])? << 4 | nibble(pair[1])?;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_intel_timestamps() {
        assert_eq!(parse_intel_timestamp("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_intel_timestamp("2025-06-19T10:16:03Z"),
            Some(1_750_328_163)
        );
        assert_eq!(
            parse_intel_timestamp("2024-02-29T23:59:59.123Z"),
            Some(1_709_251_199)
        );
    }

    #[test]
    fn refuses_other_timestamp_shapes() {
        for bad in [
            "",
            "2025-06-19 10:16:03Z",
            "2025-06-19T10:16:03",
            "2025-06-19T10:16:03+00:00",
            "2025-13-19T10:16:03Z",
            "2025-06-19T24:16:03Z",
            "2025-06-19T10:16:03.Z1",
            "+025-06-19T10:16:03Z",
        ] {
            assert_eq!(parse_intel_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn decodes_hex_of_exact_length() {
        let mut out = [0u8; 6];
        assert_eq!(hex_to_bytes("B0c06F000000", &mut out), Some(()));
        assert_eq!(out, [0xb0, 0xc0, 0x6f, 0, 0, 0]);
        assert_eq!(hex_to_bytes("B0C06F00000", &mut out), None);
        assert_eq!(hex_to_bytes("B0C06F00000G", &mut out), None);
    }
}
