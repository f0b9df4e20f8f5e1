//! # custos primitives
//!
//! What the custos pallets and the companion agree on byte for byte, with no FRAME
//! dependency so that it can be tested (and fuzzed) on its own:
//!
//! - [`report_data`]: the 64-byte TDX report data that binds a quote to a chain, a TSS
//!   account, a public key, an incarnation and a recent block (DESIGN.md flow 3).
//! - [`quote`]: reading the parts of a TDX quote the chain cares about (measurement,
//!   report data, the TD's other report fields), the TD attribute rules both trust paths
//!   apply, and the canonical evidence whose hash the chain records.
//! - [`verify`]: the two trust paths. Production: Intel root CA → PCK chain → QE report →
//!   quote signature → TCB status from DCAP collateral (delegated to `dcap-qvl`). Dev:
//!   the same quote layout, but the QE report is signed by an allow-listed mock PCK key.
//! - [`collateral`]: Intel DCAP collateral bundles as the chain caches them: the key of the
//!   platforms a bundle serves, the facts its verification established (TCB evaluation
//!   number, validity window) and the checks an upload passes.
//! - [`signature_memo`]: the collateral's signatures verified once on upload and recalled
//!   on the cached Intel path, so that a quote pays only for its own signatures.
//! - [`release`]: the root of the per-holder recovery keys a restart quote binds, and
//!   opening (HPKE, RFC 9180) what a backup holder released, for proving a bad release on
//!   chain.
//!
//! Every failure is a [`QuoteError`] variant that names the exact check that failed.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub mod collateral;
pub mod quote;
pub mod release;
pub mod report_data;
pub mod signature_memo;
pub mod verify;

pub use collateral::{
    canonical_collateral, collateral_key_of_quote, decode_collateral, parse_intel_timestamp,
    verify_collateral, verify_collateral_with_memo, verify_intel_quote_with_evaluation,
    verify_intel_quote_with_memo, CollateralError, CollateralFacts,
    CollateralKey, PckCaKind,
};
pub use quote::{
    canonical_evidence, check_td_attributes, low_s, td_attributes, Measurement, TdQuoteSummary,
};
pub use release::{
    is_low_order_x25519, open_release, recovery_keys_root, x25519_public_of, OpenError,
    RECOVERY_KEYS_TAG,
};
pub use report_data::{ReportDataContext, ReportDataInput, REPORT_DATA_DOMAIN_TAG};
/// The DCAP collateral bundle the Intel path takes (SCALE-encoded on chain).
pub use dcap_qvl::QuoteCollateralV3;
pub use verify::{
    verify_dev_quote, verify_intel_quote, DevPckKey, IntelTrust, QuoteError, DEV_PCK_KEY_CERT_TYPE,
    PCK_CERT_CHAIN_CERT_TYPE,
};

#[cfg(feature = "mock")]
pub mod mock;
