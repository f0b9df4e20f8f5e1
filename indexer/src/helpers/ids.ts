/**
 * Every id the mappings build, in one place. Ids are deterministic: the same chain facts
 * always give the same id, so a replayed block updates rows instead of adding them.
 *
 * History rows of a single event use the event's position (`<block>-<eventIdx>`, see
 * `positionOf`); the builders below are for rows keyed by chain facts. SS58 accounts
 * contain no `-`, so every part of an id is recoverable.
 *
 * Registrations: the chain restarts an owner's epochs at 1 when its TSS account registers
 * again after leaving (its incarnation count continues). Rows scoped by epoch therefore
 * also carry the owner's registration number (1 for its first registration), so that a
 * second registration's epoch 1 never overwrites the first's.
 */
import { MisbehaviourKind, WatchKind } from '../types/enums';

/** The epoch row of `owner`'s `registration`-th registration. */
export const epochAssignmentId = (owner: string, registration: number, epoch: number) =>
  `${owner}-${registration}-${epoch}`;

/** The index row saying `provider` holds a share of `owner`'s current epoch. */
export const provisionId = (owner: string, provider: string) => `${owner}-${provider}`;

/** The watch for `provider`'s release to `owner`'s `incarnation`. */
export const releaseWatchId = (owner: string, incarnation: number, provider: string) =>
  `${WatchKind.RELEASE}-${owner}-${incarnation}-${provider}`;

/** The DID_NOT_SERVE record of the same obligation. */
export const didNotServeId = (owner: string, incarnation: number, provider: string) =>
  `${MisbehaviourKind.DID_NOT_SERVE}-${owner}-${incarnation}-${provider}`;

/**
 * The confirmation watch of `owner`'s `registration` (one at a time: it runs while the
 * owner is unconfirmed).
 */
export const confirmationWatchId = (owner: string, registration: number) =>
  `${WatchKind.CONFIRMATION}-${owner}-${registration}`;

/** The AT_RISK record of an unconfirmed stretch that began with `epoch` of `registration`. */
export const atRiskId = (owner: string, registration: number, epoch: number) =>
  `${MisbehaviourKind.AT_RISK}-${owner}-${registration}-${epoch}`;

/** A RULE_VIOLATION: `provider` of that epoch breaks `rule`. */
export const ruleViolationId = (
  owner: string,
  registration: number,
  epoch: number,
  rule: string,
  provider: string,
) => `${MisbehaviourKind.RULE_VIOLATION}-${owner}-${registration}-${epoch}-${rule}-${provider}`;

/** A DUPLICATE_INSTANCE: `incarnation` attested too soon after the previous one. */
export const duplicateInstanceId = (tssAccount: string, incarnation: number) =>
  `${MisbehaviourKind.DUPLICATE_INSTANCE}-${tssAccount}-${incarnation}`;

/** A REVOKED_MEASUREMENT: `tssAccount` is active under a removed `measurement`. */
export const revokedMeasurementId = (tssAccount: string, measurement: string) =>
  `${MisbehaviourKind.REVOKED_MEASUREMENT}-${tssAccount}-${measurement}`;

/**
 * A TCB_BELOW_MINIMUM: `tssAccount`'s attestation at `incarnation` was verified under
 * collateral below governance's minimum.
 */
export const tcbBelowMinimumId = (tssAccount: string, incarnation: number) =>
  `${MisbehaviourKind.TCB_BELOW_MINIMUM}-${tssAccount}-${incarnation}`;

/** A BAD_SHARE: `provider` released a bad share to `owner`'s `incarnation`. */
export const badShareId = (provider: string, owner: string, incarnation: number) =>
  `${MisbehaviourKind.BAD_SHARE}-${provider}-${owner}-${incarnation}`;

/** A cached Intel collateral bundle: its FMSPC (hex) and PCK CA. */
export const collateralBundleId = (fmspc: string, pckCa: string) => `${fmspc}-${pckCa}`;

/** A COLLATERAL_EXPIRING announcement of `bundle` for `expiresAt` (unix seconds). */
export const collateralExpiringId = (bundle: string, expiresAt: bigint) =>
  `${MisbehaviourKind.COLLATERAL_EXPIRING}-${bundle}-${expiresAt}`;

/** An escrow deposit of `owner`'s `epoch`, made by event `eventId`. */
export const escrowDepositId = (owner: string, epoch: number, eventId: string) =>
  `${owner}-${epoch}-${eventId}`;

/** The watch for escrow member `memberIndex`'s release to `owner`'s `incarnation`. */
export const escrowReleaseWatchId = (owner: string, incarnation: number, memberIndex: number) =>
  `${WatchKind.ESCROW_RELEASE}-${owner}-${incarnation}-${memberIndex}`;

/** The ESCROW_DID_NOT_SERVE record of the same obligation. */
export const escrowDidNotServeId = (owner: string, incarnation: number, memberIndex: number) =>
  `${MisbehaviourKind.ESCROW_DID_NOT_SERVE}-${owner}-${incarnation}-${memberIndex}`;

/** An owner's cold request for `incarnation`. */
export const coldRequestId = (owner: string, incarnation: number) => `${owner}-${incarnation}`;

/** A COLD_RELEASE_WITHOUT_APPROVAL: the release event `eventId` had no approval. */
export const coldReleaseWithoutApprovalId = (eventId: string) =>
  `${MisbehaviourKind.COLD_RELEASE_WITHOUT_APPROVAL}-${eventId}`;
