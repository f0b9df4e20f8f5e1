//! The signatures a cached collateral bundle carries, verified once on upload and
//! recalled afterwards, so that a restart attestation on the cached Intel path pays only
//! for the signatures that are new with its quote.
//!
//! Verifying a TDX quote with `dcap-qvl` checks about ten ECDSA P-256 signatures: Intel's
//! root over the TCB signing certificate, the PCK CA certificate and the root CRL; the TCB
//! signing key over TCB info and QE identity; the PCK CA over the PCK CRL and the PCK leaf;
//! the PCK leaf over the QE report; the attestation key over the quote. Only the last three
//! depend on the quote. `dcap-qvl` takes its signature algorithm from a [`Config`], so
//! [`MemoConfig`] wraps the audited RustCrypto ECDSA P-256 verifier with a memo:
//!
//! - **record** ([`record_collateral_signatures`]): every signature that verifies and whose
//!   signed message is part of the collateral material (the bundle's TCB info, QE identity,
//!   CRLs and issuer certificates, and, in [`MemoScope::BundleAndPckCa`], the quote's PCK CA
//!   certificate) is kept as a [`SignatureDigest`];
//! - **recall** ([`verify_with_memo`]): a signature whose digest is in the memo is accepted
//!   without the curve arithmetic; any other goes to the real verifier.
//!
//! A digest is BLAKE2b-256 over the SCALE encoding of (public key, message, signature), so a
//! memo hit is exactly a triple that verified before; ECDSA verification is a pure function
//! of that triple, and every other check (validity windows, revocation, TCB matching, QE
//! identity) still runs in `dcap-qvl` on every call. Outside a recording or recalling scope
//! [`MemoConfig`] verifies every signature, like `dcap-qvl`'s own RustCrypto configuration.

use alloc::vec::Vec;
use codec::Encode;
use dcap_qvl::config::{Config, CryptoProvider};
use dcap_qvl::crypto::RustCryptoCrypto;
use dcap_qvl::QuoteCollateralV3;
use rustls_pki_types::{AlgorithmIdentifier, InvalidSignature, SignatureVerificationAlgorithm};

/// BLAKE2b-256 of the SCALE encoding of (public key, message, signature) of a signature
/// that verified.
pub type SignatureDigest = [u8; 32];

/// The most digests a memo keeps: a bundle carries six collateral signatures and the PCK
/// CA certificate one more; the bound leaves room for longer issuer chains.
pub const MAX_MEMO_SIGNATURES: u32 = 16;

/// The signatures a TDX quote brings that no collateral covers: its PCK leaf certificate
/// (signed by the PCK CA), its QE report (signed by the PCK leaf) and the quote itself
/// (signed by the attestation key). With a [`MemoScope::BundleAndPckCa`] memo recorded
/// under the same PCK CA certificate, these are all a quote verifies anew.
pub const QUOTE_OWN_SIGNATURES: u32 = 3;

/// Which signed messages [`record_collateral_signatures`] keeps.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MemoScope {
    /// Only signatures over the bundle's own content: TCB info, QE identity, both CRLs and
    /// the certificates of its issuer chains. A quote then pays for four signatures (PCK CA
    /// certificate, PCK leaf, QE report, quote): the worst case a benchmark charges.
    Bundle,
    /// The bundle's signatures and Intel's root over the uploading quote's PCK CA
    /// certificate, which every platform under that CA shares. A quote under the same CA
    /// certificate then pays for three signatures.
    BundleAndPckCa,
}

/// What the memo does inside one verification.
enum MemoMode {
    /// Keep digests of verified signatures whose message lies in `material`.
    Record { material: Vec<Vec<u8>>, kept: Vec<SignatureDigest> },
    /// Accept signatures whose digest is listed.
    Recall(Vec<SignatureDigest>),
}

/// BLAKE2b-256, as the caller computes it: the runtime passes its host function (native
/// speed), tests and tools [`blake2_256`]. Both give the same digests.
pub type Blake2_256 = fn(&[u8]) -> [u8; 32];

/// BLAKE2b-256 in Rust, for callers without a faster implementation.
pub fn blake2_256(data: &[u8]) -> [u8; 32] {
    sp_crypto_hashing::blake2_256(data)
}

/// The memo's state inside one verification.
struct MemoState {
    mode: MemoMode,
    /// How digests are hashed.
    hash: Blake2_256,
    /// Signatures verified with the curve arithmetic (not recalled) so far.
    verified_anew: u32,
}

environmental::environmental!(memo_state: MemoState);

/// The digest the memo keeps for one verified signature, hashed with `hash`.
pub fn signature_digest(
    hash: Blake2_256,
    public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> SignatureDigest {
    hash(&(public_key, message, signature).encode())
}

/// Whether `needle` occurs as a contiguous run of bytes in `haystack`.
fn contains_slice(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack.len() >= needle.len()
        && haystack.windows(needle.len()).any(|window| window == needle)
}

/// ECDSA P-256 with SHA-256, as `dcap-qvl`'s RustCrypto backend verifies it, behind the memo.
#[derive(Debug)]
pub struct MemoizedEcdsaP256;

/// The one instance [`MemoCrypto::sig_algo`] hands out.
static MEMOIZED_ECDSA_P256: MemoizedEcdsaP256 = MemoizedEcdsaP256;

impl MemoizedEcdsaP256 {
    fn inner() -> &'static dyn SignatureVerificationAlgorithm {
        RustCryptoCrypto::sig_algo()
    }
}

