//! The report-data binding: which 64 bytes a TDX quote must carry in its report data.
//!
//! `report_data = SHA-512(tag ‖ context ‖ genesis_hash ‖ tss_account ‖ public_key ‖
//! restart_key ‖ incarnation (u32 LE) ‖ block_number (u32 LE) ‖ block_hash)`.
//!
//! SHA-512 gives exactly the 64 bytes TDX reserves, so nothing is truncated or padded.
//! The TypeScript companion computes the same function (`src/quote/reportData.ts`); the
//! shared vectors in `chain/primitives/test-vectors/report-data.json` are checked on both
//! sides.

use sha2::{Digest, Sha512};

/// Domain separation tag; changing the binding means changing this tag.
pub const REPORT_DATA_DOMAIN_TAG: &[u8; 24] = b"custos/tdx-report-data/1";

/// Why a quote was produced. A quote made for one context never verifies for another.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum ReportDataContext {
    /// A validator registers its TSS server; `public_key` is its x25519 key.
    Register = 1,
    /// A node restarted and asks for its key back; `public_key` is the root
    /// ([`crate::recovery_keys_root`]) of its ephemeral per-holder recovery x25519 keys.
    Restart = 2,
}

/// Everything a quote's report data binds.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ReportDataInput {
    /// Register or Restart.
    pub context: ReportDataContext,
    /// Hash of block 0 of the chain the quote is meant for.
    pub genesis_hash: [u8; 32],
    /// The TSS account (sr25519 public key) that the quote speaks for.
    pub tss_account: [u8; 32],
    /// The server's x25519 key (Register) or the root of the per-holder recovery keys
    /// (Restart, [`crate::recovery_keys_root`]).
    pub public_key: [u8; 32],
    /// The restart key registered for the TSS account.
    pub restart_key: [u8; 32],
    /// The incarnation this quote claims: 0 at first registration, current + 1 on restart.
    pub incarnation: u32,
    /// A recent block the node saw when it asked for the quote (freshness).
    pub block_number: u32,
    /// Hash of `block_number`.
    pub block_hash: [u8; 32],
}

impl ReportDataInput {
    /// The 64 report-data bytes for this input. Deterministic; any changed field changes
    /// the output.
    pub fn report_data(&self) -> [u8; 64] {
        let mut hasher = Sha512::new();
        hasher.update(REPORT_DATA_DOMAIN_TAG);
        hasher.update([self.context as u8]);
        hasher.update(self.genesis_hash);
        hasher.update(self.tss_account);
        hasher.update(self.public_key);
        hasher.update(self.restart_key);
        hasher.update(self.incarnation.to_le_bytes());
        hasher.update(self.block_number.to_le_bytes());
        hasher.update(self.block_hash);
        let mut out = [0u8; 64];
        out.copy_from_slice(&hasher.finalize());
        out
    }
}
