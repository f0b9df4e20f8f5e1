//! Share releases: the per-holder recovery keys a restart quote binds, and opening what a
//! backup holder released.
//!
//! After a restart the owner makes one ephemeral x25519 key per confirmed holder (in the
//! order of the holders on chain) and its quote binds only their root,
//! [`recovery_keys_root`]. Each holder seals what it holds (share ‖ blinding) with HPKE to
//! its own key. When a holder releases bytes that do not open to the commitment the chain
//! recorded, the owner can reveal that one holder's private key (and so only that holder's
//! own bytes) to prove it on chain; [`open_release`] and [`x25519_public_of`] are the
//! chain's half of that proof. The TypeScript companion computes the same functions
//! (`@hpke/core` with `@hpke/dhkem-x25519` and `@hpke/chacha20poly1305`, and
//! `@noble/curves` x25519).

use alloc::vec::Vec;
use hpke::{
    aead::ChaCha20Poly1305, kdf::HkdfSha256, kem::X25519HkdfSha256, Deserializable, Kem as _,
    OpModeR, Serializable,
};

/// Domain tag of [`recovery_keys_root`].
pub const RECOVERY_KEYS_TAG: &[u8] = b"custos/recovery-keys/1";

/// Bytes of an x25519 key (public or private) and of an HPKE encapsulated key.
pub const X25519_KEY_BYTES: usize = 32;

