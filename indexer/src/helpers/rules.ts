/**
 * Misbehaviour rules as pure functions: no store, no chain, no clock. The mappings feed
 * them indexed facts and persist what they return; `test/unit/indexerRules.test.ts` tests
 * them without a database. Blocks are block numbers.
 */

/** How many blocks each derived check waits. */
export interface AuditWindows {
  /** DID_NOT_SERVE: blocks after the owner's restart attestation within which each
   * confirmed holder must record its release. */
  releaseWindow: number;
  /** AT_RISK: blocks an owner's current epoch may stay unconfirmed. */
  confirmWindow: number;
  /** DUPLICATE_INSTANCE: two restart attestations of one account closer than this. */
  duplicateWindow: number;
}

/**
 * Defaults (blocks; 6 s each on the reference runtime): a provider sees the restart within
 * a block or two and its receipt is fee-free, so 50 blocks (5 min) is generous; a reshare
 * takes one round of HTTP calls, so 100 blocks (10 min) unconfirmed means trouble; and
 * `MinRestartInterval` is 3 blocks, so two restarts within 100 blocks are suspicious.
 */
export const DEFAULT_AUDIT_WINDOWS: Readonly<AuditWindows> = Object.freeze({
  releaseWindow: 50,
  confirmWindow: 100,
  duplicateWindow: 100,
});

/** The window values out of range: each must be an integer in 1..1,000,000. */
export class InvalidAuditWindowsError extends Error {
  override readonly name = 'InvalidAuditWindowsError';
}

/**
 * Validates partial windows and fills in the defaults.
 * @throws InvalidAuditWindowsError naming the first bad field.
 */
export function resolveAuditWindows(input: Partial<Record<keyof AuditWindows, unknown>> = {}) {
  const out: AuditWindows = { ...DEFAULT_AUDIT_WINDOWS };
  for (const key of Object.keys(DEFAULT_AUDIT_WINDOWS) as (keyof AuditWindows)[]) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1_000_000) {
      throw new InvalidAuditWindowsError(
        `${key} must be an integer number of blocks in 1..1000000, got ${String(value)}`,
      );
    }
    out[key] = value;
  }
  return out;
}

/** A release a confirmed holder owes after its owner's restart attestation. */
export interface ReleaseObligation {
  provider: string;
  /** The last block in which the receipt still counts as on time. */
  deadline: number;
}

/**
 * The releases owed for a restart attestation recorded in `restartBlock`: one per holder of
 * the owner's last confirmed epoch (duplicates removed, order kept), each due by
 * `restartBlock + releaseWindow`. No holders (never confirmed) means nothing is owed.
 */
export function releaseObligations(
  holders: readonly string[],
  restartBlock: number,
  releaseWindow: number,
): ReleaseObligation[] {
  return [...new Set(holders)].map((provider) => ({
    provider,
    deadline: restartBlock + releaseWindow,
  }));
}

/** The block by which an epoch opened in `openedAt` must be confirmed. */
export function confirmationDeadline(openedAt: number, confirmWindow: number): number {
  return openedAt + confirmWindow;
}

/**
 * Whether a deadline has passed when block `now` is processed: the obligation could still
 * be met in block `deadline` itself, so only a later block makes it overdue.
 */
export function isOverdue(deadline: number, now: number): boolean {
  return now > deadline;
}

/**
 * Whether a restart attestation in block `current` follows the account's previous one (in
 * block `previous`) closely enough to suggest two live instances.
 */
export function isDuplicateInstance(
  previous: number | undefined,
  current: number,
  duplicateWindow: number,
): boolean {
  return previous !== undefined && current >= previous && current - previous < duplicateWindow;
}

/** The smallest deadline, or undefined when there is none. */
export function nextDeadline(deadlines: Iterable<number>): number | undefined {
  let min: number | undefined;
  for (const d of deadlines) if (min === undefined || d < min) min = d;
  return min;
}

/** Which assignment rule a provider breaks. */
export type AssignmentRule = 'SELF' | 'OWN_OPERATOR' | 'DUPLICATE_OPERATOR' | 'OVER_LOAD';

/** One broken rule. */
export interface RuleBreach {
  rule: AssignmentRule;
  provider: string;
}

/** What {@link assignmentBreaches} checks. */
export interface AssignmentFacts {
  owner: string;
  /** Operator of the owner; undefined if unknown. */
  ownerOperator: string | undefined;
  /** The full provider set of the new epoch. */
  providers: readonly string[];
  /** Providers newly drawn in this epoch (the load bound applies to draws only). */
  added: readonly string[];
  /** Operator of each provider (TSS account → operator) as far as known. */
  operatorOf: (provider: string) => string | undefined;
  /** Owners each provider serves after this change (its current load). */
  loadOf: (provider: string) => number;
  /** `max_load` in force. */
  maxLoad: number;
}

/**
 * The rules the backups pallet promises for every epoch: no provider is the owner or of the
 * owner's operator, providers have distinct operators, and a newly drawn provider serves at
 * most `max_load` owners. Returns every breach (empty when the assignment is lawful).
 */
export function assignmentBreaches(f: AssignmentFacts): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  const seenOperators = new Map<string, string>();
  for (const provider of f.providers) {
    if (provider === f.owner) breaches.push({ rule: 'SELF', provider });
    const operator = f.operatorOf(provider);
    if (operator !== undefined) {
      if (f.ownerOperator !== undefined && operator === f.ownerOperator && provider !== f.owner)
        breaches.push({ rule: 'OWN_OPERATOR', provider });
      if (seenOperators.has(operator)) breaches.push({ rule: 'DUPLICATE_OPERATOR', provider });
      else seenOperators.set(operator, provider);
    }
  }
  for (const provider of new Set(f.added)) {
    if (f.loadOf(provider) > f.maxLoad) breaches.push({ rule: 'OVER_LOAD', provider });
  }
  return breaches;
}

/**
 * The active validators (TSS accounts) whose attested measurement is among `revoked`.
 */
export function revokedActive(
  active: readonly { tssAccount: string; measurement: string | undefined }[],
  revoked: ReadonlySet<string>,
): string[] {
  return active
    .filter((v) => v.measurement !== undefined && revoked.has(v.measurement))
    .map((v) => v.tssAccount);
}

/**
 * Whether an attestation under TCB evaluation number `number` (undefined or null: the dev
 * path, which has no TCB level) is below governance's `minimum` (0: any number is accepted).
 */
export function isBelowTcbMinimum(number: number | null | undefined, minimum: number): boolean {
  return number !== undefined && number !== null && number < minimum;
}

/** The active set after a session change: previous minus `left` plus `entered`, sorted. */
export function nextActiveSet(
  previous: readonly string[],
  entered: readonly string[],
  left: readonly string[],
): string[] {
  const gone = new Set(left);
  return [...new Set([...previous.filter((a) => !gone.has(a)), ...entered])].sort();
}
