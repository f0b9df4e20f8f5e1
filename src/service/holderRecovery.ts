/**
 * Recovery through the holders (flow 3, after the restart attestation is in a block): waits
 * for the attestation to be final, asks the confirmed holders, and decides from chain
 * evidence alone when to attest again, take the cold path, or give up. Everything it reads
 * comes through {@link HolderRecoveryChain} and everything it does through
 * {@link HolderRecoveryDeps}, so it is tested without a chain or peers
 * (holderRecovery.test.ts); `CompanionNode` wires it to polkadot.js.
 */
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aEq } from '@polkadot/util';
import type { Logger } from 'pino';
import { nextFinalizedHead } from '../chain/finalizedHeads.js';
import type { BadShareReport } from '../chain/reportBadShare.js';
import { zeroize } from '../crypto/aead.js';
import type { HpkeKeyPair } from '../crypto/hpke.js';
import { describe } from '../errors/base.js';
import { FencedError, KekUnrecoverableError } from '../errors/service.js';
import { escrowKeyEntry } from '../escrow/shares.js';
import { type HolderHealth, holderHealth } from '../owner/holderHealth.js';
import {
  type HolderPlan,
  planMatches,
  type RecoverKekParameters,
  readHolderPlan,
} from '../owner/recoverKek.js';
import { recoveryKeysRoot } from '../protocol/messages.js';
import type { FinalizedRecord } from './fencing.js';

/**
 * How one recovery attempt ended: the KEK, or why the companion must attest again: its
 * attestation is too old (`stale`), was dropped with a fork (`dropped`), or names fewer or
 * more keys than the finalized holders now are (`holders-changed`).
 */
export type RecoveryOutcome = Uint8Array | 'stale' | 'dropped' | 'holders-changed';

/** An account's confirmed epoch as a finalized block records it. */
export interface FinalizedConfirmation {
  /** 0 when no epoch was ever confirmed. */
  epoch: number;
  /** The block that confirmed it. */
  confirmedAt: number;
  /** How many holders it has. */
  holders: number;
}

/** What recovery reads from the chain, all of it about the recovering account. */
export interface HolderRecoveryChain {
  /** The finalized head's hash. */
  finalizedHead(): Promise<string>;
  /**
   * Resolves with the hash of the first finalized head above `after` the node announces,
   * or undefined after `maxMs` (see `nextFinalizedHead`). Never rejects.
   */
  nextFinalizedHead(after: number, maxMs: number): Promise<string | undefined>;
  /** The attestation record at finalized block `hash`, with that block's number. */
  recordAt(hash: string): Promise<FinalizedRecord>;
  /** The attestation record at the best block, if there is one. */
  bestRecord(): Promise<
    { incarnation: number; recoveryKeysRoot: Uint8Array; attestedAt: number } | undefined
  >;
  /** The confirmation at finalized block `hash`; undefined without an assignment. */
  confirmationAt(hash: string): Promise<FinalizedConfirmation | undefined>;
  /** Which holders of the confirmed epoch still have their share (see `holderHealth`). */
  holderHealth(): Promise<HolderHealth>;
  /** Whom to ask, read at finalized block `hash` (see `readHolderPlan`). */
  holderPlan(hash: string): Promise<HolderPlan>;
}

/** One restart's attestation and keys, as recovery needs them. */
export interface RecoveryAttempt {
  /** The incarnation the chain recorded for this restart. */
  incarnation: number;
  /** One per confirmed holder, in holder order (the private halves stay here). */
  recoveryKeys: HpkeKeyPair[];
  /** The escrow key when the network has an escrow committee (the cold path). */
  escrowKey?: HpkeKeyPair;
  /** Signs the requests. */
  restartKey: KeyringPair;
  /** The block the attestation is in, as the node saw it. */
  attestedIn: number;
}

