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
//!   signed message is exactly one of the bundle's (TCB info, QE identity, the TBS of its
//!   CRLs and issuer certificates) or, in [`MemoScope::BundleAndPckCa`], the TBS of the
//!   quote's PCK CA certificate, is kept as a [`SignatureDigest`];
//! - **recall** ([`verify_with_memo`]): a signature whose digest is in the memo is accepted
//!   without the curve arithmetic; any other goes to the real verifier, at most `budget` of
//!   them (valid or not): a quote that would need more is refused unchecked, so a
//!   cached-path verification never costs more than its benchmark.
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

/// The signatures a TDX quote brings that no collateral covers: its PCK leaf certificate
/// (signed by the PCK CA), its QE report (signed by the PCK leaf) and the quote itself
/// (signed by the attestation key). With a memo recorded under the same PCK CA
/// certificate, these are all a genuine quote verifies anew; the cached path allows no
/// more ([`verify_with_memo`]'s budget).
pub const QUOTE_OWN_SIGNATURES: u32 = 3;

/// Which signed messages [`record_collateral_signatures`] keeps.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MemoScope {
    /// Only signatures over the bundle's own content: TCB info, QE identity, the two CRLs
    /// and the certificates of its issuer chains.
    Bundle,
    /// The bundle's signatures and Intel's root over the uploading quote's PCK CA
    /// certificate, which every platform under that CA shares.
    BundleAndPckCa,
}

/// What an upload's verification recorded, by what the signed message was.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct RecordedMemo {
    /// Signatures over the bundle's own content (at most [`MAX_BUNDLE_SIGNATURES`]).
    pub bundle: Vec<SignatureDigest>,
    /// Intel's root over the uploading quote's PCK CA certificate (at most one per upload).
    pub pck_ca: Vec<SignatureDigest>,
}

/// The most bundle signatures a memo keeps: a bundle carries five (TCB signing
/// certificate, TCB info, QE identity, root CRL, PCK CA CRL); the bound leaves room for a
/// QE identity signed under its own chain.
pub const MAX_BUNDLE_SIGNATURES: u32 = 8;

/// What happened inside one recalling verification.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct MemoOutcome {
    /// Signatures that reached the curve arithmetic (not recalled), valid or not.
    pub verified_anew: u32,
    /// The budget ran out: a signature was refused without being checked, so the
    /// verification's result says nothing about the quote.
    pub budget_exhausted: bool,
}

