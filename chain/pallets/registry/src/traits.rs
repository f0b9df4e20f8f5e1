//! How the registry tells the rest of the runtime about changes (through `Config`).

use frame::prelude::*;

/// A member of the active set: its operator and its TSS account.
#[derive(
	Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct ActiveValidator<AccountId> {
	/// Operator (stash) account.
	pub operator: AccountId,
	/// TSS account of its server.
	pub tss_account: AccountId,
}

/// Told about validator changes (seam for the backups pallet). Implementations must be
/// bounded: they run inside `register`, `leave` and the session rotation. Each returns the
/// weight it used, which the registry adds to its own.
pub trait ValidatorObserver<AccountId> {
	/// A validator registered (it is not active until the next session). Uses at most
	/// [`Self::max_registered_weight`].
	fn on_registered(validator: &ActiveValidator<AccountId>) -> Weight;
	/// A validator unregistered (it stays in the active set until the next session). Uses
	/// at most [`Self::max_left_weight`].
	fn on_left(validator: &ActiveValidator<AccountId>) -> Weight;
	/// Session `session` starts with `active` (sorted by operator); `entered` joined and
	/// `left` left since the previous session.
	fn on_active_set_changed(
		session: u32,
		active: &[ActiveValidator<AccountId>],
		entered: &[ActiveValidator<AccountId>],
		left: &[ActiveValidator<AccountId>],
	) -> Weight;
	/// The most weight [`Self::on_registered`] may use: `register` is charged it up front
	/// and refunded what was not used.
	fn max_registered_weight() -> Weight;
	/// The most weight [`Self::on_left`] may use, likewise for `leave`.
	fn max_left_weight() -> Weight;
	/// The largest active set [`Self::on_active_set_changed`] takes whole (the backups
	/// pallet's `MaxPool`): the registry's `integrity_test` requires its `MaxValidators` to
	/// be at most this, so no active validator is silently dropped and the observer's
	/// bounds, sized by this number, cover every registered validator.
	fn max_active() -> u32;
	/// The most weight [`Self::on_active_set_changed`] may use with an active set and lists
	/// of entered and left validators of up to [`Self::max_active`] each. The registry's
	/// `integrity_test` checks that a rotation of `MaxValidators` plus this fits a quarter
	/// of the block.
	fn max_active_set_changed_weight() -> Weight;
}

impl<AccountId> ValidatorObserver<AccountId> for () {
	fn on_registered(_: &ActiveValidator<AccountId>) -> Weight {
		Weight::zero()
	}
	fn on_left(_: &ActiveValidator<AccountId>) -> Weight {
		Weight::zero()
	}
	fn on_active_set_changed(
		_: u32,
		_: &[ActiveValidator<AccountId>],
		_: &[ActiveValidator<AccountId>],
		_: &[ActiveValidator<AccountId>],
	) -> Weight {
		Weight::zero()
	}
	fn max_registered_weight() -> Weight {
		Weight::zero()
	}
	fn max_left_weight() -> Weight {
		Weight::zero()
	}
	fn max_active() -> u32 {
		u32::MAX
	}
	fn max_active_set_changed_weight() -> Weight {
		Weight::zero()
	}
}