/**
 * A round of release requests sent while the restart attestation is still on its way to
 * finality (see {@link askEarly}). Holders check the signature, hold the request until
 * their own finalized view records the attestation, and answer then, so a share leaves
 * its holder the moment the holder sees the attestation final instead of after the owner
 * has seen it and sent its requests. Nothing the round brings in is used, and no holder it
 * finds misbehaving is reported, before the owner's own finalized view records its
 * attestation under the plan the round asked (see {@link recoverFromHolders}).
 */
export interface EarlyRound {
  /** The incarnation it asked for. */
  incarnation: number;
  /** Whom it asked, read at a finalized block before the attestation was sent. */
  plan: Promise<HolderPlan | undefined>;
  /** The KEK once t verified shares were in; undefined when the round fell short. */
  outcome: Promise<Uint8Array | undefined>;
  /** Verified shares it received (key `epoch/provider`), handed on to later rounds. */
  received: Map<string, Uint8Array>;
  /** Holders it found misbehaving, to report only once the attestation is final. */
  misbehaviours: { provider: string; reason: string; report?: BadShareReport }[];
  /** Holders it asked that gave no verified share, logged when its KEK is used. */
  unanswered: { provider: string; reason: string }[];
}

/**
 * Starts an {@link EarlyRound}: asks the holders of `plan` for the shares of `attempt`'s
 * incarnation right away, before the attestation is final (call it once the transaction is
 * in the pool). A plan that resolves to undefined, or that names another number of holders
 * than the attempt has keys, asks nobody. Never rejects.
 */
export function askEarly(
  askHolders: HolderRecoveryDeps['askHolders'],
  account: string,
  attempt: Omit<RecoveryAttempt, 'attestedIn'>,
  plan: Promise<HolderPlan | undefined>,
): EarlyRound {
  const round: Omit<EarlyRound, 'outcome'> = {
    incarnation: attempt.incarnation,
    plan,
    received: new Map(),
    misbehaviours: [],
    unanswered: [],
  };
  const outcome = (async () => {
    const asked = await plan;
    if (!asked || asked.holders.length !== attempt.recoveryKeys.length) return undefined;
    return await askHolders({
      plan: asked,
      owner: account,
      incarnation: attempt.incarnation,
      recoveryKeys: attempt.recoveryKeys,
      rootExtra: attempt.escrowKey ? [escrowKeyEntry(attempt.escrowKey.publicKey)] : undefined,
      restartKey: attempt.restartKey,
      received: round.received,
      onUnanswered: (failures) => round.unanswered.push(...failures),
      onMisbehaviour: (provider, reason, report) =>
        round.misbehaviours.push({ provider, reason, report }),
    });
  })().catch(() => undefined);
  return { ...round, outcome };
}

/** Zeroises the shares `round` received and the revealed-key copies it held back. */
function dropEarlyShares(round: EarlyRound): void {
  for (const share of round.received.values()) zeroize(share);
  round.received.clear();
  for (const { report } of round.misbehaviours.splice(0)) if (report) zeroize(report.revealedKey);
}

/**
 * Drops what `round` brought in, once it has settled: its KEK, its shares and the
 * revealed-key copies of the reports it held back. Never rejects.
 */
export async function discardEarlyRound(round: EarlyRound): Promise<void> {
  const kek = await round.outcome;
  if (kek) zeroize(kek);
  dropEarlyShares(round);
}

/** What recovery does, injected. */
export interface HolderRecoveryDeps {
  chain: HolderRecoveryChain;
  /** Asks the holders of `p.plan` and combines t verified shares (see `recoverKek`). */
  askHolders(p: RecoverKekParameters & { plan: HolderPlan }): Promise<Uint8Array>;
  /** The cold path through the escrow committee (see `coldRecoverKek`). */
  recoverCold(
    attempt: RecoveryAttempt & { escrowKey: HpkeKeyPair },
  ): Promise<Uint8Array | 'start-over'>;
  /**
   * Puts the proof of a bad share on chain, in the background; the callee zeroises
   * `report.revealedKey` when done.
   */
  reportBadShare(report: BadShareReport): void;
  logger: Logger;
  /** The owner's TSS account. */
  account: string;
  /** How long to wait for finality to move before looking again (capped at 1 s). */
  pollMs: number;
  /** Blocks after its attestation that holders still release to it. */
  releaseWindow: number;
  /** Milliseconds to wait before retry `attempt`. */
  backoff(attempt: number): number;
  sleep(ms: number): Promise<void>;
}

