//! The two trust paths for a TDX quote, and the errors they return.
//!
//! Both paths parse the same TDX layout (header, TD report, ECDSA-P256 quote signature,
//! attestation key, QE report certification data (type 6): QE report, its signature, QE
//! authentication data, inner certification data) and both check, cheapest first:
//! structure and certification-data types → TD attribute rules
//! ([`crate::quote::check_td_attributes`], on the unverified bytes: they can only refuse)
//! → QE report signed by the PCK key → QE report binds the attestation key → quote signed
//! by the attestation key. They differ only in where the PCK key comes from:
//!
//! - [`verify_intel_quote`]: the inner certification data (type 5) carries the PCK
//!   certificate chain, which must chain to Intel's SGX root CA; CRLs, TCB info and QE
//!   identity come from the Intel-signed DCAP collateral. Delegated to `dcap-qvl`
//!   (pure-Rust crypto backend), which re-checks the attribute rules.
//! - [`verify_dev_quote`]: the inner certification data (type [`DEV_PCK_KEY_CERT_TYPE`])
//!   carries a raw P-256 public key, which must be on the chain's allow-list of dev PCK keys.
//!
//! Signatures are checked over the quote as its declared lengths cover it (trailing bytes
//! cut); either form of an ECDSA signature (s or n − s) verifies, and the summary's
//! evidence holds the low-s form only (see [`crate::quote::canonical_evidence`]).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use dcap_qvl::quote::EnclaveReport;
use p256::ecdsa::{signature::Verifier, Signature, VerifyingKey};
use p256::EncodedPoint;
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::collateral::verify_intel_quote_with_evaluation;
use crate::quote::{check_td_report, parse_td_quote, summarize, TdQuoteSummary};

/// Inner certification-data type of a mock (dev) quote: the body is the 64-byte raw
/// P-256 PCK public key (x ‖ y). Intel quotes use [`PCK_CERT_CHAIN_CERT_TYPE`].
pub const DEV_PCK_KEY_CERT_TYPE: u16 = 0x0C05;

/// Inner certification-data type of an Intel quote the chain accepts: the PEM PCK
/// certificate chain (leaf, Platform/Processor CA, root).
pub const PCK_CERT_CHAIN_CERT_TYPE: u16 = 5;

/// A dev PCK public key: uncompressed P-256 point without its 0x04 prefix (x ‖ y).
pub type DevPckKey = [u8; 64];

/// Which Intel TCB statuses besides `UpToDate` the chain accepts. Governance sets this;
/// `Revoked` and unknown statuses are never accepted.
#[derive(
    Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, DecodeWithMemTracking, TypeInfo,
    MaxEncodedLen, Serialize, Deserialize,
)]
pub struct IntelTrust {
    /// Accept `SWHardeningNeeded` (platform up to date, software mitigations required).
    pub accept_sw_hardening_needed: bool,
    /// Accept `ConfigurationNeeded` and `ConfigurationAndSWHardeningNeeded`.
    pub accept_configuration_needed: bool,
    /// Accept `OutOfDate` and `OutOfDateConfigurationNeeded` (platform TCB behind Intel's
    /// latest). Off in production; useful while fleets patch.
    pub accept_out_of_date: bool,
}

impl IntelTrust {
    /// Whether `status` (a DCAP TCB status string) is acceptable under this policy.
    pub fn accepts(&self, status: &str) -> bool {
        match status {
            "UpToDate" => true,
            "SWHardeningNeeded" => self.accept_sw_hardening_needed,
            "ConfigurationNeeded" | "ConfigurationAndSWHardeningNeeded" => {
                self.accept_configuration_needed
            }
            "OutOfDate" | "OutOfDateConfigurationNeeded" => self.accept_out_of_date,
            _ => false,
        }
    }
}

/// Why a quote was refused. Each variant names one check.
#[derive(
    Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo,
    MaxEncodedLen,
)]
pub enum QuoteError {
    /// The bytes do not parse as a quote.
    Malformed,
    /// Not a version 4 or 5 quote.
    UnsupportedVersion,
    /// Not a TDX quote (TEE type is not 0x81).
    NotTdx,
    /// The attestation key is not ECDSA P-256.
    UnsupportedAttestationKey,
    /// The certification data is not of the type this trust path expects: outer type not 6
    /// (QE report certification data), inner type not 5 (PCK certificate chain; Intel
    /// path) or 0x0C05 (dev PCK key; dev path), or collateral that brings a PCK chain of
    /// its own (the Intel path verifies the chain the quote carries).
    UnsupportedCertificationData,
    /// The dev PCK key in the quote is not on the chain's allow-list.
    UnknownPckKey,
    /// The QE report's signature does not verify under the PCK key.
    BadQeReportSignature,
    /// The QE report does not bind the attestation key and QE authentication data.
    QeReportDataMismatch,
    /// The quote's signature does not verify under its attestation key.
    BadQuoteSignature,
    /// A TD-under-debug attribute is set: `DEBUG` (bit 0), or another bit of the TUD
    /// group (bits 1–7: profiling, reserved). The host can read or steer the TD.
    DebugTd,
    /// The DCAP collateral does not decode.
    MalformedCollateral,
    /// Intel path: certificate chain, CRLs, collateral signatures, collateral validity
    /// window, QE identity, or quote signatures did not verify.
    IntelVerificationFailed,
    /// Intel path: the platform's TCB status is not accepted by the trust policy.
    TcbStatusNotAccepted,
    /// A reserved TD attribute bit is set (bits 8–15, 23–26, 32–61 must be zero).
    ReservedTdAttributes,
    /// The TD attribute `SEPT_VE_DISABLE` (bit 28) is off: the host could remap private
    /// pages behind the guest's back.
    SeptVeNotDisabled,
    /// The TD attribute `MIGRATABLE` (bit 29) is on: a migration TD could move the TD,
    /// and its secrets, to another platform.
    MigratableTd,
    /// A service TD is bound to the TD (`SERVTD_EXT`, bit 17, or a non-zero MRSERVICETD
    /// in a TD 1.5 report): another TD has access to it.
    ServiceTdBound,
}

