//! sr25519 as the custos companion uses it, exposed to Node through Node-API: plain
//! schnorrkel signatures in the `substrate` signing context, the scheme the runtime checks
//! with `sp_io::crypto::sr25519_verify` and `@polkadot/wasm-crypto` implements in wasm.
//!
//! Only the project's glue lives here; the cryptography is `schnorrkel`'s. The TypeScript
//! side (`src/crypto/sr25519Native.ts`) loads the built addon, checks it against the
//! JavaScript implementation once, and falls back to wasm when it is absent.

use napi::bindgen_prelude::{Error, Result, Status, Uint8Array};
use napi_derive::napi;
use schnorrkel::{ExpansionMode, Keypair, MiniSecretKey, PublicKey, Signature};

/// The signing context of Substrate's sr25519 signatures.
const SIGNING_CONTEXT: &[u8] = b"substrate";

/// What the TypeScript loader expects; raised whenever an export changes meaning.
#[napi]
pub const ABI_VERSION: u32 = 1;

/// Whether `signature` is `public_key`'s sr25519 signature over exactly `message`.
/// A key or signature that does not decode (wrong length, not a point, no schnorrkel
/// marker, a scalar out of range) is `false`, never an error.
#[napi]
pub fn verify(message: &[u8], signature: &[u8], public_key: &[u8]) -> bool {
    match (PublicKey::from_bytes(public_key), Signature::from_bytes(signature)) {
        (Ok(key), Ok(decoded)) => key
            .verify_simple(SIGNING_CONTEXT, message, &decoded)
            .is_ok(),
        _ => false,
    }
}

/// An sr25519 key pair held in the addon's memory: its secret never crosses into
/// JavaScript. `zeroize` (or collection of the object) drops it, and schnorrkel wipes a
/// dropped secret key.
#[napi]
pub struct Sr25519Keypair {
    pair: Option<Keypair>,
    public_key: [u8; 32],
}

#[napi]
impl Sr25519Keypair {
    /// The key pair of a 32-byte mini-secret, expanded as `Keyring.addFromSeed` and
    /// `sr25519KeypairFromSeed` expand it (Ed25519 mode). The caller wipes its own copy.
    #[napi(factory)]
    pub fn from_seed(seed: &[u8]) -> Result<Self> {
        let mini = MiniSecretKey::from_bytes(seed).map_err(|_| {
            Error::new(
                Status::InvalidArg,
                format!("seed: must be 32 bytes, got {}", seed.len()),
            )
        })?;
        let pair = mini.expand_to_keypair(ExpansionMode::Ed25519);
        let public_key = pair.public.to_bytes();
        Ok(Self {
            pair: Some(pair),
            public_key,
        })
    }

    /// The 32-byte public key.
    #[napi(getter)]
    pub fn public_key(&self) -> Uint8Array {
        Uint8Array::new(self.public_key.to_vec())
    }

    /// A fresh sr25519 signature (64 bytes) over exactly `message`; its nonce mixes the
    /// secret, the message and the operating system's randomness. Fails once zeroised.
    #[napi]
    pub fn sign(&self, message: &[u8]) -> Result<Uint8Array> {
        let pair = self.pair.as_ref().ok_or_else(|| {
            Error::new(
                Status::GenericFailure,
                "sr25519 key pair: its secret was zeroised".to_owned(),
            )
        })?;
        let signature = pair.sign_simple(SIGNING_CONTEXT, message);
        Ok(Uint8Array::new(signature.to_bytes().to_vec()))
    }

    /// Drops the secret key (schnorrkel wipes it); `sign` fails from then on.
    #[napi]
    pub fn zeroize(&mut self) {
        self.pair = None;
    }
}