/// The X25519 public keys of small order (the little-endian u-coordinates 0, 1, the two
/// points of order 8, p − 1, p and p + 1), as their top bit is ignored by X25519. With any
/// of them, every private key gives the all-zero shared secret, which HPKE refuses: a
/// recipient key among them can never be sealed to.
const LOW_ORDER_X25519: [[u8; 32]; 7] = [
    [0; 32],
    [
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0,
    ],
    [
        0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4,
        0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49,
        0xb8, 0x00,
    ],
    [
        0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83, 0xef,
        0x5b, 0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f,
        0x11, 0x57,
    ],
    [
        0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    [
        0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    [
        0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
];

/// Whether `key` is an X25519 public key of small order (see [`LOW_ORDER_X25519`]), with or
/// without its top bit set: no HPKE message can be sealed to it.
pub fn is_low_order_x25519(key: &[u8; 32]) -> bool {
    let mut masked = *key;
    masked[31] &= 0x7f;
    LOW_ORDER_X25519.iter().any(|low| *low == masked)
}

/// The root a restart quote binds in place of a single recovery key:
/// `blake2-256(RECOVERY_KEYS_TAG ‖ key_1 ‖ … ‖ key_n)`, the keys in the order of the
/// owner's confirmed holders, with no length prefix (the keys are fixed-width and the
/// holder count is known on chain). Deterministic; any changed, added, removed or
/// reordered key changes it.
pub fn recovery_keys_root(keys: &[[u8; 32]]) -> [u8; 32] {
    let mut preimage = Vec::with_capacity(RECOVERY_KEYS_TAG.len() + keys.len() * X25519_KEY_BYTES);
    preimage.extend_from_slice(RECOVERY_KEYS_TAG);
    for key in keys {
        preimage.extend_from_slice(key);
    }
    sp_crypto_hashing::blake2_256(&preimage)
}

/// The X25519 public key of a raw 32-byte private key: the private key clamped (RFC 7748)
/// and multiplied with the base point, as HPKE's DHKEM(X25519) serializes a key pair's
/// public half (and as `@noble/curves`' `x25519.getPublicKey` computes it). Total: every
/// 32-byte string is a private key.
pub fn x25519_public_of(private: [u8; 32]) -> [u8; 32] {
    // X25519 private keys deserialize from any 32 bytes (clamping happens on use).
    let sk = <X25519HkdfSha256 as hpke::Kem>::PrivateKey::from_bytes(&private)
        .expect("every 32-byte string is an X25519 private key");
    let pk = X25519HkdfSha256::sk_to_pk(&sk);
    let mut out = [0u8; 32];
    out.copy_from_slice(&pk.to_bytes());
    out
}

/// Why a sealed release did not open.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OpenError {
    /// The encapsulated key gives no shared secret with the private key (a low-order
    /// point: the X25519 result is all zeros), so no decryption key can be derived.
    Decapsulation,
    /// The AEAD tag does not verify under the derived key, `info` and `aad` (wrong key,
    /// tampered or foreign ciphertext, or a ciphertext shorter than the tag).
    Decryption,
}

/// Opens an HPKE (RFC 9180) message sealed in base mode with DHKEM(X25519, HKDF-SHA256),
/// HKDF-SHA256 and ChaCha20-Poly1305, as a single-shot message (sequence number 0).
///
/// `private_key` is the recipient's raw X25519 private key, `enc` the sender's
/// encapsulated key, `ciphertext` the AEAD output (plaintext ‖ 16-byte tag). Returns the
/// plaintext only if the tag verifies for exactly these `info` and `aad`; never panics on
/// any input. Needs no randomness (opening only), so it runs in the runtime.
pub fn open_release(
    private_key: &[u8; 32],
    enc: &[u8; 32],
    ciphertext: &[u8],
    info: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, OpenError> {
    let sk = <X25519HkdfSha256 as hpke::Kem>::PrivateKey::from_bytes(private_key)
        .map_err(|_| OpenError::Decapsulation)?;
    let encapped = <X25519HkdfSha256 as hpke::Kem>::EncappedKey::from_bytes(enc)
        .map_err(|_| OpenError::Decapsulation)?;
    let mut ctx = hpke::setup_receiver::<ChaCha20Poly1305, HkdfSha256, X25519HkdfSha256>(
        &OpModeR::Base,
        &sk,
        &encapped,
        info,
    )
    .map_err(|_| OpenError::Decapsulation)?;
    ctx.open(ciphertext, aad).map_err(|_| OpenError::Decryption)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 9180, Appendix A.2.1 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
    /// ChaCha20Poly1305, base mode), sequence number 0.
    #[test]
    fn opens_rfc9180_a21_vector() {
        let sk_r = h32("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb");
        let pk_r = h32("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a");
        let enc = h32("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a");
        let info = hex::decode("4f6465206f6e2061204772656369616e2055726e").unwrap();
        let aad = hex::decode("436f756e742d30").unwrap();
        let ct = hex::decode(
            "1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28",
        )
        .unwrap();
        let pt = hex::decode("4265617574792069732074727574682c20747275746820626561757479").unwrap();
        assert_eq!(x25519_public_of(sk_r), pk_r);
        assert_eq!(open_release(&sk_r, &enc, &ct, &info, &aad), Ok(pt));
        // Any other aad, info, key or ciphertext bit is refused.
        assert_eq!(open_release(&sk_r, &enc, &ct, &info, b"Count-1"), Err(OpenError::Decryption));
        assert_eq!(open_release(&sk_r, &enc, &ct, b"other", &aad), Err(OpenError::Decryption));
        let mut flipped = ct.clone();
        flipped[0] ^= 1;
        assert_eq!(open_release(&sk_r, &enc, &flipped, &info, &aad), Err(OpenError::Decryption));
        assert_eq!(open_release(&[9; 32], &enc, &ct, &info, &aad), Err(OpenError::Decryption));
        assert_eq!(open_release(&sk_r, &enc, &ct[..10], &info, &aad), Err(OpenError::Decryption));
        // A low-order encapsulated key (all zeros) gives no shared secret.
        assert_eq!(open_release(&sk_r, &[0; 32], &ct, &info, &aad), Err(OpenError::Decapsulation));
    }

    /// Every listed key, with and without its top bit, gives no shared secret (HPKE
    /// refuses it as an encapsulated key exactly as a sender refuses it as a recipient);
    /// ordinary keys and keys one bit away are not listed.
    #[test]
    fn low_order_keys_are_exactly_those_without_a_shared_secret() {
        let sk = h32("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb");
        for low in LOW_ORDER_X25519 {
            let mut high = low;
            high[31] |= 0x80;
            for key in [low, high] {
                assert!(is_low_order_x25519(&key), "{}", hex::encode(key));
                assert_eq!(
                    open_release(&sk, &key, &[0u8; 32], b"info", b"aad"),
                    Err(OpenError::Decapsulation),
                    "{} gives a shared secret",
                    hex::encode(key)
                );
            }
            let mut near = low;
            near[1] ^= 1;
            assert!(!is_low_order_x25519(&near), "{}", hex::encode(near));
        }
        for private in [[7u8; 32], sk] {
            let public = x25519_public_of(private);
            assert!(!is_low_order_x25519(&public));
            // An ordinary key derives a secret: opening fails only at the AEAD tag.
            assert_eq!(
                open_release(&sk, &public, &[0u8; 32], b"info", b"aad"),
                Err(OpenError::Decryption)
            );
        }
    }

    /// RFC 7748 section 6.1: Alice's key pair.
    #[test]
    fn x25519_public_matches_rfc7748() {
        let sk = h32("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        let pk = h32("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assert_eq!(x25519_public_of(sk), pk);
    }

    #[test]
    fn root_is_tagged_blake2_of_the_concatenated_keys() {
        let keys = [[1u8; 32], [2u8; 32]];
        let mut preimage = b"custos/recovery-keys/1".to_vec();
        preimage.extend_from_slice(&[1u8; 32]);
        preimage.extend_from_slice(&[2u8; 32]);
        assert_eq!(recovery_keys_root(&keys), sp_crypto_hashing::blake2_256(&preimage));
        assert_ne!(recovery_keys_root(&keys), recovery_keys_root(&[[2u8; 32], [1u8; 32]]));
        assert_ne!(recovery_keys_root(&keys), recovery_keys_root(&keys[..1]));
        assert_eq!(recovery_keys_root(&[]), sp_crypto_hashing::blake2_256(b"custos/recovery-keys/1"));
    }

    fn h32(s: &str) -> [u8; 32] {
        hex::decode(s).unwrap().try_into().unwrap()
    }
}
