/**
 * Named crash points: the steps of backup, reshare, recovery, the cold path, escrow release
 * and provider release at which
 * the fault-injection tests kill a companion (`test/fixtures/crashable-custos.ts`).
 *
 * In normal runs nothing is installed and {@link crashPoint} does nothing: this module
 * reads no environment variable and has no side effect. Only the test wrapper calls
 * {@link installCrashPoint}, before it loads the CLI.
 */

/** Every named step, in the order a companion passes them. */
export const CRASH_POINTS = [
  // Owner, backing up its KEK (first backup, or the rotation after a recovery).
  'backup.kek-staged',
  'backup.shares-acknowledged',
  // With an escrow committee: the KEK's escrow deposit is in a block, not yet confirmed.
  'backup.escrow-deposited',
  'backup.epoch-confirmed',
  'backup.kek-promoted',
  // Owner, first start only (store opened with the init handoff): after the first epoch
  // is confirmed, the handoff is discarded.
  'first-start.handoff-discarded',
  // Owner, resharing to a reassigned or memory-lost provider set (a new epoch is open).
  'reshare.kek-staged',
  'reshare.shares-acknowledged',
  'reshare.escrow-deposited',
  'reshare.epoch-confirmed',
  'reshare.kek-promoted',
  // Owner, recovering after a restart.
  'recovery.restart-attested',
  'recovery.kek-recovered',
  'recovery.store-unlocked',
  // Owner, on the cold path (escrow committee, fewer than t intact holders): its cold
  // request is in a block. The cold path's KEK then passes `recovery.kek-recovered`.
  'cold.requested',
  // Escrow member (`custos escrow serve`): a release is in a block.
  'escrow.share-released',
  // Provider.
  'provider.share-stored',
  'provider.share-released',
  'provider.receipt-recorded',
] as const;

/** A named step. */
export type CrashPoint = (typeof CRASH_POINTS)[number];

let armed: { point: CrashPoint; action: () => void } | undefined;

/**
 * Marks that the process reached `point`. Does nothing unless a test armed that point, in
 * which case it runs the test's action (which kills the process) once.
 */
export function crashPoint(point: CrashPoint): void {
  if (armed?.point !== point) return;
  const { action } = armed;
  armed = undefined;
  action();
}

/**
 * Arms `point` (test wrapper only). Throws a `RangeError` for an unknown name, so a typo in
 * a test fails loudly instead of never crashing.
 */
export function installCrashPoint(point: string, action: () => void): void {
  if (!(CRASH_POINTS as readonly string[]).includes(point))
    throw new RangeError(`unknown crash point "${point}"; known: ${CRASH_POINTS.join(', ')}`);
  armed = { point: point as CrashPoint, action };
}
