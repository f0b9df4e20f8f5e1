//! Types stored and taken by the attestation pallet.

use frame::prelude::*;

pub use custos_primitives::{
	td_attributes, CollateralFacts, CollateralKey, DevPckKey, IntelTrust, Measurement, PckCaKind,
};

/// The latest confirmed attestation of a TSS account.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct AttestationRecord<BlockNumber> {
	/// 0 after registration; each accepted restart attestation adds one.
	pub incarnation: u32,
	/// After a restart (incarnation ≥ 1): the root
	/// ([`custos_primitives::recovery_keys_root`]) of the owner's ephemeral per-holder
	/// x25519 recovery keys, one per holder of its confirmed epoch in holder order; each
	/// holder seals its share to its own key. At incarnation 0 (registration): the
	/// server's registered x25519 key, to which no share is ever released (releases need
	/// incarnation ≥ 1). Renamed from `recovery_public_key`; same type and encoding.
	pub recovery_keys_root: [u8; 32],
	/// Block in which the attestation was recorded.
	pub attested_at: BlockNumber,
	/// Measurement of the TD that produced the quote.
	pub measurement: Measurement,
}

/// The TCB level an Intel-path quote was verified under: the collateral it was checked
/// with (its platform key) and that collateral's TCB evaluation data number. Dev-path
/// quotes have none. Events carry it so that auditors can tell which validators run at a
/// TCB level governance has since moved past (a raised minimum, or the grace period).
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct TcbLevel {
	/// The FMSPC and PCK CA of the collateral the quote was verified with.
	pub collateral: CollateralKey,
	/// That collateral's TCB evaluation data number.
	pub tcb_evaluation_number: u32,
}

/// Governance's trust policy: which roots may vouch for a quote.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxDevKeys))]
#[codec(mel_bound())]
pub struct TrustPolicy<MaxDevKeys: Get<u32>> {
	/// Intel DCAP path (quotes with collateral); `None` disables it.
	pub intel: Option<IntelTrust>,
	/// Allow-listed mock PCK keys (dev path). Empty on production chains.
	pub dev_pck_keys: BoundedVec<DevPckKey, MaxDevKeys>,
}

impl<M: Get<u32>> Default for TrustPolicy<M> {
	fn default() -> Self {
		Self { intel: None, dev_pck_keys: BoundedVec::default() }
	}
}

/// A 48-byte TD report register (MRCONFIGID, MROWNER, MROWNERCONFIG, RTMR3). In JSON
/// (genesis presets) a `0x`-prefixed hex string.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct TdRegister(pub [u8; 48]);

impl Serialize for TdRegister {
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		frame::deps::sp_core::bytes::serialize(&self.0, serializer)
	}
}

impl<'de> Deserialize<'de> for TdRegister {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let mut out = [0u8; 48];
		frame::deps::sp_core::bytes::deserialize_check_len(
			deserializer,
			frame::deps::sp_core::bytes::ExpectedLen::Exact(&mut out),
		)?;
		Ok(Self(out))
	}
}

/// JSON form of the TD policy's 64-bit fields: a `0x`-prefixed, 16-digit big-endian hex
/// string (`"0x0000000010000000"`), readable as the number and safe from JavaScript's
/// 53-bit numbers (the chain-spec tooling parses genesis JSON in JavaScript).
mod hex_u64 {
	use frame::deps::sp_core::bytes;
	use frame::prelude::*;

	pub(super) struct Hex(pub u64);

