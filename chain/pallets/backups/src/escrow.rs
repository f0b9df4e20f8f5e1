//! The cold path: an escrow committee that can give an owner its KEK back after every
//! holder lost its share (a full outage), only with governance's approval.
//!
//! Providers keep shares in memory only (DESIGN.md invariant I2), so when every companion
//! stops at once every share is gone. A network may opt in to an escrow committee
//! (governance sets `m` members and a threshold `t_e`); then:
//!
//! 1. **Deposit** ([`Pallet::deposit_escrow`], unsigned, owner-signed): with every epoch it
//!    is about to confirm, the owner splits the same KEK `t_e`-of-`m`, seals each share
//!    (share ‖ blinding) to one member's x25519 key with HPKE, and puts the sealed shares
//!    and a hash commitment per share on chain. While a committee exists,
//!    `confirm_epoch` refuses an epoch without a deposit of the current committee, so every
//!    confirmed KEK is escrowed before the owner's store switches to it. The deposit lives
//!    on chain, not on the owner's disk: a full outage and the host (who may delete or roll
//!    back the disk) cannot destroy it, and escrow members read it without reaching the
//!    owner. It is useless without `t_e` members' private keys.
//! 2. **Request** ([`Pallet::request_cold_recovery`], unsigned, restart-key-signed): after
//!    its restart attestation, an owner whose confirmed epoch has fewer than `t` intact
//!    holders (a holder is intact while its incarnation is the one it acknowledged with)
//!    asks for cold recovery, revealing its recovery public keys: their root must be the
//!    one its restart quote bound, and the last key (one more than its holders) is the
//!    escrow recovery key, so the key the members seal to is bound to a fresh TDX quote.
//! 3. **Approval** ([`Pallet::approve_cold_recovery`], governance): one call approves many
//!    requests (a mass outage); an entry that went stale meanwhile is skipped with its
//!    reason, never the whole call.
//! 4. **Release** ([`Pallet::release_escrow_share`], unsigned, member-signed): each member's
//!    tool opens its sealed share and posts it sealed to the escrow recovery key. The chain
//!    takes it only for an approved, unexpired request of the owner's latest incarnation,
//!    once per member. The owner opens `t_e` of them, checks each against its commitment,
//!    combines, opens its store, and confirms a new epoch (which closes the request).
//!
//! A committee change does not strand an owner that is down: a deposit is served by the
//! committee of its own generation, kept in [`RetiredCommittees`] while any deposit names
//! it; live owners rotate to deposit for the new committee. A holder whose validator left or
//! was removed by governance no longer counts as intact, so an owner whose holders never
//! return can take the cold path.
//!
//! The chain never sees a share in the clear; it enforces who may release, when and for
//! which incarnation, and records every step as an event for the indexer.

use alloc::vec::Vec;
use frame::deps::{sp_core::sr25519, sp_io};
use frame::prelude::*;
use pallet_custos_attestation::traits::Incarnations;

use crate::{pallet::*, types::*};

/// Bytes of a share sealed to an escrow member or released to an owner: the HPKE
/// encapsulated key (32) ‖ the ciphertext of share ‖ blinding ([`HELD_SHARE_BYTES`]) with
/// its 16-byte tag.
pub const SEALED_ESCROW_SHARE_BYTES: usize = 32 + HELD_SHARE_BYTES + 16;

/// Compute charged per step of the escrow books (see
/// [`Pallet::escrow_bookkeeping_weight`]), in picoseconds: 200 µs, above the most any
/// escrow call's re-run measured beyond its committed weight on a machine up to twice as
/// slow as the reference one (about 170 µs, `set_escrow_committee` moving a full committee).
pub const BOOKKEEPING_STEP_REF_TIME: u64 = 200_000_000;

/// Proof size charged per step of the escrow books: the largest `EscrowDepositCount` and
/// `RetiredCommittees` entries as the benchmarks account them (2,491 + 3,520 bytes).
pub const BOOKKEEPING_STEP_PROOF_SIZE: u64 = 2_491 + 3_520;

/// A share sealed with HPKE (`enc ‖ ciphertext`), see [`SEALED_ESCROW_SHARE_BYTES`].
pub type SealedEscrowShare = [u8; SEALED_ESCROW_SHARE_BYTES];

