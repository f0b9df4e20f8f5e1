//! Reading a TDX quote: the parts the chain decides on, the TD attribute rules every
//! accepted quote meets, and the canonical evidence the chain records.
//!
//! ## What a quote is, byte for byte
//!
//! A quote declares its own lengths: the signature data after the TD report has a u32
//! length, the QE report certification data inside it another, and so on. The chain reads
//! a quote as exactly what those lengths declare and **ignores (cuts) any byte they do not
//! cover**: real quotes arrive padded (the Intel fixtures are 5,006 bytes, of which 4,936
//! are declared), so refusing trailing bytes would refuse genuine quotes. Nothing the
//! chain records depends on the cut bytes (see [`TdQuoteSummary::evidence`]).
//!
//! ## TD attribute rules (both trust paths, [`check_td_attributes`])
//!
//! Bit positions from the Intel TDX Module ABI specification (348551-008US, table
//! "ATTRIBUTES"), exactly as `dcap-qvl` 0.7 reads and enforces them on the Intel path:
//!
//! | bits | name | rule |
//! |---|---|---|
//! | 0 | `DEBUG` | must be 0 ([`QuoteError::DebugTd`]) |
//! | 1–7 | rest of the TUD ("TD under debug") group: reserved 1–3 and 7, profiling 4–6 | must be 0 ([`QuoteError::DebugTd`]) |
//! | 8–15, 23–26, 32–61 | reserved, must be zero | [`QuoteError::ReservedTdAttributes`] |
//! | 17 | `SERVTD_EXT` (service TD bound) | must be 0 ([`QuoteError::ServiceTdBound`]) |
//! | 28 | `SEPT_VE_DISABLE` | must be **1** ([`QuoteError::SeptVeNotDisabled`]) |
//! | 29 | `MIGRATABLE` | must be 0 ([`QuoteError::MigratableTd`]) |
//! | 16, 18–22, 27, 30, 31, 62, 63 | `ICSSD`, …, `LASS`, `PKS`, `KL`, `TPA`, `PERFMON` | free (governance may pin them with the pallet's TD policy) |
//!
//! A TD 1.5 report (quote v5) must also have no service TD (`MRSERVICETD` all zero).

use alloc::vec::Vec;
use codec::{Decode, Encode};
use dcap_qvl::quote::{AuthData, AuthDataV4, Quote, Report};
use p256::ecdsa::Signature;
use sha2::{Digest, Sha256};

use crate::verify::QuoteError;

/// The measurement governance accepts: `SHA-256(MRTD ‖ RTMR0 ‖ RTMR1 ‖ RTMR2)`.
///
/// MRTD covers the TD's initial image (firmware); RTMR0–2 cover its configuration,
/// kernel and command line. The TD's other report fields (attributes, XFAM, MRCONFIGID,
/// MROWNER, MROWNERCONFIG, RTMR3) are checked against the attestation pallet's TD policy,
/// not folded into the measurement.
pub type Measurement = [u8; 32];

/// TD attribute bits, as 64-bit masks over the report's 8 attribute bytes read
/// little-endian (see the module docs for the table).
pub mod td_attributes {
    /// Bit 0: the TD runs in debug mode; the host can read and write its state.
    pub const DEBUG: u64 = 1 << 0;
    /// Bits 0–7, the TUD ("TD under debug") group: any of them set makes the TD untrusted.
    pub const TUD: u64 = 0xff;
    /// Bit 17: a service TD's hash is included in the report (a service TD is bound).
    pub const SERVTD_EXT: u64 = 1 << 17;
    /// Bit 28: EPT violations on pending pages are not turned into #VE in the TD (needed
    /// for the guest to defend against the host's page remapping).
    pub const SEPT_VE_DISABLE: u64 = 1 << 28;
    /// Bit 29: the TD may be migrated by a migration TD.
    pub const MIGRATABLE: u64 = 1 << 29;
    /// Reserved bits that must be zero: 1–3, 7–15, 23–26, 32–61 (`dcap-qvl`'s
    /// `TD_ATTRIBUTES_RESERVED_MBZ_MASK`).
    pub const RESERVED: u64 = 0x3fff_ffff_0780_ff8e;
}

/// Outer certification-data type of every TDX quote: QE report certification data.
pub const QE_REPORT_CERT_TYPE: u16 = 6;

/// Attestation key type ECDSA-256-with-P-256, the only one TDX uses.
const ATTESTATION_KEY_TYPE_ECDSA_P256: u16 = 2;

