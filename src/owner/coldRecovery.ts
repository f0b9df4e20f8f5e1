import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Logger } from 'pino';
import { DispatchFailedError, TransactionRejectedError } from '../chain/errors.js';
import { depositEscrow, registeredRestartKey, requestColdRecovery } from '../chain/escrow.js';
import type { HpkeKeyPair } from '../crypto/hpke.js';
import { EscrowError } from '../errors/escrow.js';
import {
  type ColdRecoveryImpossibleCode,
  ColdRecoveryImpossibleError,
  FencedError,
} from '../errors/service.js';
import { type DepositContext, makeEscrowDeposit, recoverKekFromEscrow } from '../escrow/shares.js';
import { crashPoint } from '../faults/crashPoints.js';

/** The escrow committee in force, as an owner needs it. */
export interface EscrowCommitteeView {
  generation: number;
  threshold: number;
  /** Members' x25519 keys, in share order. */
  sealingKeys: Uint8Array[];
}

/** The committee in force at `blockHash` (default: best), or undefined when none. */
export async function escrowCommittee(
  api: ApiPromise,
  blockHash?: string,
): Promise<EscrowCommitteeView | undefined> {
  const at = blockHash ? await api.at(blockHash) : api;
  const committee = await at.query.backups.committee();
  if (committee.isNone) return undefined;
  const c = committee.unwrap();
  return {
    generation: c.generation.toNumber(),
    threshold: c.threshold.toNumber(),
    sealingKeys: c.members.map((m) => m.sealingKey.toU8a()),
  };
}

/**
 * Whether a restart of `owner` should make an escrow key (so that the cold path can open
 * if its holders are gone): a committee is in force, or the deposit of its confirmed epoch
 * is still served by a committee governance replaced or cleared since. Reads the best
 * block.
 */
export async function coldPathAvailable(api: ApiPromise, owner: string): Promise<boolean> {
  if (await escrowCommittee(api)) return true;
  const state = await api.query.backups.assignments(owner);
  if (state.isNone) return false;
  const deposit = await api.query.backups.escrowDeposits(owner, state.unwrap().confirmedEpoch);
  if (deposit.isNone) return false;
  return (await api.query.backups.retiredCommittees(deposit.unwrap().generation)).isSome;
}

/**
 * Whether, at the finalized head, `owner`'s confirmed epoch is escrowed with another
 * committee than the one in force (governance set a new one since, or the first one):
 * the owner should rotate, so that its next deposit is for the committee in force and the
 * retired one can go. Undefined without a committee. Finalized state only, so a committee
 * change on a fork that is dropped causes no rotation.
 */
export async function escrowDepositOutdated(
  api: ApiPromise,
  owner: string,
  confirmedEpoch: number,
): Promise<{ deposited?: number; current: number } | undefined> {
  const finalized = (await api.rpc.chain.getFinalizedHead()).toHex();
  const committee = await escrowCommittee(api, finalized);
  if (!committee || confirmedEpoch === 0) return undefined;
  const at = await api.at(finalized);
  const deposit = await at.query.backups.escrowDeposits(owner, confirmedEpoch);
  const deposited = deposit.isSome ? deposit.unwrap().generation.toNumber() : undefined;
  return deposited === committee.generation
    ? undefined
    : { deposited, current: committee.generation };
}

/**
 * With an escrow committee on chain, escrows `kek` for `owner`'s `epoch` before the epoch
 * is confirmed (the chain refuses the confirmation otherwise). `done` remembers, for as
 * long as `kek` is the same, which (epoch, generation) this process already deposited, so
 * a retried round does not deposit again. Without a committee it does nothing. Returns
 * whether this call put a deposit in a block.
 */
export async function ensureEscrowDeposit(
  api: ApiPromise,
  p: {
    owner: KeyringPair;
    /**
     * The owner's registered restart key (public): the shares open only under it. Read
     * from the registry when not given.
     */
    restartKey?: Uint8Array;
    kek: Uint8Array;
    epoch: number;
    done?: Set<string>;
  },
): Promise<boolean> {
  const committee = await escrowCommittee(api);
  if (!committee) return false;
  const key = `${p.epoch}/${committee.generation}`;
  if (p.done?.has(key)) return false;
  const restartKey = p.restartKey ?? (await registeredRestartKey(api, p.owner.address));
  if (!restartKey)
    throw new EscrowError(
      'NOT_REGISTERED',
      `owner ${p.owner.address} has no registered restart key`,
    );
  const context: DepositContext = {
    genesisHash: api.genesisHash.toU8a(),
    owner: p.owner.address,
    restartKey,
    epoch: p.epoch,
    generation: committee.generation,
  };
  // A replacement (this epoch escrowed before under another KEK, say before a crash) must
  // carry a higher sequence than the deposit on chain.
  const existing = await api.query.backups.escrowDeposits(p.owner.address, p.epoch);
  const sequence = existing.isSome ? existing.unwrap().sequence.toNumber() + 1 : 0;
  const deposit = await makeEscrowDeposit(p.kek, context, committee, sequence);
  await depositEscrow(api, { owner: p.owner, epoch: p.epoch, deposit });
  p.done?.add(key);
  return true;
}

