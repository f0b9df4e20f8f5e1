/** Deterministic ids of derived rows (the same facts always give the same id). */
import { MisbehaviourKind, WatchKind } from '../types/enums';

/** The watch for `provider`'s release to `owner`'s `incarnation`. */
export const releaseWatchId = (owner: string, incarnation: number, provider: string) =>
  `${WatchKind.RELEASE}-${owner}-${incarnation}-${provider}`;

/** The DID_NOT_SERVE record of the same obligation. */
export const didNotServeId = (owner: string, incarnation: number, provider: string) =>
  `${MisbehaviourKind.DID_NOT_SERVE}-${owner}-${incarnation}-${provider}`;

/** The owner's confirmation watch (one at a time: it runs while the owner is unconfirmed). */
export const confirmationWatchId = (owner: string) => `${WatchKind.CONFIRMATION}-${owner}`;

/** The AT_RISK record of an unconfirmed stretch that began with `epoch`. */
export const atRiskId = (owner: string, epoch: number) =>
  `${MisbehaviourKind.AT_RISK}-${owner}-${epoch}`;

/** The watch for escrow member `memberIndex`'s release to `owner`'s `incarnation`. */
export const escrowReleaseWatchId = (owner: string, incarnation: number, memberIndex: number) =>
  `${WatchKind.ESCROW_RELEASE}-${owner}-${incarnation}-${memberIndex}`;

/** The ESCROW_DID_NOT_SERVE record of the same obligation. */
export const escrowDidNotServeId = (owner: string, incarnation: number, memberIndex: number) =>
  `${MisbehaviourKind.ESCROW_DID_NOT_SERVE}-${owner}-${incarnation}-${memberIndex}`;

/** An owner's cold request for `incarnation`. */
export const coldRequestId = (owner: string, incarnation: number) => `${owner}-${incarnation}`;