/**
 * What a restart's quote binds the root of: one recovery key per confirmed holder, then,
 * with an escrow committee, the escrow key's tagged entry.
 */
export function rootEntries(
  recoveryKeys: HpkeKeyPair[],
  escrowKey: HpkeKeyPair | undefined,
): Uint8Array[] {
  const entries = recoveryKeys.map((k) => k.publicKey);
  if (escrowKey) entries.push(escrowKeyEntry(escrowKey.publicKey));
  return entries;
}

/**
 * Asks the confirmed holders for their shares until t answer, logging which failed and
 * why on every round; nothing local is touched meanwhile. With `early` (an
 * {@link EarlyRound} sent while the attestation was on its way), holders were asked
 * before finality and answer as soon as they see it final; its shares are used, and the
 * misbehaviour it saw reported, only once this companion's own finalized view records the
 * attestation under the confirmation the round asked, and are dropped otherwise. Without
 * it, or when it fell short, holders are asked once a finalized block records this
 * attestation, whom to ask being read while waiting for it. Returns the KEK;
 * `'stale'` once the attestation is older than the release window (providers would refuse
 * it: the caller attests a new incarnation); `'dropped'` once a finalized block at or past
 * `attestedIn` does not record the incarnation, nor does the best block (its block was on
 * a fork the network dropped: the caller attests it again); `'holders-changed'` when the
 * finalized holders are no longer as many as the keys the attestation bound. Holders found
 * to release a bad share are reported once each and, once reported, never asked again.
 * Received shares are zeroised before it returns.
 * @throws FencedError when a finalized block records a newer incarnation, or another
 *   instance's attestation of this one
 * @throws KekUnrecoverableError when the chain shows fewer than t holders with their share
 *   and there is no cold path: waiting cannot help then
 */
export async function recoverFromHolders(
  deps: HolderRecoveryDeps,
  attempt: RecoveryAttempt,
  early?: EarlyRound,
): Promise<RecoveryOutcome> {
  const received = new Map<string, Uint8Array>();
  // `pending.early` is cleared once the round is used (see askUntilDone).
  const pending = { early: early?.incarnation === attempt.incarnation ? early : undefined };
  if (early && !pending.early) void discardEarlyRound(early);
  try {
    return await askUntilDone(deps, attempt, received, pending);
  } finally {
    for (const share of received.values()) zeroize(share);
    // Not used (fenced, dropped, stale, holders changed): dropped once it has settled.
    if (pending.early) void discardEarlyRound(pending.early);
  }
}