/** Parameters of {@link coldRecoverKek}. */
export interface ColdRecoveryParameters {
  owner: string;
  /** The incarnation the chain finalized for this restart. */
  incarnation: number;
  restartKey: KeyringPair;
  /** This restart's holder recovery keys (public halves are revealed). */
  recoveryKeys: HpkeKeyPair[];
  /** This restart's escrow key: members seal to it. */
  escrowKey: HpkeKeyPair;
  logger: Logger;
  pollMs: number;
}

/** What the chain's finalized state says a waiting cold recovery should do next. */
export type ColdVerdict =
  /** Nothing to do yet (request not final, not approved, releases still coming). */
  | { kind: 'wait'; reason: string }
  /** `t_e` releases are in that have not been found bad: open and combine them. */
  | { kind: 'combine' }
  /** The request outlived `ColdRequestLifetime` without enough releases: attest again. */
  | { kind: 'expired' }
  /** It can never succeed: stop with the store untouched. */
  | { kind: 'impossible'; code: ColdRecoveryImpossibleCode; reason: string };

/** The finalized facts {@link coldVerdict} decides from. */
export interface ColdState {
  /** The incarnation this restart attested. */
  incarnation: number;
  /** The finalized block's number. */
  finalizedBlock: number;
  /** The runtime's `ColdRequestLifetime`, in blocks. */
  lifetime: number;
  /**
   * The committee that serves the deposit: the one of the deposit's generation, current or
   * retired (the chain keeps a replaced or cleared committee while deposits name it); the
   * one in force when there is no deposit; undefined when the chain keeps neither.
   */
  committee?: { generation: number; members: number; threshold: number };
  request?: { incarnation: number; requestedAt: number };
  /** The deposit of the request's epoch. */
  deposit?: { generation: number };
  /** Members that released to this incarnation. */
  released: number;
  /** Of those, members whose release did not open or match its commitment. */
  bad: number[];
}

/**
 * Decides, from finalized state alone, whether a waiting cold recovery combines, waits,
 * starts over with a new attestation (its request expired) or can never succeed (no
 * deposit, or no committee that serves it, or more than `m − t_e` members released bad
 * shares). A committee governance replaced or cleared after the deposit still serves it.
 * Releases already recorded are combined even after the request expired: they are on
 * chain and still open with this restart's escrow key.
 */
export function coldVerdict(s: ColdState): ColdVerdict {
  // Until the request is final nothing else is read for it (finality lags the block that
  // took it, and the deposit is read through the request).
  if (!s.request || s.request.incarnation !== s.incarnation)
    return { kind: 'wait', reason: 'the cold request is not final yet' };
  if (!s.deposit)
    return s.committee
      ? {
          kind: 'impossible',
          code: 'ESCROW_DEPOSIT_VOID',
          reason: 'no escrow deposit for the confirmed epoch',
        }
      : {
          kind: 'impossible',
          code: 'ESCROW_COMMITTEE_CLEARED',
          reason: 'the network has no escrow committee and no deposit of this owner',
        };
  if (!s.committee || s.committee.generation !== s.deposit.generation)
    return {
      kind: 'impossible',
      code: 'ESCROW_DEPOSIT_VOID',
      reason: `the chain no longer keeps committee ${s.deposit.generation}, which the deposit was made for`,
    };
  if (s.committee.members - s.bad.length < s.committee.threshold)
    return {
      kind: 'impossible',
      code: 'ESCROW_SHARES_BAD',
      reason: `members ${s.bad.join(', ')} released shares that do not match their commitments; fewer than ${s.committee.threshold} of ${s.committee.members} can still release good ones`,
    };
  if (s.released - s.bad.length >= s.committee.threshold) return { kind: 'combine' };
  if (s.finalizedBlock - s.request.requestedAt > s.lifetime) return { kind: 'expired' };
  return { kind: 'wait', reason: 'waiting for approval and releases' };
}

