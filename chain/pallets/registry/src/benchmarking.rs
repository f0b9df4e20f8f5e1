//! Benchmarks of the registry pallet (`frame-benchmarking` v2), each at its worst case.
//!
//! - `register` with the longest endpoint and a dev-path quote from the attestor
//!   (`RegistrationAttestor::benchmark_evidence`); the quote check of the evidence a call
//!   actually carries, Intel path included, is added by the pallet from the attestation
//!   pallet's own benchmarks.
//! - `rotate_session(v)`: `v` registered validators all enter the active set while `v`
//!   others leave it (both lists are as long as they can be, and so is the event). A
//!   rotation is charged for `v = max(registered, previous active)` (see
//!   `Pallet::rotation_component`): it reads every registered validator, chilled or not,
//!   and a validating one costs more than a chilled one (it is collected, sorted, compared
//!   and reported), so this setup bounds any mix of statuses.
//! - `chill`, `resume`, `leave` and `set_session_length`: one storage item each; `leave`
//!   of a validator registered through `register` (bond held, attestation recorded).
//!
//! The `Observer`'s work is not part of these weights: the observer reports its own (see
//! `traits::ValidatorObserver`). In a runtime whose observer does work, what it does for
//! the benchmark's state is measured here as well, a small over-estimate.

use super::*;
use crate::traits::ActiveValidator;
use alloc::vec::Vec;
use frame::benchmarking::prelude::*;
use frame::traits::{
	fungible::{Inspect, Unbalanced},
	tokens::Precision,
};
use pallet_custos_attestation::traits::RegistrationAttestor;

/// The longest valid endpoint: `https://` and `MaxEndpointLen` bytes in all.
fn longest_endpoint<T: Config>() -> BoundedVec<u8, T::MaxEndpointLen> {
	let mut endpoint = b"https://".to_vec();
	endpoint.resize((T::MaxEndpointLen::get() as usize).max(9), b'a');
	BoundedVec::truncate_from(endpoint)
}

/// Inserts a validating validator as the rotation reads it (no bond held, no quote).
pub(crate) fn insert_validator<T: Config>(operator: T::AccountId, tss_account: T::AccountId, restart_key: [u8; 32]) {
	TssOperators::<T>::insert(&tss_account, &operator);
	Validators::<T>::insert(
		&operator,
		ValidatorInfo {
			server: ServerInfo {
				tss_account,
				x25519_public_key: [0; 32],
				endpoint: longest_endpoint::<T>(),
				restart_key,
			},
			status: ValidatorStatus::Validating,
			bond: Zero::zero(),
			registered_at: Zero::zero(),
		},
	);
}

/// An operator with funds for its bond and fees.
fn funded_operator<T: Config>() -> T::AccountId {
	let operator: T::AccountId = account("operator", 0, 0);
	let amount = T::ValidatorBond::get()
		.saturating_mul(10u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::increase_balance(&operator, amount, Precision::Exact).expect("funding a new account");
	operator
}

/// A server with the longest endpoint, and evidence the attestor accepts for it now.
fn server_and_evidence<T: Config>() -> (ServerInfoOf<T>, RegistrationEvidenceOf<T>) {
	let tss: T::AccountId = account("tss", 0, 0);
	let server = ServerInfo {
		tss_account: tss.clone(),
		x25519_public_key: [5; 32],
		endpoint: longest_endpoint::<T>(),
		restart_key: [6; 32],
	};
	let evidence = T::Attestation::benchmark_evidence::<T::MaxQuoteLen, T::MaxCollateralLen>(&tss, [5; 32], [6; 32]);
	(server, evidence)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() -> Result<(), BenchmarkError> {
		let operator = funded_operator::<T>();
		let (server, evidence) = server_and_evidence::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), server, evidence);

		assert!(Validators::<T>::contains_key(&operator));
		Ok(())
	}

	#[benchmark]
	fn chill() -> Result<(), BenchmarkError> {
		let operator: T::AccountId = account("operator", 0, 0);
		insert_validator::<T>(operator.clone(), account("tss", 0, 0), [6; 32]);

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));

		assert_eq!(Validators::<T>::get(&operator).map(|v| v.status), Some(ValidatorStatus::Chilled));
		Ok(())
	}

	#[benchmark]
	fn resume() -> Result<(), BenchmarkError> {
		let operator: T::AccountId = account("operator", 0, 0);
		insert_validator::<T>(operator.clone(), account("tss", 0, 0), [6; 32]);
		Validators::<T>::mutate(&operator, |v| {
			if let Some(v) = v {
				v.status = ValidatorStatus::Chilled;
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));

		assert_eq!(Validators::<T>::get(&operator).map(|v| v.status), Some(ValidatorStatus::Validating));
		Ok(())
	}

	#[benchmark]
	fn leave() -> Result<(), BenchmarkError> {
		let operator = funded_operator::<T>();
		let (server, evidence) = server_and_evidence::<T>();
		Pallet::<T>::register(RawOrigin::Signed(operator.clone()).into(), server, evidence).map_err(|e| e.error)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));

		assert!(!Validators::<T>::contains_key(&operator));
		Ok(())
	}

	#[benchmark]
	fn set_session_length() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let blocks: BlockNumberFor<T> = 1_000u32.into();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, blocks);

		assert_eq!(SessionLength::<T>::get(), blocks);
		Ok(())
	}

	/// `v` validators enter the active set and the `v` of the previous one leave.
	#[benchmark]
	fn rotate_session(v: Linear<0, { T::MaxValidators::get() }>) -> Result<(), BenchmarkError> {
		for i in 0..v {
			insert_validator::<T>(account("operator", i, 1), account("tss", i, 1), [6; 32]);
		}
		let mut previous: Vec<ActiveValidator<T::AccountId>> = (0..v)
			.map(|i| ActiveValidator { operator: account("former", i, 2), tss_account: account("former-tss", i, 2) })
			.collect();
		previous.sort();
		ActiveSet::<T>::put(BoundedVec::truncate_from(previous));
		let session = CurrentSession::<T>::get();

		#[block]
		{
			Pallet::<T>::rotate_session();
		}

		assert_eq!(CurrentSession::<T>::get(), session + 1);
		assert_eq!(ActiveSet::<T>::get().len() as u32, v);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder::build(), crate::mock::Test);
}
