//! Mock TDX quotes for tests, dev chains and benchmarks (feature `mock`: never in the
//! committed runtime, only in a `runtime-benchmarks` build of it).
//!
//! Produces the real TDX v4 byte layout: a 48-byte header, a 584-byte TD report, and
//! ECDSA-P256 signature data whose QE report is signed by a dev PCK key carried in
//! certification data of type [`DEV_PCK_KEY_CERT_TYPE`]. The TypeScript builder
//! (`src/quote/mockQuote.ts`) produces byte-identical quotes for the same inputs.

use alloc::vec::Vec;
use p256::ecdsa::{signature::Signer, Signature, SigningKey};
use sha2::{Digest, Sha256};

use crate::verify::{DevPckKey, DEV_PCK_KEY_CERT_TYPE};

/// Intel's QE vendor id, as real quotes carry it.
pub const INTEL_QE_VENDOR_ID: [u8; 16] = [
    0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9, 0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07,
];

/// Seed of the dev PCK key that the `development` preset allow-lists.
pub const DEV_PCK_SEED: &[u8] = b"custos/dev-pck-key/0";
/// Seed of the attestation key mock quotes are signed with.
pub const DEV_ATTESTATION_SEED: &[u8] = b"custos/dev-attestation-key/0";

/// TD attributes of the dev image: only `SEPT_VE_DISABLE` (bit 28), as a production TD
/// has them (the Intel fixtures carry the same value).
pub const DEV_TD_ATTRIBUTES: u64 = crate::quote::td_attributes::SEPT_VE_DISABLE;
/// XFAM of the dev image: x87, SSE, AVX, AVX-512 state, PKRU and AMX tiles (`0x602e7`, as
/// the Intel fixtures carry it).
pub const DEV_XFAM: u64 = 0x0006_02e7;

/// The report fields of a mock TD image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MockTdImage {
    /// MRTD.
    pub mr_td: [u8; 48],
    /// RTMR0..RTMR3.
    pub rtmr: [[u8; 48]; 4],
    /// TD attributes, 8 bytes little-endian (bit 0 = debug, bit 28 = SEPT_VE_DISABLE).
    pub td_attributes: [u8; 8],
    /// XFAM, 8 bytes little-endian.
    pub xfam: [u8; 8],
    /// MRCONFIGID.
    pub mr_config_id: [u8; 48],
    /// MROWNER.
    pub mr_owner: [u8; 48],
    /// MROWNERCONFIG.
    pub mr_owner_config: [u8; 48],
}

impl MockTdImage {
    /// The dev image whose measurement and TD policy the `development` preset accepts.
    pub fn dev() -> Self {
        Self {
            mr_td: [0x4d; 48],
            rtmr: [[0x10; 48], [0x11; 48], [0x12; 48], [0x13; 48]],
            td_attributes: DEV_TD_ATTRIBUTES.to_le_bytes(),
            xfam: DEV_XFAM.to_le_bytes(),
            mr_config_id: [0; 48],
            mr_owner: [0; 48],
            mr_owner_config: [0; 48],
        }
    }
}

/// A P-256 key derived deterministically from a seed: scalar = SHA-256(seed).
pub fn signing_key_from_seed(seed: &[u8]) -> SigningKey {
    let digest = Sha256::digest(seed);
    SigningKey::from_slice(&digest).expect("SHA-256 of a seed is a valid P-256 scalar")
}

/// Raw public key (x ‖ y) of a signing key.
pub fn raw_public_key(key: &SigningKey) -> DevPckKey {
    let point = key.verifying_key().to_encoded_point(false);
    let mut out = [0u8; 64];
    out.copy_from_slice(&point.as_bytes()[1..]);
    out
}

/// The dev PCK public key that the `development` preset allow-lists.
pub fn dev_pck_public_key() -> DevPckKey {
    raw_public_key(&signing_key_from_seed(DEV_PCK_SEED))
}

fn sign(key: &SigningKey, msg: &[u8]) -> [u8; 64] {
    let sig: Signature = key.sign(msg);
    let mut out = [0u8; 64];
    out.copy_from_slice(&sig.to_bytes());
    out
}

