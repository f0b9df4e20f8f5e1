//! Assignment cost at scale, measured (not asserted): `bench/chain/assignment-cost.sh`
//! runs these ignored tests and prints the figures for docs/backups.md.

use crate::{mock::*, *};
use frame::deps::sp_runtime::AccountId32;
use frame::testing_prelude::*;
use pallet_custos_registry::traits::{ActiveValidator, ValidatorObserver};
use std::time::Instant;

fn validator(i: u32) -> ActiveValidator<AccountId32> {
	let mut op = [0u8; 32];
	op[..4].copy_from_slice(&i.to_le_bytes());
	let mut tss = op;
	tss[31] = 1;
	ActiveValidator { operator: AccountId32::from(op), tss_account: AccountId32::from(tss) }
}

/// Builds a provisioned network of `v` validators, then times one session in which
/// `leaving` of them leave. Prints the figures.
fn measure(v: u32, leaving: u32) {
	new_test_ext().execute_with(|| {
		let max_load = 16;
		Params::<Test>::put(BackupParams { n: 3, t: 2, max_load });
		let all: Vec<_> = (0..v).map(validator).collect();
		Pool::<Test>::put(BoundedVec::truncate_from(all.clone()));
		for val in &all {
			Backups::on_registered(val);
		}
		assert_eq!(UnderProvisioned::<Test>::count(), 0, "all provisioned");
		let remaining: Vec<_> = all[leaving as usize..].to_vec();
		let left: Vec<_> = all[..leaving as usize].to_vec();
		System::reset_events();
		let start = Instant::now();
		Backups::on_active_set_changed(2, &remaining, &[], &left);
		finish_round();
		let elapsed = start.elapsed();
		let reassigned = System::events()
			.iter()
			.filter(|r| matches!(r.event, RuntimeEvent::Backups(Event::Reassigned { .. })))
			.count();
		let quiet = Instant::now();
		Backups::on_active_set_changed(3, &remaining, &[], &[]);
		finish_round();
		let quiet_elapsed = quiet.elapsed();
		println!(
			"| {v} | {leaving} | {reassigned} | {:.2} ms | {:.2} ms |",
			elapsed.as_secs_f64() * 1e3,
			quiet_elapsed.as_secs_f64() * 1e3
		);
	});
}

#[test]
#[ignore = "measurement; run by bench/chain/assignment-cost.sh"]
fn assignment_cost_per_session() {
	println!("| validators | leaving | owners reassigned | session with departures | session without changes |");
	println!("|---|---|---|---|---|");
	for (v, l) in [(100, 1), (100, 10), (1000, 1), (1000, 10), (1000, 100)] {
		measure(v, l);
	}
}