/**
 * The cold path (docs/backups.md): asks for cold recovery on chain (fee-free, signed by
 * the restart key, revealing the recovery public keys the quote bound), then waits, in
 * finalized state, for governance's approval and the members' releases, and combines
 * `t_e` releases that open with the escrow key and match the deposit's commitments. Logs
 * once, with code `COLD_RECOVERY_PENDING` and the request id, that governance must approve.
 * Resolves to the KEK, or `'start-over'` when this attestation cannot get there: its request
 * outlived `ColdRequestLifetime` without enough releases, or the chain refused to take one
 * (`AttestationTooOld`, `HoldersIntact`); the caller attests a new incarnation. A request
 * the chain has not taken yet (a node down, a full pool, a dropped fork) is sent again.
 * Throws `FencedError` when a newer incarnation is final, and
 * {@link ColdRecoveryImpossibleError} when waiting cannot help (see {@link coldVerdict});
 * never combines an unverified share.
 */
export async function coldRecoverKek(
  api: ApiPromise,
  p: ColdRecoveryParameters,
): Promise<Uint8Array | 'start-over'> {
  const escrowKey = p.escrowKey;
  const requestId = `${p.owner}/${p.incarnation}`;
  /** The error that ends the cold path when waiting cannot help, logged once here. */
  const impossible = (code: ColdRecoveryImpossibleCode, reason: string) => {
    const error = new ColdRecoveryImpossibleError(code, reason);
    p.logger.error({ code: error.code, request: requestId }, `${error.message}: ${error.details}`);
    return error;
  };
  /**
   * Gets the request into the chain (best block) unless it is there: `'sent'`, or
   * `'start-over'` when the chain says this attestation cannot ask (too old, or its
   * holders are intact after all). Throws {@link ColdRecoveryImpossibleError} when no
   * request can succeed; other refusals and failures are retried by the caller.
   */
  const ensureRequested = async (): Promise<'sent' | 'start-over' | 'retry'> => {
    const best = await api.query.backups.coldRequests(p.owner);
    if (best.isSome && best.unwrap().incarnation.toNumber() >= p.incarnation) return 'sent';
    try {
      await requestColdRecovery(api, {
        owner: p.owner,
        restartKey: p.restartKey,
        incarnation: p.incarnation,
        recoveryKeys: p.recoveryKeys.map((k) => k.publicKey),
        escrowKey: escrowKey.publicKey,
      });
      return 'sent';
    } catch (error) {
      const pallet =
        error instanceof TransactionRejectedError || error instanceof DispatchFailedError
          ? error.palletError
          : undefined;
      switch (pallet) {
        case 'backups.ColdRequestExists':
          return 'sent';
        case 'backups.NoEscrowCommittee':
          throw impossible(
            'ESCROW_COMMITTEE_CLEARED',
            'the network has no escrow committee and no deposit of this owner',
          );
        case 'backups.NoEscrowDeposit':
          throw impossible(
            'ESCROW_DEPOSIT_VOID',
            `the chain refused the cold request (${pallet}): the confirmed epoch has no deposit a kept committee serves`,
          );
        case 'backups.AttestationTooOld':
        case 'backups.HoldersIntact':
          p.logger.warn(
            { request: requestId, refusal: pallet },
            'the chain refused the cold request for this attestation; attesting again',
          );
          return 'start-over';
        default:
          p.logger.warn(
            { request: requestId, reason: error instanceof Error ? error.message : String(error) },
            'cold request not accepted yet; retrying',
          );
          return 'retry';
      }
    }
  };
  const lifetime = api.consts.backups.coldRequestLifetime.toNumber();
  const sleep = () => new Promise((resolve) => setTimeout(resolve, p.pollMs));
  let requested = false;
  let announced = false;
  let bad: number[] = [];
  let lastWait = '';
  for (;;) {
    try {
      if (!requested) {
        const step = await ensureRequested();
        if (step === 'start-over') return 'start-over';
        if (step === 'retry') {
          await sleep();
          continue;
        }
        requested = true;
        if (!announced) {
          announced = true;
          crashPoint('cold.requested');
          p.logger.error(
            { code: 'COLD_RECOVERY_PENDING', request: requestId },
            'fewer than t holders still have their share: waiting for cold recovery; governance must approve the request (backups.approve_cold_recovery) and the escrow members release',
          );
        }
      }
      const seen = await finalizedColdState(api, p.owner, p.incarnation);
      if (seen.finalIncarnation > p.incarnation)
        throw new FencedError(p.incarnation, seen.finalIncarnation);
      const verdict = coldVerdict({ ...seen.state, lifetime, bad });
      if (verdict.kind === 'impossible') throw impossible(verdict.code, verdict.reason);
      if (verdict.kind === 'expired') {
        p.logger.warn(
          { request: requestId, lifetime },
          'cold request expired without enough releases; attesting again to request anew',
        );
        return 'start-over';
      }
      if (verdict.kind === 'combine' && seen.combine) {
        try {
          const recovered = await recoverKekFromEscrow(
            seen.releases,
            escrowKey.privateKey,
            seen.combine.deposit,
            { ...seen.combine.context, restartKey: p.restartKey.publicKey },
            p.incarnation,
          );
          if (recovered.bad.length > 0)
            p.logger.error(
              { code: 'BAD_ESCROW_SHARE', members: recovered.bad, request: requestId },
              'escrow members released shares that do not match their commitments; recovered from the others',
            );
          return recovered.kek;
        } catch (error) {
          if (!(error instanceof EscrowError)) throw error;
          // Each member releases once per incarnation: a bad release stays bad.
          bad = error.badMembers;
          p.logger.error(
            { code: 'BAD_ESCROW_SHARE', members: bad, request: requestId },
            'escrow members released shares that do not match their commitments; waiting for others',
          );
          continue;
        }
      }
      if (verdict.kind === 'wait' && verdict.reason !== lastWait) {
        lastWait = verdict.reason;
        p.logger.info({ request: requestId }, `cold recovery: ${verdict.reason}`);
      }
      // Not final yet: check again that the best chain has it (a fork may have dropped it).
      if (!seen.state.request || seen.state.request.incarnation < p.incarnation) requested = false;
    } catch (error) {
      if (error instanceof FencedError || error instanceof ColdRecoveryImpossibleError) throw error;
      // A node restarting under the companion only delays the cold path.
      p.logger.warn(
        { request: requestId, reason: error instanceof Error ? error.message : String(error) },
        'chain not readable; the cold path waits for it',
      );
    }
    await sleep();
  }
}