/// One member of the escrow committee.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct EscrowMember<AccountId> {
	/// The member's sr25519 signing key (an account; it needs no funds).
	pub account: AccountId,
	/// The member's x25519 public key owners seal its shares to.
	pub sealing_key: [u8; 32],
}

/// The escrow committee governance set.
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
#[scale_info(skip_type_params(MaxMembers))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct EscrowCommittee<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxMembers: Get<u32>> {
	/// Counts every committee set; deposits name the one they were made for.
	pub generation: u32,
	/// Shares needed to recover (`t_e`).
	pub threshold: u32,
	/// The members, in the order of their shares.
	pub members: BoundedVec<EscrowMember<AccountId>, MaxMembers>,
}

/// An owner's escrow of one epoch's KEK.
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
#[scale_info(skip_type_params(MaxMembers))]
pub struct EscrowDeposit<MaxMembers: Get<u32>> {
	/// The committee generation it was made for.
	pub generation: u32,
	/// Counts the owner's deposits for one epoch: a replacement must carry a higher one, so
	/// a replayed older deposit (its transaction is public) cannot take the place of the
	/// current one.
	pub sequence: u32,
	/// Share `i` sealed to member `i`'s key (HPKE, `info` [`tags::ESCROW_SHARE_INFO`], aad
	/// [`escrow_share_aad`]).
	pub sealed: BoundedVec<SealedEscrowShare, MaxMembers>,
	/// Commitment to share `i` ([`tags::ESCROW_COMMITMENT`], computed off chain like a
	/// holder's share commitment); the owner checks what member `i` releases against it.
	pub commitments: BoundedVec<[u8; 32], MaxMembers>,
}

/// An owner's request for cold recovery.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct ColdRequest<BlockNumber> {
	/// The owner's incarnation (its restart attestation) the request is for.
	pub incarnation: u32,
	/// The confirmed epoch whose escrow deposit it opens.
	pub epoch: u32,
	/// The x25519 key members seal their releases to (bound by the restart quote).
	pub escrow_key: [u8; 32],
	/// Block of the request; approval and releases must come within
	/// `ColdRequestLifetime` blocks.
	pub requested_at: BlockNumber,
	/// Block of governance's approval.
	pub approved_at: Option<BlockNumber>,
}

/// Why an entry of a cold approval was skipped ([`Event::ColdApprovalSkipped`]).
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub enum ColdApprovalSkip {
	/// The owner has no open request for that incarnation.
	NotFound,
	/// The owner restarted again since: a newer incarnation supersedes the request.
	Superseded,
	/// The request outlived `ColdRequestLifetime`.
	Expired,
	/// Approved already (also the second time one call names it).
	AlreadyApproved,
}

impl ColdApprovalSkip {
	/// The skip reason for an error of [`Pallet::current_cold_request`] or an approved one.
	pub(crate) fn from_error<T: Config>(error: &Error<T>) -> Self {
		match error {
			Error::<T>::StaleIncarnation => Self::Superseded,
			Error::<T>::ColdRequestExpired => Self::Expired,
			Error::<T>::ColdRequestAlreadyApproved => Self::AlreadyApproved,
			_ => Self::NotFound,
		}
	}
}

/// A member's release, as the chain keeps it.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct EscrowRelease<BlockNumber> {
	/// The member's share sealed to the request's escrow key (HPKE, `info`
	/// [`tags::ESCROW_RELEASE_INFO`], aad [`escrow_release_aad`]).
	pub sealed: SealedEscrowShare,
	/// Block it was recorded in.
	pub at: BlockNumber,
}

/// HPKE `aad` of a deposit's share for member `member_index`: SCALE of
/// `(genesis, owner, restart_key, epoch, generation, member_index)`, where `restart_key` is
/// the owner's registered restart key. A member opens a share only under the restart key
/// that must have signed the cold request it releases to, so an offline member that is
/// handed a request with a substituted escrow key or restart key cannot be made to seal
/// the real share to it (`custos escrow sign`).
pub fn escrow_share_aad<AccountId: Encode, Hash: Encode>(
	genesis: &Hash,
	owner: &AccountId,
	restart_key: &[u8; 32],
	epoch: u32,
	generation: u32,
	member_index: u32,
) -> Vec<u8> {
	(genesis, owner, restart_key, epoch, generation, member_index).encode()
}