async function askUntilDone(
  deps: HolderRecoveryDeps,
  attempt: RecoveryAttempt,
  received: Map<string, Uint8Array>,
  pending: { early: EarlyRound | undefined },
): Promise<RecoveryOutcome> {
  const { chain, logger } = deps;
  const { incarnation, recoveryKeys, escrowKey } = attempt;
  let attestedIn = attempt.attestedIn;
  const root = recoveryKeysRoot(rootEntries(recoveryKeys, escrowKey));
  // Holders already judged: named for a bad share (logged once each) and reported on
  // chain (their recovery key is public now: never asked again).
  const named = new Set<string>();
  const reported = new Set<string>();
  const onMisbehaviour = (provider: string, reason: string, report?: BadShareReport) => {
    if (named.has(provider)) {
      if (report) zeroize(report.revealedKey);
      return;
    }
    named.add(provider);
    logger.error(
      { code: 'BAD_SHARE', provider, incarnation, reason, provable: report !== undefined },
      'a holder released a share that does not match its commitment on chain; recovering from the others',
    );
    if (report) {
      // Its key is about to be public: nothing sealed to it may be used again.
      reported.add(provider);
      deps.reportBadShare(report);
    }
  };
  const logUnanswered = (failures: { provider: string; reason: string }[]) =>
    logger.warn({ incarnation, failures }, 'KEK recovered; these holders gave no verified share');
  // Rounds that asked the holders and failed (waiting for finality is not one).
  let failures = 0;
  // The finalized head the last wait saw move (read at directly), and whom to ask, read
  // while waiting so that asking starts the moment the attestation is final.
  let finalHash: string | undefined;
  let plan: HolderPlan | undefined = pending.early ? await pending.early.plan : undefined;
  // The confirmation the shares in `received` were asked for.
  let askedFor: string | undefined;
  for (;;) {
    // The chain's view, read afresh each round; a node that is restarting or unreachable
    // only delays the round.
    let health: HolderHealth;
    let final: FinalizedRecord;
    let best: Awaited<ReturnType<HolderRecoveryChain['bestRecord']>>;
    let confirmation: FinalizedConfirmation | undefined;
    let hash: string;
    try {
      hash = finalHash ?? (await chain.finalizedHead());
      finalHash = undefined;
      // One round trip's worth of waiting: every read of the round at once, with whom to
      // ask when that is not known yet (a failed read of it is retried when it is needed).
      let read: HolderPlan | undefined;
      [health, final, best, confirmation, read] = await Promise.all([
        chain.holderHealth(),
        chain.recordAt(hash),
        chain.bestRecord(),
        chain.confirmationAt(hash),
        plan ? Promise.resolve(plan) : chain.holderPlan(hash).catch(() => undefined),
      ]);
      plan = read;
    } catch (error) {
      logger.warn({ reason: describe(error) }, 'chain not readable; recovery waits for it');
      await deps.sleep(Math.min(deps.pollMs * 4, 2000));
      continue;
    }
    const planAtHash = hash;
    // Kept across rounds while the finalized confirmation stays the one it was read for.
    const currentPlan = async () =>
      plan && confirmation && planMatches(plan, confirmation)
        ? plan
        : await chain.holderPlan(planAtHash);
    // Only chain evidence ends the wait: holders that restarted after the confirmation
    // lost their share for good. Unreachable holders may come back, so we keep asking.
    // With an escrow key (a committee exists), that is when the cold path starts, once
    // the attestation is final.
    const cold = health.intact < health.threshold;
    if (cold && !escrowKey) {
      const error = new KekUnrecoverableError(health.threshold, health.intact, health.lost);
      logger.error({ code: error.code, lost: health.lost }, `${error.message}: ${error.details}`);
      throw error;
    }
    // A newer incarnation, or another instance's attestation of ours, is final.
    if (
      final.incarnation > incarnation ||
      (final.incarnation === incarnation && !u8aEq(final.recoveryKeysRoot, root))
    )
      throw new FencedError(incarnation, final.incarnation);
    if (final.incarnation < incarnation) {
      // Not final yet: holders would refuse, so nobody is asked (and no key can be
      // revealed in a report for an attestation that a fork may still drop).
      // The node put it back in a later block after a reorg: wait for that one.
      if (best && best.incarnation === incarnation && u8aEq(best.recoveryKeysRoot, root))
        attestedIn = best.attestedAt;
      // Finality reached its height without it, and the best chain lacks it too: its
      // block was on a fork the network dropped.
      else if (final.block >= attestedIn) return 'dropped';
      // Holders answer from the moment it is final: look again as soon as finality moves.
      finalHash = await chain.nextFinalizedHead(final.block, Math.min(deps.pollMs, 1000));
      continue;
    }
    // Ours is final from here on.
    // The attestation binds one key per confirmed holder; if the finalized holders are no
    // longer as many, no holder matches its key.
    const holdersNow = confirmation && confirmation.epoch > 0 ? confirmation.holders : 0;
    if (holdersNow !== recoveryKeys.length) {
      logger.warn(
        { keys: recoveryKeys.length, holders: holdersNow },
        'the confirmed holders changed since the restart attestation; attesting again',
      );
      return 'holders-changed';
    }
    if (cold && escrowKey) {
      // A request that expired or that the chain would not take starts over with a new
      // attestation, like a stale one.
      const recovered = await deps.recoverCold({ ...attempt, attestedIn, escrowKey });
      return recovered === 'start-over' ? 'stale' : recovered;
    }
    if (final.block - final.attestedAt >= deps.releaseWindow) return 'stale';
    const early = pending.early;
    if (early) {
      // Final in our own view: what the early round brought in may be used now, if it
      // asked the holders of the confirmation in force. Whatever is not handed on is
      // zeroised, also when reporting or logging throws.
      pending.early = undefined;
      let kek = await early.outcome;
      try {
        const asked = await early.plan;
        if (asked && confirmation && planMatches(asked, confirmation)) {
          for (const m of early.misbehaviours.splice(0))
            onMisbehaviour(m.provider, m.reason, m.report);
          if (kek) {
            if (early.unanswered.length > 0) logUnanswered(early.unanswered);
            const recovered = kek;
            kek = undefined;
            return recovered;
          }
          // Fell short: its verified shares count, and the next round asks only the others.
          for (const [key, share] of early.received) received.set(key, share);
          early.received.clear();
          askedFor = `${asked.epoch}/${asked.confirmedAt}`;
          plan = asked;
        }
      } finally {
        if (kek) zeroize(kek);
        dropEarlyShares(early);
      }
    }
    try {
      plan = await currentPlan();
      // Shares are kept across rounds by epoch number: shares of another confirmation (a
      // later registration may confirm the same number) must never be combined with these.
      const confirmationKey = `${plan.epoch}/${plan.confirmedAt}`;
      if (askedFor !== undefined && askedFor !== confirmationKey) {
        for (const share of received.values()) zeroize(share);
        received.clear();
      }
      askedFor = confirmationKey;
      return await deps.askHolders({
        plan,
        owner: deps.account,
        incarnation,
        recoveryKeys,
        rootExtra: escrowKey ? [escrowKeyEntry(escrowKey.publicKey)] : undefined,
        restartKey: attempt.restartKey,
        received,
        skip: reported,
        onUnanswered: logUnanswered,
        onMisbehaviour,
      });
    } catch (error) {
      logger.warn(
        { attempt: failures, reason: describe(error) },
        'KEK not recovered yet; the store is untouched; retrying',
      );
      // Read whom to ask afresh next time (an endpoint may have changed).
      plan = undefined;
      await deps.sleep(deps.backoff(failures));
      failures += 1;
    }
  }
}