impl SignatureVerificationAlgorithm for MemoizedEcdsaP256 {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), InvalidSignature> {
        // Outside a memo scope there is nothing to hash.
        let digest = memo_state::with(|state| {
            signature_digest(state.hash, public_key, message, signature)
        });
        let recalled = digest.and_then(|digest| {
            memo_state::with(|state| match &state.mode {
                MemoMode::Recall(known) => known.contains(&digest),
                MemoMode::Record { .. } => false,
            })
        });
        if recalled == Some(true) {
            return Ok(());
        }
        Self::inner().verify_signature(public_key, message, signature)?;
        memo_state::with(|state| {
            state.verified_anew = state.verified_anew.saturating_add(1);
            let Some(digest) = digest else { return };
            if let MemoMode::Record { material, kept } = &mut state.mode {
                let from_collateral = material.iter().any(|part| contains_slice(part, message));
                if from_collateral
                    && !kept.contains(&digest)
                    && kept.len() < MAX_MEMO_SIGNATURES as usize
                {
                    kept.push(digest);
                }
            }
        });
        Ok(())
    }

    fn public_key_alg_id(&self) -> AlgorithmIdentifier {
        Self::inner().public_key_alg_id()
    }

    fn signature_alg_id(&self) -> AlgorithmIdentifier {
        Self::inner().signature_alg_id()
    }

    fn fips(&self) -> bool {
        Self::inner().fips()
    }
}

/// `dcap-qvl`'s RustCrypto primitives with the signature algorithm behind the memo.
pub struct MemoCrypto;

impl CryptoProvider for MemoCrypto {
    fn sig_algo() -> &'static dyn SignatureVerificationAlgorithm {
        &MEMOIZED_ECDSA_P256
    }

    fn sha256(data: &[u8]) -> [u8; 32] {
        RustCryptoCrypto::sha256(data)
    }

    fn sha384(data: &[u8]) -> [u8; 48] {
        RustCryptoCrypto::sha384(data)
    }
}

/// `dcap-qvl`'s audited X.509 parser and signature encoder with [`MemoCrypto`].
pub struct MemoConfig;

impl Config for MemoConfig {
    type X509 = dcap_qvl::x509::X509CertBackend;
    type SigEncoder = dcap_qvl::signature::DerSigEncoder;
    type Crypto = MemoCrypto;
}

/// The byte strings whose signatures a memo may keep: the bundle's TCB info, QE identity,
/// CRLs and issuer-chain certificates (DER), and in [`MemoScope::BundleAndPckCa`] the
/// certificates of `quote_chain` after its leaf.
fn collateral_material(
    collateral: &QuoteCollateralV3,
    quote_chain: &[Vec<u8>],
    scope: MemoScope,
) -> Vec<Vec<u8>> {
    let mut material = Vec::new();
    material.push(collateral.tcb_info.as_bytes().to_vec());
    material.push(collateral.qe_identity.as_bytes().to_vec());
    material.push(collateral.pck_crl.clone());
    material.push(collateral.root_ca_crl.clone());
    for chain in [&collateral.tcb_info_issuer_chain, &collateral.qe_identity_issuer_chain] {
        if let Ok(certs) = pem::parse_many(chain.as_bytes()) {
            material.extend(certs.into_iter().map(|cert| cert.into_contents()));
        }
    }
    if scope == MemoScope::BundleAndPckCa {
        material.extend(quote_chain.iter().skip(1).cloned());
    }
    material
}

/// Runs `verify` (a `dcap-qvl` verification through [`MemoConfig`]) and returns its result
/// with the digests of the verified signatures over the collateral material of
/// `collateral` and `quote_chain` (the quote's PCK chain, leaf first), in the order they
/// were verified, at most [`MAX_MEMO_SIGNATURES`]; digests are hashed with `hash`.
pub fn record_collateral_signatures<R>(
    collateral: &QuoteCollateralV3,
    quote_chain: &[Vec<u8>],
    scope: MemoScope,
    hash: Blake2_256,
    verify: impl FnOnce() -> R,
) -> (R, Vec<SignatureDigest>) {
    let mut state = MemoState {
        mode: MemoMode::Record {
            material: collateral_material(collateral, quote_chain, scope),
            kept: Vec::new(),
        },
        hash,
        verified_anew: 0,
    };
    let result = memo_state::using(&mut state, verify);
    let kept = match state.mode {
        MemoMode::Record { kept, .. } => kept,
        MemoMode::Recall(_) => Vec::new(),
    };
    (result, kept)
}

/// Runs `verify` (a `dcap-qvl` verification through [`MemoConfig`]) accepting the
/// signatures listed in `memo` without recomputing them, and returns its result with the
/// number of signatures it verified anew (the per-quote work the memo did not save).
/// Digests are hashed with `hash`.
pub fn verify_with_memo<R>(
    memo: &[SignatureDigest],
    hash: Blake2_256,
    verify: impl FnOnce() -> R,
) -> (R, u32) {
    let mut state = MemoState { mode: MemoMode::Recall(memo.to_vec()), hash, verified_anew: 0 };
    let result = memo_state::using(&mut state, verify);
    (result, state.verified_anew)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_contiguous_runs_only() {
        assert!(contains_slice(b"abcdef", b"cde"));
        assert!(contains_slice(b"abcdef", b"abcdef"));
        assert!(!contains_slice(b"abcdef", b"ace"));
        assert!(!contains_slice(b"abc", b"abcd"));
        assert!(!contains_slice(b"abc", b""));
    }

    #[test]
    fn digest_separates_fields() {
        assert_ne!(
            signature_digest(blake2_256, b"ab", b"c", b"d"),
            signature_digest(blake2_256, b"a", b"bc", b"d")
        );
    }
}