fn p256_key(raw: &[u8; 64]) -> Result<VerifyingKey, QuoteError> {
    VerifyingKey::from_encoded_point(&EncodedPoint::from_untagged_bytes(raw.into()))
        .map_err(|_| QuoteError::Malformed)
}

fn p256_verify(key: &VerifyingKey, msg: &[u8], sig: &[u8; 64]) -> bool {
    match Signature::from_slice(sig) {
        Ok(sig) => key.verify(msg, &sig).is_ok(),
        Err(_) => false,
    }
}

/// Verifies a mock quote against the allow-listed dev PCK keys and returns its summary.
///
/// Guarantees on `Ok`: the quote is a TDX quote with QE report certification data (type 6)
/// carrying a dev PCK key (type 0x0C05); its TD attributes pass
/// [`crate::quote::check_td_attributes`]; its QE report is signed by one of
/// `allowed_pck_keys`; the QE report binds the attestation key; the header and TD report
/// are signed by that attestation key.
pub fn verify_dev_quote(
    raw: &[u8],
    allowed_pck_keys: &[DevPckKey],
) -> Result<TdQuoteSummary, QuoteError> {
    let parsed = parse_td_quote(raw)?;
    let auth = parsed.auth()?;
    let qe = &auth.qe_report_data;
    if qe.certification_data.cert_type != DEV_PCK_KEY_CERT_TYPE {
        return Err(QuoteError::UnsupportedCertificationData);
    }
    check_td_report(&parsed.quote.report)?;
    let pck: DevPckKey = qe
        .certification_data
        .body
        .data
        .as_slice()
        .try_into()
        .map_err(|_| QuoteError::UnsupportedCertificationData)?;
    if !allowed_pck_keys.contains(&pck) {
        return Err(QuoteError::UnknownPckKey);
    }
    if !p256_verify(&p256_key(&pck)?, &qe.qe_report, &qe.qe_report_signature) {
        return Err(QuoteError::BadQeReportSignature);
    }
    let qe_report =
        EnclaveReport::decode(&mut &qe.qe_report[..]).map_err(|_| QuoteError::Malformed)?;
    let mut hasher = Sha256::new();
    hasher.update(auth.ecdsa_attestation_key);
    hasher.update(&qe.qe_auth_data.data);
    if qe_report.report_data[..32] != hasher.finalize()[..] || qe_report.report_data[32..] != [0u8; 32] {
        return Err(QuoteError::QeReportDataMismatch);
    }
    let signed = parsed.bytes.get(..parsed.quote.signed_length()).ok_or(QuoteError::Malformed)?;
    if !p256_verify(&p256_key(&auth.ecdsa_attestation_key)?, signed, &auth.ecdsa_signature) {
        return Err(QuoteError::BadQuoteSignature);
    }
    summarize(&parsed)
}

/// Verifies a genuine Intel TDX quote with its DCAP collateral (SCALE-encoded
/// `dcap_qvl::QuoteCollateralV3`) at `now_secs` (UNIX seconds), and returns its summary.
///
/// Guarantees on `Ok`: the quote is a TDX quote with QE report certification data (type 6)
/// carrying its PCK certificate chain (type 5), and the collateral brings no chain of its
/// own; its TD attributes pass [`crate::quote::check_td_attributes`]; the PCK chain ends in
/// Intel's SGX root CA and no certificate is revoked; TCB info and QE identity are
/// Intel-signed and valid at `now_secs`; the QE report, the attestation key binding and the
/// quote signature verify; and the platform's TCB status is accepted by `trust`.
/// `dcap-qvl` sees the quote cut to its declared length.
pub fn verify_intel_quote(
    raw: &[u8],
    collateral: &[u8],
    now_secs: u64,
    trust: &IntelTrust,
) -> Result<TdQuoteSummary, QuoteError> {
    let parsed = parse_td_quote(raw)?;
    if parsed.auth()?.qe_report_data.certification_data.cert_type != PCK_CERT_CHAIN_CERT_TYPE {
        return Err(QuoteError::UnsupportedCertificationData);
    }
    check_td_report(&parsed.quote.report)?;
    let collateral = dcap_qvl::QuoteCollateralV3::decode(&mut &collateral[..])
        .map_err(|_| QuoteError::MalformedCollateral)?;
    verify_intel_quote_with_evaluation(raw, &collateral, now_secs, trust).map(|(summary, _)| summary)
}