/**
 * {@link HolderRecoveryChain} of `account` over polkadot.js, reading finalized state at the
 * given block hash; `recordAt` is the fencing watch's own read.
 */
export function apiHolderRecoveryChain(
  api: ApiPromise,
  account: string,
  recordAt: (hash: string) => Promise<FinalizedRecord>,
): HolderRecoveryChain {
  return {
    finalizedHead: async () => (await api.rpc.chain.getFinalizedHead()).toHex(),
    nextFinalizedHead: (after, maxMs) => nextFinalizedHead(api, after, maxMs),
    recordAt,
    async bestRecord() {
      const best = await api.query.attestation.attestations(account);
      if (best.isNone) return undefined;
      const r = best.unwrap();
      return {
        incarnation: r.incarnation.toNumber(),
        recoveryKeysRoot: r.recoveryKeysRoot.toU8a(),
        attestedAt: r.attestedAt.toNumber(),
      };
    },
    async confirmationAt(hash) {
      const at = await api.at(hash);
      const state = await at.query.backups.assignments(account);
      if (state.isNone) return undefined;
      const a = state.unwrap();
      return {
        epoch: a.confirmedEpoch.toNumber(),
        confirmedAt: a.confirmedAt.toNumber(),
        holders: a.confirmedProviders.length,
      };
    },
    holderHealth: () => holderHealth(api, account),
    holderPlan: (hash) => readHolderPlan(api, account, hash),
  };
}