/// What a verified quote tells the chain.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TdQuoteSummary {
    /// See [`Measurement`].
    pub measurement: Measurement,
    /// The 64 bytes of report data the TD put in its report.
    pub report_data: [u8; 64],
    /// TD attributes, the report's 8 bytes read little-endian. Always passes
    /// [`check_td_attributes`].
    pub td_attributes: u64,
    /// XFAM (extended features the TD may use), the report's 8 bytes read little-endian.
    pub xfam: u64,
    /// MRCONFIGID: software-defined configuration id, set by the host at TD creation.
    pub mr_config_id: [u8; 48],
    /// MROWNER: software-defined id of the TD's owner, set at TD creation.
    pub mr_owner: [u8; 48],
    /// MROWNERCONFIG: software-defined owner configuration, set at TD creation.
    pub mr_owner_config: [u8; 48],
    /// RTMR3: the run-time register the guest extends itself.
    pub rtmr3: [u8; 48],
    /// The quote's canonical evidence (see [`canonical_evidence`]): the same bytes for
    /// every encoding of one attestation. The pallet records its hash.
    pub evidence: Vec<u8>,
}

/// A quote as the chain reads it: parsed, plus its bytes re-encoded from what was parsed.
pub struct ParsedQuote {
    /// The parsed quote.
    pub quote: Quote,
    /// The quote re-encoded: exactly the bytes its declared lengths cover, at every level
    /// (trailing bytes cut). Signatures are checked over these bytes.
    pub bytes: Vec<u8>,
}

impl ParsedQuote {
    /// The TDX v4 signature data (checked present by [`parse_td_quote`]).
    pub fn auth(&self) -> Result<&AuthDataV4, QuoteError> {
        match &self.quote.auth_data {
            AuthData::V4(auth) => Ok(auth),
            AuthData::V3(_) => Err(QuoteError::Malformed),
        }
    }
}

/// Parses a raw quote. Refuses bytes that are not a quote ([`QuoteError::Malformed`]), a
/// version other than 4 or 5, a quote that is not a TDX one, an attestation key that is not
/// ECDSA P-256, and outer certification data of a type other than 6 (QE report
/// certification data, [`QuoteError::UnsupportedCertificationData`]). Bytes after the
/// declared lengths are cut (see the module docs).
pub fn parse_td_quote(raw: &[u8]) -> Result<ParsedQuote, QuoteError> {
    let mut input = raw;
    let quote = Quote::decode(&mut input).map_err(|_| QuoteError::Malformed)?;
    if quote.header.version != 4 && quote.header.version != 5 {
        return Err(QuoteError::UnsupportedVersion);
    }
    if quote.report.as_td10().is_none() {
        return Err(QuoteError::NotTdx);
    }
    if quote.header.attestation_key_type != ATTESTATION_KEY_TYPE_ECDSA_P256 {
        return Err(QuoteError::UnsupportedAttestationKey);
    }
    let AuthData::V4(auth) = &quote.auth_data else {
        return Err(QuoteError::Malformed);
    };
    if auth.certification_data.cert_type != QE_REPORT_CERT_TYPE {
        return Err(QuoteError::UnsupportedCertificationData);
    }
    let bytes = quote.encode();
    Ok(ParsedQuote { quote, bytes })
}

/// The TD attribute rules every accepted quote meets, on both trust paths (see the module
/// docs for the bits). `attributes` is the report's 8 attribute bytes read little-endian.
/// The first rule broken is returned, in the table's order.
pub fn check_td_attributes(attributes: u64) -> Result<(), QuoteError> {
    use td_attributes::*;
    if attributes & TUD != 0 {
        return Err(QuoteError::DebugTd);
    }
    if attributes & RESERVED != 0 {
        return Err(QuoteError::ReservedTdAttributes);
    }
    if attributes & SERVTD_EXT != 0 {
        return Err(QuoteError::ServiceTdBound);
    }
    if attributes & SEPT_VE_DISABLE == 0 {
        return Err(QuoteError::SeptVeNotDisabled);
    }
    if attributes & MIGRATABLE != 0 {
        return Err(QuoteError::MigratableTd);
    }
    Ok(())
}

/// [`check_td_attributes`] on a report, plus: a TD 1.5 report binds no service TD.
pub fn check_td_report(report: &Report) -> Result<(), QuoteError> {
    let td = report.as_td10().ok_or(QuoteError::NotTdx)?;
    check_td_attributes(u64::from_le_bytes(td.td_attributes))?;
    if let Some(td15) = report.as_td15() {
        if td15.mr_service_td != [0u8; 48] {
            return Err(QuoteError::ServiceTdBound);
        }
    }
    Ok(())
}

/// An ECDSA P-256 signature (r ‖ s) in low-s form: `s` replaced by `n − s` when
/// `s > n / 2`. Both forms verify; the chain records only this one. `None` if the bytes are
/// not a signature (r or s zero or not below n).
pub fn low_s(signature: &[u8; 64]) -> Option<[u8; 64]> {
    let parsed = Signature::from_slice(signature).ok()?;
    let normalised = parsed.normalize_s().unwrap_or(parsed);
    let mut out = [0u8; 64];
    out.copy_from_slice(&normalised.to_bytes());
    Some(out)
}