/// HPKE `aad` of a member's release to an owner's incarnation: SCALE of
/// `(genesis, owner, incarnation, member_index)`.
pub fn escrow_release_aad<AccountId: Encode, Hash: Encode>(
	genesis: &Hash,
	owner: &AccountId,
	incarnation: u32,
	member_index: u32,
) -> Vec<u8> {
	(genesis, owner, incarnation, member_index).encode()
}

/// What an escrow key contributes to a restart's recovery keys root: blake2-256 of
/// [`tags::ESCROW_KEY`] ‖ key. Distinct from any x25519 key a holder could be given.
pub fn escrow_key_entry(escrow_key: &[u8; 32]) -> [u8; 32] {
	let mut preimage = Vec::with_capacity(tags::ESCROW_KEY.len() + 32);
	preimage.extend_from_slice(tags::ESCROW_KEY);
	preimage.extend_from_slice(escrow_key);
	blake2_256(&preimage)
}

impl<T: Config> Pallet<T> {
	/// The payload an owner signs to deposit its escrow of `epoch`.
	pub fn escrow_deposit_payload(owner: &T::AccountId, epoch: u32, deposit: &EscrowDepositOf<T>) -> Vec<u8> {
		(tags::ESCROW_DEPOSIT, T::GenesisHash::get(), owner, epoch, blake2_256(&deposit.encode())).encode()
	}

	/// The payload an owner's restart key signs to request cold recovery.
	pub fn cold_request_payload(
		owner: &T::AccountId,
		incarnation: u32,
		recovery_keys: &RecoveryKeysOf<T>,
		escrow_key: &[u8; 32],
	) -> Vec<u8> {
		(tags::COLD_REQUEST, T::GenesisHash::get(), owner, incarnation, blake2_256(&recovery_keys.encode()), escrow_key)
			.encode()
	}

	/// The payload a member signs to release its share to `owner`'s `incarnation`.
	pub fn escrow_release_payload(
		owner: &T::AccountId,
		incarnation: u32,
		member_index: u32,
		sealed: &SealedEscrowShare,
	) -> Vec<u8> {
		(tags::ESCROW_RELEASE, T::GenesisHash::get(), owner, incarnation, member_index, blake2_256(sealed))
			.encode()
	}

	/// Holders of `owner`'s confirmed epoch that still hold their share: those still
	/// registered whose recorded incarnation is the one they acknowledged with (a restart
	/// since means the share, kept in memory only, is gone; a validator that left, or that
	/// governance removed because it will not come back, serves nobody).
	pub fn intact_holders(owner: &T::AccountId) -> u32 {
		let Some(state) = Assignments::<T>::get(owner) else { return 0 };
		let acknowledged = ConfirmedIncarnations::<T>::get(owner);
		state
			.confirmed_providers
			.iter()
			.enumerate()
			.filter(|(_, holder)| T::Incarnations::restart_key(holder).is_some())
			.filter(|(i, holder)| match acknowledged.get(*i) {
				Some(incarnation) => T::Incarnations::incarnation(holder) == Some(*incarnation),
				// Confirmed before incarnations were recorded: counted as intact, so the cold
				// path stays closed (a deposit, needed for it, comes with a new confirmation).
				None => true,
			})
			.count() as u32
	}

	/// The committee of `generation`: the current one, or a retired one some deposit still
	/// names.
	pub fn committee_of(generation: u32) -> Option<EscrowCommitteeOf<T>> {
		Committee::<T>::get()
			.filter(|committee| committee.generation == generation)
			.or_else(|| RetiredCommittees::<T>::get(generation))
	}

	/// What keeping committees per generation adds to a call that stores or removes up to
	/// `deposits` deposits, moves a committee or looks one up among the retired: per step,
	/// the generation's count and its retired committee read and written, their proof
	/// sizes, and [`BOOKKEEPING_STEP_REF_TIME`] of compute, on top of `weights.rs`
	/// (generated on the reference machine before this bookkeeping existed). The
	/// benchmarks run these paths; what a re-run measured for them is within this addition
	/// (docs/chain.md "Weights"). Drop it when the weights are next generated on the
	/// reference machine.
	pub fn escrow_bookkeeping_weight(deposits: u64) -> Weight {
		T::DbWeight::get()
			.reads_writes(2 * deposits, 2 * deposits)
			.saturating_add(
				Weight::from_parts(BOOKKEEPING_STEP_REF_TIME, BOOKKEEPING_STEP_PROOF_SIZE)
					.saturating_mul(deposits),
			)
	}

