/**
 * The owner's backup loop (flow 2, after the store is open): each round backs up a fresh
 * KEK when the chain opened an epoch or a rotation is due, promotes it only once a
 * finalized block shows its confirmation, and asks for a rotation when assigned providers
 * without a share answer again or the escrow committee changed. It reads the chain through
 * {@link BackupChain} and touches the store only through {@link KekSlots}, so it is tested
 * without a chain, a store or peers (backupLoop.test.ts); `CompanionNode` wires it to
 * polkadot.js.
 */
import { randomInt } from 'node:crypto';
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Option } from '@polkadot/types';
import type { PalletCustosBackupsBackupState } from '@polkadot/types/lookup';
import { randomAsU8a } from '@polkadot/util-crypto';
import type { Logger } from 'pino';
import { zeroize } from '../crypto/aead.js';
import { crashPoint } from '../faults/crashPoints.js';
import { backUpKek } from '../owner/backUpKek.js';
import { escrowDepositOutdated } from '../owner/coldRecovery.js';
import { reachableMissingHolders } from '../owner/missingHolders.js';
import { providerEndpoint } from '../owner/providers.js';

/**
 * Blocks between two checks for assigned providers that hold no share (see
 * {@link BackupLoop}): bounds the rotations a provider that keeps failing can cause.
 */
export const TOP_UP_EVERY_BLOCKS = 10;

/**
 * After a committee change, each owner waits a random number of blocks below this before
 * it rotates to escrow with the new committee, so that a whole network's deposits and
 * confirmations do not land in the same few blocks.
 */
export const ESCROW_ROTATION_SPREAD_BLOCKS = 20;

/** An owner's backup assignment, as the loop reads it. */
export interface Assignment {
  /** The open epoch (equal to `confirmedEpoch` when none is pending). */
  epoch: number;
  /** 0 when no epoch was ever confirmed. */
  confirmedEpoch: number;
  threshold: number;
  /** Assigned to the open epoch. */
  providers: string[];
  /** Holders of the confirmed epoch. */
  confirmedProviders: string[];
}

/** What the loop reads from the chain, all of it about the owner. */
export interface BackupChain {
  /** The owner's assignment at the best block, if it has one. */
  assignment(): Promise<Assignment | undefined>;
  /** The epoch a finalized block shows confirmed (0 if none), or undefined without one. */
  finalizedConfirmedEpoch(): Promise<number | undefined>;
  /** The best block's number. */
  head(): Promise<number>;
  /**
   * When `confirmedEpoch` is escrowed with another committee than the one in force: what
   * to log about it (see `escrowDepositOutdated`); undefined otherwise.
   */
  escrowOutdated(confirmedEpoch: number): Promise<Record<string, unknown> | undefined>;
  /** Which of `providers` hold no share (are not in `holders`) and answer a health check. */
  reachableMissing(providers: string[], holders: string[]): Promise<string[]>;
  /**
   * Shares `kek` with the assigned providers (and the escrow committee), and confirms the
   * epoch on chain (see `backUpKek`); `sent` and `escrowed` are kept across retries of the
   * same KEK.
   */
  backUp(round: {
    kek: Uint8Array;
    sent: Map<string, Uint8Array[]>;
    escrowed: Set<string>;
    onAcknowledged: () => void;
    onEscrowed: () => void;
  }): Promise<{ epoch: number; holders: string[] }>;
}

/** The store's two KEK slots (see `SealedStore`). */
export interface KekSlots {
  /** The store opens with the current KEK or `kek` from now on. */
  stageKek(kek: Uint8Array): void;
  /** The staged KEK becomes the only one. */
  promoteStagedKek(): void;
}

/** Injected dependencies of a {@link BackupLoop}. */
export interface BackupLoopDeps {
  chain: BackupChain;
  store: KekSlots;
  logger: Logger;
  /** Resolves once bad-share reports in flight are settled (they name the confirmed epoch). */
  settleReports(): Promise<void>;
  /** A uniform integer in [0, n) (default: `crypto.randomInt`). */
  random?: (n: number) => number;
  /** A fresh 32-byte KEK (default: random bytes). */
  freshKek?: () => Uint8Array;
}

/** What a round leaves the node in: backing up, ready, or as it was. */
export type BackupState = 'backing-up' | 'ready' | undefined;

/**
 * Keeps the owner's backup confirmed. A new KEK is staged in the store (which then opens
 * with the old or the new one), shared and confirmed, and promoted only once a finalized
 * block shows the confirmation, so the store is never left under a KEK no holder keeps. A
 * failed round keeps the staged KEK and the shares already sent for the next one (a
 * confirmation may have landed unseen). Not reentrant: the caller runs one round at a time.
 */