	impl Serialize for Hex {
		fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
			bytes::serialize(&self.0.to_be_bytes(), serializer)
		}
	}

	impl<'de> Deserialize<'de> for Hex {
		fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
			let mut out = [0u8; 8];
			bytes::deserialize_check_len(deserializer, bytes::ExpectedLen::Exact(&mut out))?;
			Ok(Self(u64::from_be_bytes(out)))
		}
	}

	pub fn serialize<S: serde::Serializer>(v: &u64, serializer: S) -> Result<S::Ok, S::Error> {
		Hex(*v).serialize(serializer)
	}

	pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
		Ok(Hex::deserialize(deserializer)?.0)
	}

	/// The same for `Option<u64>` (`null` for `None`).
	pub mod option {
		use super::Hex;
		use frame::prelude::*;

		pub fn serialize<S: serde::Serializer>(v: &Option<u64>, serializer: S) -> Result<S::Ok, S::Error> {
			v.map(Hex).serialize(serializer)
		}

		pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
			Ok(Option::<Hex>::deserialize(deserializer)?.map(|h| h.0))
		}
	}
}

/// Governance's TD policy: which fields of the TD report, besides the measurement, must
/// have which values. In JSON (genesis), the 64-bit fields are hex strings and the
/// registers `0x`-prefixed 96-digit hex strings. Checked for every registration and restart quote, on both trust
/// paths, after the quote verified and its measurement is accepted.
///
/// On top of it, every quote meets the fixed TD attribute rules of
/// [`custos_primitives::check_td_attributes`] (DEBUG off, SEPT_VE_DISABLE on, MIGRATABLE
/// off, no service TD, reserved bits zero), which no policy can relax.
///
/// The default checks nothing beyond those rules.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Serialize,
	Deserialize,
)]
#[serde(crate = "frame::derive::serde")]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TdPolicy {
	/// Which TD attribute bits are checked (the report's 8 bytes read little-endian; see
	/// [`td_attributes`] for the bits). `0` checks none.
	#[serde(with = "hex_u64")]
	pub attributes_mask: u64,
	/// The value the checked bits must have: `attributes & attributes_mask ==
	/// attributes_value`. Bits outside the mask must be 0 here.
	#[serde(with = "hex_u64")]
	pub attributes_value: u64,
	/// Required XFAM (the extended CPU state the TD may use, 8 bytes read little-endian);
	/// `None`: not checked.
	#[serde(with = "hex_u64::option")]
	pub xfam: Option<u64>,
	/// Required MRCONFIGID (configuration id set by the host at TD creation); `None`: not
	/// checked.
	pub mr_config_id: Option<TdRegister>,
	/// Required MROWNER (owner id set at TD creation); `None`: not checked.
	pub mr_owner: Option<TdRegister>,
	/// Required MROWNERCONFIG (owner configuration set at TD creation); `None`: not checked.
	pub mr_owner_config: Option<TdRegister>,
	/// Required RTMR3. The guest extends RTMR3 at run time, so pin it only for images whose
	/// RTMR3 is the same at every quote; `None`: not checked.
	pub rtmr3: Option<TdRegister>,
}

/// Why a quote's TD report does not meet the [`TdPolicy`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TdPolicyViolation {
	/// `attributes & attributes_mask != attributes_value`.
	Attributes,
	/// XFAM differs.
	Xfam,
	/// MRCONFIGID differs.
	MrConfigId,
	/// MROWNER differs.
	MrOwner,
	/// MROWNERCONFIG differs.
	MrOwnerConfig,
	/// RTMR3 differs.
	Rtmr3,
}

impl TdPolicy {
	/// Whether some TD can meet the policy: no value bit outside the mask, and the required
	/// attribute bits do not break the fixed attribute rules (e.g. require DEBUG on).
	pub fn is_satisfiable(&self) -> bool {
		let free_sept = td_attributes::SEPT_VE_DISABLE & !self.attributes_mask;
		self.attributes_value & !self.attributes_mask == 0 &&
			custos_primitives::check_td_attributes(self.attributes_value | free_sept).is_ok()
	}