/// Builds a mock TDX v4 quote for `report_data`, signed under the dev keys from seeds.
pub fn build_mock_quote(
    image: &MockTdImage,
    report_data: &[u8; 64],
    pck_seed: &[u8],
    attestation_seed: &[u8],
) -> Vec<u8> {
    let pck = signing_key_from_seed(pck_seed);
    let attestation = signing_key_from_seed(attestation_seed);
    let attestation_pub = raw_public_key(&attestation);

    let mut quote = Vec::with_capacity(1100);
    // Header (48 bytes).
    quote.extend_from_slice(&4u16.to_le_bytes()); // version
    quote.extend_from_slice(&2u16.to_le_bytes()); // attestation key type: ECDSA P-256
    quote.extend_from_slice(&0x81u32.to_le_bytes()); // TEE type: TDX
    quote.extend_from_slice(&0u16.to_le_bytes()); // QE SVN
    quote.extend_from_slice(&0u16.to_le_bytes()); // PCE SVN
    quote.extend_from_slice(&INTEL_QE_VENDOR_ID);
    quote.extend_from_slice(&[0u8; 20]); // user data
    // TD report 1.0 (584 bytes).
    quote.extend_from_slice(&[0u8; 16]); // TEE TCB SVN
    quote.extend_from_slice(&[0u8; 48]); // MRSEAM
    quote.extend_from_slice(&[0u8; 48]); // MRSIGNERSEAM
    quote.extend_from_slice(&[0u8; 8]); // SEAM attributes
    quote.extend_from_slice(&image.td_attributes);
    quote.extend_from_slice(&image.xfam);
    quote.extend_from_slice(&image.mr_td);
    quote.extend_from_slice(&image.mr_config_id);
    quote.extend_from_slice(&image.mr_owner);
    quote.extend_from_slice(&image.mr_owner_config);
    for rtmr in &image.rtmr {
        quote.extend_from_slice(rtmr);
    }
    quote.extend_from_slice(report_data);
    let quote_signature = sign(&attestation, &quote);

    // QE report (SGX enclave report, 384 bytes) binding the attestation key.
    let qe_auth_data = [0u8; 32];
    let mut qe_report = Vec::with_capacity(384);
    qe_report.extend_from_slice(&[0u8; 320]);
    let mut binding = Sha256::new();
    binding.update(attestation_pub);
    binding.update(qe_auth_data);
    qe_report.extend_from_slice(&binding.finalize());
    qe_report.extend_from_slice(&[0u8; 32]);
    let qe_report_signature = sign(&pck, &qe_report);

    let mut qe_cert = Vec::new();
    qe_cert.extend_from_slice(&qe_report);
    qe_cert.extend_from_slice(&qe_report_signature);
    qe_cert.extend_from_slice(&(qe_auth_data.len() as u16).to_le_bytes());
    qe_cert.extend_from_slice(&qe_auth_data);
    qe_cert.extend_from_slice(&DEV_PCK_KEY_CERT_TYPE.to_le_bytes());
    qe_cert.extend_from_slice(&64u32.to_le_bytes());
    qe_cert.extend_from_slice(&raw_public_key(&pck));

    let mut sig_data = Vec::new();
    sig_data.extend_from_slice(&quote_signature);
    sig_data.extend_from_slice(&attestation_pub);
    sig_data.extend_from_slice(&6u16.to_le_bytes());
    sig_data.extend_from_slice(&(qe_cert.len() as u32).to_le_bytes());
    sig_data.extend_from_slice(&qe_cert);

    quote.extend_from_slice(&(sig_data.len() as u32).to_le_bytes());
    quote.extend_from_slice(&sig_data);
    quote
}

/// A dev quote for `report_data` from the dev image and dev keys.
pub fn dev_quote(report_data: &[u8; 64]) -> Vec<u8> {
    build_mock_quote(&MockTdImage::dev(), report_data, DEV_PCK_SEED, DEV_ATTESTATION_SEED)
}

/// A copy of `quote` whose ECDSA signature at `offset` (64 bytes, r ‖ s) uses the other
/// of its two valid forms (s ↔ n − s). Both verify.
pub fn flip_signature_s(quote: &[u8], offset: usize) -> Vec<u8> {
    let sig = Signature::from_slice(&quote[offset..offset + 64]).expect("a signature at offset");
    let flipped = match sig.normalize_s() {
        Some(low) => low,
        None => Signature::from_scalars(sig.r(), -*sig.s()).expect("n − s is a valid s"),
    };
    let mut out = quote.to_vec();
    out[offset..offset + 64].copy_from_slice(&flipped.to_bytes());
    out
}

/// Offset of the quote signature in a TDX v4 quote.
pub const QUOTE_SIGNATURE_OFFSET: usize = 48 + 584 + 4;
/// Offset of the QE report signature in a TDX v4 quote.
pub const QE_REPORT_SIGNATURE_OFFSET: usize = QUOTE_SIGNATURE_OFFSET + 64 + 64 + 6 + 384;

/// The measurement of [`MockTdImage::dev`].
pub fn dev_measurement() -> [u8; 32] {
    let image = MockTdImage::dev();
    let mut h = Sha256::new();
    h.update(image.mr_td);
    h.update(image.rtmr[0]);
    h.update(image.rtmr[1]);
    h.update(image.rtmr[2]);
    h.finalize().into()
}
