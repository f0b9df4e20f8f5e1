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
