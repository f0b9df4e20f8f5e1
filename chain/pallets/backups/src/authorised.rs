//! Checks of the signature-authorised (unsigned, fee-free) calls, shared by the pool and
//! the block.

use alloc::vec::Vec;
use frame::deps::{sp_core::sr25519, sp_io};
use frame::prelude::*;
use pallet_custos_attestation::traits::Incarnations;

use crate::{pallet::*, types::*};

/// What a proven bad-share report will record.
pub(crate) struct BadShareProof {
	/// How the release is bad.
	pub kind: BadShareKind,
	/// The commitment recorded for the provider.
	pub commitment: [u8; 32],
	/// What the release opened to; empty when it did not open.
	pub released: BoundedVec<u8, MaxReleaseCiphertext>,
}

/// What a valid confirmation will write.
pub(crate) struct Confirmation<AccountId> {
	/// The epoch is a rotation (opens and confirms `epoch` at once).
	pub rotation: bool,
	/// Providers that acknowledged, in provider order.
	pub holders: Vec<AccountId>,
	/// Their share commitments, aligned with `holders`.
	pub commitments: Vec<[u8; 32]>,
	/// The incarnation each holder acknowledged with, aligned with `holders`.
	pub incarnations: Vec<u32>,
	/// Threshold of the epoch.
	pub threshold: u32,
}

impl<T: Config> Pallet<T> {
	/// The pool's error for a failed check: `Custom(index of the Error variant)`.
	pub(crate) fn invalid(e: Error<T>) -> InvalidTransaction {
		InvalidTransaction::Custom(e.encode().first().copied().unwrap_or(u8::MAX))
	}

	/// Whether `signature` is `signer`'s sr25519 signature over blake2-256 of `payload`.
	pub(crate) fn signed_by(signer: &T::AccountId, payload: &[u8], signature: &[u8; 64]) -> bool {
		let key: [u8; 32] = signer.clone().into();
		sp_io::crypto::sr25519_verify(
			&sr25519::Signature::from_raw(*signature),
			&blake2_256(payload),
			&sr25519::Public::from_raw(key),
		)
	}

	/// The payload an owner signs to confirm `epoch`.
	pub fn confirm_payload(owner: &T::AccountId, epoch: u32, store_version: u64, acks: &AcksOf<T>) -> Vec<u8> {
		(tags::CONFIRM, T::GenesisHash::get(), owner, epoch, store_version, blake2_256(&acks.encode())).encode()
	}

	/// The payload an owner signs to anchor `store_version`.
	pub fn checkpoint_payload(owner: &T::AccountId, store_version: u64) -> Vec<u8> {
		(tags::CHECKPOINT, T::GenesisHash::get(), owner, store_version).encode()
	}

	/// The payload a provider signs to record a release.
	pub fn release_payload(provider: &T::AccountId, owner: &T::AccountId, incarnation: u32) -> Vec<u8> {
		(tags::RELEASE, T::GenesisHash::get(), provider, owner, incarnation).encode()
	}

	/// The payload an owner signs to accept a rollback to `store_version`.
	pub fn rollback_payload(owner: &T::AccountId, incarnation: u32, store_version: u64) -> Vec<u8> {
		(tags::ROLLBACK, T::GenesisHash::get(), owner, incarnation, store_version).encode()
	}