	/// Checks a verified quote's report fields, in field order; the first mismatch wins.
	pub fn check(&self, report: &custos_primitives::TdQuoteSummary) -> Result<(), TdPolicyViolation> {
		fn pinned<V: PartialEq>(required: &Option<V>, actual: &V, v: TdPolicyViolation) -> Result<(), TdPolicyViolation> {
			match required {
				Some(required) if required != actual => Err(v),
				_ => Ok(()),
			}
		}
		if report.td_attributes & self.attributes_mask != self.attributes_value {
			return Err(TdPolicyViolation::Attributes);
		}
		pinned(&self.xfam, &report.xfam, TdPolicyViolation::Xfam)?;
		pinned(&self.mr_config_id, &TdRegister(report.mr_config_id), TdPolicyViolation::MrConfigId)?;
		pinned(&self.mr_owner, &TdRegister(report.mr_owner), TdPolicyViolation::MrOwner)?;
		pinned(&self.mr_owner_config, &TdRegister(report.mr_owner_config), TdPolicyViolation::MrOwnerConfig)?;
		pinned(&self.rtmr3, &TdRegister(report.rtmr3), TdPolicyViolation::Rtmr3)
	}
}

/// Which trust path a quote takes, and on the Intel path where its DCAP collateral comes
/// from. Encoded like the `Option` it replaces for its first two variants (0: dev path,
/// 1: collateral in the call), so earlier extrinsics decode unchanged.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxCollateralLen))]
#[codec(mel_bound())]
pub enum QuoteCollateral<MaxCollateralLen: Get<u32>> {
	/// The dev path: the quote carries an allow-listed mock PCK key.
	Dev,
	/// The Intel path with the SCALE-encoded `dcap_qvl::QuoteCollateralV3` in the call:
	/// verified in full, with every attestation.
	Intel(BoundedVec<u8, MaxCollateralLen>),
	/// The Intel path with the collateral the chain cached for the quote's FMSPC and PCK
	/// CA ([`crate::CollateralCache`]); the call carries only the quote.
	IntelCached,
}

impl<C: Get<u32>> QuoteCollateral<C> {
	/// What the weight of verifying a quote with this collateral depends on.
	pub fn weight_key(&self) -> CollateralUse {
		match self {
			Self::Dev => CollateralUse::Dev,
			Self::Intel(bytes) => CollateralUse::InCall(bytes.len() as u32),
			Self::IntelCached => CollateralUse::Cached,
		}
	}
}

/// The part of a [`QuoteCollateral`] the weight of a verification depends on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CollateralUse {
	/// The dev path.
	Dev,
	/// The Intel path with this many bytes of collateral in the call.
	InCall(u32),
	/// The Intel path with cached collateral.
	Cached,
}

/// What the chain keeps about a collateral bundle it verified once (the bundle's bytes
/// are in [`crate::CollateralBundles`] under the same key).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct CachedCollateral<BlockNumber> {
	/// What its verification established: key, TCB evaluation number, validity window.
	pub facts: CollateralFacts,
	/// The block that cached it.
	pub cached_at: BlockNumber,
	/// Whether `CollateralExpiring` was emitted for it.
	pub expiry_announced: bool,
}

/// Most PCK CA certificate signatures a bundle's memo keeps: Intel has one certificate per
/// CA at a time; the bound leaves room for re-issues and for both encodings of a signature.
pub type MaxPckCaSignatures = ConstU32<8>;

/// The digests of a cached bundle's verified signatures (see
/// `custos_primitives::signature_memo`), in [`crate::CollateralSignatureMemos`].
#[derive(
	Clone, PartialEq, Eq, Debug, Default, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct SignatureMemo {
	/// Signatures over the bundle's own content, recorded when it was cached.
	pub bundle: BoundedVec<
		custos_primitives::signature_memo::SignatureDigest,
		ConstU32<{ custos_primitives::signature_memo::MAX_BUNDLE_SIGNATURES }>,
	>,
	/// Intel's root over the PCK CA certificates of the quotes the bundle was uploaded
	/// with (kept across replacements: a newer bundle does not change the CA).
	pub pck_ca: BoundedVec<custos_primitives::signature_memo::SignatureDigest, MaxPckCaSignatures>,
}

impl SignatureMemo {
	/// Every digest, for verification.
	pub fn digests(&self) -> alloc::vec::Vec<custos_primitives::signature_memo::SignatureDigest> {
		self.bundle.iter().chain(self.pck_ca.iter()).copied().collect()
	}

