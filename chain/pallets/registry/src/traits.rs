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
/// bounded: they run inside `register`, `leave` and the session rotation.
pub trait ValidatorObserver<AccountId> {
	/// A validator registered (it is not active until the next session).
	fn on_registered(validator: &ActiveValidator<AccountId>);
	/// A validator unregistered (it stays in the active set until the next session).
	fn on_left(validator: &ActiveValidator<AccountId>);
	/// Session `session` starts with `active` (sorted by operator); `entered` joined and
	/// `left` left since the previous session.
	fn on_active_set_changed(
		session: u32,
		active: &[ActiveValidator<AccountId>],
		entered: &[ActiveValidator<AccountId>],
		left: &[ActiveValidator<AccountId>],
	);
}

impl<AccountId> ValidatorObserver<AccountId> for () {
	fn on_registered(_: &ActiveValidator<AccountId>) {}
	fn on_left(_: &ActiveValidator<AccountId>) {}
	fn on_active_set_changed(
		_: u32,
		_: &[ActiveValidator<AccountId>],
		_: &[ActiveValidator<AccountId>],
		_: &[ActiveValidator<AccountId>],
	) {
	}
}