	/// Every check of `confirm_epoch`; writes nothing.
	pub(crate) fn check_confirm(
		owner: &T::AccountId,
		epoch: u32,
		store_version: u64,
		acks: &AcksOf<T>,
		signature: &[u8; 64],
	) -> Result<Confirmation<T::AccountId>, Error<T>> {
		let state = Assignments::<T>::get(owner).ok_or(Error::<T>::UnknownOwner)?;
		ensure!(
			Self::signed_by(owner, &Self::confirm_payload(owner, epoch, store_version, acks), signature),
			Error::<T>::BadSignature
		);
		let pending = state.epoch > state.confirmed_epoch;
		let rotation = if epoch == state.epoch && pending {
			false
		} else if !pending && Some(epoch) == state.epoch.checked_add(1) {
			true
		} else if epoch <= state.confirmed_epoch {
			return Err(Error::<T>::EpochAlreadyConfirmed);
		} else {
			return Err(Error::<T>::WrongEpoch);
		};
		ensure!(store_version >= state.confirmed_store_version, Error::<T>::StoreVersionDecreased);
		// With an escrow committee, no KEK is confirmed before it is escrowed.
		if let Some(committee) = Committee::<T>::get() {
			ensure!(
				EscrowDeposits::<T>::get(owner, epoch).is_some_and(|d| d.generation == committee.generation),
				Error::<T>::EscrowDepositMissing
			);
		}
		let genesis = T::GenesisHash::get();
		let mut acked: Vec<(T::AccountId, [u8; 32], u32)> = Vec::with_capacity(acks.len());
		for ack in acks.iter() {
			ensure!(state.providers.contains(&ack.provider), Error::<T>::UnexpectedAcknowledgement);
			ensure!(!acked.iter().any(|(p, _, _)| p == &ack.provider), Error::<T>::DuplicateAcknowledgement);
			// Registration records incarnation 0, so every registered provider has one; an
			// account without a record matches no acknowledgement.
			ensure!(
				T::Incarnations::incarnation(&ack.provider) == Some(ack.provider_incarnation),
				Error::<T>::StaleAcknowledgement
			);
			let payload = ack_payload(&genesis, owner, epoch, ack.provider_incarnation, &ack.share_commitment);
			ensure!(Self::signed_by(&ack.provider, &payload, &ack.signature), Error::<T>::BadAcknowledgement);
			acked.push((ack.provider.clone(), ack.share_commitment, ack.provider_incarnation));
		}
		let threshold = state.threshold.max(1);
		ensure!(acked.len() as u32 >= threshold, Error::<T>::NotEnoughAcknowledgements);
		acked.sort_by_key(|(h, _, _)| state.providers.iter().position(|p| p == h));
		let mut holders = Vec::with_capacity(acked.len());
		let mut commitments = Vec::with_capacity(acked.len());
		let mut incarnations = Vec::with_capacity(acked.len());
		for (holder, commitment, incarnation) in acked {
			holders.push(holder);
			commitments.push(commitment);
			incarnations.push(incarnation);
		}
		Ok(Confirmation { rotation, holders, commitments, incarnations, threshold })
	}

	/// Writes a checked confirmation (the owner's [`Assignments`] entry and its
	/// [`ConfirmedCommitments`]) and emits `EpochConfirmed`.
	pub(crate) fn apply_confirm(
		owner: T::AccountId,
		epoch: u32,
		store_version: u64,
		confirmation: Confirmation<T::AccountId>,
	) {
		let known = Assignments::<T>::mutate(&owner, |state| {
			let Some(state) = state else { return false };
			if confirmation.rotation {
				state.epoch = epoch;
				state.epoch_opened_at = frame_system::Pallet::<T>::block_number();
			}
			state.confirmed_epoch = epoch;
			state.confirmed_providers =
				BoundedVec::truncate_from(confirmation.holders.clone());
			state.confirmed_threshold = confirmation.threshold;
			state.confirmed_store_version = store_version;
			state.confirmed_at = frame_system::Pallet::<T>::block_number();
			true
		});
		if !known {
			defensive!("confirmation of an owner without backup state");
			return;
		}
		ConfirmedCommitments::<T>::insert(&owner, BoundedVec::truncate_from(confirmation.commitments.clone()));
		ConfirmedIncarnations::<T>::insert(&owner, BoundedVec::truncate_from(confirmation.incarnations));
		Self::escrow_after_confirm(&owner, epoch);
		Self::deposit_event(Event::EpochConfirmed {
			owner,
			epoch,
			holders: confirmation.holders,
			commitments: confirmation.commitments,
			threshold: confirmation.threshold,
			store_version,
		});
	}