/** What {@link finalizedColdState} read at the finalized head. */
interface FinalizedColdState {
  /** The owner's incarnation in the finalized attestation record (0 when none). */
  finalIncarnation: number;
  /** The facts {@link coldVerdict} takes, but `lifetime` and `bad`. */
  state: Omit<ColdState, 'lifetime' | 'bad'>;
  /** Releases to this incarnation, by member. */
  releases: { memberIndex: number; sealed: Uint8Array }[];
  /** What combining needs, when the request, committee and deposit are all there. */
  combine?: {
    deposit: { commitments: Uint8Array[]; threshold: number };
    context: Omit<DepositContext, 'restartKey'>;
  };
}

/** Reads `owner`'s cold recovery of `incarnation` at the finalized head. */
async function finalizedColdState(
  api: ApiPromise,
  owner: string,
  incarnation: number,
): Promise<FinalizedColdState> {
  const finalized = await api.rpc.chain.getFinalizedHead();
  const [header, at] = await Promise.all([api.rpc.chain.getHeader(finalized), api.at(finalized)]);
  const [record, request, current] = await Promise.all([
    at.query.attestation.attestations(owner),
    at.query.backups.coldRequests(owner),
    at.query.backups.committee(),
  ]);
  const r = request.isSome ? request.unwrap() : undefined;
  const deposit = r ? await at.query.backups.escrowDeposits(owner, r.epoch) : undefined;
  const d = deposit?.isSome ? deposit.unwrap() : undefined;
  // The deposit is served by its own generation's committee, current or retired.
  let c = current.isSome ? current.unwrap() : undefined;
  if (d && c?.generation.toNumber() !== d.generation.toNumber()) {
    const retired = await at.query.backups.retiredCommittees(d.generation);
    c = retired.isSome ? retired.unwrap() : undefined;
  }
  const releases: { memberIndex: number; sealed: Uint8Array }[] = [];
  if (c && r && r.incarnation.toNumber() === incarnation)
    for (let memberIndex = 0; memberIndex < c.members.length; memberIndex++) {
      const release = await at.query.backups.escrowReleases(owner, incarnation, memberIndex);
      if (release.isSome) releases.push({ memberIndex, sealed: release.unwrap().sealed.toU8a() });
    }
  return {
    finalIncarnation: record.isSome ? record.unwrap().incarnation.toNumber() : 0,
    state: {
      incarnation,
      finalizedBlock: header.number.toNumber(),
      committee: c && {
        generation: c.generation.toNumber(),
        members: c.members.length,
        threshold: c.threshold.toNumber(),
      },
      request: r && {
        incarnation: r.incarnation.toNumber(),
        requestedAt: r.requestedAt.toNumber(),
      },
      deposit: d && { generation: d.generation.toNumber() },
      released: releases.length,
    },
    releases,
    combine:
      r && c && d
        ? {
            deposit: {
              commitments: d.commitments.map((x) => x.toU8a()),
              threshold: c.threshold.toNumber(),
            },
            context: {
              genesisHash: api.genesisHash.toU8a(),
              owner,
              epoch: r.epoch.toNumber(),
              generation: d.generation.toNumber(),
            },
          }
        : undefined,
  };
}
