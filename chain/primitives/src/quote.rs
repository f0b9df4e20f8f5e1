//! Reading a TDX v4 quote: the parts the chain decides on.

use dcap_qvl::quote::{Quote, Report};
use sha2::{Digest, Sha256};

use crate::verify::QuoteError;

/// The measurement governance accepts: `SHA-256(MRTD ‖ RTMR0 ‖ RTMR1 ‖ RTMR2)`.
///
/// MRTD covers the TD's initial image (firmware); RTMR0–2 cover its configuration,
/// kernel and command line. RTMR3 is left out: it is extended at run time by the guest.
pub type Measurement = [u8; 32];

/// TD attribute bit 0 (`TUD.DEBUG`): a debuggable TD's memory is readable by the host.
const TD_ATTRIBUTE_DEBUG: u8 = 0x01;

/// What a verified quote tells the chain.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TdQuoteSummary {
    /// See [`Measurement`].
    pub measurement: Measurement,
    /// The 64 bytes of report data the TD put in its report.
    pub report_data: [u8; 64],
    /// Whether the TD runs in debug mode.
    pub debug: bool,
}

/// Parses a raw quote and returns its TD report. Fails with [`QuoteError::Malformed`] on
/// bytes that are not a quote, and [`QuoteError::NotTdx`] on a quote that is not a TDX one.
pub fn parse_td_quote(raw: &[u8]) -> Result<Quote, QuoteError> {
    let quote = Quote::parse(raw).map_err(|_| QuoteError::Malformed)?;
    if quote.header.version != 4 && quote.header.version != 5 {
        return Err(QuoteError::UnsupportedVersion);
    }
    if quote.report.as_td10().is_none() {
        return Err(QuoteError::NotTdx);
    }
    Ok(quote)
}

/// Computes the [`TdQuoteSummary`] of a parsed quote's TD report.
pub fn summarize(report: &Report) -> Result<TdQuoteSummary, QuoteError> {
    let td = report.as_td10().ok_or(QuoteError::NotTdx)?;
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
        debug: td.td_attributes[0] & TD_ATTRIBUTE_DEBUG != 0,
    })
}
