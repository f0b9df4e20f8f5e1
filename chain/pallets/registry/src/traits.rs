//! How the registry tells the rest of the runtime about changes (through `Config`).

/// Told at every session rotation (seam for the backups pallet).
pub trait OnActiveSetChanged<AccountId> {
	/// Session `session` starts with `active` (sorted operators); `entered` joined and `left`
	/// left since the previous session.
	fn on_active_set_changed(session: u32, active: &[AccountId], entered: &[AccountId], left: &[AccountId]);
}

impl<AccountId> OnActiveSetChanged<AccountId> for () {
	fn on_active_set_changed(_: u32, _: &[AccountId], _: &[AccountId], _: &[AccountId]) {}
}
