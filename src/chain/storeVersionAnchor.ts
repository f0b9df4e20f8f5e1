import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { anchorCheckpoint } from './anchorCheckpoint.js';
import { ChainError, TransactionRejectedError } from './errors.js';

/** Where {@link StoreVersionAnchor.anchor} found the version anchored. */
export interface AnchoredStoreVersion {
  /** The block that anchored the version, or the head whose state already held it. */
  blockHash: string;
  blockNumber: number;
  /** False when the chain held this or a newer version already and nothing was sent. */
  submitted: boolean;
}

/** Options of {@link StoreVersionAnchor}. */
export interface StoreVersionAnchorOptions {
  /** How many checkpoints one `anchor` call may send before it gives up (default 4). */
  attempts?: number;
  /** How long to wait for the rate limit's blocks before trying again anyway (default 60 s). */
  rateLimitWaitMs?: number;
}

/**
 * Keeps one owner's store version anchored on chain, for the local secret API's
 * checkpoint. Calls run one at a time, in order. A call succeeds once the chain's anchored
 * version (`confirmed_store_version`) is at least the one asked: a version that a
 * confirmation of the backup loop, or an earlier call, anchored already is not sent again.
 * Losing a race is not an error: a checkpoint that the pool drops, or refuses because
 * another transaction anchored the version first, is followed by a fresh read of the
 * chain; one refused for `MinCheckpointInterval` is sent again once that many blocks are
 * built. Any other refusal, or `attempts` refusals in a row, is thrown unchanged.
 *
 * @example
 * const anchor = new StoreVersionAnchor(api, identity.tss);
 * const { blockNumber } = await anchor.anchor(12n);
 */
export class StoreVersionAnchor {
  readonly #api: ApiPromise;
  readonly #owner: KeyringPair;
  readonly #attempts: number;
  readonly #rateLimitWaitMs: number;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(api: ApiPromise, owner: KeyringPair, options: StoreVersionAnchorOptions = {}) {
    this.#api = api;
    this.#owner = owner;
    this.#attempts = options.attempts ?? 4;
    this.#rateLimitWaitMs = options.rateLimitWaitMs ?? 60_000;
  }

  /** Resolves once the chain has `version` or a newer one anchored for the owner. */
  anchor(version: bigint): Promise<AnchoredStoreVersion> {
    const run = this.#tail.then(() => this.#anchorNow(version));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #anchorNow(version: bigint): Promise<AnchoredStoreVersion> {
    let lastError: unknown;
    let waitForInterval = false;
    for (let attempt = 0; attempt < this.#attempts; attempt++) {
      if (waitForInterval) await this.#waitForBlocks(this.#minCheckpointInterval());
      const held = await this.#heldAtHead(version);
      if (held) return held;
      try {
        const included = await anchorCheckpoint(this.#api, {
          owner: this.#owner,
          storeVersion: version,
        });
        return { ...included, submitted: true };
      } catch (error) {
        lastError = error;
        waitForInterval = rejectedFor(error, 'backups.RateLimited');
        const lostRace =
          rejectedFor(error, 'backups.StoreVersionNotIncreased') ||
          (error instanceof ChainError && error.code === 'TX_DROPPED');
        if (!waitForInterval && !lostRace) throw error;
      }
    }
    throw lastError;
  }

  /** The head, when its state has `version` or a newer one anchored for the owner. */
  async #heldAtHead(version: bigint): Promise<AnchoredStoreVersion | undefined> {
    const head = await this.#api.rpc.chain.getHeader();
    const state = await this.#api.query.backups.assignments.at(head.hash, this.#owner.address);
    if (state.isNone || state.unwrap().confirmedStoreVersion.toBigInt() < version) return;
    return { blockHash: head.hash.toHex(), blockNumber: head.number.toNumber(), submitted: false };
  }

  #minCheckpointInterval(): number {
    return this.#api.consts.backups.minCheckpointInterval.toNumber();
  }

  /** Resolves after `count` new blocks, or after `rateLimitWaitMs` without them. */
  async #waitForBlocks(count: number): Promise<void> {
    const start = (await this.#api.rpc.chain.getHeader()).number.toNumber();
    await new Promise<void>((resolve) => {
      let unsubscribe: (() => void) | undefined;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unsubscribe?.();
        resolve();
      };
      const timer = setTimeout(finish, this.#rateLimitWaitMs);
      void this.#api.rpc.chain
        .subscribeNewHeads((header) => {
          if (header.number.toNumber() >= start + count) finish();
        })
        .then((unsub) => {
          if (done) unsub();
          else unsubscribe = unsub;
        }, finish);
    });
  }
}

function rejectedFor(error: unknown, palletError: string): boolean {
  return error instanceof TransactionRejectedError && error.palletError === palletError;
}
