//! GenesisBuilder presets.
//!
//! - `development`: dev operator accounts funded, Alice is sudo, the dev trust policy
//!   (mock PCK key allow-listed, dev measurement accepted, Intel path on and strict), the
//!   dev TD policy (the mock image's attributes, XFAM and owner fields), 10-block sessions;
//!   one block author and finality voter, Alice.
//! - `local_testnet`: the same trust policy, 100-block sessions; four authorities, Alice,
//!   Bob, Charlie and Dave (the `//Alice` … `//Dave` dev keys: sr25519 for Aura, ed25519
//!   for GRANDPA), so four local nodes started with `--alice` … `--dave` (or with those
//!   keys inserted) author and finalize.
//!
//! The Aura and GRANDPA authorities are the chain's consensus set, fixed here. They are
//! not custos validators: no validator is registered in `Registry` at genesis; validators
//! join through `Registry::register`.

use super::*;
use crate::configs::UNIT;
use alloc::{vec, vec::Vec};
use custos_primitives::IntelTrust;
use pallet_custos_attestation::{TdPolicy, TdRegister};
use frame::deps::sp_genesis_builder::{self, PresetId};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Public key (x ‖ y) of the dev PCK key, `P-256(SHA-256("custos/dev-pck-key/0"))`.
/// `chain/primitives/test-vectors/tdx.json` holds the same value; a test checks it.
pub const DEV_PCK_PUBLIC_KEY: [u8; 64] = hex_literal(
	"6feb154451e81610878916e363cf330b9bb1bae0e4e27cdb9d9f64d73b08932a54bc16fcc4e60c512fd9352b4819069544d8b9bccb90fa7deb7e3aad1b7b581a",
);

/// Measurement of the dev TD image that mock quotes report.
pub const DEV_MEASUREMENT: [u8; 32] =
	hex_literal("560331d2eb5504976801d263869d2b94e22e0f866c4a3fb5d02ab63b0c3d86f3");

/// TD attributes of the dev TD image: only `SEPT_VE_DISABLE` (bit 28).
pub const DEV_TD_ATTRIBUTES: u64 = 0x1000_0000;

/// XFAM of the dev TD image.
pub const DEV_XFAM: u64 = 0x0006_02e7;

/// The TD policy of the dev presets: the dev image's attributes exactly (every bit
/// checked), its XFAM, and all-zero MRCONFIGID, MROWNER and MROWNERCONFIG, as the mock
/// quotes carry them. RTMR3 is not checked.
pub fn dev_td_policy() -> TdPolicy {
	let zero = Some(TdRegister([0; 48]));
	TdPolicy {
		attributes_mask: u64::MAX,
		attributes_value: DEV_TD_ATTRIBUTES,
		xfam: Some(DEV_XFAM),
		mr_config_id: zero,
		mr_owner: zero,
		mr_owner_config: zero,
		rtmr3: None,
	}
}

/// Name of the local testnet preset.
pub const LOCAL_TESTNET_PRESET: &str = "local_testnet";

const fn hex_literal<const N: usize>(s: &str) -> [u8; N] {
	const fn nibble(c: u8) -> u8 {
		match c {
			b'0'..=b'9' => c - b'0',
			b'a'..=b'f' => c - b'a' + 10,
			_ => panic!("not lower-case hex"),
		}
	}
	let bytes = s.as_bytes();
	assert!(bytes.len() == 2 * N, "hex length");
	let mut out = [0u8; N];
	let mut i = 0;
	while i < N {
		out[i] = nibble(bytes[2 * i]) << 4 | nibble(bytes[2 * i + 1]);
		i += 1;
	}
	out
}

/// The consensus keys of a dev authority: its sr25519 Aura key and ed25519 GRANDPA key,
/// both derived from the same `//Name` seed.
fn dev_authority(sr: Sr25519Keyring, ed: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(sr.public().into(), ed.public().into())
}

/// Authorities of the `development` preset: Alice alone.
pub fn development_authorities() -> Vec<(AuraId, GrandpaId)> {
	vec![dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)]
}