export class BackupLoop {
  #staged: Uint8Array | undefined;
  /** Shares of the staged KEK already offered, reused by retries (see `backUpKek`). */
  readonly #sent = new Map<string, Uint8Array[]>();
  /** (epoch, committee generation) the staged KEK is escrowed for; cleared with it. */
  readonly #escrowed = new Set<string>();
  /** The epoch the chain confirmed for the staged KEK, until a finalized block shows it. */
  #awaiting: { epoch: number; holders: number; kind: 'backup' | 'reshare' } | undefined;
  #rotationDue = false;
  /** Block from which to rotate to the escrow committee in force. */
  #escrowRotationAt: number | undefined;
  /** First block at which the next check for missing holders may run. */
  #nextTopUpBlock = 0;

  constructor(private readonly deps: BackupLoopDeps) {}

  /** Asks for a rotation at the next round (after a recovery, for instance). */
  requestRotation(): void {
    this.#rotationDue = true;
  }

  /** Whether a confirmed epoch still waits for a finalized block before promotion. */
  get awaitingFinality(): boolean {
    return this.#awaiting !== undefined;
  }

  /**
   * One round. `keyed()` says whether the store is open (nothing is backed up before, nor
   * after the node stopped): it is asked at each decision, not once, since a stop can
   * land while the round awaits the chain. `onBackingUp` is called before a backup starts.
   * Resolves to the state the round leaves the node in; throws what a backup or a chain
   * read threw (the staged KEK is kept, and a rotation is asked for when a backup failed).
   */
  async round(keyed: () => boolean, onBackingUp: () => void): Promise<BackupState> {
    if (this.#awaiting) {
      await this.#promoteOnceFinal();
      if (this.#awaiting) return undefined;
    }
    const a = await this.deps.chain.assignment();
    if (!a) return undefined;
    const pending = a.epoch > a.confirmedEpoch;
    const enough = a.providers.length >= a.threshold && a.providers.length > 0;
    if (!pending && !this.#rotationDue && keyed() && a.confirmedEpoch > 0) {
      await this.#topUpHolders(a.providers, a.confirmedProviders);
      await this.#followEscrowCommittee(a.confirmedEpoch);
    }
    let state: BackupState;
    if ((pending || this.#rotationDue) && enough && keyed()) {
      state = 'backing-up';
      onBackingUp();
      await this.#backUpFreshKek(pending && a.confirmedEpoch > 0 ? 'reshare' : 'backup');
    }
    if (!pending && !this.#rotationDue && a.confirmedEpoch > 0) state = 'ready';
    return state;
  }

  /** Zeroises the staged KEK and every share kept for retries. */
  forget(): void {
    zeroize(this.#staged);
    this.#staged = undefined;
    this.#forgetSentShares();
  }

  /**
   * After governance sets a new escrow committee, the confirmed epoch is still escrowed
   * with the old one (which the chain keeps only while deposits name it): asks for a
   * rotation, whose deposit is for the committee in force, at a random block of the next
   * {@link ESCROW_ROTATION_SPREAD_BLOCKS}.
   */
  async #followEscrowCommittee(confirmedEpoch: number): Promise<void> {
    if (this.#rotationDue) return;
    const outdated = await this.deps.chain.escrowOutdated(confirmedEpoch);
    if (!outdated) {
      this.#escrowRotationAt = undefined;
      return;
    }
    const head = await this.deps.chain.head();
    if (this.#escrowRotationAt === undefined) {
      this.#escrowRotationAt =
        head + (this.deps.random ?? randomInt)(ESCROW_ROTATION_SPREAD_BLOCKS);
      this.deps.logger.info(
        { epoch: confirmedEpoch, ...outdated, atBlock: this.#escrowRotationAt },
        'the confirmed epoch is escrowed with another committee than the one in force; rotating the KEK to escrow it with that one',
      );
    }
    if (head < this.#escrowRotationAt) return;
    this.#escrowRotationAt = undefined;
    this.#rotationDue = true;
  }

  /**
   * A confirmation needs only `t` acknowledgements, so an assigned provider that was down
   * or still starting holds no share. At most once every {@link TOP_UP_EVERY_BLOCKS}
   * blocks, if such a provider answers its health check now, asks for a rotation to the
   * same providers so that every one of them holds a share again.
   */
  async #topUpHolders(providers: string[], holders: string[]): Promise<void> {
    if (holders.length >= providers.length) return;
    const head = await this.deps.chain.head();
    if (head < this.#nextTopUpBlock) return;
    this.#nextTopUpBlock = head + TOP_UP_EVERY_BLOCKS;
    const back = await this.deps.chain.reachableMissing(providers, holders);
    if (back.length === 0) return;
    this.deps.logger.info(
      { holders: holders.length, providers: providers.length, answering: back },
      'assigned providers without a share answer again; rotating the KEK to include them',
    );
    this.#rotationDue = true;
  }

  async #backUpFreshKek(kind: 'backup' | 'reshare'): Promise<void> {
    if (!this.#staged) {
      const next = (this.deps.freshKek ?? (() => randomAsU8a(32)))();
      try {
        this.deps.store.stageKek(next);
      } catch (error) {
        zeroize(next);
        throw error;
      }
      this.#staged = next;
      crashPoint(`${kind}.kek-staged`);
    }
    // A report in flight names the confirmed epoch: confirming a newer one first would
    // make the chain refuse it.
    await this.deps.settleReports();
    let result: { epoch: number; holders: string[] };
    try {
      result = await this.deps.chain.backUp({
        kek: this.#staged,
        sent: this.#sent,
        escrowed: this.#escrowed,
        onAcknowledged: () => crashPoint(`${kind}.shares-acknowledged`),
        onEscrowed: () => crashPoint(`${kind}.escrow-deposited`),
      });
    } catch (error) {
      this.#rotationDue = true;
      throw error;
    }
    this.#awaiting = { epoch: result.epoch, holders: result.holders.length, kind };
    crashPoint(`${kind}.epoch-confirmed`);
    await this.#promoteOnceFinal();
  }

  /**
   * Promotes the staged KEK once a finalized block shows the epoch confirmed under it: a
   * confirmation dropped with its fork would otherwise leave the store under a KEK no
   * holder keeps. Until then the store opens with both KEKs, no new round starts, and each
   * round checks again (immediate on Chopsticks, where every block is final). If the best
   * chain no longer shows the confirmation, it was dropped: the staged KEK is shared again.
   */
  async #promoteOnceFinal(): Promise<void> {
    const awaited = this.#awaiting;
    if (!awaited) return;
    const final = await this.deps.chain.finalizedConfirmedEpoch();
    if (final === undefined || final < awaited.epoch) {
      const best = await this.deps.chain.assignment();
      if (!best || best.confirmedEpoch < awaited.epoch) {
        this.#awaiting = undefined;
        this.#rotationDue = true;
        this.deps.logger.warn(
          { epoch: awaited.epoch },
          'backup confirmation dropped before finality; sharing the staged KEK again',
        );
      }
      return;
    }
    this.deps.store.promoteStagedKek();
    zeroize(this.#staged);
    this.#staged = undefined;
    this.#awaiting = undefined;
    this.#forgetSentShares();
    this.#rotationDue = false;
    crashPoint(`${awaited.kind}.kek-promoted`);
    this.deps.logger.info(
      { epoch: awaited.epoch, holders: awaited.holders, kind: awaited.kind },
      'backup epoch confirmed',
    );
  }

  #forgetSentShares(): void {
    for (const shares of this.#sent.values()) for (const held of shares) zeroize(held);
    this.#sent.clear();
    this.#escrowed.clear();
  }
}

/**
 * What {@link apiBackupChain} needs of the owner, read when a backup starts (the keys are
 * loaded after the loop is made).
 */
export interface BackupOwner {
  /** The owner's TSS key (signs offers and the confirmation). */
  tss(): KeyringPair;
  /** Its registered restart key (public), bound into escrow deposits. */
  restartKey(): Uint8Array;
  /**
   * The store version to anchor with the confirmation, read when the backup starts (after
   * the KEK is staged, which writes the store).
   */
  storeVersion(): number;
}

/** {@link BackupChain} over polkadot.js, for the owner `account`. */
export function apiBackupChain(api: ApiPromise, account: string, owner: BackupOwner): BackupChain {
  const unwrap = (state: Option<PalletCustosBackupsBackupState>): Assignment | undefined => {
    if (state.isNone) return undefined;
    const a = state.unwrap();
    return {
      epoch: a.epoch.toNumber(),
      confirmedEpoch: a.confirmedEpoch.toNumber(),
      threshold: a.threshold.toNumber(),
      providers: a.providers.map((p) => p.toString()),
      confirmedProviders: a.confirmedProviders.map((p) => p.toString()),
    };
  };
  return {
    assignment: async () => unwrap(await api.query.backups.assignments(account)),
    async finalizedConfirmedEpoch() {
      const at = await api.at(await api.rpc.chain.getFinalizedHead());
      return unwrap(await at.query.backups.assignments(account))?.confirmedEpoch;
    },
    head: async () => (await api.rpc.chain.getHeader()).number.toNumber(),
    escrowOutdated: (confirmedEpoch) => escrowDepositOutdated(api, account, confirmedEpoch),
    reachableMissing: (providers, holders) =>
      reachableMissingHolders(providers, holders, {
        endpointOf: async (provider) => (await providerEndpoint(api, provider))?.endpoint,
      }),
    backUp: (round) =>
      backUpKek(api, {
        owner: owner.tss(),
        restartKey: owner.restartKey(),
        storeVersion: BigInt(owner.storeVersion()),
        ...round,
      }),
  };
}