	/// Every check of `checkpoint`; writes nothing.
	pub(crate) fn check_checkpoint(
		owner: &T::AccountId,
		store_version: u64,
		signature: &[u8; 64],
	) -> Result<(), Error<T>> {
		let state = Assignments::<T>::get(owner).ok_or(Error::<T>::UnknownOwner)?;
		ensure!(
			Self::signed_by(owner, &Self::checkpoint_payload(owner, store_version), signature),
			Error::<T>::BadSignature
		);
		ensure!(store_version > state.confirmed_store_version, Error::<T>::StoreVersionNotIncreased);
		if let Some(last) = LastCheckpoint::<T>::get(owner) {
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now.saturating_sub(last) >= T::MinCheckpointInterval::get(), Error::<T>::RateLimited);
		}
		Ok(())
	}

	/// Every check of `record_release`; writes nothing.
	pub(crate) fn check_release(
		provider: &T::AccountId,
		owner: &T::AccountId,
		incarnation: u32,
		signature: &[u8; 64],
	) -> Result<(), Error<T>> {
		let state = Assignments::<T>::get(owner).ok_or(Error::<T>::UnknownOwner)?;
		ensure!(
			Self::signed_by(provider, &Self::release_payload(provider, owner, incarnation), signature),
			Error::<T>::BadSignature
		);
		ensure!(state.confirmed_providers.contains(provider), Error::<T>::NotAConfirmedHolder);
		ensure!(
			T::Incarnations::incarnation(owner) == Some(incarnation),
			Error::<T>::StaleIncarnation
		);
		ensure!(
			!ReleaseReceipts::<T>::contains_key((owner, incarnation, provider)),
			Error::<T>::DuplicateReceipt
		);
		Ok(())
	}

	/// Every check of `accept_rollback`; writes nothing. Returns the anchored version.
	pub(crate) fn check_rollback(
		owner: &T::AccountId,
		incarnation: u32,
		store_version: u64,
		signature: &[u8; 64],
	) -> Result<u64, Error<T>> {
		let state = Assignments::<T>::get(owner).ok_or(Error::<T>::UnknownOwner)?;
		ensure!(
			Self::signed_by(owner, &Self::rollback_payload(owner, incarnation, store_version), signature),
			Error::<T>::BadSignature
		);
		ensure!(
			T::Incarnations::incarnation(owner) == Some(incarnation),
			Error::<T>::StaleIncarnation
		);
		ensure!(store_version < state.confirmed_store_version, Error::<T>::NotARollback);
		Ok(state.confirmed_store_version)
	}

	/// Every check of `report_bad_share`, in the documented order; writes nothing. Returns
	/// what the chain proved, or the first failed check (`ShareMatchesCommitment` when the
	/// release is good).
	pub(crate) fn check_bad_share(report: &BadShareReportOf<T>) -> Result<BadShareProof, Error<T>> {
		// 1. The owner's confirmed epoch.
		let state = Assignments::<T>::get(&report.owner).ok_or(Error::<T>::ReportEpochNotConfirmed)?;
		ensure!(
			state.confirmed_epoch > 0 && report.epoch == state.confirmed_epoch,
			Error::<T>::ReportEpochNotConfirmed
		);
		// 2. The provider is holder `i`, with a recorded commitment.
		let index = state
			.confirmed_providers
			.iter()
			.position(|p| p == &report.provider)
			.ok_or(Error::<T>::ReportedProviderNotHolder)?;
		let commitment = *ConfirmedCommitments::<T>::get(&report.owner)
			.get(index)
			.ok_or(Error::<T>::ReportedProviderNotHolder)?;
		// 3. Once per (owner, incarnation, provider): a replay of a proof costs one read.
		ensure!(
			!BadShareReports::<T>::contains_key((&report.owner, report.incarnation, &report.provider)),
			Error::<T>::BadShareAlreadyReported
		);
		// 4. The owner's current incarnation, after a restart.
		let (incarnation, root) =
			T::Incarnations::recovery_keys_root(&report.owner).ok_or(Error::<T>::ReportIncarnationNotCurrent)?;
		ensure!(
			report.incarnation >= 1 && report.incarnation == incarnation,
			Error::<T>::ReportIncarnationNotCurrent
		);
		// 5. The keys are the ones the restart quote bound: one per holder, and with an
		// escrow committee one more (the escrow key, see `escrow.rs`).
		let holders = state.confirmed_providers.len();
		ensure!(
			(report.recovery_keys.len() == holders || report.recovery_keys.len() == holders + 1) &&
				custos_primitives::recovery_keys_root(&report.recovery_keys) == root,
			Error::<T>::RecoveryKeysMismatch
		);
		let recovery_key = report.recovery_keys.get(index).ok_or(Error::<T>::RecoveryKeysMismatch)?;
		// 6. The provider signed this release (a host call, before the wasm X25519 below).
		let genesis: [u8; 32] = T::GenesisHash::get().into();
		let owner: [u8; 32] = report.owner.clone().into();
		let provider: [u8; 32] = report.provider.clone().into();
		let statement = release_statement_payload(
			&genesis,
			&provider,
			&owner,
			report.incarnation,
			recovery_key,
			report.epoch,
			&commitment,
			&sealed_hash(&report.enc, &report.ciphertext),
		);
		ensure!(Self::signed_by(&report.provider, &statement, &report.signature), Error::<T>::BadReleaseSignature);
		// 7. The revealed private key is that holder's.
		ensure!(
			&custos_primitives::x25519_public_of(report.revealed_key) == recovery_key,
			Error::<T>::RevealedKeyMismatch
		);
		// 8. The proof: open it.
		let aad = release_aad(&owner, report.incarnation, report.epoch, &provider);
		let opened = custos_primitives::open_release(
			&report.revealed_key,
			&report.enc,
			&report.ciphertext,
			tags::SHARE_RELEASE_INFO,
			&aad,
		);
		let (kind, released) = match opened {
			Err(_) => (BadShareKind::Undecryptable, Vec::new()),
			Ok(held) if held.len() != HELD_SHARE_BYTES => (BadShareKind::WrongLength, held),
			Ok(held) => {
				let opened_to = share_commitment(&genesis, &owner, report.epoch, &provider, &held);
				ensure!(opened_to != commitment, Error::<T>::ShareMatchesCommitment);
				(BadShareKind::CommitmentMismatch, held)
			},
		};
		// The plaintext is shorter than the bounded ciphertext, so it always fits.
		let released = BoundedVec::truncate_from(released);
		Ok(BadShareProof { kind, commitment, released })
	}
}