/// Authorities of the `local_testnet` preset: Alice, Bob, Charlie and Dave.
pub fn local_testnet_authorities() -> Vec<(AuraId, GrandpaId)> {
	vec![
		dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		dev_authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		dev_authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		dev_authority(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	]
}

fn preset(session_length: u32, authorities: Vec<(AuraId, GrandpaId)>) -> Value {
	let endowment = 1_000_000 * UNIT;
	serde_json::json!({
		"aura": {
			"authorities": authorities.iter().map(|(aura, _)| aura.clone()).collect::<Vec<_>>(),
		},
		// Every GRANDPA voter has weight 1.
		"grandpa": {
			"authorities": authorities.iter().map(|(_, grandpa)| (grandpa.clone(), 1u64)).collect::<Vec<_>>(),
		},
		"balances": {
			"balances": Sr25519Keyring::iter()
				.map(|k| (k.to_account_id(), endowment))
				.collect::<Vec<_>>(),
		},
		"sudo": { "key": Some(Sr25519Keyring::Alice.to_account_id()) },
		"registry": { "sessionLength": Some(session_length) },
		"backups": { "params": Some(pallet_custos_backups::BackupParams { n: 3, t: 2, max_load: 16 }) },
		"attestation": {
			"acceptedMeasurements": vec![DEV_MEASUREMENT],
			"intel": Some(IntelTrust::default()),
			"devPckKeys": vec![DEV_PCK_PUBLIC_KEY.to_vec()],
			"tdPolicy": dev_td_policy(),
		},
	})
}

/// The JSON patch of preset `id`, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => preset(10, development_authorities()),
		LOCAL_TESTNET_PRESET => preset(100, local_testnet_authorities()),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(String::into_bytes)
}

/// Names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_PRESET)]
}

use alloc::string::String;

#[cfg(test)]
pub(crate) mod tests {
	use super::*;

	#[test]
	fn dev_constants_match_the_mock_quote_builder() {
		assert_eq!(DEV_PCK_PUBLIC_KEY, custos_primitives::mock::dev_pck_public_key());
		assert_eq!(DEV_MEASUREMENT, custos_primitives::mock::dev_measurement());
		assert_eq!(DEV_TD_ATTRIBUTES, custos_primitives::mock::DEV_TD_ATTRIBUTES);
		assert_eq!(DEV_XFAM, custos_primitives::mock::DEV_XFAM);
	}

	#[test]
	fn dev_mock_quotes_meet_the_dev_td_policy() {
		let rd = [7u8; 64];
		let summary = custos_primitives::verify_dev_quote(
			&custos_primitives::mock::dev_quote(&rd),
			&[DEV_PCK_PUBLIC_KEY],
		)
		.expect("dev quote verifies");
		assert_eq!(dev_td_policy().check(&summary), Ok(()));
		assert!(dev_td_policy().is_satisfiable());
	}

	/// RFC 7386 merge, as the node merges a preset patch into the default config.
	pub(crate) fn merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(base), Value::Object(patch)) => {
				for (key, value) in patch {
					merge(base.entry(key).or_insert(Value::Null), value);
				}
			},
			(base, patch) => *base = patch,
		}
	}

	#[test]
	fn every_preset_builds() {
		for name in preset_names() {
			let expected = if name == LOCAL_TESTNET_PRESET {
				local_testnet_authorities()
			} else {
				development_authorities()
			};
			let patch: Value = serde_json::from_slice(&get_preset(&name).expect("preset exists")).unwrap();
			let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
			merge(&mut config, patch);
			frame::deps::sp_io::TestExternalities::default().execute_with(|| {
				frame::deps::frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(
					serde_json::to_vec(&config).unwrap(),
				)
				.expect("preset builds");
				assert!(pallet_custos_registry::SessionLength::<Runtime>::get() > 0);
				assert_eq!(
					pallet_custos_attestation::AcceptedMeasurements::<Runtime>::get().to_vec(),
					vec![DEV_MEASUREMENT]
				);
				assert_eq!(pallet_custos_attestation::ActiveTdPolicy::<Runtime>::get(), dev_td_policy());
				assert_eq!(
					pallet_aura::Authorities::<Runtime>::get().into_inner(),
					expected.iter().map(|(aura, _)| aura.clone()).collect::<Vec<_>>()
				);
				assert_eq!(
					Grandpa::grandpa_authorities(),
					expected.iter().map(|(_, grandpa)| (grandpa.clone(), 1)).collect::<Vec<_>>()
				);
			});
		}
	}

	#[test]
	fn unknown_preset_is_none() {
		assert!(get_preset(&PresetId::from("nope")).is_none());
	}
}