/// The canonical evidence of a parsed quote: what the TD and the quoting enclave signed or
/// bound, with each ECDSA signature in low-s form.
///
/// `header ‖ TD report ‖ attestation key ‖ quote signature (low-s) ‖ QE report ‖
/// QE report signature (low-s) ‖ u16 LE length ‖ QE authentication data`
///
/// Left out: bytes after the declared lengths, and the inner certification data (the PCK
/// certificate chain on the Intel path, the dev PCK key on the dev path). That part only
/// says who vouches for the QE report and is verified on its own; its PEM text and the
/// DER signatures inside its certificates have more than one valid encoding, so hashing it
/// would let anyone relaying a quote change the hash. Two quotes with the same canonical
/// evidence are the same attestation.
pub fn canonical_evidence(parsed: &ParsedQuote) -> Result<Vec<u8>, QuoteError> {
    let auth = parsed.auth()?;
    let qe = &auth.qe_report_data;
    let signed = parsed.bytes.get(..parsed.quote.signed_length()).ok_or(QuoteError::Malformed)?;
    let quote_signature = low_s(&auth.ecdsa_signature).ok_or(QuoteError::BadQuoteSignature)?;
    let qe_signature = low_s(&qe.qe_report_signature).ok_or(QuoteError::BadQeReportSignature)?;
    let auth_len = u16::try_from(qe.qe_auth_data.data.len()).map_err(|_| QuoteError::Malformed)?;
    let mut out = Vec::with_capacity(signed.len() + 64 * 3 + 384 + 2 + qe.qe_auth_data.data.len());
    out.extend_from_slice(signed);
    out.extend_from_slice(&auth.ecdsa_attestation_key);
    out.extend_from_slice(&quote_signature);
    out.extend_from_slice(&qe.qe_report);
    out.extend_from_slice(&qe_signature);
    out.extend_from_slice(&auth_len.to_le_bytes());
    out.extend_from_slice(&qe.qe_auth_data.data);
    Ok(out)
}

/// Computes the [`TdQuoteSummary`] of a verified quote.
pub fn summarize(parsed: &ParsedQuote) -> Result<TdQuoteSummary, QuoteError> {
    let td = parsed.quote.report.as_td10().ok_or(QuoteError::NotTdx)?;
    let mut hasher = Sha256::new();
    hasher.update(td.mr_td);
    hasher.update(td.rt_mr0);
    hasher.update(td.rt_mr1);
    hasher.update(td.rt_mr2);
    let mut measurement = [0u8; 32];
    measurement.copy_from_slice(&hasher.finalize());
    Ok(TdQuoteSummary {
        measurement,
        report_data: td.report_data,
        td_attributes: u64::from_le_bytes(td.td_attributes),
        xfam: u64::from_le_bytes(td.xfam),
        mr_config_id: td.mr_config_id,
        mr_owner: td.mr_owner,
        mr_owner_config: td.mr_owner_config,
        rtmr3: td.rt_mr3,
        evidence: canonical_evidence(parsed)?,
    })
}

#[cfg(test)]
mod tests {
    use super::td_attributes::*;
    use super::*;

    fn bit(n: u32) -> u64 {
        1u64 << n
    }

    #[test]
    fn reserved_mask_is_the_spec_bits() {
        let reserved: Vec<u32> = (1..=3).chain(7..=15).chain(23..=26).chain(32..=61).collect();
        for n in 0..64 {
            assert_eq!(RESERVED & bit(n) != 0, reserved.contains(&n), "bit {n}");
        }
    }

    #[test]
    fn each_rule_names_its_bit() {
        let ok = SEPT_VE_DISABLE;
        assert_eq!(check_td_attributes(ok), Ok(()));
        for n in 0..8 {
            assert_eq!(check_td_attributes(ok | bit(n)), Err(QuoteError::DebugTd), "TUD bit {n}");
        }
        for n in (8..=15).chain(23..=26).chain(32..=61) {
            assert_eq!(check_td_attributes(ok | bit(n)), Err(QuoteError::ReservedTdAttributes), "bit {n}");
        }
        assert_eq!(check_td_attributes(ok | bit(17)), Err(QuoteError::ServiceTdBound));
        assert_eq!(check_td_attributes(0), Err(QuoteError::SeptVeNotDisabled));
        assert_eq!(check_td_attributes(ok | bit(29)), Err(QuoteError::MigratableTd));
        for n in [16, 18, 19, 20, 21, 22, 27, 30, 31, 62, 63] {
            assert_eq!(check_td_attributes(ok | bit(n)), Ok(()), "free bit {n}");
        }
    }

    #[test]
    fn low_s_maps_both_forms_to_one() {
        // n − 1 is high; 1 is low.
        let n_minus_1 = hex_32("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550");
        let mut high = [0u8; 64];
        high[31] = 7;
        high[32..].copy_from_slice(&n_minus_1);
        let mut low = high;
        low[32..].fill(0);
        low[63] = 1;
        assert_eq!(low_s(&high), Some(low));
        assert_eq!(low_s(&low), Some(low));
        assert_eq!(low_s(&[0u8; 64]), None);
    }

    fn hex_32(s: &str) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (i, b) in out.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }
}
