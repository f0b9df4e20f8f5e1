import { BaseError } from './base.js';

/** Fewer than `t` providers answered; `failures` says which and why. */
export class NotEnoughProvidersError extends BaseError {
  override name = 'NotEnoughProvidersError';
  constructor(
    readonly phase: 'backup' | 'recovery',
    readonly needed: number,
    readonly failures: { provider: string; reason: string }[],
  ) {
    super(
      'NOT_ENOUGH_PROVIDERS',
      `${phase}: fewer than ${needed} providers answered`,
      failures.map((f) => `${f.provider}: ${f.reason}`).join('; '),
    );
  }
}

/** The chain has no backup assignment for this owner. */
export class NoAssignmentError extends BaseError {
  override name = 'NoAssignmentError';
  constructor(owner: string) {
    super('NO_ASSIGNMENT', 'no backup assignment on chain', owner);
  }
}

/**
 * The restart made recovery keys for another number of holders than the chain's confirmed
 * epoch has (it changed in between): the owner attests again with fresh keys.
 */
export class RecoveryKeysMismatchError extends BaseError {
  override name = 'RecoveryKeysMismatchError';
  constructor(keys: number, holders: number) {
    super(
      'RECOVERY_KEYS_MISMATCH',
      'recovery keys do not match the confirmed holders',
      `${keys} keys for ${holders} holders`,
    );
  }
}