	/// `recorded`'s bundle digests and PCK CA digests, then `previous` CA digests while
	/// there is room (newest first).
	pub fn from_recorded(
		recorded: custos_primitives::signature_memo::RecordedMemo,
		previous: Option<&SignatureMemo>,
	) -> Self {
		let mut pck_ca = BoundedVec::truncate_from(recorded.pck_ca);
		for digest in previous.into_iter().flat_map(|memo| memo.pck_ca.iter()) {
			if !pck_ca.contains(digest) {
				let _ = pck_ca.try_push(*digest);
			}
		}
		Self { bundle: BoundedVec::truncate_from(recorded.bundle), pck_ca }
	}
}

/// Governance's rules for Intel collateral: the oldest TCB evaluation the chain still
/// accepts, a grace period for the one before it, and how early expiries are announced.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, DecodeWithMemTracking, TypeInfo,
	MaxEncodedLen,
)]
pub struct CollateralPolicy {
	/// Intel path quotes must be verified with collateral of at least this TCB evaluation
	/// data number (0: any).
	pub min_tcb_evaluation_number: u32,
	/// UNIX seconds until which collateral one evaluation number below the minimum is
	/// still accepted (the grace period after governance raised the minimum); 0: none.
	pub previous_accepted_until: u64,
	/// Announce a cached bundle (`CollateralExpiring`) when it expires within this many
	/// blocks (0: never).
	pub expiry_warning_blocks: u32,
}

impl CollateralPolicy {
	/// Whether collateral of TCB evaluation number `number` is accepted at `now_secs`.
	pub fn accepts(&self, number: u32, now_secs: u64) -> bool {
		number >= self.min_tcb_evaluation_number ||
			(number.saturating_add(1) == self.min_tcb_evaluation_number &&
				now_secs <= self.previous_accepted_until)
	}
}

/// A quote and what it claims to be bound to, as submitted with a registration or a
/// restart attestation.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxQuoteLen, MaxCollateralLen))]
#[codec(mel_bound(BlockNumber: MaxEncodedLen, Hash: MaxEncodedLen))]
pub struct QuoteEvidence<
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	Hash: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxQuoteLen: Get<u32>,
	MaxCollateralLen: Get<u32>,
> {
	/// The raw TDX v4 quote.
	pub quote: BoundedVec<u8, MaxQuoteLen>,
	/// The trust path, and for the Intel path where its DCAP collateral comes from.
	pub collateral: QuoteCollateral<MaxCollateralLen>,
	/// Genesis hash the quote binds (must be this chain's).
	pub genesis_hash: Hash,
	/// Recent block the quote binds (freshness).
	pub block_number: BlockNumber,
	/// Hash of `block_number`.
	pub block_hash: Hash,
}

/// The payload of a restart attestation: what the restart key signs.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxQuoteLen, MaxCollateralLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen, Hash: MaxEncodedLen))]
pub struct RestartAttestation<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	Hash: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxQuoteLen: Get<u32>,
	MaxCollateralLen: Get<u32>,
> {
	/// The TSS account that restarted.
	pub tss_account: AccountId,
	/// The incarnation it claims: the recorded one plus one.
	pub incarnation: u32,
	/// [`custos_primitives::recovery_keys_root`] of its fresh ephemeral per-holder x25519
	/// recovery keys (one per holder of its confirmed epoch, in holder order); the quote's
	/// report data binds this root in the `public_key` position. Each holder releases its
	/// share sealed to its own key, which the owner sends it with the keys' list.
	pub recovery_keys_root: [u8; 32],
	/// The quote binding all of the above.
	pub evidence: QuoteEvidence<BlockNumber, Hash, MaxQuoteLen, MaxCollateralLen>,
}

/// Domain tag of the restart-key signature: the restart key signs
/// `(RESTART_SIGNATURE_TAG, blake2_256(SCALE(RestartAttestation)))`.
pub const RESTART_SIGNATURE_TAG: &[u8; 22] = b"custos/restart-attest1";