	/// Moves a replaced or cleared committee to [`RetiredCommittees`] while deposits name
	/// it; forgets it when none does.
	pub(crate) fn retire_committee(committee: EscrowCommitteeOf<T>) {
		if EscrowDepositCount::<T>::get(committee.generation) > 0 {
			RetiredCommittees::<T>::insert(committee.generation, committee);
		}
	}

	/// Stores `owner`'s deposit for `epoch` (replacing one), keeping the per-generation
	/// deposit counts.
	pub(crate) fn put_deposit(owner: &T::AccountId, epoch: u32, deposit: EscrowDepositOf<T>) {
		Self::remove_deposit(owner, epoch);
		EscrowDepositCount::<T>::mutate(deposit.generation, |count| *count = count.saturating_add(1));
		EscrowDeposits::<T>::insert(owner, epoch, deposit);
	}

	/// Removes `owner`'s deposit for `epoch`, if any; a retired committee that no deposit
	/// names any more goes with it.
	pub(crate) fn remove_deposit(owner: &T::AccountId, epoch: u32) {
		let Some(old) = EscrowDeposits::<T>::take(owner, epoch) else { return };
		let remaining = EscrowDepositCount::<T>::mutate_exists(old.generation, |count| {
			let left = count.unwrap_or(0).saturating_sub(1);
			*count = (left > 0).then_some(left);
			left
		});
		if remaining == 0 {
			RetiredCommittees::<T>::remove(old.generation);
		}
	}

	/// Removes every deposit of `owner` (at most its confirmed and open epochs').
	pub(crate) fn remove_deposits(owner: &T::AccountId) {
		let epochs: Vec<u32> = EscrowDeposits::<T>::iter_key_prefix(owner).collect();
		for epoch in epochs {
			Self::remove_deposit(owner, epoch);
		}
	}

	/// Checks a committee governance wants to set; returns it with the next generation.
	pub(crate) fn check_committee(
		members: &BoundedVec<EscrowMember<T::AccountId>, T::MaxEscrowMembers>,
		threshold: u32,
	) -> Result<EscrowCommitteeOf<T>, Error<T>> {
		// At least two members and two shares: one member alone would hold every KEK.
		ensure!(members.len() >= 2, Error::<T>::InvalidEscrowCommittee);
		ensure!(threshold >= 2 && threshold <= members.len() as u32, Error::<T>::InvalidEscrowCommittee);
		for (i, member) in members.iter().enumerate() {
			ensure!(!custos_primitives::is_low_order_x25519(&member.sealing_key), Error::<T>::LowOrderSealingKey);
			let repeated = members.iter().skip(i + 1).any(|other| {
				other.account == member.account || other.sealing_key == member.sealing_key
			});
			ensure!(!repeated, Error::<T>::InvalidEscrowCommittee);
		}
		let generation = EscrowGeneration::<T>::get().checked_add(1).ok_or(Error::<T>::InvalidEscrowCommittee)?;
		Ok(EscrowCommittee { generation, threshold, members: members.clone() })
	}