/// What the memo does inside one verification.
enum MemoMode {
    /// Keep digests of verified signatures whose message is exactly one of
    /// `bundle_messages` or `ca_messages`.
    Record {
        bundle_messages: Vec<Vec<u8>>,
        ca_messages: Vec<Vec<u8>>,
        kept: RecordedMemo,
    },
    /// Accept signatures whose digest is listed; check at most `budget` others.
    Recall { known: Vec<SignatureDigest>, budget: Option<u32> },
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
    outcome: MemoOutcome,
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

/// What the memo decides before the curve arithmetic.
enum Before {
    /// Outside any memo scope: verify.
    Unscoped,
    /// A recalled signature: accept without verifying.
    Recalled,
    /// The budget is spent: refuse without verifying.
    OverBudget,
    /// Verify; the digest is kept for recording.
    Verify(SignatureDigest),
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
        let before = memo_state::with(|state| {
            let digest = signature_digest(state.hash, public_key, message, signature);
            if let MemoMode::Recall { known, budget } = &state.mode {
                if known.contains(&digest) {
                    return Before::Recalled;
                }
                // Every signature that would reach the curve counts, valid or not, so that a
                // quote cannot buy extra work with candidates that fail.
                if budget.is_some_and(|budget| state.outcome.verified_anew >= budget) {
                    state.outcome.budget_exhausted = true;
                    return Before::OverBudget;
                }
            }
            state.outcome.verified_anew = state.outcome.verified_anew.saturating_add(1);
            Before::Verify(digest)
        })
        .unwrap_or(Before::Unscoped);
        let digest = match before {
            Before::Recalled => return Ok(()),
            Before::OverBudget => return Err(InvalidSignature),
            Before::Unscoped => None,
            Before::Verify(digest) => Some(digest),
        };
        Self::inner().verify_signature(public_key, message, signature)?;
        if let Some(digest) = digest {
            memo_state::with(|state| {
                if let MemoMode::Record { bundle_messages, ca_messages, kept } = &mut state.mode {
                    let is = |messages: &Vec<Vec<u8>>| messages.iter().any(|m| m.as_slice() == message);
                    if is(bundle_messages) {
                        if !kept.bundle.contains(&digest)
                            && kept.bundle.len() < MAX_BUNDLE_SIGNATURES as usize
                        {
                            kept.bundle.push(digest);
                        }
                    } else if is(ca_messages) && !kept.pck_ca.contains(&digest) {
                        kept.pck_ca.push(digest);
                    }
                }
            });
        }
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

/// The DER of the `tbsCertificate` of a DER certificate, when its encoding is canonical
/// (the re-encoded TBS is found in the certificate as it is): exactly the bytes its
/// issuer signed.
fn certificate_tbs(certificate: &[u8]) -> Option<Vec<u8>> {
    use x509_cert::der::{Decode as _, Encode as _};
    let parsed = x509_cert::Certificate::from_der(certificate).ok()?;
    let tbs = parsed.tbs_certificate().to_der().ok()?;
    certificate.windows(tbs.len()).any(|w| w == tbs.as_slice()).then_some(tbs)
}

/// The DER of the `tbsCertList` of a DER CRL, when its encoding is canonical.
fn crl_tbs(crl: &[u8]) -> Option<Vec<u8>> {
    use x509_cert::der::{Decode as _, Encode as _};
    let parsed = x509_cert::crl::CertificateList::<x509_cert::certificate::Rfc5280>::from_der(crl).ok()?;
    let tbs = parsed.tbs_cert_list.to_der().ok()?;
    crl.windows(tbs.len()).any(|w| w == tbs.as_slice()).then_some(tbs)
}

/// The exact messages whose signatures the bundle carries: TCB info, QE identity, the TBS of
/// each issuer-chain certificate and of both CRLs.
fn bundle_messages(collateral: &QuoteCollateralV3) -> Vec<Vec<u8>> {
    let mut messages = Vec::new();
    messages.push(collateral.tcb_info.as_bytes().to_vec());
    messages.push(collateral.qe_identity.as_bytes().to_vec());
    messages.extend(crl_tbs(&collateral.pck_crl));
    messages.extend(crl_tbs(&collateral.root_ca_crl));
    for chain in [&collateral.tcb_info_issuer_chain, &collateral.qe_identity_issuer_chain] {
        if let Ok(certs) = pem::parse_many(chain.as_bytes()) {
            messages.extend(certs.iter().filter_map(|cert| certificate_tbs(cert.contents())));
        }
    }
    messages
}

/// Runs `verify` (a `dcap-qvl` verification through [`MemoConfig`]) and returns its result
/// with the digests of the signatures that verified over exactly the bundle's messages
/// and, in [`MemoScope::BundleAndPckCa`], the TBS of `quote_chain`'s PCK CA certificate
/// (its second certificate; the chain is the quote's, leaf first). Digests are hashed with
/// `hash`.
pub fn record_collateral_signatures<R>(
    collateral: &QuoteCollateralV3,
    quote_chain: &[Vec<u8>],
    scope: MemoScope,
    hash: Blake2_256,
    verify: impl FnOnce() -> R,
) -> (R, RecordedMemo) {
    let ca_messages = match scope {
        MemoScope::Bundle => Vec::new(),
        MemoScope::BundleAndPckCa => {
            quote_chain.get(1).and_then(|ca| certificate_tbs(ca)).into_iter().collect()
        }
    };
    let mut state = MemoState {
        mode: MemoMode::Record {
            bundle_messages: bundle_messages(collateral),
            ca_messages,
            kept: RecordedMemo::default(),
        },
        hash,
        outcome: MemoOutcome::default(),
    };
    let result = memo_state::using(&mut state, verify);
    let kept = match state.mode {
        MemoMode::Record { kept, .. } => kept,
        MemoMode::Recall { .. } => RecordedMemo::default(),
    };
    (result, kept)
}

/// Runs `verify` (a `dcap-qvl` verification through [`MemoConfig`]) accepting the
/// signatures listed in `memo` without recomputing them and checking at most `budget`
/// others (every further one is refused unchecked and the outcome says so). Digests are
/// hashed with `hash`.
pub fn verify_with_memo<R>(
    memo: &[SignatureDigest],
    budget: Option<u32>,
    hash: Blake2_256,
    verify: impl FnOnce() -> R,
) -> (R, MemoOutcome) {
    let mut state = MemoState {
        mode: MemoMode::Recall { known: memo.to_vec(), budget },
        hash,
        outcome: MemoOutcome::default(),
    };
    let result = memo_state::using(&mut state, verify);
    (result, state.outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_separates_fields() {
        assert_ne!(
            signature_digest(blake2_256, b"ab", b"c", b"d"),
            signature_digest(blake2_256, b"a", b"bc", b"d")
        );
    }
}