	/// Every check of `deposit_escrow`; writes nothing.
	pub(crate) fn check_escrow_deposit(
		owner: &T::AccountId,
		epoch: u32,
		deposit: &EscrowDepositOf<T>,
		signature: &[u8; 64],
	) -> Result<(), Error<T>> {
		let committee = Committee::<T>::get().ok_or(Error::<T>::NoEscrowCommittee)?;
		let state = Assignments::<T>::get(owner).ok_or(Error::<T>::UnknownOwner)?;
		ensure!(
			Self::signed_by(owner, &Self::escrow_deposit_payload(owner, epoch, deposit), signature),
			Error::<T>::BadSignature
		);
		ensure!(deposit.generation == committee.generation, Error::<T>::WrongEscrowGeneration);
		let members = committee.members.len();
		ensure!(
			deposit.sealed.len() == members && deposit.commitments.len() == members,
			Error::<T>::WrongEscrowShareCount
		);
		// The open epoch, or the next one when nothing is pending (a rotation); never one
		// that is confirmed already.
		let rotation = state.epoch == state.confirmed_epoch && epoch == state.epoch.saturating_add(1);
		ensure!(
			(epoch == state.epoch && epoch > state.confirmed_epoch) || rotation,
			Error::<T>::WrongEpoch
		);
		if let Some(existing) = EscrowDeposits::<T>::get(owner, epoch) {
			ensure!(deposit.sequence > existing.sequence, Error::<T>::StaleEscrowDeposit);
		}
		// Free for the owner, so bounded like checkpoints: one deposit per
		// `MinCheckpointInterval` blocks.
		if let Some(last) = LastEscrowDeposit::<T>::get(owner) {
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now.saturating_sub(last) >= T::MinCheckpointInterval::get(), Error::<T>::RateLimited);
		}
		Ok(())
	}

	/// Every check of `request_cold_recovery`; writes nothing. Returns the request and the
	/// number of intact holders it was accepted with.
	pub(crate) fn check_cold_request(
		owner: &T::AccountId,
		incarnation: u32,
		recovery_keys: &RecoveryKeysOf<T>,
		escrow_key: &[u8; 32],
		signature: &[u8; 64],
	) -> Result<(ColdRequest<BlockNumberFor<T>>, u32), Error<T>> {
		let state = Assignments::<T>::get(owner).ok_or(Error::<T>::UnknownOwner)?;
		let restart_key = T::Incarnations::restart_key(owner).ok_or(Error::<T>::UnknownOwner)?;
		ensure!(
			sp_io::crypto::sr25519_verify(
				&sr25519::Signature::from_raw(*signature),
				&blake2_256(&Self::cold_request_payload(owner, incarnation, recovery_keys, escrow_key)),
				&sr25519::Public::from_raw(restart_key),
			),
			Error::<T>::BadSignature
		);
		let (recorded, root) = T::Incarnations::recovery_keys_root(owner).ok_or(Error::<T>::StaleIncarnation)?;
		ensure!(incarnation >= 1 && recorded == incarnation, Error::<T>::StaleIncarnation);
		// Soon after the restart it is for: a request cannot be made (or replayed) for an old
		// attestation.
		let attested_at = T::Incarnations::attested_at(owner).unwrap_or_default();
		let now: u64 = frame_system::Pallet::<T>::block_number().saturated_into();
		ensure!(
			now.saturating_sub(attested_at) <= T::ColdRequestWindow::get().saturated_into::<u64>(),
			Error::<T>::AttestationTooOld
		);
		ensure!(recovery_keys.len() == state.confirmed_providers.len(), Error::<T>::RecoveryKeysMismatch);
		let mut entries = recovery_keys.to_vec();
		entries.push(escrow_key_entry(escrow_key));
		ensure!(custos_primitives::recovery_keys_root(&entries) == root, Error::<T>::RecoveryKeysMismatch);
		let escrow_key = *escrow_key;
		// A deposit served by its own generation's members, current or retired; without one,
		// a network that has no committee says so.
		let served = EscrowDeposits::<T>::get(owner, state.confirmed_epoch)
			.filter(|deposit| state.confirmed_epoch >= 1 && Self::committee_of(deposit.generation).is_some());
		if served.is_none() {
			return Err(if Committee::<T>::get().is_none() {
				Error::<T>::NoEscrowCommittee
			} else {
				Error::<T>::NoEscrowDeposit
			});
		}
		let intact = Self::intact_holders(owner);
		ensure!(intact < state.confirmed_threshold, Error::<T>::HoldersIntact);
		if let Some(existing) = ColdRequests::<T>::get(owner) {
			ensure!(existing.incarnation < incarnation, Error::<T>::ColdRequestExists);
		}
		let request = ColdRequest {
			incarnation,
			epoch: state.confirmed_epoch,
			escrow_key,
			requested_at: frame_system::Pallet::<T>::block_number(),
			approved_at: None,
		};
		Ok((request, intact))
	}

	/// Whether `request`, made at `requested_at`, is still within `ColdRequestLifetime`.
	pub(crate) fn cold_request_live(request: &ColdRequest<BlockNumberFor<T>>) -> bool {
		frame_system::Pallet::<T>::block_number().saturating_sub(request.requested_at) <=
			T::ColdRequestLifetime::get()
	}

	/// The request of `owner` for `incarnation`, if it is the owner's current one: its
	/// latest incarnation, not superseded, within its lifetime.
	pub(crate) fn current_cold_request(
		owner: &T::AccountId,
		incarnation: u32,
	) -> Result<ColdRequest<BlockNumberFor<T>>, Error<T>> {
		let request = ColdRequests::<T>::get(owner)
			.filter(|request| request.incarnation == incarnation)
			.ok_or(Error::<T>::ColdRequestNotFound)?;
		ensure!(T::Incarnations::incarnation(owner) == Some(incarnation), Error::<T>::StaleIncarnation);
		ensure!(Self::cold_request_live(&request), Error::<T>::ColdRequestExpired);
		Ok(request)
	}

	/// Every check of `release_escrow_share`; writes nothing. Returns the member.
	pub(crate) fn check_escrow_release(
		owner: &T::AccountId,
		incarnation: u32,
		member_index: u32,
		sealed: &SealedEscrowShare,
		signature: &[u8; 64],
	) -> Result<T::AccountId, Error<T>> {
		let request = Self::current_cold_request(owner, incarnation)?;
		let deposit = EscrowDeposits::<T>::get(owner, request.epoch).ok_or(Error::<T>::NoEscrowDeposit)?;
		// The members of the deposit's own generation serve it, even after governance
		// replaced or cleared that committee.
		let committee = Self::committee_of(deposit.generation).ok_or(Error::<T>::NoEscrowCommittee)?;
		let member = committee
			.members
			.get(member_index as usize)
			.ok_or(Error::<T>::NotAnEscrowMember)?
			.account
			.clone();
		ensure!(
			Self::signed_by(&member, &Self::escrow_release_payload(owner, incarnation, member_index, sealed), signature),
			Error::<T>::BadSignature
		);
		ensure!(request.approved_at.is_some(), Error::<T>::ColdRequestNotApproved);
		ensure!(
			!EscrowReleases::<T>::contains_key((owner, incarnation, member_index)),
			Error::<T>::EscrowShareAlreadyReleased
		);
		Ok(member)
	}

	/// Before storing a deposit for `epoch`: drops the owner's deposits of unconfirmed epochs
	/// older than it (the open epoch moved on), so an owner keeps at most the confirmed
	/// epoch's deposit and the open one's.
	pub(crate) fn drop_superseded_deposits(owner: &T::AccountId, epoch: u32) {
		let confirmed = Assignments::<T>::get(owner).map_or(0, |state| state.confirmed_epoch);
		let stale: Vec<u32> =
			EscrowDeposits::<T>::iter_key_prefix(owner).filter(|e| *e > confirmed && *e < epoch).collect();
		for old in stale {
			Self::remove_deposit(owner, old);
		}
	}

	/// After `owner` confirmed `epoch`: drops its deposits of older epochs, and a deposit of
	/// `epoch` itself that no committee in force asked for (made before governance cleared
	/// the committee, for a KEK the owner may since have replaced: a confirmation without a
	/// committee needs no deposit, so nothing says the deposit holds the confirmed KEK); and
	/// closes a cold request for an older epoch (the owner recovered and backed up again)
	/// with its releases. Bounded: an owner has deposits for at most its confirmed and open epochs,
	/// and a request at most `MaxEscrowMembers` releases.
	pub(crate) fn escrow_after_confirm(owner: &T::AccountId, epoch: u32) {
		let older: Vec<u32> = EscrowDeposits::<T>::iter_key_prefix(owner).filter(|e| *e < epoch).collect();
		for old in older {
			Self::remove_deposit(owner, old);
		}
		let current = Committee::<T>::get().map(|committee| committee.generation);
		if EscrowDeposits::<T>::get(owner, epoch).is_some_and(|deposit| Some(deposit.generation) != current) {
			Self::remove_deposit(owner, epoch);
		}
		if let Some(request) = ColdRequests::<T>::get(owner).filter(|request| request.epoch < epoch) {
			ColdRequests::<T>::remove(owner);
			let _ = EscrowReleases::<T>::clear_prefix((owner, request.incarnation), T::MaxEscrowMembers::get(), None);
			Self::deposit_event(Event::ColdRecoveryClosed { owner: owner.clone(), incarnation: request.incarnation, epoch });
		}
	}
}

